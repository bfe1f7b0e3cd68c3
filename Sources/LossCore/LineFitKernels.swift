#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The fast paths the line-fit losses attach to their descriptions (`lineFit:` in their files).
// r = w·x + b − y is the residual of the line; c = y − w·x is where a point sits on the b axis.

extension LineFitSpecialization {
  /// MSE: value and gradient in O(1) from centred sufficient statistics; least squares is the minimum.
  static let meanSquaredError = LineFitSpecialization(
    value: { f, w, b in f.stats.mse(w: w, b: b) },
    gradient: { f, w, b in f.stats.mseGradient(w: w, b: b) },
    column: { f, w, bs in bs.map { f.stats.mse(w: w, b: $0) } },
    surface: { f, ws, bs in f.stats.mseSurface(ws: ws, bs: bs) },
    columnsInParallel: false,
    minimum: { f in
      let (w, b) = f.stats.leastSquares
      return (w, b, f.stats.mse(w: w, b: b))
    })

  /// MAE: |r| weighs points above and below the line alike.
  static let meanAbsoluteError = absolute { _ in (above: 1, below: 1, quantile: 0.5) }

  /// The quantile loss: a point above the line (y > ŷ) costs τ per unit, one below 1 − τ; the best b for a
  /// fixed w is the τ-quantile of the points' c.
  static let quantile = absolute { c in (above: c.tau, below: 1 - c.tau, quantile: c.tau) }

  /// Weighted absolute residuals: `above`·(y − ŷ) for points above the line, `below`·(ŷ − y) for those
  /// below; the minimiser's b for fixed w is the `quantile` of c.
  private static func absolute(
    _ weights: @escaping @Sendable (LossConfig) -> (above: Double, below: Double, quantile: Double)
  ) -> LineFitSpecialization {
    LineFitSpecialization(
      value: { f, w, b in
        let (above, below, _) = weights(f.config)
        return f.absoluteSums(w: w, b: b, above: above, below: below).value
      },
      gradient: { f, w, b in
        let (above, below, _) = weights(f.config)
        return f.absoluteSums(w: w, b: b, above: above, below: below).gradient
      },
      valueAndGradient: { f, w, b in
        let (above, below, _) = weights(f.config)
        return f.absoluteSums(w: w, b: b, above: above, below: below)
      },
      column: { f, w, bs in
        let (above, below, _) = weights(f.config)
        return f.absoluteColumn(w: w, bs: bs, above: above, below: below)
      },
      manyPoints: { f, ws, bs, parallel in
        let (above, below, _) = weights(f.config)
        return f.stripAbsoluteSurface(
          ws: ws, bs: bs, above: above, below: below, parallel: parallel)
      },
      minimum: { f in
        let (above, below, q) = weights(f.config)
        // One buffer of c = y − w·x for every trial w: its q-quantile is the best b, and the loss there is
        // summed from the same buffer (in cache) instead of another pass over x and y.
        var search = QuantileSearch(f, q: q, above: above, below: below)
        let w = minimizeConvex(
          start: f.stats.leastSquares.w, step: f.stats.slopeScale,
          narrowed: { search.narrow($0, $1) }
        ) { search.profile(w: $0).loss }
        let b = search.profile(w: w).b
        return (w, b, f.value(w: w, b: b))
      })
  }

  /// Huber: per-point sums with δ·(|r| − δ/2) in the linear part, binned columns, and a minimum found by
  /// golden-section over w (best b by a 1-D root) polished by Newton steps.
  static let huber = LineFitSpecialization(
    value: { f, w, b in f.huberSums(w: w, b: b).value },
    gradient: { f, w, b in f.huberSums(w: w, b: b).gradient },
    valueAndGradient: { f, w, b in f.huberSums(w: w, b: b) },
    column: { f, w, bs in f.huberColumn(w: w, bs: bs) },
    manyPoints: { f, ws, bs, parallel in f.stripHuberSurface(ws: ws, bs: bs, parallel: parallel) },
    minimum: { f in
      if let (w, b) = f.huberNewtonMinimum() { return (w, b, f.value(w: w, b: b)) }
      // One buffer of c = y − w·x for every trial w (the best b and the loss there come from it).
      var c = [Double](repeating: 0, count: min(f.data.x.count, f.data.y.count))
      let w = minimizeConvex(start: f.stats.leastSquares.w) { w in
        f.huberProfile(w: w, buffer: &c).loss
      }
      let polished = f.newtonPolish(w: w, b: f.huberBestB(w: w))
      return (polished.w, polished.b, f.value(w: polished.w, b: polished.b))
    })
}

