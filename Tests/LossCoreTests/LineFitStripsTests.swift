import Testing

@testable import LossCore

/// The x-strip surfaces (`LineFitStrips.swift`) against per-point sums, and on one core against two. The layouts
/// are forced so that the strips are used on data small enough for brute force: few strips and many (bands that
/// overlap: every band point's bin computed outright), many strips and groups (bands apart: the two-bin split),
/// buckets wider than the bands, one strip.
@Suite struct LineFitStripsTests {
  static let layouts = [
    StripLayout(strips: 9, groups: 4, bucketWidth: 1.0 / 16),
    StripLayout(strips: 40, groups: 1, bucketWidth: 0.7),
    StripLayout(strips: 1, groups: 23, bucketWidth: 1.0 / 64),
    StripLayout(strips: 200, groups: 7, bucketWidth: 3),
    // The baseline band kernel wherever the CPU has the wide one (the layouts above take the wide one there).
    StripLayout(strips: 9, groups: 4, bucketWidth: 1.0 / 16, wide: false),
  ]

  /// A named data set and a window around it.
  struct Case: CustomStringConvertible, Sendable {
    let description: String
    let data: LineData
    let w: ClosedRange<Double>
    let b: ClosedRange<Double>
    /// How close to the per-point sums (relative): 1e-12, except where doubles cannot do better, for the brute
    /// force as for the column kernels (x near 10⁶: each y − w·x carries about 1e-10 of rounding, the ulp of 2·10⁶).
    var tolerance = 1e-12
  }

  static let cases: [Case] = {
    var rng = SplitMix64(seed: 29)
    var out: [Case] = []
    out.append(
      Case(
        description: "tutorial with outliers",
        data: try! LineData.tutorial(points: 3001, seed: 5, outliers: 7), w: 0...4, b: 1...5))
    // Ties: few distinct x, y on multiples of the row step (1/8), repeated points.
    var tx: [Double] = []
    var ty: [Double] = []
    for k in 0..<900 {
      let x = Double(k % 3) / 2
      tx.append(x)
      ty.append((8 * (1 + x + rng.nextUnit())).rounded() / 8)
    }
    out.append(
      Case(description: "ties on the rows", data: LineData(x: tx, y: ty), w: 0...2, b: 0...2))
    let ex = [Double](repeating: 0.7, count: 701)
    let ey = ex.map { _ in 2 + rng.nextUnit() }
    out.append(Case(description: "all x equal", data: LineData(x: ex, y: ey), w: -3...3, b: 0...4))
    let nx = (0..<1203).map { _ in -3 + 2 * rng.nextUnit() }
    let ny = nx.map { -$0 + 0.5 * rng.nextUnit() }
    out.append(
      Case(description: "negative x", data: LineData(x: nx, y: ny), w: -2...0, b: -1...1.5))
    let ox = (0..<999).map { _ in 1e6 + 3 * rng.nextUnit() }
    let oy = ox.map { 2 * $0 - 1e6 + rng.nextUnit() }
    out.append(
      Case(
        description: "x far from 0", data: LineData(x: ox, y: oy), w: 1...3,
        b: (-1e6 - 2)...(-1e6 + 2), tolerance: 1e-10))
    var fx = (0..<1500).map { Double($0) / 1499 }
    var fy = fx.map { 2 * $0 + 3 + rng.nextUnit() - 0.5 }
    fx += [0.5, 0.2, 0.9, 0.9]
    fy += [1e4, -1e4, 3e5, -7e3]
    out.append(Case(description: "far outliers", data: LineData(x: fx, y: fy), w: 0...4, b: 1...5))
    let sx = [0.0, 1, 2]
    out.append(
      Case(
        description: "three points", data: LineData(x: sx, y: [100, -100, 50]), w: -1...1, b: 0...1)
    )
    return out
  }()

  static let columns = 23
  static let rows = 17

  static func axes(_ c: Case) -> (ws: [Double], bs: [Double]) {
    let grid = Grid2D(columns: columns, rows: rows, xRange: c.w, yRange: c.b)
    return ((0..<columns).map(grid.x), (0..<rows).map(grid.y))
  }

