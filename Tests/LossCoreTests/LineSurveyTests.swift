import Testing

@testable import LossCore

/// `LineSurvey` reads the points once for the MSE statistics, the box and the far blocks: each must be what its
/// own plain computation gives, on one core and on two.
@Suite struct LineSurveyTests {
  /// Counts around the edges of quads (4), blocks (64) and statistics chunks (16,384), below and above.
  static let counts = [
    0, 1, 2, 3, 4, 5, 63, 64, 65, 67, 127, 128, 1000, 16_383, 16_384, 16_385, 16_387,
    3 * 16_384 + 66,
    100_003,
  ]

  /// Random points with ties (x on a coarse grid, repeated values), far outliers, points exactly `far` from
  /// the line (not far: the test is strict) and just beyond it, and, when `nan`, some NaN.
  static func data(count: Int, seed: UInt64, nan: Bool = false) -> (
    LineData, line: (Double, Double, Double)
  ) {
    var rng = SplitMix64(seed: seed)
    let (w, b, far) = (0.5, -2.0, 3.0)
    var x: [Double] = []
    var y: [Double] = []
    for i in 0..<count {
      let u = rng.nextUnit()
      // Ties: a quarter of the x on a grid of 8 values; the rest spread, with an offset far from 0.
      let xi = u < 0.25 ? Double(Int(u * 32)) : 1e3 + 50 * rng.nextUnit()
      var yi = w * xi + b + (2 * rng.nextUnit() - 1)
      switch rng.nextUnit() {
      case ..<0.002: yi += 40  // far above
      case ..<0.004: yi -= 40  // far below
      case ..<0.006: yi = (w * xi + b) + far  // exactly `far` above: not far (when it rounds back exactly)
      case ..<0.008: yi = (w * xi + b) + far.nextUp * 1.000001  // just beyond
      default: break
      }
      if nan, i % 97 == 5 { yi = .nan }
      if nan, i % 89 == 7 { x.append(.nan) } else { x.append(xi) }
      y.append(yi)
    }
    return (LineData(x: x, y: y), (w, b, far))
  }

  @Test(arguments: counts)
  func statisticsAreThoseOfThePlainPassOnOneCoreAndTwo(count: Int) {
    let (data, line) = Self.data(count: count, seed: UInt64(count) + 11)
    let plain = LineStatistics(x: data.x, y: data.y, parallel: false)
    for parallel in [false, true] {
      let s = LineSurvey(data, line: line, parallel: parallel).statistics
      #expect(s.n == plain.n)
      for (a, b) in [
        (s.meanX, plain.meanX), (s.meanY, plain.meanY), (s.sxx, plain.sxx), (s.sxy, plain.sxy),
        (s.syy, plain.syy),
      ] {
        #expect(a.bitPattern == b.bitPattern, "count \(count), parallel \(parallel)")
      }
    }
  }

  @Test(arguments: counts)
  func boxAndFarBlocksAreThoseOfEachPoint(count: Int) {
    for nan in [false, true] {
      let (data, line) = Self.data(count: count, seed: UInt64(count) * 3 + 1, nan: nan)
      let (w, b, far) = line
      // Each point on its own: NaN never in the box, never far.
      var expected: [Int] = []
      for i in 0..<count where abs(data.y[i] - (w * data.x[i] + b)) > far {
        if expected.last != i / LineSurvey.block { expected.append(i / LineSurvey.block) }
      }
      let xs = data.x.filter { !$0.isNaN }
      let ys = data.y.filter { !$0.isNaN }
      for parallel in [false, true] {
        let s = LineSurvey(data, line: line, parallel: parallel)
        #expect(s.count == count)
        #expect(s.farBlocks == expected, "count \(count), nan \(nan), parallel \(parallel)")
        #expect(s.xRange == (xs.isEmpty ? nil : xs.min()!...xs.max()!))
        #expect(s.yRange == (ys.isEmpty ? nil : ys.min()!...ys.max()!))
        #expect(LineSurvey(data, line: nil, parallel: parallel).farBlocks.isEmpty)
      }
      if count >= 1000 {
        #expect(
          !expected.isEmpty && expected.count < (count + 63) / 64,
          "the data has far and near blocks")
      }
    }
  }

  @Test func aPointExactlyFarAwayIsNotFar() {
    // y − (0·x + 0) is y itself: 3 is not beyond 3, 3.0000000000000004 is; block 1 holds the second.
    var y = [Double](repeating: 0, count: 200)
    y[10] = 3
    y[70] = 3.nextUp
    y[150] = -3
    let data = LineData(x: [Double](repeating: 1, count: 200), y: y)
    #expect(LineSurvey(data, line: (0, 0, 3)).farBlocks == [1])
  }

  @Test func theObjectiveFromASurveyIsTheObjectiveOfItsData() {
    let (data, line) = Self.data(count: 40_000, seed: 5)
    let a = LineFitObjective(LineSurvey(data, line: line), loss: .mse)
    let b = LineFitObjective(data: data, loss: .mse)
    #expect(a.value(w: 0.3, b: 1).bitPattern == b.value(w: 0.3, b: 1).bitPattern)
    let (ma, mb) = (a.minimum, b.minimum)
    #expect(ma.w.bitPattern == mb.w.bitPattern && ma.b.bitPattern == mb.b.bitPattern)
    let ga = a.surface(columns: 9, rows: 7, w: 0...1, b: -3...3).values
    let gb = b.surface(columns: 9, rows: 7, w: 0...1, b: -3...3).values
    #expect(ga.map(\.bitPattern) == gb.map(\.bitPattern))
  }
}
