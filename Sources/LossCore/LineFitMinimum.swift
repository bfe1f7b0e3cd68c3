/// The best b for a fixed w (the q-quantile of c = y − w·x) and the weighted absolute loss there, for the many
/// nearby w of a golden-section search over w.
///
/// Once the search has narrowed w to a bracket [lo, hi], the best b of every w in it lies within
/// max(hi − w′, w′ − lo)·max|x| of the best b at an evaluated w′ in the bracket (moving w by Δ moves every c by at
/// most |Δ|·max|x|, and the quantile with them). A point whose c stays below that band for every w in the bracket is
/// below the line at every (w, b) the search can still ask for: it adds below·(b − c) = below·(b − y + w·x), so it
/// is summed once (count, Σx, Σy) and dropped; likewise for points above. As the bracket shrinks, so does the set of
/// points each evaluation visits. The quantile of all points is then the (k − below)-th of the ones kept, exactly:
/// removing points strictly below (above) the k-th smallest value shifts its rank by their number (by nothing).
///
/// Between two evaluations the quantile moves by at most |Δw|·max|x| too, so an evaluation looks for it first among
/// the values within that of the last one's b (one pass counts and sums the others; the counts confirm the guess).
struct QuantileSearch {
  let n: Int
  let k: Int
  let above: Double
  let below: Double
  let largestX: Double
  /// Allowance for rounding in c = y − w·x and in the bound, relative to the magnitudes involved.
  let largestY: Double
  /// y is summed about this value (the points' mean), so the decided sums stay well conditioned.
  let origin: Double
  let data: LineData
  /// The undecided points: x, y, and (for each evaluation) c, the first `m` of each.
  var xs: [Double]
  var ys: [Double]
  var c: [Double]
  var m: Int
  /// Points below (c < b) everywhere the search can still go: count, Σx, Σ(y − origin); likewise above.
  var nBelow = 0
  var sxBelow = 0.0
  var syBelow = 0.0
  var nAbove = 0
  var sxAbove = 0.0
  var syAbove = 0.0
  /// The region the decided points were decided for: w in `bracket`, the best b in `band`.
  var bracket = -Double.infinity...Double.infinity
  var band = -Double.infinity...Double.infinity
  /// The last evaluated w and its best b.
  var last: (w: Double, b: Double)? = nil

  init(_ f: LineFitObjective, q: Double, above: Double, below: Double) {
    let n = min(f.data.x.count, f.data.y.count)
    self.n = n
    k = min(max(Int((q * Double(n)).rounded(.up)) - 1, 0), max(0, n - 1))
    self.above = above
    self.below = below
    data = f.data
    xs = Array(f.data.x.prefix(n))
    ys = Array(f.data.y.prefix(n))
    largestX = xs.reduce(0) { Swift.max($0, abs($1)) }
    largestY = ys.reduce(0) { Swift.max($0, abs($1)) }
    origin = n > 0 ? f.stats.meanY : 0
    c = [Double](repeating: 0, count: n)
    m = n
  }

  /// Every point undecided again (a bound failed to hold: never expected, but the answer stays exact).
  private mutating func reset() {
    xs = Array(data.x.prefix(n))
    ys = Array(data.y.prefix(n))
    m = n
    (nBelow, sxBelow, syBelow, nAbove, sxAbove, syAbove) = (0, 0, 0, 0, 0, 0)
    bracket = -Double.infinity...Double.infinity
    band = -Double.infinity...Double.infinity
  }