extension LineFitObjective {
  /// The mean loss and gradient from one pass over the points: `chunk` sums three numbers (loss, ∂/∂w, ∂/∂b
  /// summed over a run of points). Fixed runs of ``LineStatistics/chunk`` points are summed (on all cores when
  /// there are several) and added in order, so the result does not depend on the number of cores.
  func pointSums(
    parallel: Bool = true,
    _ chunk: @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> SIMD4<Double>
  ) -> (value: Double, gradient: (w: Double, b: Double)) {
    let count = min(data.x.count, data.y.count)
    let size = LineStatistics.chunk
    let chunks = (count + size - 1) / size
    var total = SIMD4<Double>()
    data.x.withUnsafeBufferPointer { px in
      data.y.withUnsafeBufferPointer { py in
        guard let x = px.baseAddress, let y = py.baseAddress else { return }
        if chunks <= 1 {
          total = chunk(x, y, count)
          return
        }
        var parts = [SIMD4<Double>](repeating: .zero, count: chunks)
        parts.withUnsafeMutableBufferPointer { out in
          nonisolated(unsafe) let (xs, ys, o) = (x, y, out.baseAddress!)
          Parallel.forEach(chunks, parallel: parallel) { k in
            let start = k * size
            o[k] = chunk(xs + start, ys + start, Swift.min(size, count - start))
          }
        }
        for part in parts { total += part }
      }
    }
    let n = stats.n
    return (total[0] / n, (total[1] / n, total[2] / n))
  }

  /// Weighted absolute residuals: value and gradient in one pass.
  func absoluteSums(w: Double, b: Double, above: Double, below: Double, parallel: Bool = true)
    -> (value: Double, gradient: (w: Double, b: Double))
  {
    pointSums(parallel: parallel) { x, y, count in
      // The weight g of a point (below where r > 0, −above where r < 0, 0 at r = 0) comes from vector
      // compares and masks, four points at a time: written as scalar selects, the compiler turned them
      // into two jumps that residuals of noisy data mispredict at random (a step on 10⁶ points took 10×
      // its memory pass). Four running sums per quantity (point i in lane i mod 4), so the additions do
      // not wait on each other either.
      let zero = SIMD4<Double>()
      let (vw, vb) = (SIMD4(repeating: w), SIMD4(repeating: b))
      let (up, down) = (SIMD4(repeating: below), SIMD4(repeating: above))
      var (s, gw, gb) = (zero, zero, zero)
      let whole = count & ~3
      for i in stride(from: 0, to: whole, by: 4) {
        let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Double>.self)
        let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)
        let r = vw * xv + vb - yv
        let g =
          zero.replacing(with: up, where: r .> zero) - zero.replacing(with: down, where: r .< zero)
        s += g * r
        gw += g * xv
        gb += g
      }
      for i in whole..<count {
        let r = w * x[i] + b - y[i]
        let g = r > 0 ? below : (r < 0 ? -above : 0)
        s[i & 3] += g * r
        gw[i & 3] += g * x[i]
        gb[i & 3] += g
      }
      return lanes(s, gw, gb)
    }
  }

  /// Huber: value and gradient (the residual clipped to ±δ) in one pass, four running sums per quantity as
  /// in ``absoluteSums(w:b:above:below:parallel:)``.
  func huberSums(w: Double, b: Double, parallel: Bool = true)
    -> (value: Double, gradient: (w: Double, b: Double))
  {
    let d = delta
    return pointSums(parallel: parallel) { x, y, count in
      let zero = SIMD4<Double>()
      let (vw, vb) = (SIMD4(repeating: w), SIMD4(repeating: b))
      let (vd, half) = (SIMD4(repeating: d), SIMD4(repeating: 0.5))
      var (s, gw, gb) = (zero, zero, zero)
      let whole = count & ~3
      for i in stride(from: 0, to: whole, by: 4) {
        let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Double>.self)
        let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)
        let r = vw * xv + vb - yv
        // g = clip(r, −δ, δ), and the value is g·(r − g/2): ½r² where |r| ≤ δ (r − r/2 is exact), δ·(|r| − δ/2)
        // beyond, the same bits as `huberValue` with no |r| and no select.
        let g = r.replacing(with: -vd, where: r .< -vd).replacing(with: vd, where: r .> vd)
        s += g * (r - half * g)
        gw += g * xv
        gb += g
      }
      for i in whole..<count {
        let r = w * x[i] + b - y[i]
        s[i & 3] += huberValue(r, delta: d)
        let g = clip(r, -d, d)
        gw[i & 3] += g * x[i]
        gb[i & 3] += g
      }
      return lanes(s, gw, gb)
    }
  }
}

