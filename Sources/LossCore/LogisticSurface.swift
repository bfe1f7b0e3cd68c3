#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The points of each class sorted by x, centred, with prefix sums: what the fast surface needs.
///
/// x is centred at the data's mean c, so z = w·x + b = w·(x − c) + b′ with b′ = b + w·c. For w ≥ 0 the
/// ascending order of x − c is the order of w·(x − c); for w < 0 it is the reverse (see ``Class/rising(_:)``).
struct SortedClasses: Sendable {
  struct Class: Sendable {
    /// x − c, ascending.
    let values: [Double]
    /// Prefix sums of the values and of their squares (count + 1 entries, [0] = 0).
    let sums: [Double]
    let squares: [Double]

    init(_ values: [Double]) {
      self.values = values.sorted()
      func prefix(_ v: [Double], _ f: (Double) -> Double) -> [Double] {
        var out = [0.0]
        out.reserveCapacity(v.count + 1)
        var s = 0.0
        for t in v {
          s += f(t)
          out.append(s)
        }
        return out
      }
      sums = prefix(self.values) { $0 }
      squares = prefix(self.values) { $0 * $0 }
    }

    var count: Int { values.count }

    /// w·(x − c) of every point, in rising order: the values ascending for w ≥ 0, descending for w < 0.
    func rising(_ w: Double) -> [Double] {
      let m = values.count
      return w >= 0 ? values.map { w * $0 } : (0..<m).map { w * values[m - 1 - $0] }
    }

    /// The sum of the first `s` values (and of their squares) in the order of ``rising(_:)``.
    func prefix(_ s: Int, w: Double) -> (sum: Double, squares: Double) {
      if w >= 0 { return (sums[s], squares[s]) }
      let m = values.count
      return (sums[m] - sums[m - s], squares[m] - squares[m - s])
    }
  }

  let centre: Double
  /// Class 0 and class 1.
  let classes: [Class]
  /// The largest |x − c|.
  let reach: Double

  init(_ data: ClassificationData) {
    let centre = data.x.reduce(0, +) / Double(max(1, data.count))
    var groups: [[Double]] = [[], []]
    for (x, y) in zip(data.x, data.label) { groups[y == 1 ? 1 : 0].append(x - centre) }
    self.centre = centre
    classes = groups.map(Class.init)
    reach = data.x.reduce(0) { max($0, abs($1 - centre)) }
  }
}

/// The first index of the rising `t` whose value satisfies `past` (a predicate that turns true once and stays
/// true as t rises), or t.count.
@inline(__always)
func firstIndex(_ t: [Double], _ past: (Double) -> Bool) -> Int {
  var lo = 0
  var hi = t.count
  while lo < hi {
    let mid = (lo + hi) / 2
    if past(t[mid]) { hi = mid } else { lo = mid + 1 }
  }
  return lo
}

extension LogisticObjective {
  /// The loss sampled on a `columns` × `rows` grid, x = w and y = b (row 0 at the lowest b).
  ///
  /// Exact, and fast without sufficient statistics (there are none for these losses). For one column the logits
  /// z = w·x + b of each class, taken in the order of x, rise with x (or fall, for w < 0), so for every row the
  /// points with z ≤ 0 are one end of the sorted list, found by binary search:
  /// - hinge and squared hinge are polynomials in z on each side of their kink z = ±1, so prefix sums of x and x²
  ///   give a whole cell in O(log points);
  /// - cross-entropy needs e^z per point and cell, but e^{w·x + b} = e^{w·x}·e^{b}: the column's e^{±w·x} are
  ///   computed once, so a cell costs one multiplication per point instead of an `exp`, and it adds
  ///   log(1 + e^{−|z|}) over the points as the log of their product (factors in [1, 2], with the binary exponent
  ///   moved aside every 64 factors so it never overflows): one `log` per cell;
  /// - MSE on σ and focal cross-entropy sum their saturated points (|z| ≥ 2 and |z| ≥ 1) by power series in
  ///   e^{−|z|} whose coefficients are prefix sums along the sorted points (`SaturatedSeries`), and only the
  ///   points near the boundary one by one: MSE's (σ − y)² as (e/(1 + e))² or (1/(1 + e))², focal's with one
  ///   `log1p` per point.
  /// Columns run in parallel (`parallel`; each column is computed on its own, so the grid is the same either
  /// way). A column whose |w·x| or |b| is too large for the powers to stay finite is summed point by point.
  public func surface(
    columns: Int, rows: Int, w: ClosedRange<Double>, b: ClosedRange<Double>, parallel: Bool = true
  ) -> Grid2D {
    var grid = Grid2D(columns: columns, rows: rows, xRange: w, yRange: b)
    let bs = (0..<rows).map { grid.y($0) }
    let ws = (0..<columns).map { grid.x($0) }
    let expRows = bs.map { exp($0) }
    // Focal with a whole-number γ: its points near the boundary by Taylor blocks on the rows' lattice.
    let table =
      rows > 1 ? series?.taylor?.table(spacing: bs[1] - bs[0], reach: series!.threshold) : nil
    grid.values.withUnsafeMutableBufferPointer { buffer in
      // Each column writes only its own cells, so sharing the pointer across threads is safe.
      nonisolated(unsafe) let base = buffer.baseAddress!
      let this = self
      let work: @Sendable (Int) -> Void = { i in
        let column = this.column(w: ws[i], bs: bs, expRows: expRows, taylorTable: table)
        for j in 0..<rows { base[j * columns + i] = column[j] }
      }
      Parallel.forEach(columns, parallel: parallel, work)
    }
    return grid
  }

