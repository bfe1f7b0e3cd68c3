import Dispatch
import Foundation

/// The loss used to fit the line y = w·x + b.
public enum FitLoss: String, CaseIterable, Sendable {
  case mse, mae, huber
}

/// The mean loss of the line w·x + b over data points, as a function of (w, b), with r = w·x + b − y:
/// MSE mean(r²), MAE mean(|r|), Huber mean(½r² if |r| ≤ δ else δ|r| − ½δ²) — Keras's means, no extra ½.
///
/// Built once per data set: MSE keeps centred sufficient statistics, so its value, gradient and surface cost O(1)
/// per (w, b) whatever the number of points. MAE and Huber values are exact per-point sums.
public struct LineFitObjective: Sendable {
  public let data: LineData
  public let loss: FitLoss
  public let delta: Double
  private let stats: LineStatistics

  /// The loss of fitting a line to `data`.
  ///
  /// - Parameters:
  ///   - data: the points to fit.
  ///   - loss: how a residual y − (w·x + b) is scored.
  ///   - delta: Huber's δ (must be > 0; ignored by MSE and MAE).
  public init(data: LineData, loss: FitLoss, delta: Double = 1) {
    self.data = data
    self.loss = loss
    self.delta = delta
    self.stats = LineStatistics(x: data.x, y: data.y)
  }

  /// The mean loss at (w, b).
  public func value(w: Double, b: Double) -> Double {
    switch loss {
    case .mse: return stats.mse(w: w, b: b)
    case .mae:
      var s = 0.0
      for (x, y) in zip(data.x, data.y) { s += abs(w * x + b - y) }
      return s / stats.n
    case .huber:
      var s = 0.0
      for (x, y) in zip(data.x, data.y) { s += huber(w * x + b - y) }
      return s / stats.n
    }
  }

