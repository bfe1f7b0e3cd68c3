import Foundation
import Testing

@testable import LossPlot

private let plain = RenderOptions(color: .none)

/// Columns (relative to the data area) that have any non-blank cell in the data area.
private func inkedColumns(_ s: Screen, _ area: Rect) -> Set<Int> {
  var out = Set<Int>()
  for y in area.y..<area.maxY {
    for x in area.x..<area.maxX where s[x, y].scalar != " " { out.insert(x - area.x) }
  }
  return out
}

@Test func curveRunsUpToTheTopEdgeAtAnInfiniteValueAndNeverBack() {
  // Finite and rising up to x = 0.5, +∞ beyond: the curve must reach the top row right at
  // the asymptote and leave nothing to its right.
  let f: @Sendable (Double) -> Double = { $0 < 0.5 ? $0 : .infinity }
  var p = LinePlot(xRange: 0...1, yRange: 0...1)
  p.series = [Series(name: "", color: .red, source: .function(f))]
  var s = Screen(width: 30, height: 10)
  let frame = p.draw(into: &s, rect: s.bounds, options: plain)
  let area = frame.area
  let asymptote = frame.column(x: 0.5)!
  for x in (asymptote + 1)..<area.maxX {
    for y in area.y..<area.maxY { #expect(s[x, y].scalar == " ", "ink right of ∞ at \(x),\(y)") }
  }
  // The jump to +∞ is drawn as a vertical run reaching the top row.
  #expect(s[asymptote, area.y].scalar != " ")
  #expect(s[asymptote - 1, area.y].scalar == " ")
}

@Test func bceLeavesTheTopEdgeOnBothSides() {
  var p = LinePlot(xRange: 0...1, yRange: 0...3)
  p.series = Fixtures.bce
  var s = Screen(width: 40, height: 12)
  let area = p.draw(into: &s, rect: s.bounds, options: plain).area
  // Top row: ink at both ends (−log p near 0, −log(1−p) near 1), none in the middle third.
  let top = (area.x..<area.maxX).filter { s[$0, area.y].scalar != " " }.map { $0 - area.x }
  #expect(top.contains { $0 < 3 } && top.contains { $0 >= area.width - 3 })
  #expect(!top.contains { $0 > area.width / 3 && $0 < 2 * area.width / 3 })
}

@Test func nanSplitsACurve() {
  let f: @Sendable (Double) -> Double = { abs($0 - 0.5) < 0.2 ? .nan : 0.5 }
  var p = LinePlot(xRange: 0...1, yRange: 0...1)
  p.series = [Series(name: "", color: .red, source: .function(f))]
  var s = Screen(width: 30, height: 8)
  let frame = p.draw(into: &s, rect: s.bounds, options: plain)
  let cols = inkedColumns(s, frame.area)
  let gapStart = frame.column(x: 0.32)! - frame.area.x
  let gapEnd = frame.column(x: 0.68)! - frame.area.x
  for c in gapStart...gapEnd { #expect(!cols.contains(c), "column \(c) should be empty") }
  #expect(cols.contains(0) && cols.contains(frame.area.width - 1))
}

@Test func pointSeriesBreakAtNonFiniteValues() {
  var p = LinePlot(xRange: 0...10, yRange: 0...10)
  p.series = [
    Series(name: "", color: .red, source: .points([0, 2, 5, 8, 10], [5, 5, .nan, 5, 5]))
  ]
  var s = Screen(width: 30, height: 8)
  let frame = p.draw(into: &s, rect: s.bounds, options: plain)
  let cols = inkedColumns(s, frame.area)
  // Nothing between x = 2 and x = 8 (the NaN point cuts both neighbouring segments).
  for c in (frame.column(x: 2.6)! - frame.area.x)...(frame.column(x: 7.4)! - frame.area.x) {
    #expect(!cols.contains(c))
  }
}

@Test func legendGoesToTheEmptiestCorner() {
  // A line along the top half: the legend must go to a bottom corner.
  var p = LinePlot(xRange: 0...1, yRange: 0...1)
  p.series = [Series(name: "high", color: .red, source: .function { _ in 0.9 })]
  var s = Screen(width: 40, height: 12)
  let area = p.draw(into: &s, rect: s.bounds, options: plain).area
  let row = (area.y..<area.maxY).first { s.line($0).contains("high") }
  #expect(row == area.maxY - 1)
  // And to a top corner when the curve runs low.
  p.series = [Series(name: "low", color: .red, source: .function { _ in 0.1 })]
  var t = Screen(width: 40, height: 12)
  p.draw(into: &t, rect: t.bounds, options: plain)
  #expect(t.line(area.y).contains("low"))
}

@Test func frameMapsColumnsAndRowsBothWays() {
  var p = LinePlot(xRange: -2...2, yRange: 0.01...100, logY: true)
  p.series = Fixtures.bce
  var s = Screen(width: 50, height: 16)
  let f = p.draw(into: &s, rect: s.bounds, options: plain)
  for c in f.area.x..<f.area.maxX { #expect(f.column(x: f.dataX(column: c)) == c) }
  for r in f.area.y..<f.area.maxY { #expect(f.row(y: f.dataY(row: r)) == r) }
  #expect(f.column(x: 3) == nil && f.row(y: 1000) == nil && f.row(y: -1) == nil)
  // Log axis: 1 sits halfway between 0.01 and 100.
  let mid = f.row(y: 1)!
  #expect(abs(Double(mid - f.area.y) - Double(f.area.height) / 2) <= 1)
  // Log tick labels are decades.
  let labels = (f.area.y..<f.area.maxY).map { s.line($0) }.joined()
  #expect(labels.contains("100") && labels.contains("0.01"))
}

@Test func cursorAndMarkersAreDrawn() {
  var s = Screen(width: 40, height: 12)
  let f = Fixtures.linePlot().draw(into: &s, rect: s.bounds, options: .standard)
  let c = f.column(x: 0.3)!
  let cursorCells = (f.area.y..<f.area.maxY).filter { s[c, $0].scalar == "│" }
  #expect(cursorCells.count >= f.area.height / 2)
  #expect(cursorCells.allSatisfy { s[c, $0].style.attributes.contains(.dim) })
  let r = f.row(y: -Foundation.log(0.3))!
  #expect(s[c, r].scalar == "●" && s[c, r].style.foreground == .red)
}

@Test func seriesHaveTheirOwnColoursAndGlyphs() {
  var s = Screen(width: 40, height: 12)
  let f = Fixtures.linePlot().draw(into: &s, rect: s.bounds, options: .standard)
  var colours = Set<Color>()
  for y in f.area.y..<f.area.maxY {
    for x in f.area.x..<f.area.maxX where (0x2801...0x28FF).contains(s[x, y].scalar.value) {
      colours.insert(s[x, y].style.foreground)
    }
  }
  #expect(colours == [.red, .blue])
  // ASCII without colour: the series glyphs tell them apart.
  var a = Screen(width: 40, height: 12)
  Fixtures.linePlot().draw(
    into: &a, rect: a.bounds, options: RenderOptions(ascii: true, color: .none))
  #expect(a.text.contains("*") && a.text.contains("o"))
}

@Test func badRangesDoNotTrap() {
  for (x, y) in [(0.0...0.0, 1.0...1.0), (-Double.infinity...0, 0...Double.infinity)] {
    var p = LinePlot(xRange: x, yRange: y, logY: true)
    p.series = Fixtures.bce
    var s = Screen(width: 30, height: 10)
    let f = p.draw(into: &s, rect: s.bounds, options: .standard)
    #expect(f.xRange.upperBound > f.xRange.lowerBound && f.yRange.lowerBound > 0)
  }
}

@Test func emphasizedSeriesIsOnTopAndBold() {
  // Two identical flat lines: the emphasized one wins the shared cells whatever its order.
  var p = LinePlot(xRange: 0...1, yRange: 0...1)
  p.series = [
    Series(name: "", color: .blue, emphasized: true, source: .function { _ in 0.5 }),
    Series(name: "", color: .red, source: .function { _ in 0.5 }),
  ]
  var s = Screen(width: 30, height: 8)
  let f = p.draw(into: &s, rect: s.bounds, options: .standard)
  let r = f.row(y: 0.5)!
  for x in f.area.x..<f.area.maxX {
    #expect(s[x, r].style.foreground == .blue && s[x, r].style.attributes.contains(.bold))
  }
}

@Test func blockModeCanBeChosen() {
  var p = LinePlot(xRange: 0...1, yRange: 0...1)
  p.series = [Series(name: "", color: .red, source: .function { $0 })]
  p.canvasMode = .block
  var s = Screen(width: 30, height: 8)
  let f = p.draw(into: &s, rect: s.bounds, options: .standard)
  let glyphs = Set(
    (f.area.y..<f.area.maxY).flatMap { y in (f.area.x..<f.area.maxX).map { s[$0, y].scalar } })
  #expect(glyphs.contains("▗") || glyphs.contains("▖") || glyphs.contains("▞"))
  #expect(!glyphs.contains { (0x2801...0x28FF).contains($0.value) })
  // ASCII options still give ASCII.
  var a = Screen(width: 30, height: 8)
  p.draw(into: &a, rect: a.bounds, options: RenderOptions(ascii: true))
  #expect(a.cells.allSatisfy { $0.scalar.isASCII })
}

/// Dense points (many a dot) are drawn as the plain segment-by-segment rule draws them: every
/// segment between consecutive finite points, a lone dot after a gap.
@Test func densePointsMatchSegmentBySegmentDrawing() {
  let n = 20_000
  var xs = (0..<n).map { Double($0) / Double(n - 1) * 2.4 - 0.2 }
  var ys = xs.map { 1 + 1.5 * Foundation.sin(7 * $0) }
  ys[5000] = .nan
  xs[12000] = .infinity
  var plot = LinePlot(xRange: 0...2, yRange: 0...2.2)
  plot.showLegend = false
  plot.series = [Series(name: "s", color: .red, asciiGlyph: "*", source: .points(xs, ys))]
  for o in [RenderOptions.standard, RenderOptions(ascii: true)] {
    var screen = Screen(width: 50, height: 16)
    let f = plot.draw(into: &screen, rect: screen.bounds, options: o)
    var c = Canvas(columns: f.area.width, rows: f.area.height, mode: CanvasMode(o))
    let dw = Double(c.dotWidth)
    let dh = Double(c.dotHeight)
    func dot(_ k: Int) -> (Double, Double) {
      ((xs[k] - 0) / 2 * dw - 0.5, (2.2 - ys[k]) / 2.2 * dh - 0.5)
    }
    for k in 0..<n {
      let (x, y) = dot(k)
      guard x.isFinite, y.isFinite else { continue }
      let (px, py) = k > 0 ? dot(k - 1) : (.nan, .nan)
      if px.isFinite && py.isFinite {
        c.line(px, py, x, y, color: .red)
      } else {
        c.line(x, y, x, y, color: .red)
      }
    }
    var expected = 0
    for r in 0..<f.area.height {
      for col in 0..<f.area.width {
        let b = c.bits[r * f.area.width + col]
        let want: Unicode.Scalar = b == 0 ? " " : c.glyph(bits: b)
        #expect(screen[f.area.x + col, f.area.y + r].scalar == want, "cell \(col), \(r)")
        if b != 0 { expected += 1 }
      }
    }
    #expect(expected > 40)
  }
}

/// Scatter points well inside take the fast path; those at the edges are still clipped the same way.
@Test func scatterDotsLandWhereLonePointsWould() {
  let xs: [Double] = [0, 0.001, 0.5, 1, 1.0001, -0.01, 0.25, 0.75]
  let ys: [Double] = [0, 1, 0.5, 1, 0.2, 0.5, 0.999, 0.001]
  var plot = LinePlot(xRange: 0...1, yRange: 0...1)
  plot.showLegend = false
  plot.series = [Series(name: "s", color: .red, asciiGlyph: "*", source: .scatter(xs, ys))]
  var screen = Screen(width: 30, height: 10)
  let f = plot.draw(into: &screen, rect: screen.bounds, options: .standard)
  var c = Canvas(columns: f.area.width, rows: f.area.height, mode: .braille)
  for (x, y) in zip(xs, ys) {
    let dx = x * Double(c.dotWidth) - 0.5
    let dy = (1 - y) * Double(c.dotHeight) - 0.5
    c.line(dx, dy, dx, dy, color: .red)
  }
  for r in 0..<f.area.height {
    for col in 0..<f.area.width {
      let b = c.bits[r * f.area.width + col]
      #expect(screen[f.area.x + col, f.area.y + r].scalar == (b == 0 ? " " : c.glyph(bits: b)))
    }
  }
}