  /// The search will from now on only ask for w in [lo, hi]: decide the points that stay on one side of every b
  /// it can still reach. Done when the bracket has halved since the last time (each pass visits the points kept).
  mutating func narrow(_ lo: Double, _ hi: Double) {
    guard let last, lo <= last.w, last.w <= hi, bracket.contains(lo), bracket.contains(hi),
      hi - lo <= 0.5 * (bracket.upperBound - bracket.lowerBound)
    else { return }
    let wMax = Swift.max(abs(lo), abs(hi))
    let slack = 1e-12 * (largestY + largestX * wMax + abs(last.b) + 1)
    let reach = Swift.max(hi - last.w, last.w - lo) * largestX * (1 + 1e-9) + slack
    let (low, high) = (last.b - reach, last.b + reach)
    // A point is decided when its c over the whole bracket (extremes at the ends) clears the band by the slack.
    let (cutLow, cutHigh) = (low - slack, high + slack)
    let origin = self.origin
    var kept = 0
    var (nB, sxB, syB, nA, sxA, syA) = (nBelow, sxBelow, syBelow, nAbove, sxAbove, syAbove)
    xs.withUnsafeMutableBufferPointer { x in
      ys.withUnsafeMutableBufferPointer { y in
        // Four points at a time with masks and blends (scalar selects become branches, and which side a point
        // falls on is data-dependent).
        let (loV, hiV, originV) = (
          SIMD4(repeating: lo), SIMD4(repeating: hi), SIMD4(repeating: origin)
        )
        let (cutLowV, cutHighV) = (SIMD4(repeating: cutLow), SIMD4(repeating: cutHigh))
        let one = SIMD4<Double>(repeating: 1)
        var (nBV, sxBV, syBV) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var (nAV, sxAV, syAV) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var i = 0
        while i + 4 <= m {
          let xv = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3])
          let yv = SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3])
          let u = yv - loV * xv
          let v = yv - hiV * xv
          // Below when both ends are below the cut, above when both are above it.
          let isBelow = (u .< cutLowV) .& (v .< cutLowV)
          let isAbove = (u .> cutHighV) .& (v .> cutHighV)
          nBV += SIMD4<Double>().replacing(with: one, where: isBelow)
          sxBV += SIMD4<Double>().replacing(with: xv, where: isBelow)
          syBV += SIMD4<Double>().replacing(with: yv - originV, where: isBelow)
          nAV += SIMD4<Double>().replacing(with: one, where: isAbove)
          sxAV += SIMD4<Double>().replacing(with: xv, where: isAbove)
          syAV += SIMD4<Double>().replacing(with: yv - originV, where: isAbove)
          let keep = SIMD4<Int64>(repeating: 1).replacing(with: 0, where: isBelow .| isAbove)
          for lane in 0..<4 {
            x[kept] = xv[lane]
            y[kept] = yv[lane]
            kept &+= Int(keep[lane])
          }
          i += 4
        }
        nB += Int(nBV.sum())
        sxB += sxBV.sum()
        syB += syBV.sum()
        nA += Int(nAV.sum())
        sxA += sxAV.sum()
        syA += syAV.sum()
        while i < m {
          let (xi, yi) = (x[i], y[i])
          let u = yi - lo * xi
          let v = yi - hi * xi
          if Swift.max(u, v) < cutLow {
            nB += 1
            sxB += xi
            syB += yi - origin
          } else if Swift.min(u, v) > cutHigh {
            nA += 1
            sxA += xi
            syA += yi - origin
          } else {
            x[kept] = xi
            y[kept] = yi
            kept += 1
          }
          i += 1
        }
      }
    }
    m = kept
    (nBelow, sxBelow, syBelow, nAbove, sxAbove, syAbove) = (nB, sxB, syB, nA, sxA, syA)
    bracket = lo...hi
    band = low...high
  }

  /// The q-quantile b of c at w and the mean weighted absolute loss at (w, b).
  mutating func profile(w: Double) -> (b: Double, loss: Double) {
    guard n > 0 else { return (0, 0) }
    if let found = evaluate(w: w) {
      last = (w, found.b)
      return found
    }
    reset()
    let found = evaluate(w: w)!
    last = (w, found.b)
    return found
  }

  /// Nil when the decided points' bounds do not hold at w (w outside the bracket, or the quantile outside the band).
  private mutating func evaluate(w: Double) -> (b: Double, loss: Double)? {
    let j = k - nBelow
    guard bracket.contains(w), j >= 0, j < m else { return nil }
    let m = self.m
    return xs.withUnsafeBufferPointer { x in
      ys.withUnsafeBufferPointer { y in
        c.withUnsafeMutableBufferPointer { a -> (b: Double, loss: Double)? in
          for i in 0..<m { a[i] = y[i] - w * x[i] }
          var found: (b: Double, low: Double, high: Double)? = nil
          if let last, m > 64 {
            // Every c moved by at most |w − last.w|·max|x| since the last evaluation, and the quantile with them:
            // the values between last.b ∓ that (and a little for rounding) hold it. The counts below and in the
            // band check it, so a band that missed only costs the pass.
            let reach =
              abs(w - last.w) * largestX * (1 + 1e-9)
              + 1e-12 * (largestY + largestX * Swift.max(abs(w), abs(last.w)) + abs(last.b) + 1)
            found = Self.select(a.baseAddress!, m, j, between: last.b - reach, and: last.b + reach)
            if found == nil { for i in 0..<m { a[i] = y[i] - w * x[i] } }
          }
          if found == nil { found = Self.select(a.baseAddress!, m, j) }
          if found == nil {
            // The sample missed: select from all the values again.
            for i in 0..<m { a[i] = y[i] - w * x[i] }
            found = Self.selectAll(a.baseAddress!, m, j)
          }
          guard let (b, low, high) = found, band.contains(b) else { return nil }
          // Decided points: Σ(b − c) = n·(b − origin) − Σ(y − origin) + w·Σx below, the opposite above.
          let bs = b - origin
          let below = low + (Double(nBelow) * bs - syBelow + w * sxBelow)
          let above = high + (syAbove - w * sxAbove - Double(nAbove) * bs)
          return (b, (self.below * below + self.above * above) / Double(n))
        }
      }
    }
  }

  /// The j-th smallest b of the `m` values at `a` (reordering them), with Σ(b − a) over the values before it and
  /// Σ(a − b) over those after it in that order (so every value below b is in the first sum, every one above in
  /// the second).
  ///
  /// Many values: a sample of 256 gives two values that bracket the j-th with high probability; one pass without
  /// branches counts and sums the values outside them and keeps those between, and the selection runs on those
  /// alone. When the sample misses (rarely), the whole set is selected from.
  static func select(_ a: UnsafeMutablePointer<Double>, _ m: Int, _ j: Int)
    -> (b: Double, low: Double, high: Double)?
  {
    guard m > 2048 else { return selectAll(a, m, j) }
    let size = 256
    let margin = 24
    var sample = [Double](repeating: 0, count: size)
    for s in 0..<size { sample[s] = a[s * m / size] }
    let rank = j * size / m
    let lowRank = rank - margin
    let highRank = rank + margin
    let lo = lowRank < 0 ? -Double.infinity : quickselect(&sample, lowRank)
    let hi =
      highRank >= size
      ? Double.infinity
      : sample.withUnsafeMutableBufferPointer { s in
        // The first lowRank + 1 values are at most `lo`: select among the rest.
        let skip = Swift.max(lowRank + 1, 0)
        return quickselect(s.baseAddress! + skip, size - skip, highRank - skip)
      }
    return select(a, m, j, between: lo, and: hi)
  }

  /// The j-th smallest b of the `m` values at `a` (reordering them) and the sums of ``select(_:_:_:)``, found among
  /// the values in [lo, hi] after one pass counts and sums those outside; nil when the j-th is not among them.
  static func select(
    _ a: UnsafeMutablePointer<Double>, _ m: Int, _ j: Int, between lo: Double, and hi: Double
  ) -> (b: Double, low: Double, high: Double)? {
    let loRef = lo.isFinite ? lo : 0
    let hiRef = hi.isFinite ? hi : 0
    // Four values at a time with masks and blends: whether a value is in the band is data-dependent, and the
    // compiler turns scalar selects into branches.
    let (loV, hiV) = (SIMD4(repeating: lo), SIMD4(repeating: hi))
    let (loRefV, hiRefV) = (SIMD4(repeating: loRef), SIMD4(repeating: hiRef))
    let one = SIMD4<Double>(repeating: 1)
    var (cLess, sLessV, cMore, sMoreV) = (
      SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>()
    )
    var kept = 0
    var i = 0
    while i + 4 <= m {
      let v = SIMD4(a[i], a[i + 1], a[i + 2], a[i + 3])
      let less = v .< loV
      let more = v .> hiV
      cLess += SIMD4<Double>().replacing(with: one, where: less)
      sLessV += SIMD4<Double>().replacing(with: v - loRefV, where: less)
      cMore += SIMD4<Double>().replacing(with: one, where: more)
      sMoreV += SIMD4<Double>().replacing(with: v - hiRefV, where: more)
      let keep = SIMD4<Int64>(repeating: 1).replacing(with: 0, where: less .| more)
      a[kept] = v[0]
      kept &+= Int(keep[0])
      a[kept] = v[1]
      kept &+= Int(keep[1])
      a[kept] = v[2]
      kept &+= Int(keep[2])
      a[kept] = v[3]
      kept &+= Int(keep[3])
      i += 4
    }
    var nLess = Int(cLess.sum())
    var sLess = sLessV.sum()  // Σ(c − lo) over c < lo
    var nMore = Int(cMore.sum())
    var sMore = sMoreV.sum()  // Σ(c − hi) over c > hi
    while i < m {
      let v = a[i]
      if v < lo {
        nLess += 1
        sLess += v - loRef
      } else if v > hi {
        nMore += 1
        sMore += v - hiRef
      } else {
        a[kept] = v
        kept += 1
      }
      i += 1
    }
    let jj = j - nLess
    guard jj >= 0, jj < kept else { return nil }
    let (b, low, high) = selectAll(a, kept, jj)
    let lowAll = low + (Double(nLess) * (b - loRef) - sLess)
    let highAll = high + (sMore + Double(nMore) * (hiRef - b))
    return (b, lowAll, highAll)
  }

  /// ``select(_:_:_:)`` by a quickselect of all `m` values.
  static func selectAll(_ a: UnsafeMutablePointer<Double>, _ m: Int, _ j: Int)
    -> (b: Double, low: Double, high: Double)
  {
    let b = quickselect(a, m, j)
    // a[0..<j] ≤ b ≤ a[j...].
    var low = 0.0
    var high = 0.0
    for i in 0..<j { low += b - a[i] }
    for i in (j + 1)..<m { high += a[i] - b }
    return (b, low, high)
  }
}

