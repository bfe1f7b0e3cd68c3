// Exact MAE, quantile and Huber surfaces for many points, without visiting every point in every column.
//
// The column kernels (`LineFitRowUnits.swift`) place every point among a column's rows: at 10⁶ points and 288
// columns that is 2.9·10⁸ visits, over 100 ms however cheap a visit is. This file gets the same histograms while
// touching, per column, only the points that sit close to one of its thresholds.
//
// In row units (``RowUnits``: one row step is 1) a point sits at t = u − w·v in a column at slope w, and the
// column needs, per bin between consecutive thresholds θ (the rows' b, and for Huber also b ± δ), the count and the
// sums of t (and t²) of the points in it. Here:
//
// 1. **Strips.** The points are sorted once, by v (that is x), into strips of about equal count. Within strip s,
//    v lies in [v₋, v₊]; write v = v̄ + ṽ with v̄ the strip's middle, so |ṽ| ≤ (v₊ − v₋)/2.
// 2. **Reference slopes.** The columns are split into a few groups of neighbours; each group has a reference slope
//    w_r (its middle column). For a group, each strip's points are bucketed by a = u − w_r·v (ã = a − A, with A the
//    strip's middle a): a counting sort into buckets of equal width, with prefix sums per bucket of count, Σã, Σṽ
//    (and Σã², Σãṽ, Σṽ² for Huber).
// 3. **A column of the group** at slope w = w_r + Δ sees each point at t = ã + C − Δ·ṽ with C = A − Δ·v̄ constant on
//    the strip. Since Δ·ṽ lies in [d₋, d₊] (the products of Δ with the strip's ṽ bounds), a point is
//    - surely below θ (t < θ) when ã < θ − C + d₋,
//    - surely not below θ when ã ≥ θ − C + d₊,
//    and only the points of the band between (width |Δ|·(v₊ − v₋)) need to be looked at. Buckets wholly between
//    two bands hold points that all fall in one bin: their sums come from two prefix look-ups, turned into sums of
//    t by the identities Σt = Σã + n·C − Δ·Σṽ and Σt² = Σ(ã + C − Δ·ṽ)² expanded. The buckets a band touches are
//    classified point by point, with t computed for each; when the bands of θ_m and θ_{m+1} do not overlap, a band
//    point is in bin m or m + 1 and a vector compare with θ_m decides (only the sums of the points below θ_m are
//    taken point by point; bin m + 1 gets the band's buckets' sums less those), otherwise its bin is computed
//    outright. The points below θ_m are summed by a C kernel (`Sources/LossKernels`: AVX2 where the CPU has it,
//    the same bits either way), all of a column's bands on a strip in one call, eight points at a time.
//
// Why it is exact: every point ends in the bin its own t belongs to, and the sums added for it are its own t (and
// t²), summed in another order. The tests "surely below" and "surely not below" compare values that differ from
// the point's t by rounding only (a few ulps of the row numbers), so a point can be put on the wrong side of a
// threshold only when it sits on it to within rounding, where both sides give the same loss (a row's |t − τ| is next
// to nothing; Huber's pieces meet at ±δ). The bucket of a point and the buckets the bands start and end in come
// from one monotone function of ã, so "bucket < bucket(x)" implies ã < x exactly. The identities for Σt and Σt²
// hold exactly in real numbers; ã and ṽ are centred on the strip, so their sums stay small and lose little to
// rounding. The per-bin sums go through the same read-offs as the column kernels (``absoluteReadOff`` and
// ``huberRows``). Each group is computed by one thread, strips in order, so the surface is the same, bit for bit,
// on one core or two.
//
// Cost: per column, a couple of look-ups per threshold and strip (about 60 thresholds meet a strip of the tutorial
// data), plus the band points, a fraction |Δ|·(v₊ − v₋) + (bucket width) of the points; per group, one counting
// sort of all points, strip by strip, so a strip's points stay in cache while every column of the group reads them.

import LossKernels

/// How the strip surface splits its work: the number of x-strips, of column groups (reference slopes), and the
/// bucket width in rows.
struct StripLayout: Sendable, Equatable {
  var strips: Int
  var groups: Int
  var bucketWidth: Double
  /// Whether the band points are summed by the AVX2 kernel (where the CPU has it; the same bits either way).
  var wide = StripLayout.wideAvailable

  /// Whether this CPU runs the AVX2 kernels.
  static let wideAvailable = losslab_kernels_wide_available() != 0

  /// Below this many points the column kernels are as fast (each column's pass stays in cache) and simpler.
  static let minimumPoints = 200_000