/// The three quantities' four running sums added up, the same way every time: (lane 0 + lane 1) + (lane 2 +
/// lane 3).
@inline(__always)
private func lanes(_ s: SIMD4<Double>, _ gw: SIMD4<Double>, _ gb: SIMD4<Double>) -> SIMD4<Double> {
  func total(_ v: SIMD4<Double>) -> Double { (v[0] + v[1]) + (v[2] + v[3]) }
  return SIMD4(total(s), total(gw), total(gb), 0)
}

extension LineFitObjective {
  /// Bins for a column: a point sits in bin k when k of the thresholds b_j (extended past the rows at the same
  /// step) lie at or below its c, so prefix sums over the bins give, for every row, the points on each side. When
  /// the data's extent allows, the bins span every c the column can hold, so no point is clamped: the bin is one
  /// truncation, with no branch for noisy data to mispredict. Otherwise (far outliers) the bins span the rows
  /// (± `margin`) and the points beyond fall into the end bins. A point binned one off by rounding sits exactly
  /// at a threshold, where both formulas agree, so the sums stay exact.
  struct Binning {
    /// The first bin's threshold index (bin i counts `first + i` thresholds at or below c).
    let first: Int
    let count: Int
    let b0: Double
    let step: Double
    let inverse: Double
    let shift: Double
    /// 1 − first, as a Double: t + base ≥ 0 for every binned c, so truncation is floor.
    let base: Double
    /// Whether points beyond the bins are clamped into the end bins (the slower path).
    let clamped: Bool
    let top: Double

    /// Nil when the rows are not evenly increasing.
    init?(_ bs: [Double], w: Double, extent: LineExtent, margin: Double = 0, limit: Int) {
      let rows = bs.count
      step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
      guard step > 0, step.isFinite else { return nil }
      shift = 0.5 * (bs[0] + bs[rows - 1])
      inverse = 1 / step
      b0 = bs[0]
      // c = y − w·x over the data's box, widened by `margin` (Huber's δ) and two bins for rounding.
      let (wx0, wx1) = (w * extent.x.lowerBound, w * extent.x.upperBound)
      var low = ((extent.y.lowerBound - Swift.max(wx0, wx1)) - margin - b0) * inverse - 2
      var high = ((extent.y.upperBound - Swift.min(wx0, wx1)) + margin - b0) * inverse + 2
      clamped = !(low.isFinite && high.isFinite && high - low < Double(limit))
      if clamped {
        // The rows' thresholds, ± twice the margin, and two bins either side: points beyond are below or above
        // them all. Twice: Huber's read-off finds the points below b_j − δ at merged bin 2j + ⌈−2δ/step⌉, which
        // holds only while a point's count among the b + δ is not clamped where its count among the b − δ still
        // moves; with the bins reaching 2δ past the rows, every point a row's sums tell apart has both unclamped.
        low = -2 * margin * inverse - 2
        high = Double(rows - 1) + 2 * margin * inverse + 2
      }
      first = Int(low.rounded(.down))
      count = Int(high.rounded(.up)) - first + 1
      base = Double(1 - first)
      top = Double(count - 1)
    }