  /// The loss at (w, b) for every b in `bs` (`expRows`: e^{b} for each), by the loss's
  /// ``ClassificationSurface``.
  func column(w: Double, bs: [Double], expRows: [Double], taylorTable: FocalTaylor.Table? = nil)
    -> [Double]
  {
    let shifted = bs.map { $0 + w * sorted.centre }  // b′
    let n = Double(data.count)
    let perPoint = { bs.map { value(w: w, b: $0) } }
    switch fit.surface.kind {
    case .perPoint:
      return perPoint()
    case .hinge(let power):
      return shifted.map { hingeSum(w: w, b: $0, squared: power == 2) / n }
    case .saturated:
      guard let series = self.series,
        abs(w) * sorted.reach < SaturatedSeries.reach,
        abs(w * sorted.centre) < SaturatedSeries.reach,
        bs.allSatisfy({ abs($0) < SaturatedSeries.reach })
      else { return perPoint() }
      let shift = exp(w * sorted.centre)  // e^{b′} = e^{b}·e^{w·c}
      return seriesColumn(
        series, w: w, bs: bs, shifted: shifted, expB: expRows.map { $0 * shift },
        taylorTable: taylorTable)
    case .softplus:
      let limit = 700.0
      guard abs(w) * sorted.reach < limit, abs(w * sorted.centre) < limit,
        bs.allSatisfy({ abs($0) < limit }), shifted.allSatisfy({ abs($0) < limit })
      else { return perPoint() }
      // e^{b′} = e^{b}·e^{w·c}; the e^{b} are shared by all columns.
      let shift = exp(w * sorted.centre)
      let expB = expRows.map { $0 * shift }
      var out = [Double](repeating: 0, count: bs.count)
      var products = [LogProduct](repeating: LogProduct(), count: bs.count)
      for c in 0..<2 {
        crossEntropySums(w: w, b: shifted, expB: expB, cls: c, into: &out, products: &products)
      }
      for j in out.indices { out[j] += products[j].log }
      return out.map { $0 / n }
    }
  }

  /// Σ over both classes of hinge (or squared hinge) at z = w·(x − c) + b′, from prefix sums.
  private func hingeSum(w: Double, b: Double, squared: Bool) -> Double {
    var total = 0.0
    for c in 0..<2 {
      let k = sorted.classes[c]
      let m = k.count
      // w·u rises with the index of the order `rising` gives.
      let at: (Int) -> Double = { i in w * (w >= 0 ? k.values[i] : k.values[m - 1 - i]) }
      func first(_ past: (Double) -> Bool) -> Int {
        var lo = 0
        var hi = m
        while lo < hi {
          let mid = (lo + hi) / 2
          if past(at(mid)) { hi = mid } else { lo = mid + 1 }
        }
        return lo
      }
      if c == 1 {
        // t = +1: max(0, 1 − z) > 0 where w·u < 1 − b′: the first s points.
        let a = 1 - b
        let s = first { $0 >= a }
        let (p, q) = k.prefix(s, w: w)
        if squared {
          total += max(0, Double(s) * a * a - 2 * a * w * p + w * w * q)
        } else {
          total += Double(s) * a - w * p
        }
      } else {
        // t = −1: max(0, 1 + z) > 0 where w·u > −1 − b′: the points from r on.
        let a = 1 + b
        let r = first { $0 > -a }
        let count = Double(m - r)
        let (pr, qr) = k.prefix(r, w: w)
        let (pm, qm) = k.prefix(m, w: w)
        let su = pm - pr
        if squared {
          total += max(0, count * a * a + 2 * a * w * su + w * w * (qm - qr))
        } else {
          total += count * a + w * su
        }
      }
    }
    return total
  }