extension LineFitObjective {
  /// Huber's value, gradient and Hessian (sums over the points, not means) at (w, b), in one pass without branches:
  /// the Hessian sums x², x and 1 over the points in the quadratic part (|r| ≤ δ).
  func huberNewtonSums(w: Double, b: Double)
    -> (value: Double, gw: Double, gb: Double, hww: Double, hwb: Double, hbb: Double)
  {
    let count = min(data.x.count, data.y.count)
    let d = delta
    return data.x.withUnsafeBufferPointer { px in
      data.y.withUnsafeBufferPointer { py in
        let (wv, bv, dv, hd) = (
          SIMD4(repeating: w), SIMD4(repeating: b), SIMD4(repeating: d), SIMD4(repeating: 0.5 * d)
        )
        let one = SIMD4<Double>(repeating: 1)
        var (v, gw, gb) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var (hww, hwb, hbb) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var i = 0
        while i + 4 <= count {
          let x = SIMD4(px[i], px[i + 1], px[i + 2], px[i + 3])
          let y = SIMD4(py[i], py[i + 1], py[i + 2], py[i + 3])
          let r = wv * x + bv - y
          let a = r.replacing(with: -r, where: r .< 0)
          let inside = a .<= dv
          v += (dv * (a - hd)).replacing(with: 0.5 * a * a, where: inside)
          // r clamped to [−δ, δ] by two selects (`clamped` calls unspecialised generic code).
          let g = r.replacing(with: -dv, where: r .< -dv).replacing(with: dv, where: r .> dv)
          gw += g * x
          gb += g
          let x1 = SIMD4<Double>().replacing(with: x, where: inside)
          hww += x1 * x
          hwb += x1
          hbb += SIMD4<Double>().replacing(with: one, where: inside)
          i += 4
        }
        var s = (v.sum(), gw.sum(), gb.sum(), hww.sum(), hwb.sum(), hbb.sum())
        while i < count {
          let (x, y) = (px[i], py[i])
          let r = w * x + b - y
          s.0 += huberValue(r, delta: d)
          let g = clip(r, -d, d)
          s.1 += g * x
          s.2 += g
          if abs(r) <= d {
            s.3 += x * x
            s.4 += x
            s.5 += 1
          }
          i += 1
        }
        return s
      }
    }
  }