    /// The bin of t = (c − b0)/step, counted from `first`: floor(t) + 1 − first.
    ///
    /// Unclamped, u = t + base − ½ lies in [−½, 2⁵¹), and adding 1.5·2⁵² rounds it to the nearest integer, which
    /// lands in the low bits: floor(t + base) without a conversion and its range checks. Only where t + base is
    /// exactly an integer (c on a threshold, where either side gives the same sums) may it round the other way.
    /// Both steps rise with t, so the bins keep the order of the points' c.
    @inline(__always) func bin(_ t: Double) -> Int {
      guard clamped else {
        let rounded = ((t + halfBelowBase) + Self.magic).bitPattern
        return Int(truncatingIfNeeded: rounded &- Self.magicBits)
      }
      let u = t + base
      let low = u > 0 ? u : 0
      return Int(low < top ? low : top)
    }

    static let magic = 6_755_399_441_055_744.0  // 1.5·2⁵²
    static let magicBits = magic.bitPattern
    var halfBelowBase: Double { base - 0.5 }
  }

  /// The data's box, for ``Binning``: taken once per surface (`surface` stores it), or here.
  var dataExtent: LineExtent { extent ?? LineExtent(data) }

  /// The most bins a column spans before it clamps to the rows: a few per point or row, and at most 2¹⁶ (the
  /// histogram stays in cache and the prefix pass short).
  func binLimit(_ points: Int, _ rows: Int) -> Int {
    Swift.min(2 * (points + rows) + 1024, 1 << 16)
  }