  /// Adds to `out[j]` the cross-entropy softplus(z) − y·z summed over the points of class `cls` for each b′,
  /// using e^{±w·u} computed once for the column; the log(1 + e^{−|z|}) terms are left as a product in
  /// `products` (the caller takes one log per cell).
  private func crossEntropySums(
    w: Double, b: [Double], expB: [Double], cls: Int, into out: inout [Double],
    products: inout [LogProduct]
  ) {
    let k = sorted.classes[cls]
    let m = k.count
    guard m > 0 else { return }
    let t = k.rising(w)
    // e^{w·u} for the points with z ≤ 0 and e^{−w·u} for the others.
    var up = [Double](repeating: 0, count: m)
    var down = [Double](repeating: 0, count: m)
    for i in 0..<m {
      up[i] = exp(t[i])
      down[i] = exp(-t[i])
    }
    let total = k.prefix(m, w: w).sum
    let isOne = cls == 1
    up.withUnsafeBufferPointer { up in
      down.withUnsafeBufferPointer { down in
        for j in b.indices {
          let bj = b[j]
          let s = firstIndex(t) { $0 > -bj }  // z ≤ 0 before s
          let e = expB[j]
          products[j].multiply(up, 0, s, e)
          products[j].multiply(down, s, m, 1 / e)
          // Class 0 pays z on z > 0, class 1 pays −z on z ≤ 0; both pay log(1 + e^{−|z|}).
          let p = k.prefix(s, w: w).sum
          out[j] += isOne ? -(w * p + bj * Double(s)) : w * (total - p) + bj * Double(m - s)
        }
      }
    }
  }

  /// Σ_{i in lo..<hi} (n/(1 + e))², e = a[i]·scale, n = e or 1. (One division per point: sharing a division
  /// between four points, by multiplying the other denominators in, measured slower here.)
  @inline(__always)
  static func squaredRatioSum(
    _ a: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int, _ scale: Double, numeratorIsE: Bool
  ) -> Double {
    var s0 = 0.0
    var s1 = 0.0
    var i = lo
    if numeratorIsE {
      while i + 2 <= hi {
        let e0 = a[i] * scale
        let e1 = a[i + 1] * scale
        let r0 = e0 / (1 + e0)
        let r1 = e1 / (1 + e1)
        s0 += r0 * r0
        s1 += r1 * r1
        i += 2
      }
    } else {
      while i + 2 <= hi {
        let r0 = 1 / (1 + a[i] * scale)
        let r1 = 1 / (1 + a[i + 1] * scale)
        s0 += r0 * r0
        s1 += r1 * r1
        i += 2
      }
    }
    if i < hi {
      let e = a[i] * scale
      let r = (numeratorIsE ? e : 1) / (1 + e)
      s0 += r * r
    }
    return s0 + s1
  }
}

/// A product of factors in [1, 2] kept as significand × 2^exponent, so that any number of them fits; its log is
/// Σ log(factor) with one call to `log`.
struct LogProduct {
  var significand = 1.0
  var exponent = 0

  /// Multiplies in 1 + a[i]·scale for i in lo..<hi.
  @inline(__always)
  mutating func multiply(_ a: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int, _ scale: Double) {
    var i = lo
    while i < hi {
      let end = min(hi, i + 64)
      var p0 = 1.0
      var p1 = 1.0
      var p2 = 1.0
      var p3 = 1.0
      while i + 4 <= end {
        p0 *= 1 + a[i] * scale
        p1 *= 1 + a[i + 1] * scale
        p2 *= 1 + a[i + 2] * scale
        p3 *= 1 + a[i + 3] * scale
        i += 4
      }
      while i < end {
        p0 *= 1 + a[i] * scale
        i += 1
      }
      // At most 64 factors of at most 2 each: below 2^65, so the product with a significand in [1, 2) is finite.
      let q = significand * ((p0 * p1) * (p2 * p3))
      exponent += Int(q.exponent)
      significand = q.significand
    }
  }

  /// log(product).
  var log: Double { libmLog(significand) + Double(exponent) * M_LN2 }
}
