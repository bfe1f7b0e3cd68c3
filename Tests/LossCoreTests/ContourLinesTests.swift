import LossCore
import Testing

/// A cone f = distance from (cx, cy), sampled on a grid.
func cone(columns: Int = 81, rows: Int = 61, cx: Double = 1, cy: Double = -0.5) -> Grid2D {
  var g = Grid2D(columns: columns, rows: rows, xRange: -3...5, yRange: -3.5...2.5)
  for j in 0..<rows {
    for i in 0..<columns {
      let dx = g.x(i) - cx
      let dy = g.y(j) - cy
      g[i, j] = (dx * dx + dy * dy).squareRoot()
    }
  }
  return g
}

@Test func coneContoursAreCirclesOfTheLevelRadius() {
  let g = cone()
  for r in [0.5, 1.0, 2.0, 2.75] {
    let segs = ContourLines.segments(g, level: r)
    #expect(!segs.isEmpty)
    for s in segs {
      for (x, y) in [(s.x0, s.y0), (s.x1, s.y1)] {
        let d = ((x - 1) * (x - 1) + (y + 0.5) * (y + 0.5)).squareRoot()
        // Linear interpolation on a 0.1 grid is off by far less than one grid step.
        #expect(abs(d - r) < 0.01, "point (\(x), \(y)) at distance \(d) for level \(r)")
      }
    }
    // The segments go all the way round: their directions cover every quadrant.
    var quadrants = Set<Int>()
    for s in segs { quadrants.insert((s.x0 >= 1 ? 1 : 0) + (s.y0 >= -0.5 ? 2 : 0)) }
    #expect(quadrants.count == 4)
    // Total length ≈ circumference.
    let length = segs.reduce(0.0) {
      $0 + (($1.x1 - $1.x0) * ($1.x1 - $1.x0) + ($1.y1 - $1.y0) * ($1.y1 - $1.y0)).squareRoot()
    }
    #expect(abs(length - 2 * Double.pi * r) < 0.03 * 2 * Double.pi * r)
  }
}

@Test func linearRampGivesStraightLineAtInterpolatedPosition() {
  // f = x on x in 0...4 (5 columns): the level 1.25 line is x = 1.25 from bottom to top.
  var g = Grid2D(columns: 5, rows: 3, xRange: 0...4, yRange: 0...2)
  for j in 0..<3 { for i in 0..<5 { g[i, j] = g.x(i) } }
  let segs = ContourLines.segments(g, level: 1.25)
  #expect(segs.count == 2)
  for s in segs {
    #expect(s.x0 == 1.25 && s.x1 == 1.25)
  }
  let ys = segs.flatMap { [$0.y0, $0.y1] }.sorted()
  #expect(ys.first == 0 && ys.last == 2)
}

@Test func nonFiniteCellsProduceNoSegments() {
  var g = Grid2D(columns: 3, rows: 3, xRange: 0...2, yRange: 0...2)
  for j in 0..<3 { for i in 0..<3 { g[i, j] = Double(i) } }
  g[1, 1] = .nan  // every cell touches the centre sample
  #expect(ContourLines.segments(g, level: 0.5).isEmpty)
  g[1, 1] = 1
  #expect(ContourLines.segments(g, level: 0.5).count == 2)
}

@Test func saddleCellIsResolvedByItsCentre() {
  // Corners 1 0 / 0 1 (a = bottom-left high, c = top-right high); centre 0.5.
  var g = Grid2D(columns: 2, rows: 2, xRange: 0...1, yRange: 0...1)
  g.values = [1, 0, 0, 1]  // (0,0)=1, (1,0)=0, (0,1)=0, (1,1)=1
  // Level 0.4 < centre: the high corners connect, cutting off the two low corners.
  let low = ContourLines.segments(g, level: 0.4)
  #expect(low.count == 2)
  for s in low {
    let midX = (s.x0 + s.x1) / 2
    let midY = (s.y0 + s.y1) / 2
    // Each segment sits near a low corner: (1,0) or (0,1).
    #expect((midX > 0.5 && midY < 0.5) || (midX < 0.5 && midY > 0.5))
  }
  // Level 0.6 > centre: the low corners connect, the segments cut off the high corners.
  for s in ContourLines.segments(g, level: 0.6) {
    let midX = (s.x0 + s.x1) / 2
    let midY = (s.y0 + s.y1) / 2
    #expect((midX < 0.5 && midY < 0.5) || (midX > 0.5 && midY > 0.5))
  }
}