  /// The analytic gradient (∂/∂w, ∂/∂b): MSE mean(2r·x), mean(2r); MAE mean(sign(r)·x), mean(sign(r)) with
  /// sign(0) = 0; Huber mean(clip(r, −δ, δ)·x), mean(clip(r, −δ, δ)).
  public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
    if loss == .mse { return stats.mseGradient(w: w, b: b) }
    var gw = 0.0
    var gb = 0.0
    for (x, y) in zip(data.x, data.y) {
      let r = w * x + b - y
      let g = loss == .mae ? sign(r) : clip(r, -delta, delta)
      gw += g * x
      gb += g
    }
    return (gw / stats.n, gb / stats.n)
  }

  /// The loss sampled on a `columns` × `rows` grid, x = w and y = b (row 0 at the lowest b).
  ///
  /// MSE is O(1) per cell. MAE and Huber cost O(points + rows) per column: for a column's w every point's
  /// c = y − w·x is binned between the rows' b values (and b ± δ for Huber), and prefix sums of counts, Σc and Σc²
  /// give every cell's exact sum. Columns run in parallel.
  public func surface(
    columns: Int, rows: Int, w: ClosedRange<Double>, b: ClosedRange<Double>
  ) -> Grid2D {
    var grid = Grid2D(columns: columns, rows: rows, xRange: w, yRange: b)
    let bs = (0..<rows).map { grid.y($0) }
    let ws = (0..<columns).map { grid.x($0) }
    if loss == .mse {
      for j in 0..<rows {
        for i in 0..<columns { grid[i, j] = stats.mse(w: ws[i], b: bs[j]) }
      }
      return grid
    }
    grid.values.withUnsafeMutableBufferPointer { buffer in
      // Each column writes only its own cells, so sharing the pointer across threads is safe.
      nonisolated(unsafe) let base = buffer.baseAddress!
      let this = self
      DispatchQueue.concurrentPerform(iterations: columns) { i in
        let column = this.column(w: ws[i], bs: bs)
        for j in 0..<rows { base[j * columns + i] = column[j] }
      }
    }
    return grid
  }

  /// MAE or Huber at (w, bs[j]) for every j, by binning (bs evenly spaced and increasing).
  ///
  /// A point sits in bin k when k of the thresholds (bs[j], or bs[j] ± δ) lie at or below its c, so prefix sums
  /// over the bins give, for every row, the points on each side. A point binned one off by rounding sits exactly at a
  /// threshold, where both formulas agree, so the sums stay exact.
  private func column(w: Double, bs: [Double]) -> [Double] {
    let rows = bs.count
    let n = stats.n
    let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
    guard step > 0, step.isFinite else { return bs.map { value(w: w, b: $0) } }
    let shift = 0.5 * (bs[0] + bs[rows - 1])
    let inverse = 1 / step
    let b0 = bs[0]
    let top = Double(rows)
    // Bin index from t = (c − threshold₀)/step: floor(t) + 1 clamped to 0...rows (truncation is floor for k ≥ 1).
    @inline(__always) func bin(_ t: Double) -> Int {
      let k = t + 1
      return k < 1 ? 0 : (k >= top ? rows : Int(k))
    }
    var out = [Double](repeating: 0, count: rows)
    let count = data.x.count
    if loss == .mae {
      // Per bin: count, Σ(c − shift).
      var hist = [Double](repeating: 0, count: 2 * (rows + 1))
      var total = 0.0
      hist.withUnsafeMutableBufferPointer { h in
        data.x.withUnsafeBufferPointer { xs in
          data.y.withUnsafeBufferPointer { ys in
            for i in 0..<count {
              let c = ys[i] - w * xs[i]
              let k = 2 &* bin((c - b0) * inverse)
              h[k] += 1
              h[k &+ 1] += c - shift
              total += c - shift
            }
          }
        }
      }
      var nBelow = 0.0
      var sBelow = 0.0  // points with c < bs[j]
      for j in 0..<rows {
        nBelow += hist[2 * j]
        sBelow += hist[2 * j + 1]
        let b = bs[j] - shift
        out[j] = (nBelow * b - sBelow + (total - sBelow) - (n - nBelow) * b) / n
      }
      return out
    }
    let d = delta
    let offset = d * inverse
    // Per bin: A (thresholds b − δ) count, Σ, Σ²; then B (thresholds b + δ) count, Σ, Σ².
    var hist = [Double](repeating: 0, count: 6 * (rows + 1))
    var total = 0.0
    hist.withUnsafeMutableBufferPointer { h in
      data.x.withUnsafeBufferPointer { xs in
        data.y.withUnsafeBufferPointer { ys in
          for i in 0..<count {
            let c = ys[i] - w * xs[i]
            let cs = c - shift
            let sq = cs * cs
            let t = (c - b0) * inverse
            let ka = 6 &* bin(t + offset)
            let kb = 6 &* bin(t - offset) &+ 3
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
      let high = d * (nA * b - sA) - 0.5 * d * d * nA
      let low = d * ((total - sB) - (n - nB) * b) - 0.5 * d * d * (n - nB)
      let middle = 0.5 * max(0, nM * b * b - 2 * b * sM + qM)
      out[j] = (high + low + middle) / n
    }
    return out
  }

  /// The exact minimum (w, b, loss). MSE: least squares. MAE: for fixed w the best b is a median of y − w·x,
  /// and the resulting convex g(w) is minimised by golden-section search. Huber: the same with the 1-D convex
  /// problem for b solved by bisection, then polished by Newton steps on the piecewise-quadratic loss.
  public var minimum: (w: Double, b: Double, loss: Double) {
    switch loss {
    case .mse:
      let (w, b) = stats.leastSquares
      return (w, b, value(w: w, b: b))
    case .mae:
      let w = minimizeConvex(start: stats.leastSquares.w) { w in
        self.value(w: w, b: self.bestB(w: w))
      }
      let b = bestB(w: w)
      return (w, b, value(w: w, b: b))
    case .huber:
      let w = minimizeConvex(start: stats.leastSquares.w) { w in
        self.value(w: w, b: self.bestB(w: w))
      }
      let polished = newtonPolish(w: w, b: bestB(w: w))
      return (polished.w, polished.b, value(w: polished.w, b: polished.b))
    }
  }

  /// The b that minimises the loss for a fixed w (MAE: a median; Huber: root of Σ clip(b − c, −δ, δ)).
  func bestB(w: Double) -> Double {
    var c = zip(data.x, data.y).map { $1 - w * $0 }
    if loss == .mae {
      let mid = (c.count - 1) / 2
      return quickselect(&c, mid)
    }
    // φ(m) = Σ clip(m − c, −δ, δ) rises with m and is piecewise linear (slope: the points within δ).
    // Newton steps inside a shrinking bracket land on the root once they reach its linear piece;
    // a bisection step is taken whenever Newton leaves the bracket or |φ| does not halve.
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

  /// Newton steps on the Huber loss (exact once the set of points with |r| ≤ δ is right). A step is taken when it does
  /// not raise the loss beyond rounding; the point with the smallest gradient seen is returned.
  private func newtonPolish(w: Double, b: Double) -> (w: Double, b: Double) {
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

  private func huber(_ r: Double) -> Double {
    let a = abs(r)
    return a <= delta ? 0.5 * a * a : delta * a - 0.5 * delta * delta
  }
}

/// Minimises a convex function of one variable: brackets the minimum by doubling steps from `start`, then
/// golden-section search until the bracket is narrower than 1e-10·(1 + |x|).
func minimizeConvex(start: Double, _ f: (Double) -> Double) -> Double {
  var step = max(1, abs(start))
  var a = start - step
  var m = start
  var c = start + step
  var fa = f(a)
  var fm = f(m)
  var fc = f(c)
  for _ in 0..<200 {
    if fa < fm {
      (c, fc, m, fm) = (m, fm, a, fa)
      step *= 2
      a = m - step
      fa = f(a)
    } else if fc < fm {
      (a, fa, m, fm) = (m, fm, c, fc)
      step *= 2
      c = m + step
      fc = f(c)
    } else {
      break
    }
  }
  let ratio = (5.0.squareRoot() - 1) / 2
  var lo = a
  var hi = c
  var x1 = hi - ratio * (hi - lo)
  var x2 = lo + ratio * (hi - lo)
  var f1 = f(x1)
  var f2 = f(x2)
  for _ in 0..<300 where hi - lo > 1e-10 * (1 + abs(lo)) {
    if f1 <= f2 {
      (hi, x2, f2) = (x2, x1, f1)
      x1 = hi - ratio * (hi - lo)
      f1 = f(x1)
    } else {
      (lo, x1, f1) = (x1, x2, f2)
      x2 = lo + ratio * (hi - lo)
      f2 = f(x2)
    }
  }
  return f1 <= f2 ? x1 : x2
}

/// The k-th smallest element (0-based), reordering `a`. Average O(n).
func quickselect(_ a: inout [Double], _ k: Int) -> Double {
  var lo = 0
  var hi = a.count - 1
  while lo < hi {
    let pivot = a[(lo + hi) / 2]
    var i = lo
    var j = hi
    while i <= j {
      while a[i] < pivot { i += 1 }
      while a[j] > pivot { j -= 1 }
      if i <= j {
        a.swapAt(i, j)
        i += 1
        j -= 1
      }
    }
    if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
  }
  return a[k]
}
