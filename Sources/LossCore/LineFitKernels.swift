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
      minimum: { f in
        let (above, below, q) = weights(f.config)
        // One buffer of c = y − w·x for every trial w: its q-quantile is the best b, and the loss there is
        // summed from the same buffer (in cache) instead of another pass over x and y.
        var search = QuantileSearch(f, q: q, above: above, below: below)
        let w = minimizeConvex(start: f.stats.leastSquares.w) { search.profile(w: $0).loss }
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
    minimum: { f in
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
      var s = 0.0
      var gw = 0.0
      var gb = 0.0
      for i in 0..<count {
        // Selects, not branches: residuals of noisy data change sign at random.
        let r = w * x[i] + b - y[i]
        let g = r > 0 ? below : (r < 0 ? -above : 0)
        s += g * r
        gw += g * x[i]
        gb += g
      }
      return SIMD4(s, gw, gb, 0)
    }
  }

  /// Huber: value and gradient (the residual clipped to ±δ) in one pass.
  func huberSums(w: Double, b: Double, parallel: Bool = true)
    -> (value: Double, gradient: (w: Double, b: Double))
  {
    let d = delta
    return pointSums(parallel: parallel) { x, y, count in
      var s = 0.0
      var gw = 0.0
      var gb = 0.0
      for i in 0..<count {
        let r = w * x[i] + b - y[i]
        s += huberValue(r, delta: d)
        let g = clip(r, -d, d)
        gw += g * x[i]
        gb += g
      }
      return SIMD4(s, gw, gb, 0)
    }
  }
}

extension LineFitObjective {
  /// Bins for a column: a point sits in bin k when k of the thresholds lie at or below its c, so prefix
  /// sums over the bins give, for every row, the points on each side. A point binned one off by rounding
  /// sits exactly at a threshold, where both formulas agree, so the sums stay exact.
  private struct Binning {
    let rows: Int
    let b0: Double
    let inverse: Double
    let shift: Double
    let top: Double

    init?(_ bs: [Double]) {
      rows = bs.count
      let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
      guard step > 0, step.isFinite else { return nil }
      shift = 0.5 * (bs[0] + bs[rows - 1])
      inverse = 1 / step
      b0 = bs[0]
      top = Double(rows)
    }

    /// Bin index from t = (c − threshold₀)/step: floor(t) + 1 clamped to 0...rows.
    @inline(__always) func bin(_ t: Double) -> Int {
      let k = t + 1
      return k < 1 ? 0 : (k >= top ? rows : Int(k))  // truncation is floor for k ≥ 1
    }
  }

  /// `above`·(c − b) for points with c ≥ b plus `below`·(b − c) for c < b, at every bs[j], by binning.
  func absoluteColumn(w: Double, bs: [Double], above: Double, below: Double) -> [Double] {
    guard let binning = Binning(bs) else { return bs.map { value(w: w, b: $0) } }
    let rows = bs.count
    let n = stats.n
    let shift = binning.shift
    // Per bin: count, Σ(c − shift).
    var hist = [Double](repeating: 0, count: 2 * (rows + 1))
    var total = 0.0
    let count = data.x.count
    hist.withUnsafeMutableBufferPointer { h in
      data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
          for i in 0..<count {
            let c = ys[i] - w * xs[i]
            let k = 2 &* binning.bin((c - binning.b0) * binning.inverse)
            h[k] += 1
            h[k &+ 1] += c - shift
            total += c - shift
          }
        }
      }
    }
    var out = [Double](repeating: 0, count: rows)
    var nBelow = 0.0
    var sBelow = 0.0  // points with c < bs[j]
    for j in 0..<rows {
      nBelow += hist[2 * j]
      sBelow += hist[2 * j + 1]
      let b = bs[j] - shift
      out[j] = (below * (nBelow * b - sBelow) + above * ((total - sBelow) - (n - nBelow) * b)) / n
    }
    return out
  }

  /// Huber at (w, bs[j]) for every j, binning against the thresholds b − δ and b + δ.
  func huberColumn(w: Double, bs: [Double]) -> [Double] {
    guard let binning = Binning(bs) else { return bs.map { value(w: w, b: $0) } }
    let rows = bs.count
    let n = stats.n
    let d = delta
    let offset = d * binning.inverse
    let shift = binning.shift
    // Per bin: A (thresholds b − δ) count, Σ, Σ²; then B (thresholds b + δ) count, Σ, Σ².
    var hist = [Double](repeating: 0, count: 6 * (rows + 1))
    var total = 0.0
    let count = data.x.count
    hist.withUnsafeMutableBufferPointer { h in
      data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
          for i in 0..<count {
            let c = ys[i] - w * xs[i]
            let cs = c - shift
            let sq = cs * cs
            let t = (c - binning.b0) * binning.inverse
            let ka = 6 &* binning.bin(t + offset)
            let kb = 6 &* binning.bin(t - offset) &+ 3
            h[ka] += 1
            h[ka &+ 1] += cs
            h[ka &+ 2] += sq
            h[kb] += 1
            h[kb &+ 1] += cs
            h[kb &+ 2] += sq
            total += cs
          }
        }
      }
    }
    var out = [Double](repeating: 0, count: rows)
    var nA = 0.0
    var sA = 0.0
    var qA = 0.0  // c < b − δ: r > δ
    var nB = 0.0
    var sB = 0.0
    var qB = 0.0  // c < b + δ: r > −δ
    for j in 0..<rows {
      nA += hist[6 * j]
      sA += hist[6 * j + 1]
      qA += hist[6 * j + 2]
      nB += hist[6 * j + 3]
      sB += hist[6 * j + 4]
      qB += hist[6 * j + 5]
      let b = bs[j] - shift
      let nM = nB - nA
      let sM = sB - sA
      let qM = qB - qA
      // δ·(Σ|r| − δ/2·count) on each linear side: never ∞ − ∞, and 0 when no point is there.
      let high = d * ((nA * b - sA) - 0.5 * d * nA)
      let low = d * (((total - sB) - (n - nB) * b) - 0.5 * d * (n - nB))
      let middle = 0.5 * max(0, nM * b * b - 2 * b * sM + qM)
      out[j] = (high + low + middle) / n
    }
    return out
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