  /// Every cell within 1e-12 (relative) of the per-point sum, for MAE, the quantile loss and Huber (δ between the
  /// rows, equal to two row steps, and wider than the window), on every data set and layout.
  @Test(arguments: cases)
  func stripSurfacesMatchBruteForce(_ c: Case) throws {
    let (ws, bs) = Self.axes(c)
    let rowStep = bs[1] - bs[0]
    for layout in Self.layouts {
      for (loss, tau) in [(Loss.mae, 0.5), (.quantile, 0.3)] {
        let f = LineFitObjective(data: c.data, loss: loss, config: LossConfig(tau: tau))
        let (above, below) = loss == .mae ? (1.0, 1.0) : (tau, 1 - tau)
        let values = try #require(
          f.stripAbsoluteSurface(
            ws: ws, bs: bs, above: above, below: below, parallel: false, layout: layout))
        check(values, c, loss, ws, bs, delta: 1, tau: tau, "\(layout)")
      }
      for delta in [0.3 * rowStep, 2 * rowStep, 50.0] {
        let f = LineFitObjective(data: c.data, loss: .huber, config: LossConfig(delta: delta))
        let values = try #require(
          f.stripHuberSurface(ws: ws, bs: bs, parallel: false, layout: layout))
        check(values, c, .huber, ws, bs, delta: delta, tau: 0.5, "δ \(delta) \(layout)")
      }
    }
  }

  func check(
    _ values: [Double], _ c: Case, _ loss: Loss, _ ws: [Double], _ bs: [Double], delta: Double,
    tau: Double, _ note: String
  ) {
    #expect(values.count == ws.count * bs.count)
    var worst = 0.0
    for i in 0..<ws.count {
      for j in 0..<bs.count {
        let expected = bruteForce(c.data, loss, w: ws[i], b: bs[j], delta: delta, tau: tau)
        let error = abs(values[j * ws.count + i] - expected) / max(1, expected)
        worst = max(worst, error.isNaN ? .infinity : error)
      }
    }
    #expect(worst <= c.tolerance, "\(c) \(loss.id) \(note): worst relative error \(worst)")
  }

  /// The groups run on both cores or on one: the same bits.
  @Test(arguments: cases)
  func stripSurfacesAreTheSameOnOneCoreAndTwo(_ c: Case) throws {
    let (ws, bs) = Self.axes(c)
    for layout in Self.layouts where layout.groups > 1 {
      let f = LineFitObjective(data: c.data, loss: .quantile, config: LossConfig(tau: 0.3))
      let one = try #require(
        f.stripAbsoluteSurface(
          ws: ws, bs: bs, above: 0.3, below: 0.7, parallel: false, layout: layout))
      let two = try #require(
        f.stripAbsoluteSurface(
          ws: ws, bs: bs, above: 0.3, below: 0.7, parallel: true, layout: layout))
      #expect(one.map(\.bitPattern) == two.map(\.bitPattern), "\(c) \(layout)")
      let h = LineFitObjective(data: c.data, loss: .huber, config: LossConfig(delta: 0.3))
      let hOne = try #require(h.stripHuberSurface(ws: ws, bs: bs, parallel: false, layout: layout))
      let hTwo = try #require(h.stripHuberSurface(ws: ws, bs: bs, parallel: true, layout: layout))
      #expect(hOne.map(\.bitPattern) == hTwo.map(\.bitPattern), "\(c) \(layout)")
    }
  }

  /// A point that is not finite, in either half of the points and in a vector's tail or not: no strip surface
  /// (the surface then sums point by point, which gives NaN where it should).
  @Test func pointsThatAreNotFiniteAreRefused() throws {
    let n = 1003
    let x = (0..<n).map { Double($0) / Double(n) }
    let y = x.map { 2 * $0 + 3 + Double(Int($0 * 977) % 13) / 10 }
    let ws = (0..<20).map { 1 + Double($0) / 10 }
    let bs = (0..<30).map { 2 + Double($0) / 10 }
    let layout = Self.layouts[0]
    let clean = LineFitObjective(data: LineData(x: x, y: y), loss: .mae)
    #expect(
      clean.stripAbsoluteSurface(ws: ws, bs: bs, above: 1, below: 1, parallel: true, layout: layout)
        != nil)
    for at in [0, 2, n / 2 + 1, n - 1] {
      for bad in [Double.nan, .infinity, -.infinity] {
        var (bx, by) = (x, y)
        bx[at] = bad
        by[(at + 5) % n] = bad
        for data in [LineData(x: bx, y: y), LineData(x: x, y: by)] {
          let f = LineFitObjective(data: data, loss: .mae)
          #expect(
            f.stripAbsoluteSurface(
              ws: ws, bs: bs, above: 1, below: 1, parallel: true, layout: layout) == nil,
            "\(bad) at \(at)")
          let h = LineFitObjective(data: data, loss: .huber)
          #expect(h.stripHuberSurface(ws: ws, bs: bs, parallel: false, layout: layout) == nil)
        }
      }
    }
  }

  /// The band kernel's AVX2 version and its baseline one: the same bits, on every data set and layout.
  @Test(.enabled(if: StripLayout.wideAvailable), arguments: cases)
  func wideAndBaselineKernelsGiveTheSameBits(_ c: Case) throws {
    let (ws, bs) = Self.axes(c)
    for var layout in Self.layouts {
      var surfaces: [[UInt64]] = []
      for wide in [false, true] {
        layout.wide = wide
        let f = LineFitObjective(data: c.data, loss: .mae)
        let absolute = try #require(
          f.stripAbsoluteSurface(
            ws: ws, bs: bs, above: 1, below: 1, parallel: false, layout: layout))
        let h = LineFitObjective(data: c.data, loss: .huber, config: LossConfig(delta: 0.3))
        let huber = try #require(
          h.stripHuberSurface(ws: ws, bs: bs, parallel: false, layout: layout))
        surfaces.append((absolute + huber).map(\.bitPattern))
      }
      #expect(surfaces[0] == surfaces[1], "\(c) \(layout)")
    }
  }

  /// The dispatch: strips for the 10⁶-point scenarios, the column kernels for small data (where they are as fast)
  /// and for surfaces too small to share the strips' work.
  @Test func stripsAreUsedWhereTheyPay() {
    #expect(StripLayout.paying(points: 1_000_000, columns: 288, rows: 224) != nil)
    #expect(StripLayout.paying(points: StripLayout.minimumPoints, columns: 288, rows: 224) != nil)
    #expect(StripLayout.paying(points: 10_000, columns: 288, rows: 224) == nil)
    #expect(
      StripLayout.paying(points: StripLayout.minimumPoints - 1, columns: 288, rows: 224) == nil)
    #expect(StripLayout.paying(points: 1_000_000, columns: 3, rows: 224) == nil)
    let small = LineFitObjective(data: try! LineData.tutorial(points: 50), loss: .mae)
    let (ws, bs) = Self.axes(Self.cases[0])
    #expect(
      small.stripAbsoluteSurface(ws: ws, bs: bs, above: 1, below: 1, parallel: false) == nil)
    #expect(small.stripHuberSurface(ws: ws, bs: bs, parallel: false) == nil)
  }

  /// The column kernels' clamped bins (far points) with a δ of many rows: Huber's read-off needs the bins to reach
  /// 2δ past the rows (with δ only, the points below the first row were miscounted, by up to a third of a cell's
  /// value here). The strips share these bins.
  @Test func huberColumnsWithAWideDeltaMatchBruteForce() {
    let c = Self.cases.first { $0.description == "three points" }!
    for delta in [0.3, 1, 50] {
      let f = LineFitObjective(data: c.data, loss: .huber, config: LossConfig(delta: delta))
      let grid = f.surface(columns: 23, rows: 17, w: c.w, b: c.b)
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          let expected = bruteForce(c.data, .huber, w: grid.x(i), b: grid.y(j), delta: delta)
          #expect(abs(grid[i, j] - expected) <= 1e-12 * max(1, expected), "δ \(delta) (\(i), \(j))")
        }
      }
    }
  }

  /// Enough points for the public surface to take the strips: it matches brute force, and one core matches two.
  @Test func manyPointsTakeTheStripsExactly() throws {
    let n = StripLayout.minimumPoints + 1
    let data = try LineData.tutorial(points: n, seed: 11, outliers: 3)
    for (loss, config) in [
      (Loss.mae, LossConfig()), (.quantile, LossConfig(tau: 0.8)), (.huber, LossConfig(delta: 0.2)),
    ] {
      let f = LineFitObjective(data: data, loss: loss, config: config)
      let grid = f.surface(columns: 16, rows: 5, w: 0.5...3.5, b: 2...4, parallel: false)
      let ws = (0..<16).map(grid.x)
      let bs = (0..<5).map(grid.y)
      let strips =
        loss == .huber
        ? f.stripHuberSurface(ws: ws, bs: bs, parallel: false)
        : f.stripAbsoluteSurface(
          ws: ws, bs: bs, above: loss == .mae ? 1 : 0.8, below: loss == .mae ? 1 : 1 - 0.8,
          parallel: false)
      // The surface is the strips' (the path was taken), bit for bit.
      let s = try #require(strips)
      #expect(s.map(\.bitPattern) == grid.values.map(\.bitPattern), "\(loss.id)")
      let two = f.surface(columns: 16, rows: 5, w: 0.5...3.5, b: 2...4, parallel: true)
      #expect(two.values.map(\.bitPattern) == grid.values.map(\.bitPattern))
      for i in stride(from: 0, to: 16, by: 5) {
        for j in 0..<5 {
          let expected = bruteForce(
            data, loss, w: grid.x(i), b: grid.y(j), delta: config.delta, tau: config.tau)
          #expect(abs(grid[i, j] - expected) <= 1e-12 * max(1, expected), "\(loss.id) (\(i), \(j))")
        }
      }
    }
  }
}