  /// The layout for `points` points on a `columns` × `rows` surface, or nil where the column kernels pay better.
  static func paying(points: Int, columns: Int, rows: Int) -> StripLayout? {
    guard points >= minimumPoints, columns >= 16, rows >= 2 else { return nil }
    // Measured on the 10⁶-point tutorial data (288 × 224): strips of about 12,000 points and four groups (two per
    // core); 6,000 points a strip or six to eight groups were 5–60 % slower (more look-ups per column, more
    // sorting), and buckets of 1/16 row balance the band points against the prefix sums.
    return StripLayout(
      strips: Swift.max(1, points / 12_000), groups: Swift.min(4, columns / 2),
      bucketWidth: 1.0 / 16)
  }
}

/// The points in row units, sorted by x into strips of about equal count.
struct StripPoints {
  /// Strip s holds the points offsets[s]..<offsets[s + 1].
  let offsets: [Int]
  let u: [Double]
  let v: [Double]
  /// Each strip's smallest and largest v.
  let vLow: [Double]
  let vHigh: [Double]
  /// The most points in one strip.
  let largest: Int

  var strips: Int { offsets.count - 1 }

  /// - Parameters:
  ///   - data: the points (finite).
  ///   - b0, inverse, lift: the row units' constants: u = (y − b0)·inverse − lift, v = x·inverse (as ``RowUnits``).
  ///   - strips: how many strips (fewer when many points share an x).
  ///   - parallel: whether the two halves of the points are placed on two cores (the same result either way).
  init(
    _ data: LineData, b0: Double, inverse: Double, lift: Double, strips: Int, parallel: Bool
  ) {
    let n = Swift.min(data.x.count, data.y.count)
    let (xlo, xhi) = Self.range(data, count: n, parallel: parallel)
    // Fine cells of equal width in v; strips are runs of cells with about n/strips points each (a cell is never
    // split, so points with equal x share a strip).
    let cells = Swift.max(1, Swift.min(16_384, n))
    let (vlo, vhi) = (xlo * inverse, xhi * inverse)
    let cellScale = vhi > vlo ? Double(cells) / (vhi - vlo) : 0
    let lastCell = Double(cells - 1)
    // The two halves of the points: counted and placed separately (on two cores), the first half's points of a
    // strip before the second's, so the order does not depend on the cores.
    let halves = n >= 2 ? 2 : 1
    let bounds = (0...halves).map { $0 * n / halves }
    var cellOf = [Int32](repeating: 0, count: n)
    var cellCounts = [[Int]](repeating: [], count: halves)
    cellOf.withUnsafeMutableBufferPointer { cellBuffer in
      data.x.withUnsafeBufferPointer { xs in
        nonisolated(unsafe) let (out, x) = (cellBuffer.baseAddress!, xs.baseAddress!)
        var parts = [[Int]](repeating: [], count: halves)
        parts.withUnsafeMutableBufferPointer { partBuffer in
          nonisolated(unsafe) let parts = partBuffer.baseAddress!
          Parallel.forEach(halves, parallel: parallel) { h in
            // Two tallies (even and odd points), so sorted data's runs of one cell do not wait on one counter.
            var tally = [Int](repeating: 0, count: 2 * cells)
            tally.withUnsafeMutableBufferPointer { t in
              for i in bounds[h]..<bounds[h + 1] {
                let y = Swift.min(Swift.max((x[i] * inverse - vlo) * cellScale - 0.5, 0), lastCell)
                let c = Int(
                  truncatingIfNeeded: (y + LineFitObjective.Binning.magic).bitPattern
                    &- LineFitObjective.Binning.magicBits)
                out[i] = Int32(truncatingIfNeeded: c)
                t[2 &* c &+ (i & 1)] &+= 1
              }
            }
            parts[h] = (0..<cells).map { tally[2 * $0] + tally[2 * $0 + 1] }
          }
        }
        cellCounts = parts
      }
    }
    var cellCount = [Int](repeating: 0, count: cells)
    for h in 0..<halves {
      for c in 0..<cells { cellCount[c] += cellCounts[h][c] }
    }
    let wanted = Swift.max(1, Swift.min(strips, n))
    var stripOf = [Int32](repeating: 0, count: cells)
    var before = 0
    for c in 0..<cells {
      // The strip of a cell's middle point: rises with c, and spreads n points over `wanted` strips.
      stripOf[c] = Int32(
        Swift.min(wanted - 1, (2 * before + cellCount[c]) * wanted / Swift.max(1, 2 * n)))
      before += cellCount[c]
    }
    // Where each half's points of each strip start.
    var counts = [[Int]](repeating: [Int](repeating: 0, count: wanted), count: halves)
    for h in 0..<halves {
      for c in 0..<cells { counts[h][Int(stripOf[c])] += cellCounts[h][c] }
    }
    var offsets = [Int](repeating: 0, count: wanted + 1)
    var starts = [[Int]](repeating: [Int](repeating: 0, count: wanted), count: halves)
    for s in 0..<wanted {
      var at = offsets[s]
      for h in 0..<halves {
        starts[h][s] = at
        at += counts[h][s]
      }
      offsets[s + 1] = at
    }
    // Every place is written once below (the strips' starts partition 0..<n).
    var u = [Double](unsafeUninitializedCapacity: n) { _, made in made = n }
    var v = [Double](unsafeUninitializedCapacity: n) { _, made in made = n }
    u.withUnsafeMutableBufferPointer { uBuffer in
      v.withUnsafeMutableBufferPointer { vBuffer in
        data.x.withUnsafeBufferPointer { xs in
          data.y.withUnsafeBufferPointer { ys in
            cellOf.withUnsafeBufferPointer { cellBuffer in
              nonisolated(unsafe) let (uo, vo) = (uBuffer.baseAddress!, vBuffer.baseAddress!)
              nonisolated(unsafe) let (x, y) = (xs.baseAddress!, ys.baseAddress!)
              nonisolated(unsafe) let cellOf = cellBuffer.baseAddress!
              let (stripOf, starts) = (stripOf, starts)
              Parallel.forEach(halves, parallel: parallel) { h in
                var next = starts[h]
                next.withUnsafeMutableBufferPointer { next in
                  stripOf.withUnsafeBufferPointer { stripOf in
                    for i in bounds[h]..<bounds[h + 1] {
                      let s = Int(stripOf[Int(cellOf[i])])
                      let at = next[s]
                      next[s] = at &+ 1
                      uo[at] = (y[i] - b0) * inverse - lift
                      vo[at] = x[i] * inverse
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    var vLow = [Double](repeating: 0, count: wanted)
    var vHigh = [Double](repeating: 0, count: wanted)
    v.withUnsafeBufferPointer { vs in
      for s in 0..<wanted where offsets[s + 1] > offsets[s] {
        (vLow[s], vHigh[s]) = Self.extent(vs.baseAddress! + offsets[s], offsets[s + 1] - offsets[s])
      }
    }
    self.offsets = offsets
    self.u = u
    self.v = v
    self.vLow = vLow
    self.vHigh = vHigh
    largest = (0..<wanted).map { offsets[$0 + 1] - offsets[$0] }.max() ?? 0
  }

  /// The smallest and largest of `count` values (at least one), four lanes at a time: four independent chains of
  /// compares instead of one.
  static func extent(_ p: UnsafePointer<Double>, _ count: Int) -> (Double, Double) {
    var (low4, high4) = (SIMD4(repeating: Double.infinity), SIMD4(repeating: -Double.infinity))
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i &+ 4 <= count {
      let x = raw.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self)
      low4.replace(with: x, where: x .< low4)
      high4.replace(with: x, where: x .> high4)
      i &+= 4
    }
    var low = Swift.min(Swift.min(low4[0], low4[1]), Swift.min(low4[2], low4[3]))
    var high = Swift.max(Swift.max(high4[0], high4[1]), Swift.max(high4[2], high4[3]))
    while i < count {
      low = Swift.min(low, p[i])
      high = Swift.max(high, p[i])
      i &+= 1
    }
    return (low, high)
  }

  /// The range of the first `count` x: two halves on two cores.
  static func range(_ data: LineData, count n: Int, parallel: Bool) -> (Double, Double) {
    guard n > 0 else { return (.infinity, -.infinity) }
    let halves = n >= 8 ? 2 : 1
    var parts = [(low: Double, high: Double)](repeating: (.infinity, -.infinity), count: halves)
    data.x.withUnsafeBufferPointer { xs in
      parts.withUnsafeMutableBufferPointer { partBuffer in
        nonisolated(unsafe) let (x, parts) = (xs.baseAddress!, partBuffer.baseAddress!)
        Parallel.forEach(halves, parallel: parallel) { h in
          let (first, end) = (h * n / halves, (h + 1) * n / halves)
          parts[h] = extent(x + first, end - first)
        }
      }
    }
    return (parts.map(\.low).min()!, parts.map(\.high).max()!)
  }
}

/// A column's thresholds in row units (t), sorted, and the bin of a point: how many thresholds lie at or below its t.
/// MAE and the quantile loss count the rows (bin k: k rows at or below), Huber the merged list of the b − δ and the
/// b + δ (the bin kA + kB of ``LineFitObjective/huberRows(_:binning:rows:delta:scale:at:)``).
struct StripThresholds {
  let theta: [Double]
  let liftA: Double
  let liftB: Double
  let paired: Bool
  let top: Double

  /// Rows b_j at t = τ_j: bin k holds the points with τ_{k−1} ≤ t < τ_k (bin 0 below every row, `rows` above).
  init(rows: Int, mid: Double) {
    liftA = 1.5 + mid
    liftB = 0
    paired = false
    top = Double(rows)
    theta = (1...rows).map { Double($0) - (1.5 + mid) }
  }

  /// Huber: kA counts the thresholds of `binning` at or below c + δ, kB those at or below c − δ (clamped as
  /// ``LineFitObjective/Binning/bin(_:)`` clamps them); the bin is kA + kB.
  init(huber binning: LineFitObjective.Binning, offset: Double, mid: Double) {
    let lift = 0.5 + mid + binning.base
    liftA = lift + offset
    liftB = lift - offset
    paired = true
    top = binning.top
    let count = Int(binning.top)
    // kA steps up where t + liftA reaches 1, 2, …, top; kB where t + liftB does. Merged in order.
    var merged = [Double]()
    merged.reserveCapacity(2 * count)
    var (i, k) = (1, 1)
    while i <= count || k <= count {
      let a = i <= count ? Double(i) - liftA : .infinity
      let b = k <= count ? Double(k) - liftB : .infinity
      if a <= b {
        merged.append(a)
        i += 1
      } else {
        merged.append(b)
        k += 1
      }
    }
    theta = merged
  }

  @inline(__always) func bin(_ t: Double) -> Int {
    let a = Int(Swift.min(Swift.max(t + liftA, 0), top))
    guard paired else { return a }
    return a + Int(Swift.min(Swift.max(t + liftB, 0), top))
  }
}

/// What a kind of surface sums: per bucket (prefix sums over ã and ṽ) and per column bin (over t).
protocol StripSums: SendableMetatype {
  associatedtype Moments: SIMD & SendableMetatype where Moments.Scalar == Double
  associatedtype Bin: SIMD & SendableMetatype where Bin.Scalar == Double
  /// A point's contribution to its bucket's sums.
  static func moments(_ a: Double, _ v: Double) -> Moments
  /// The bin sums of points with bucket sums `s`, at t = ã + c − delta·ṽ.
  static func region(_ s: Moments, c: Double, delta: Double) -> Bin
  /// One point's bin sums.
  static func point(_ t: Double) -> Bin
  /// Whether the band kernel sums t² too.
  static var squares: Bool { get }
  /// The band kernel's sums as bin sums.
  static func bin(_ s: losslab_band_sums) -> Bin
}

/// MAE and quantile: count and Σt.
enum AbsoluteStripSums: StripSums {
  @inline(__always) static func moments(_ a: Double, _ v: Double) -> SIMD4<Double> {
    SIMD4(1, a, v, 0)
  }
  @inline(__always) static func region(_ s: SIMD4<Double>, c: Double, delta: Double)
    -> SIMD2<Double>
  {
    SIMD2(s[0], (s[1] + s[0] * c) - delta * s[2])
  }
  @inline(__always) static func point(_ t: Double) -> SIMD2<Double> { SIMD2(1, t) }

  static var squares: Bool { false }
  @inline(__always) static func bin(_ s: losslab_band_sums) -> SIMD2<Double> {
    SIMD2(s.count, s.sum)
  }
}

/// Huber: count, Σt and Σt².
enum HuberStripSums: StripSums {
  @inline(__always) static func moments(_ a: Double, _ v: Double) -> SIMD8<Double> {
    SIMD8(1, a, v, a * a, a * v, v * v, 0, 0)
  }
  @inline(__always) static func region(_ s: SIMD8<Double>, c: Double, delta: Double)
    -> SIMD4<Double>
  {
    // Σ(ã + c − Δṽ)² = Σã² + 2c·Σã + n·c² − 2Δ·(Σãṽ + c·Σṽ) + Δ²·Σṽ².
    let sum = (s[1] + s[0] * c) - delta * s[2]
    let squares =
      ((s[3] + 2 * c * s[1]) + s[0] * c * c) - 2 * delta * (s[4] + c * s[2]) + delta * delta * s[5]
    return SIMD4(s[0], sum, squares, 0)
  }
  @inline(__always) static func point(_ t: Double) -> SIMD4<Double> { SIMD4(1, t, t * t, 0) }

  static var squares: Bool { true }
  @inline(__always) static func bin(_ s: losslab_band_sums) -> SIMD4<Double> {
    SIMD4(s.count, s.sum, s.squares, 0)
  }
}

extension LineFitObjective {
  /// The MAE or quantile surface (`above`, `below` as in ``absoluteColumn(w:bs:above:below:)``) by x-strips, row-major
  /// as ``LineFitSpecialization/surface`` returns it; nil where the layout does not pay (or `layout` is nil and
  /// ``StripLayout/paying(points:columns:rows:)`` says so) or the rows are not evenly increasing.
  func stripAbsoluteSurface(
    ws: [Double], bs: [Double], above: Double, below: Double, parallel: Bool,
    layout: StripLayout? = nil
  ) -> [Double]? {
    let rows = bs.count
    guard let plan = stripPlan(ws: ws, bs: bs, layout: layout, margin: 0, parallel: parallel)
    else { return nil }
    let thresholds = StripThresholds(rows: rows, mid: plan.mid)
    let (n, step, b0, inverse, lift) = (stats.n, plan.step, bs[0], plan.inverse, 0.5 + plan.mid)
    return stripSurface(
      AbsoluteStripSums.self, ws: ws, rows: rows, plan: plan, thresholds: thresholds,
      parallel: parallel
    ) { hist in
      // The read-off takes two interleaved histograms (even and odd points); here the odd one is empty.
      var pairs = [SIMD2<Double>](repeating: .zero, count: 2 * hist.count)
      for k in 0..<hist.count { pairs[2 * k] = hist[k] }
      return Self.absoluteReadOff(
        pairs, first: 0, rows: rows, n: n, above: above, below: below, scale: step
      ) { (bs[$0] - b0) * inverse - lift }
    }
  }

  /// The Huber surface by x-strips (see ``stripAbsoluteSurface(ws:bs:above:below:parallel:layout:)``).
  func stripHuberSurface(
    ws: [Double], bs: [Double], parallel: Bool, layout: StripLayout? = nil
  ) -> [Double]? {
    let rows = bs.count
    guard let plan = stripPlan(ws: ws, bs: bs, layout: layout, margin: delta, parallel: parallel),
      let binning = plan.binning
    else { return nil }
    let offset = delta * plan.inverse
    let thresholds = StripThresholds(huber: binning, offset: offset, mid: plan.mid)
    let (step, b0, inverse, lift) = (plan.step, bs[0], plan.inverse, 0.5 + plan.mid)
    return stripSurface(
      HuberStripSums.self, ws: ws, rows: rows, plan: plan, thresholds: thresholds,
      parallel: parallel
    ) { hist in
      // The end bins lie below every b − δ or above every b + δ, in no row's quadratic zone: their Σt² cancels in
      // the read-off (exactly in real numbers), so it is left out, and far outliers cost no precision there.
      var hist = hist
      hist[0][2] = 0
      hist[hist.count - 1][2] = 0
      return huberRows(hist, binning: binning, rows: rows, delta: offset, scale: step * step) {
        (bs[$0] - b0) * inverse - lift
      }
    }
  }

  /// What both kinds share: the layout, the rows' units, the strips.
  struct StripPlan {
    let layout: StripLayout
    let step: Double
    let inverse: Double
    let mid: Double
    let points: StripPoints
    /// Clamped bins spanning the rows ± margin (Huber's merged thresholds).
    let binning: Binning?
  }

  /// The plan, or nil where strips do not pay or cannot be used (fewer than two rows or columns, rows not evenly
  /// increasing, points or rows not finite).
  func stripPlan(
    ws: [Double], bs: [Double], layout: StripLayout?, margin: Double, parallel: Bool
  ) -> StripPlan? {
    let count = Swift.min(data.x.count, data.y.count)
    let rows = bs.count
    guard rows >= 2, ws.count >= 2, count >= 1,
      var layout = layout ?? StripLayout.paying(points: count, columns: ws.count, rows: rows)
    else { return nil }
    layout.groups = Swift.max(1, Swift.min(layout.groups, ws.count))
    let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
    guard step > 0, step.isFinite, ws.allSatisfy(\.isFinite) else { return nil }
    // Finite points only: a point that is not finite makes the statistics' means or sums of squares NaN or ±∞ (and
    // so, harmlessly, does data large enough to overflow them: the column kernels then take it).
    guard stats.meanX.isFinite, stats.meanY.isFinite, stats.sxx.isFinite, stats.syy.isFinite
    else { return nil }
    let inverse = 1 / step
    let mid = Double((rows - 1) / 2)
    // Huber's thresholds are the clamped bins' (rows ± δ and two more either side), as its read-off expects.
    // (limit 0: clamped, the data's box unused.)
    let binning =
      margin > 0
      ? Binning(bs, w: 0, extent: LineExtent(LineData(x: [], y: [])), margin: margin, limit: 0)
      : nil
    if margin > 0 {
      // Every column of a group keeps a histogram of the merged bins: too many (a δ of thousands of rows) and the
      // column kernels, one histogram at a time, are the better choice.
      guard let binning, binning.clamped,
        (2 * binning.count) * ((ws.count + layout.groups - 1) / layout.groups) <= 1 << 20
      else { return nil }
    }
    let points = StripPoints(
      data, b0: bs[0], inverse: inverse, lift: 0.5 + mid, strips: layout.strips, parallel: parallel)
    return StripPlan(
      layout: layout, step: step, inverse: inverse, mid: mid, points: points, binning: binning)
  }

  /// The surface, group by group (on all cores when `parallel`): each group's columns get their histograms from
  /// ``stripGroup(_:columns:ws:plan:thresholds:)``, and `readOff` turns one histogram into the column's rows.
  func stripSurface<K: StripSums>(
    _ kind: K.Type, ws: [Double], rows: Int, plan: StripPlan, thresholds: StripThresholds,
    parallel: Bool, readOff: @escaping ([K.Bin]) -> [Double]
  ) -> [Double] {
    let columns = ws.count
    let groups = plan.layout.groups
    var out = [Double](repeating: 0, count: columns * rows)
    out.withUnsafeMutableBufferPointer { buffer in
      // Each group writes only its own columns.
      nonisolated(unsafe) let base = buffer.baseAddress!
      nonisolated(unsafe) let readOff = readOff
      Parallel.forEach(groups, parallel: parallel) { g in
        let range = (g * columns / groups)..<((g + 1) * columns / groups)
        let hists = stripGroup(kind, columns: range, ws: ws, plan: plan, thresholds: thresholds)
        for (k, i) in range.enumerated() {
          let values = readOff(hists[k])
          for j in 0..<rows { base[j * columns + i] = values[j] }
        }
      }
    }
    return out
  }

  /// The histograms (per bin of `thresholds`: the kind's sums over t) of the columns in `columns`, which share the
  /// reference slope of their middle column. Strip by strip: bucket the strip's points by ã, take the prefix sums,
  /// then walk every column's thresholds over the buckets.
  func stripGroup<K: StripSums>(
    _ kind: K.Type, columns: Range<Int>, ws: [Double], plan: StripPlan,
    thresholds: StripThresholds
  ) -> [[K.Bin]] {
    let points = plan.points
    let theta = thresholds.theta
    let m = theta.count
    let bins = m + 1
    let wr = ws[(columns.lowerBound + columns.upperBound - 1) / 2]
    let width = columns.count
    var hist = [K.Bin](repeating: .zero, count: width * bins)
    let largest = points.largest
    // The most buckets a strip gets: a few per point, and never more than 2¹⁶.
    let cap = Swift.min(Swift.max(16, 4 * largest), 1 << 16)
    var raw = [Double](repeating: 0, count: largest)
    var keys = [Int32](repeating: 0, count: largest)
    // Padded for the band kernel, which reads up to a vector past a band's end.
    let padded = largest + Int(losslab_band_padding)
    var sortedA = [Double](repeating: 0, count: padded)
    var sortedV = [Double](repeating: 0, count: padded)
    var start = [Int](repeating: 0, count: cap + 3)
    var prefix = [K.Moments](repeating: .zero, count: cap + 3)
    // A column's bands on a strip (at most one per threshold), their bins, and the kernel's sums.
    let bandList = UnsafeMutablePointer<losslab_band>.allocate(capacity: m + 1)
    let bandBin = UnsafeMutablePointer<Int>.allocate(capacity: m + 1)
    let bandOut = UnsafeMutablePointer<losslab_band_sums>.allocate(capacity: m + 1)
    defer {
      bandList.deallocate()
      bandBin.deallocate()
      bandOut.deallocate()
    }
    // Per column: Δ = w − w_r.
    let deltas = columns.map { ws[$0] - wr }
    let bucketWidth = plan.layout.bucketWidth
    let wide = plan.layout.wide
    hist.withUnsafeMutableBufferPointer { histBuffer in
      raw.withUnsafeMutableBufferPointer { rawBuffer in
        keys.withUnsafeMutableBufferPointer { keyBuffer in
          sortedA.withUnsafeMutableBufferPointer { aBuffer in
            sortedV.withUnsafeMutableBufferPointer { vBuffer in
              start.withUnsafeMutableBufferPointer { startBuffer in
                prefix.withUnsafeMutableBufferPointer { prefixBuffer in
                  theta.withUnsafeBufferPointer { thetaBuffer in
                    points.u.withUnsafeBufferPointer { uBuffer in
                      points.v.withUnsafeBufferPointer { vsBuffer in
                        let h = histBuffer.baseAddress!
                        let (raw, keys) = (rawBuffer.baseAddress!, keyBuffer.baseAddress!)
                        let (sa, sv) = (aBuffer.baseAddress!, vBuffer.baseAddress!)
                        let (start, prefix) = (startBuffer.baseAddress!, prefixBuffer.baseAddress!)
                        let th = thetaBuffer.baseAddress!
                        for s in 0..<points.strips {
                          let first = points.offsets[s]
                          let count = points.offsets[s + 1] - first
                          guard count > 0 else { continue }
                          let (u, v) = (uBuffer.baseAddress! + first, vsBuffer.baseAddress! + first)
                          // a = u − w_r·v, and its range on the strip.
                          let (ru, rv, rr) = (
                            UnsafeRawPointer(u), UnsafeRawPointer(v), UnsafeMutableRawPointer(raw)
                          )
                          let wr4 = SIMD4(repeating: wr)
                          var i = 0
                          while i &+ 4 <= count {
                            let a =
                              ru.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self) - wr4
                              * rv.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self)
                            rr.storeBytes(of: a, toByteOffset: 8 &* i, as: SIMD4<Double>.self)
                            i &+= 4
                          }
                          while i < count {
                            raw[i] = u[i] - wr * v[i]
                            i &+= 1
                          }
                          let (amin, amax) = StripPoints.extent(UnsafePointer(raw), count)
                          let vbar = 0.5 * (points.vLow[s] + points.vHigh[s])
                          let (vtLow, vtHigh) = (points.vLow[s] - vbar, points.vHigh[s] - vbar)
                          // Where the group's bands can reach on this strip, in a: points beyond (far outliers)
                          // go to the end buckets, which lie wholly below or above every threshold. (In ã the
                          // band of θ is θ − C + Δ·ṽ, with ã + C = a − Δ·v̄.)
                          var (rawLow, rawHigh) = (Double.infinity, -Double.infinity)
                          for d in deltas {
                            let (p, q) = (d * vtLow, d * vtHigh)
                            rawLow = Swift.min(rawLow, th[0] + Swift.min(p, q) + d * vbar)
                            rawHigh = Swift.max(rawHigh, th[m - 1] + Swift.max(p, q) + d * vbar)
                          }
                          // ã is centred on the part of the strip within reach, so the sums of ã (and ã²) of the
                          // points that matter stay small whatever lies beyond.
                          let (rawLo, rawHi) = (
                            Swift.max(amin, rawLow - 1), Swift.min(amax, rawHigh + 1)
                          )
                          let center = rawHi > rawLo ? 0.5 * (rawLo + rawHi) : 0.5 * (amin + amax)
                          let (low, high) = (amin - center, amax - center)
                          let (reachLow, reachHigh) = (rawLow - center, rawHigh - center)
                          let lo = Swift.max(low, reachLow - 1)
                          var hi = Swift.min(high, reachHigh + 1)
                          let clippedHigh = hi < high
                          if !(hi > lo) { hi = lo + 1 }
                          let inner = Int(
                            Swift.min(
                              Swift.max(((hi - lo) / bucketWidth).rounded(.up), 1), Double(cap)))
                          let scale = Double(inner) / (hi - lo)
                          let buckets = inner + 2
                          let lastBucket = Double(buckets - 1)
                          // Bucket 0: below lo; 1…inner: equal widths; inner + 1: at or above hi. What exactness
                          // needs is only that the bucket never falls as x rises: clamping and rounding to nearest
                          // (adding 1.5·2⁵² leaves the integer in the low bits) both keep the order.
                          @inline(__always) func bucket(_ x: Double) -> Int {
                            let y = Swift.min(Swift.max((x - lo) * scale + 0.5, 0), lastBucket)
                            return Int(
                              truncatingIfNeeded: (y + Binning.magic).bitPattern
                                &- Binning.magicBits)
                          }
                          // Counting sort by bucket.
                          for k in 0...buckets { start[k] = 0 }
                          for i in 0..<count {
                            let k = bucket(raw[i] - center)
                            keys[i] = Int32(truncatingIfNeeded: k)
                            start[k &+ 1] &+= 1
                          }
                          for k in 0..<buckets { start[k &+ 1] &+= start[k] }
                          // start[k] is bucket k's first place; move it along while placing, then shift back.
                          for i in 0..<count {
                            let k = Int(keys[i])
                            let at = start[k]
                            start[k] = at &+ 1
                            sa[at] = raw[i] - center
                            sv[at] = v[i] - vbar
                          }
                          // After the last point, points above every threshold (the band kernel reads whole
                          // vectors, up to seven places past a band's end).
                          for i in count..<(count + Int(losslab_band_padding)) {
                            sa[i] = .infinity
                            sv[i] = 0
                          }
                          for k in stride(from: buckets, to: 0, by: -1) { start[k] = start[k - 1] }
                          start[0] = 0
                          // Buckets from `filled` on are empty: a walk that has passed them is done.
                          var filled = buckets
                          while filled > 0 && start[filled - 1] == count { filled -= 1 }
                          // Prefix sums per bucket: prefix[k] sums the inner buckets below k. The end buckets
                          // (far outliers, if any) are summed apart, so that they do not swamp the differences.
                          var (below, beyond) = (K.Moments.zero, K.Moments.zero)
                          for i in start[0]..<start[1] { below += K.moments(sa[i], sv[i]) }
                          for i in start[buckets - 1]..<start[buckets] {
                            beyond += K.moments(sa[i], sv[i])
                          }
                          var run = K.Moments.zero
                          prefix[0] = run
                          prefix[1] = run
                          for k in 1..<(buckets - 1) {
                            for i in start[k]..<start[k + 1] { run += K.moments(sa[i], sv[i]) }
                            prefix[k + 1] = run
                          }
                          prefix[buckets] = run
                          /// The sums of the buckets a..<b (a < b).
                          @inline(__always) func sums(_ a: Int, _ b: Int) -> K.Moments {
                            var total = prefix[b] - prefix[a]
                            if a == 0 { total += below }
                            if b == buckets { total += beyond }
                            return total
                          }
                          // Every column of the group: walk its thresholds over the buckets.
                          for (col, d) in deltas.enumerated() {
                            let c = center - d * vbar
                            let (p, q) = (d * vtLow, d * vtHigh)
                            let (offLow, offHigh) = (Swift.min(p, q) - c, Swift.max(p, q) - c)
                            let hc = h + col * bins
                            // The first threshold whose band reaches lo (those before lie below every point).
                            var (lower, upper) = (0, m)
                            while lower < upper {
                              let half = (lower + upper) / 2
                              if th[half] + offHigh < lo { lower = half + 1 } else { upper = half }
                            }
                            var j = lower
                            var done = 0  // buckets below `done` are in their bins
                            var banded = 0  // bands in bandList
                            var left = j < m ? bucket(th[j] + offLow) : buckets
                            while j < m {
                              let right = bucket(th[j] + offHigh)
                              if left > done {
                                // Between the last band and this one: all in bin j.
                                hc[j] += K.region(sums(done, left), c: c, delta: d)
                                done = left
                              }
                              let nextLeft = j + 1 < m ? bucket(th[j + 1] + offLow) : buckets
                              if right >= done {
                                let (i0, i1) = (start[done], start[right + 1])
                                if right < nextLeft {
                                  // Above θ_{j−1} and below θ_{j+1}: bin j or j + 1.
                                  // The band's points below θ_j counted one by one, the rest by the buckets' sums.
                                  // The kernel reads whole vectors, so up to seven points after the band come too:
                                  // their buckets lie past the band, so each is above θ_j (in real numbers) and
                                  // counts only if rounding puts it on θ_j, in bin j instead of j + 1, where the
                                  // two give the same loss (its own bucket then adds it to bin j + 1, from which
                                  // `under` takes it). Past the strip's last point: +∞, never below.
                                  // The bands are summed together after the walk (one call for all).
                                  bandList[banded] = losslab_band(
                                    start: i0, count: i1 - i0, theta: th[j])
                                  bandBin[banded] = j
                                  banded &+= 1
                                  hc[j + 1] += K.region(sums(done, right + 1), c: c, delta: d)
                                } else {
                                  // The band meets the next one: each point's own bin.
                                  for i in i0..<i1 {
                                    let t = (sa[i] + c) - d * sv[i]
                                    hc[thresholds.bin(t)] += K.point(t)
                                  }
                                }
                                done = right + 1
                              }
                              j += 1
                              left = nextLeft
                              if done >= filled || (clippedHigh && done == buckets - 1) { break }
                            }
                            // What is left lies above every threshold (the last band, or beyond the reach).
                            if done < buckets {
                              hc[m] += K.region(sums(done, buckets), c: c, delta: d)
                            }
                            // Each band's points below its θ_j: in bin j, not j + 1.
                            if banded > 0 {
                              losslab_bands_below(
                                sa, sv, bandList, banded, c, d, K.squares ? 1 : 0, wide ? 1 : 0,
                                bandOut)
                              for k in 0..<banded {
                                let (under, j) = (K.bin(bandOut[k]), bandBin[k])
                                hc[j] += under
                                hc[j + 1] -= under
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return (0..<width).map { Array(hist[($0 * bins)..<(($0 + 1) * bins)]) }
  }
}