  /// Huber's minimum by Newton steps on (w, b) from the least-squares line, each halved until the loss does not
  /// rise. Huber is convex with a continuous gradient and piecewise quadratic, so once the points in the quadratic
  /// part are the right ones a full step lands on the minimum; the point with the smallest gradient seen is
  /// returned (the steps stop when none lowers the loss or three in a row find no smaller gradient). Nil when a
  /// Hessian is singular (too few points within δ of the line) or the steps do not settle: the caller then
  /// searches over w.
  func huberNewtonMinimum() -> (w: Double, b: Double)? {
    var (w, b) = stats.leastSquares
    var s = huberNewtonSums(w: w, b: b)
    func size(_ s: (value: Double, gw: Double, gb: Double, hww: Double, hwb: Double, hbb: Double))
      -> Double
    { max(abs(s.gw), abs(s.gb)) }
    var best = (w: w, b: b, gradient: size(s))
    var stalled = 0
    for _ in 0..<100 {
      if best.gradient == 0 { return (best.w, best.b) }
      let det = s.hww * s.hbb - s.hwb * s.hwb
      guard det > 1e-12 * max(1, s.hww * s.hbb), det.isFinite else { return nil }
      let dw = (s.hbb * s.gw - s.hwb * s.gb) / det
      let db = (s.hww * s.gb - s.hwb * s.gw) / det
      var t = 1.0
      var moved = false
      for _ in 0..<60 {
        let (cw, cb) = (w - t * dw, b - t * db)
        let c = huberNewtonSums(w: cw, b: cb)
        if c.value <= s.value {
          moved = cw != w || cb != b
          (w, b, s) = (cw, cb, c)
          break
        }
        t *= 0.5
      }
      // No step lowers the loss, or the step no longer moves (w, b): the minimum, to rounding.
      guard moved else { return (best.w, best.b) }
      let g = size(s)
      if g < best.gradient {
        (best, stalled) = ((w, b, g), 0)
      } else {
        stalled += 1
        if stalled == 3 { return (best.w, best.b) }
      }
    }
    return nil
  }
}