@Test func indexSegmentsMatchPerLevelSegments() {
  let g = cone(columns: 30, rows: 20)
  let levels = [0.5, 1.5, 3]
  let all = ContourLines.indexSegments(g, levels: levels)
  for (k, l) in levels.enumerated() {
    #expect(all.filter { $0.level == k }.count == ContourLines.segments(g, level: l).count)
  }
}

@Test func levelsAreNiceInsideTheRange() {
  let l = ContourLines.levels(for: 0.3...9.7, count: 8)
  #expect(l == [1, 2, 3, 4, 5, 6, 7, 8, 9])
  #expect(!l.isEmpty && l.allSatisfy { $0 > 0.3 && $0 < 9.7 })
  #expect(ContourLines.levels(for: 1...3, count: 4) == [1.5, 2, 2.5])
}

@Test func levelsAreLogSpacedAcrossDecades() {
  #expect(ContourLines.levels(for: 0.01...30, count: 6) == [0.2, 0.5, 1, 2, 5, 10, 20].suffix(6))
  let fromZero = ContourLines.levels(for: 0...100, count: 10)
  #expect(fromZero.count == 10)
  #expect(fromZero.last == 50)
  // Each is 1, 2 or 5 times a power of ten.
  for v in fromZero {
    let e = (v.magnitude.squareRoot() > 0) ? Int(floor10(v)) : 0
    let m = v / ContourLines.pow10(e)
    #expect([1.0, 2.0, 5.0].contains { abs($0 - m) < 1e-9 }, "\(v)")
  }
  #expect(ContourLines.levels(for: 5...5, count: 4).isEmpty)
  #expect(ContourLines.levels(for: 0...Double.infinity, count: 4).isEmpty)
}

private func floor10(_ v: Double) -> Double {
  var e = 0.0
  var x = v
  while x >= 10 {
    x /= 10
    e += 1
  }
  while x < 1 {
    x *= 10
    e -= 1
  }
  return e
}

@Test func niceValuesUseOneTwoFiveSteps() {
  #expect(ContourLines.niceValues(in: 0...1, maxCount: 6) == [0, 0.2, 0.4, 0.6, 0.8, 1])
  #expect(ContourLines.niceValues(in: 0.9...7.3, maxCount: 4) == [2, 4, 6])
  #expect(ContourLines.niceValues(in: -3...3, maxCount: 7) == [-3, -2, -1, 0, 1, 2, 3])
  #expect(ContourLines.niceValues(in: 1...1, maxCount: 5).isEmpty)
}

/// `indexSegments` keeps only two rows of bands at a time; each cell must still give exactly what that
/// cell gives on its own (a 2×2 grid of its corners), in row-major order, across holes of NaN and ∞.
@Test func indexSegmentsAreEachCellsOwnInRowOrder() {
  var g = cone(columns: 61, rows: 17)
  for (i, j) in [(3, 4), (10, 10), (11, 10), (20, 2), (0, 16)] { g[i, j] = .nan }
  g[15, 6] = .infinity
  let levels = [2.5, 0.5, 1.5, 3, 4.25]  // unsorted on purpose
  var expected: [ContourLines.Segment] = []
  for j in 0..<(g.rows - 1) {
    for i in 0..<(g.columns - 1) {
      var cell = Grid2D(columns: 2, rows: 2, xRange: 0...1, yRange: 0...1)
      (cell[0, 0], cell[1, 0], cell[0, 1], cell[1, 1]) = (
        g[i, j], g[i + 1, j], g[i, j + 1], g[i + 1, j + 1]
      )
      for s in ContourLines.indexSegments(cell, levels: levels) {
        expected.append(
          ContourLines.Segment(
            x0: Double(i) + s.x0, y0: Double(j) + s.y0, x1: Double(i) + s.x1, y1: Double(j) + s.y1,
            level: s.level))
      }
    }
  }
  #expect(!expected.isEmpty)
  #expect(ContourLines.indexSegments(g, levels: levels) == expected)
  var visited: [ContourLines.Segment] = []
  ContourLines.forEachIndexSegment(g, levels: levels) { visited.append($0) }
  #expect(visited == expected)
}