  /// `above`·(c − b) for points with c ≥ b plus `below`·(b − c) for c < b, at every bs[j], by binning.
  func absoluteColumn(w: Double, bs: [Double], above: Double, below: Double) -> [Double] {
    let count = min(data.x.count, data.y.count)
    guard let binning = Binning(bs, w: w, extent: dataExtent, limit: binLimit(count, bs.count))
    else {
      return bs.map { value(w: w, b: $0) }
    }
    if !binning.clamped {
      let units = self.units.flatMap { $0.matches(bs) ? $0 : nil } ?? RowUnits(data, bs: bs)
      return absoluteColumn(
        w: w, bs: bs, units: units, binning: binning, above: above, below: below)
    }
    let rows = bs.count
    let n = stats.n
    let shift = binning.shift
    let bins = binning.count
    // Per bin: (count, Σ(c − shift)) as one pair, so a point is one load, one add and one store; twice, even points
    // in one copy and odd in the other, so two points landing in the same bin do not wait for each other's store.
    var hist = [SIMD2<Double>](repeating: .zero, count: 2 * bins)
    let (b0, inverse) = (binning.b0, binning.inverse)
    hist.withUnsafeMutableBufferPointer { h in
      data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
          var i = 0
          while i + 1 < count {
            let c0 = ys[i] - w * xs[i]
            let c1 = ys[i + 1] - w * xs[i + 1]
            let k0 = 2 &* binning.bin((c0 - b0) * inverse)
            let k1 = 2 &* binning.bin((c1 - b0) * inverse) &+ 1
            h[k0] += SIMD2(1, c0 - shift)
            h[k1] += SIMD2(1, c1 - shift)
            i += 2
          }
          if i < count {
            let c0 = ys[i] - w * xs[i]
            let k0 = 2 &* binning.bin((c0 - b0) * inverse)
            h[k0] += SIMD2(1, c0 - shift)
          }
        }
      }
    }
    return Self.absoluteReadOff(
      hist, first: binning.first, rows: rows, n: n, above: above, below: below, scale: 1
    ) { bs[$0] - shift }
  }

  /// The rows of an absolute column from its two interleaved histograms of (count, Σc) (even and odd
  /// points): at row j, with `place(j)` the row's threshold in the histogram's units, the points below
  /// it (the bins up to j, counted from `first`) give `scale`·(below·(n₋·b − Σ₋) + above·(Σ₊ − n₊·b))/n.
  /// Both kernels read off here: the clamped one in c − shift (`scale` 1), the row-unit one in rows.
  static func absoluteReadOff(
    _ hist: [SIMD2<Double>], first: Int, rows: Int, n: Double, above: Double, below: Double,
    scale: Double, place: (Int) -> Double
  ) -> [Double] {
    let bins = hist.count / 2
    let (toBelow, toAbove) = (scale * below / n, scale * above / n)
    return hist.withUnsafeBufferPointer { h in
      let h = h.baseAddress!
      var sums = SIMD2<Double>()
      for k in 0..<(2 * bins) { sums += h[k] }
      let total = sums[1]
      return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
        var nBelow = 0.0
        var sBelow = 0.0
        var k = 0
        for j in 0..<rows {
          let last = Swift.min(j - first, bins - 1)
          while k <= last {
            let pair = h[2 &* k] + h[2 &* k &+ 1]
            nBelow += pair[0]
            sBelow += pair[1]
            k &+= 1
          }
          let b = place(j)
          out[j] = toBelow * (nBelow * b - sBelow) + toAbove * ((total - sBelow) - (n - nBelow) * b)
        }
        initialized = rows
      }
    }
  }

  /// Huber at (w, bs[j]) for every j. A point's place among the thresholds b − δ (its bin kA: how many lie at or
  /// below its c) and b + δ (kB) is one bin of the merged list, kA + kB; both counts rise with c, so that sum
  /// tells them apart. One histogram over the merged list gives, by prefix sums, the points below each b − δ
  /// (r > δ) and each b + δ (r > −δ).
  func huberColumn(w: Double, bs: [Double]) -> [Double] {
    let count = min(data.x.count, data.y.count)
    let d = delta
    guard
      let binning = Binning(
        bs, w: w, extent: dataExtent, margin: d, limit: binLimit(count, bs.count))
    else {
      return bs.map { value(w: w, b: $0) }
    }
    if !binning.clamped {
      let units = self.units.flatMap { $0.matches(bs) ? $0 : nil } ?? RowUnits(data, bs: bs)
      return huberColumn(w: w, bs: bs, units: units, binning: binning)
    }
    let rows = bs.count
    let offset = d * binning.inverse
    let shift = binning.shift
    let (b0, inverse) = (binning.b0, binning.inverse)
    // kA and kB are both bins of `binning` (the margin holds c ± δ): kA + kB runs over 2·count − 1 merged bins.
    // Per merged bin: (count, Σ(c − shift), Σ(c − shift)², 0) as one vector: one load, add and store a point.
    let bins = 2 * binning.count - 1
    var hist = [SIMD4<Double>](repeating: .zero, count: bins)
    hist.withUnsafeMutableBufferPointer { h in
      data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
          var i = 0
          while i < count {
            let c = ys[i] - w * xs[i]
            let cs = c - shift
            let t = (c - b0) * inverse
            let k = binning.bin(t + offset) &+ binning.bin(t - offset)
            h[k] += SIMD4(1, cs, cs * cs, 0)
            i += 1
          }
        }
      }
    }
    return huberRows(hist, binning: binning, rows: rows, delta: d, scale: 1) { bs[$0] - shift }
  }

  /// Huber's rows from a merged histogram (count, Σs, Σs² per merged bin, s a point's position in some units):
  /// `at(j)` is row j's b in those units, `delta` δ in them, and `scale` the square of one unit in the loss's.
  func huberRows(
    _ hist: [SIMD4<Double>], binning: Binning, rows: Int, delta d: Double, scale: Double,
    at: (Int) -> Double
  ) -> [Double] {
    hist.withUnsafeBufferPointer { h in
      let h = h.baseAddress!
      return huberRows(
        bins: hist.count, binning: binning, rows: rows, delta: d, scale: scale, at: at,
        pair: { SIMD2(h[$0][0], h[$0][1]) }, square: { h[$0][2] })
    }
  }

  /// ``huberRows(_:binning:rows:delta:scale:at:)`` from a histogram read as (count, Σs) pairs and Σs² per merged
  /// bin.
  @inline(__always)
  func huberRows(
    bins: Int, binning: Binning, rows: Int, delta d: Double, scale: Double,
    at: (Int) -> Double, pair: (Int) -> SIMD2<Double>, square: (Int) -> Double
  ) -> [Double] {
    let n = stats.n
    let offset = delta * binning.inverse
    // Counted from −∞, kA ≤ j means c < b_j − δ. Just below b_j − δ, kB counts the b_k + δ below it: ⌈j − 2δ/step⌉
    // of them. So the merged bins up to j + ⌈j − 2δ/step⌉ hold the points with c < b_j − δ, and likewise those up
    // to j + ⌈j + 2δ/step⌉ the points with c < b_j + δ (both indices counted from `first` twice). Where a b − δ
    // and a b + δ coincide, a point sitting on both may be counted on either side of each; both formulas agree
    // there.
    let twice = 2 * offset
    let origin = 2 * binning.first
    // j + ⌈j ∓ 2δ/step⌉ is 2j + ⌈∓2δ/step⌉ (rounding in j ∓ 2δ/step could only matter where a b − δ and a b + δ
    // coincide, where either count gives the same sums).
    let (upA, upB) = ((-twice).rounded(.up), twice.rounded(.up))
    func merged(_ j: Int, _ up: Double) -> Int {
      // Clamped to the bins (−1: none), in Double first so a huge δ cannot overflow.
      let m = Double(2 * j) + up - Double(origin)
      return Int(Swift.min(Swift.max(m, -1), Double(bins - 1)))
    }
    var total = 0.0
    for m in 0..<bins { total += pair(m)[1] }
    // Two cursors over the merged bins, each with its running sums (added in the bins' order, as one running sum read
    // at both places would be), read off at each row's two places (both rise with j).
    var (ma, mb) = (0, 0)
    var (ra, rb) = (SIMD2<Double>(), SIMD2<Double>())
    var (qa, qb) = (0.0, 0.0)
    return [Double](unsafeUninitializedCapacity: rows) { out, initialized in
      for j in 0..<rows {
        let (lastA, lastB) = (merged(j, upA), merged(j, upB))
        while ma <= lastA {
          ra += pair(ma)
          qa += square(ma)
          ma &+= 1
        }
        while mb <= lastB {
          rb += pair(mb)
          qb += square(mb)
          mb &+= 1
        }
        let (nA, sA) = (ra[0], ra[1])  // c < b − δ: r > δ
        let (nB, sB) = (rb[0], rb[1])  // c < b + δ: r > −δ
        let b = at(j)
        let nM = nB - nA
        let sM = sB - sA
        let qM = qb - qa
        // δ·(Σ|r| − δ/2·count) on each linear side: never ∞ − ∞, and 0 when no point is there.
        let high = d * ((nA * b - sA) - 0.5 * d * nA)
        let low = d * (((total - sB) - (n - nB) * b) - 0.5 * d * (n - nB))
        let middle = 0.5 * max(0, nM * b * b - 2 * b * sM + qM)
        out[j] = scale * (high + low + middle) / n
      }
      initialized = rows
    }
  }

  /// The b that minimises the weighted absolute loss for a fixed w: the q-quantile of c = y − w·x, the
  /// (⌈q·n⌉ − 1)-th smallest (0-based), which for q = 0.5 is the lower median.
  func quantileB(w: Double, _ q: Double) -> Double {
    var c = zip(data.x, data.y).map { $1 - w * $0 }
    let k = min(max(Int((q * Double(c.count)).rounded(.up)) - 1, 0), c.count - 1)
    return quickselect(&c, k)
  }

  /// The b that minimises Huber for a fixed w: the root of φ(m) = Σ clip(m − c, −δ, δ).
  func huberBestB(w: Double) -> Double {
    var c = [Double](repeating: 0, count: min(data.x.count, data.y.count))
    return huberProfile(w: w, buffer: &c).b
  }

  /// For a fixed w: the b that minimises Huber (as ``huberBestB(w:)``) and the mean loss there, summed from
  /// `buffer` (one Double per point, reused between calls) rather than another pass over x and y.
  func huberProfile(w: Double, buffer: inout [Double]) -> (b: Double, loss: Double) {
    let n = buffer.count
    guard n > 0 else { return (0, 0) }
    data.x.withUnsafeBufferPointer { xs in
      data.y.withUnsafeBufferPointer { ys in
        buffer.withUnsafeMutableBufferPointer { a in
          for i in 0..<n { a[i] = ys[i] - w * xs[i] }
        }
      }
    }
    let b = huberRoot(buffer)
    let d = delta
    let loss = buffer.withUnsafeBufferPointer { a in
      var s = 0.0
      for ci in a { s += huberValue(b - ci, delta: d) }
      return s
    }
    return (b, loss / Double(n))
  }

  /// The root of φ(m) = Σ clip(m − c, −δ, δ) over the values c.
  private func huberRoot(_ c: [Double]) -> Double {
    // φ rises with m and is piecewise linear (slope: the points within δ). Newton steps inside a
    // shrinking bracket land on the root once they reach its linear piece; a bisection step is taken
    // whenever Newton leaves the bracket or |φ| does not halve.
    var lo = c.min()! - delta
    var hi = c.max()! + delta
    var m = 0.5 * (lo + hi)
    var lastPhi = Double.infinity
    for _ in 0..<200 {
      var phi = 0.0
      var slope = 0.0
      c.withUnsafeBufferPointer { cs in
        for ci in cs {
          let r = m - ci
          if r >= delta {
            phi += delta
          } else if r <= -delta {
            phi -= delta
          } else {
            phi += r
            slope += 1
          }
        }
      }
      if phi < 0 { lo = m } else if phi > 0 { hi = m } else { return m }
      var next = slope > 0 ? m - phi / slope : 0.5 * (lo + hi)
      if next == m { return m }  // a Newton step too small to move m: the root to rounding
      if !(next > lo && next < hi) || abs(phi) > 0.5 * lastPhi { next = 0.5 * (lo + hi) }
      lastPhi = abs(phi)
      if next <= lo || next >= hi { break }
      m = next
    }
    return m
  }

  /// Newton steps on the Huber loss (exact once the set of points with |r| ≤ δ is right). A step is taken
  /// when it does not raise the loss beyond rounding; the point with the smallest gradient seen is returned.
  func newtonPolish(w: Double, b: Double) -> (w: Double, b: Double) {
    var (w, b) = (w, b)
    var current = value(w: w, b: b)
    func size(_ g: (w: Double, b: Double)) -> Double { max(abs(g.w), abs(g.b)) }
    var best = (w: w, b: b, gradient: size(gradient(w: w, b: b)))
    for _ in 0..<20 where best.gradient > 0 {
      var h11 = 0.0
      var h12 = 0.0
      var h22 = 0.0
      for (x, y) in zip(data.x, data.y) where abs(w * x + b - y) <= delta {
        h11 += x * x
        h12 += x
        h22 += 1
      }
      let det = h11 * h22 - h12 * h12
      guard det > 1e-12 * max(1, h11 * h22) else { break }
      let g = gradient(w: w, b: b)
      let (gw, gb) = (g.w * stats.n, g.b * stats.n)
      let dw = (h22 * gw - h12 * gb) / det
      let db = (h11 * gb - h12 * gw) / det
      let candidate = value(w: w - dw, b: b - db)
      guard candidate <= current + 1e-13 * abs(current) else { break }
      (w, b, current) = (w - dw, b - db, min(current, candidate))
      let gradientSize = size(gradient(w: w, b: b))
      if gradientSize < best.gradient { best = (w, b, gradientSize) }
      if dw == 0 && db == 0 { break }
    }
    return (best.w, best.b)
  }
}

/// The smallest box holding the points: where a column's c = y − w·x can lie.
struct LineExtent: Sendable {
  var x: ClosedRange<Double>
  var y: ClosedRange<Double>

  init(_ data: LineData) {
    let n = min(data.x.count, data.y.count)
    var (xlo, xhi, ylo, yhi) = (
      Double.infinity, -Double.infinity, Double.infinity, -Double.infinity
    )
    for i in 0..<n {
      let (x, y) = (data.x[i], data.y[i])
      xlo = Swift.min(xlo, x)
      xhi = Swift.max(xhi, x)
      ylo = Swift.min(ylo, y)
      yhi = Swift.max(yhi, y)
    }
    // No points (or NaN): an empty box the binning cannot use, so it clamps to the rows.
    (x, y) =
      xlo <= xhi && ylo <= yhi ? (xlo...xhi, ylo...yhi) : (0...Double.infinity, 0...Double.infinity)
  }
}