/// The best b for a fixed w (the q-quantile of c = y − w·x) and the weighted absolute loss there, for the many
/// nearby w of a one-dimensional search. Moving w by Δ moves every c by at most |Δ|·max|x|, so the new quantile
/// lies within that distance of the last one: one pass over the points keeps only those c in that band (counting
/// and summing the others), and the selection runs on the band alone, which shrinks as the search closes in.
struct QuantileSearch {
  let f: LineFitObjective
  let k: Int
  let above: Double
  let below: Double
  let largestX: Double
  var band: [Double]
  var last: (w: Double, b: Double)? = nil

  init(_ f: LineFitObjective, q: Double, above: Double, below: Double) {
    self.f = f
    let n = min(f.data.x.count, f.data.y.count)
    k = min(max(Int((q * Double(n)).rounded(.up)) - 1, 0), max(0, n - 1))
    self.above = above
    self.below = below
    largestX = f.data.x.prefix(n).reduce(0) { Swift.max($0, abs($1)) }
    band = [Double](repeating: 0, count: n)
  }

  mutating func profile(w: Double) -> (b: Double, loss: Double) {
    if let last {
      // The bound, widened for rounding in y − w·x.
      let reach =
        abs(w - last.w) * largestX * (1 + 1e-9) + 1e-12 * (abs(last.b) + largestX * abs(w) + 1)
      if let found = select(w: w, center: last.b, low: last.b - reach, high: last.b + reach) {
        self.last = (w, found.b)
        return found
      }
    }
    let found = select(w: w, center: 0, low: -.infinity, high: .infinity)!
    last = (w, found.b)
    return found
  }

  /// The quantile and the loss, when the quantile lies in [low, high]; nil otherwise.
  private mutating func select(w: Double, center: Double, low: Double, high: Double) -> (
    b: Double, loss: Double
  )? {
    let n = band.count
    guard n > 0 else { return (0, 0) }
    let (k, above, below) = (self.k, self.above, self.below)
    return f.data.x.withUnsafeBufferPointer { xs in
      f.data.y.withUnsafeBufferPointer { ys in
        band.withUnsafeMutableBufferPointer { a -> (b: Double, loss: Double)? in
          // Points below the band: count and Σ(c − center); above it likewise; the band's c kept in `a`.
          var nLow = 0
          var sLow = 0.0
          var sHigh = 0.0
          var m = 0
          for i in 0..<n {
            let ci = ys[i] - w * xs[i]
            if ci < low {
              nLow += 1
              sLow += ci - center
            } else if ci > high {
              sHigh += ci - center
            } else {
              a[m] = ci
              m += 1
            }
          }
          guard k >= nLow, k < nLow + m else { return nil }
          let b = quickselect(a.baseAddress!, m, k - nLow)
          // In the band, a[0..<k'] ≤ b ≤ a[k'...].
          var low = Double(nLow) * (b - center) - sLow
          var high = sHigh - Double(n - nLow - m) * (b - center)
          for i in 0..<(k - nLow) { low += b - a[i] }
          for i in (k - nLow + 1)..<m { high += a[i] - b }
          return (b, (below * low + above * high) / Double(n))
        }
      }
    }
  }
}
