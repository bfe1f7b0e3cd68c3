import LossCore
import Testing

@testable import LossPlot

@Test func sampleSizeIsOneSamplePerDotOfTheDataArea() {
  let rect = Rect(x: 5, y: 3, width: 80, height: 24)
  for o in [RenderOptions.standard, RenderOptions(ascii: true)] {
    let n = ContourPlot.sampleSize(for: rect, options: o)
    var screen = Screen(width: 100, height: 30)
    let p = ContourPlot(grid: Fixtures.bowl(columns: n.columns, rows: n.rows))
    let f = p.draw(into: &screen, rect: rect, options: o)
    let d = CanvasMode(o).dotsPerCell
    #expect(n.columns == f.area.width * d.x && n.rows == f.area.height * d.y)
    // Grid samples sit at dot centres: the frame is the grid range widened by half a sample.
    let hx = (6.0 - -2.0) / Double(n.columns - 1)
    #expect(abs(f.xRange.lowerBound - (-2 - hx / 2)) < 1e-12)
  }
}

@Test func bandsGetDarkToLightBackgroundsAndLinesContrast() {
  var screen = Screen(width: 60, height: 20)
  let rect = screen.bounds
  let n = ContourPlot.sampleSize(for: rect, options: .standard)
  var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
  p.levels = [0.5, 1, 1.5]
  let f = p.draw(into: &screen, rect: rect, options: .standard)
  let palette = Palette.sequential(4, depth: .full256)
  // The minimum's cell is in the lowest band, a corner in the highest (value 3 ≥ 1.5).
  let cMin = f.column(x: 2)!
  let rMin = f.row(y: 3)!
  #expect(screen[cMin, rMin].style.background == palette[0])
  #expect(screen[f.area.x, f.area.y].style.background == palette[3])
  // Every data cell has a band colour; isoline dots use the contrast colour of their band.
  for y in f.area.y..<f.area.maxY {
    for x in f.area.x..<f.area.maxX {
      let st = screen[x, y].style
      #expect(palette.contains(st.background))
      if (0x2801...0x28FF).contains(screen[x, y].scalar.value) {
        #expect(st.foreground == Palette.contrast(on: st.background))
      }
    }
  }
  // The ramp goes dark → light: a distinct colour per band.
  #expect(Set(palette).count == 4)
  #expect(Palette.sequential(4, depth: .basic8).allSatisfy { ($0.index ?? 99) < 8 })
}

@Test func minimumMarkerAndArrowsLandWhereExpected() {
  var screen = Screen(width: 60, height: 20)
  let rect = screen.bounds
  let n = ContourPlot.sampleSize(for: rect, options: .standard)
  var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
  p.minimum = (2, 3)
  // A path that goes right and leaves through the right edge.
  p.paths = [ContourPath(points: [(1, 2), (3, 2), (9, 2)], color: .brightMagenta, name: "gd")]
  p.arrow = (1, 4, 0, -1)  // pointing down
  let f = p.draw(into: &screen, rect: rect, options: .standard)
  #expect(screen[f.column(x: 2)!, f.row(y: 3)!].scalar == "◆")
  let r = f.row(y: 2)!
  #expect(screen[f.area.maxX - 1, r].scalar == "→")
  #expect(screen[f.area.maxX - 1, r].style.foreground == .brightMagenta)
  // The path is drawn in its colour between its points.
  let mid = f.column(x: 2)!
  #expect(screen[mid, r].style.foreground == .brightMagenta)
  // The gradient arrow is 6 dots long (three cells' width): its head sits 1–2 rows below.
  let ac = f.column(x: 1)!
  let ar = f.row(y: 4)!
  #expect(screen[ac, ar + 1].scalar == "↓" || screen[ac, ar + 2].scalar == "↓")
  // In the arrow's red, or the shade of it that reads on the band under it.
  let arrowCell = screen[ac, ar].style
  #expect(
    arrowCell.foreground
      == Palette.readable(ContourPlot.arrowColor, over: arrowCell.background, theme: .dark).foreground
  )
  #expect([196, 160, 124, 88, 203, 210, 217].contains(arrowCell.foreground.index ?? 0))  // reds
  // ASCII: the same marks in ASCII.
  var a = Screen(width: 60, height: 20)
  let o = RenderOptions(ascii: true, color: .none)
  let m = ContourPlot.sampleSize(for: rect, options: o)
  p.grid = Fixtures.mae(columns: m.columns, rows: m.rows)
  let g = p.draw(into: &a, rect: rect, options: o)
  #expect(a[g.column(x: 2)!, g.row(y: 3)!].scalar == "X")
  #expect(a[g.area.maxX - 1, g.row(y: 2)!].scalar == ">")
}

@Test func automaticLevelsFollowTheRange() {
  let g = Fixtures.bowl(columns: 40, rows: 30)
  let p = ContourPlot(grid: g)
  let l = p.effectiveLevels(count: 8)
  let r = g.finiteRange!
  #expect(l.count == 8 && l.allSatisfy { r.contains($0) })
  #expect(l == l.sorted())
  var q = p
  q.levels = [3, .nan, 1]
  #expect(q.effectiveLevels() == [1, 3])
}

@Test func nonFiniteSurfaceValuesDoNotTrap() {
  var g = Fixtures.mae(columns: 60, rows: 40)
  for k in stride(from: 0, to: g.values.count, by: 7) { g.values[k] = .nan }
  g.values[3] = .infinity
  var s = Screen(width: 40, height: 14)
  let f = ContourPlot(grid: g).draw(into: &s, rect: s.bounds, options: .standard)
  #expect(!f.area.isEmpty)
  var all = Grid2D(columns: 2, rows: 2, xRange: 0...1, yRange: 0...1)
  all.values = [.nan, .nan, .nan, .nan]
  ContourPlot(grid: all).draw(into: &s, rect: s.bounds, options: .standard)
  #expect(s.text.contains("w"))
}

@Test func layoutDoesNotDependOnTitlesOrData() {
  let rect = Rect(x: 0, y: 0, width: 70, height: 20)
  let n = ContourPlot.sampleSize(for: rect, options: .standard)
  var p = ContourPlot(grid: Fixtures.bowl(columns: n.columns, rows: n.rows, x: -1000...1000))
  p.yTitle = ""
  p.xTitle = "a long weight title"
  var s = Screen(width: 70, height: 20)
  let f = p.draw(into: &s, rect: rect, options: .standard)
  #expect(f.area == ContourPlot.dataArea(for: rect, options: .standard))
  // The y labels that do not fit the fixed column are dropped, never drawn over the map.
  for y in f.area.y..<f.area.maxY {
    #expect(s[f.area.x - 1, y].scalar == "│" || s[f.area.x - 1, y].scalar == "┤")
  }
}
