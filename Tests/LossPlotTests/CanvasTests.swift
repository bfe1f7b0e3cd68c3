import Testing

@testable import LossPlot

/// The text a canvas draws onto a blank screen of its size.
private func render(_ c: Canvas) -> String {
  var s = Screen(width: c.columns, height: c.rows)
  c.draw(into: &s, at: (0, 0))
  return s.text
}

@Test func brailleDotsMapToTheRightBits() {
  var c = Canvas(columns: 1, rows: 1, mode: .braille)
  #expect(c.dotWidth == 2 && c.dotHeight == 4)
  c.set(0, 0, color: .red)
  #expect(render(c) == "⠁")
  c.set(1, 3, color: .red)
  #expect(render(c) == "⢁")
  for y in 0..<4 { for x in 0..<2 { c.set(x, y, color: .red) } }
  #expect(render(c) == "⣿")
}

@Test func blockModeUsesQuadrants() {
  var c = Canvas(columns: 2, rows: 1, mode: .block)
  #expect(c.dotWidth == 4 && c.dotHeight == 2)
  c.set(0, 0, color: .red)
  c.set(3, 1, color: .red)
  c.set(2, 1, color: .red)
  #expect(render(c) == "▘▄")
}

@Test func asciiGlyphFollowsTheDotsSet() {
  // 2×3 dots a cell; each case sets the listed (x, y) dots of one cell.
  let cases: [([(Int, Int)], String)] = [
    ([(0, 2), (1, 0)], "/"), ([(0, 0), (1, 2)], "\\"), ([(0, 1), (1, 1)], "-"),
    ([(0, 2), (1, 2)], "_"), ([(0, 0), (0, 1), (0, 2)], "|"), ([(1, 0), (1, 2)], ":"),
    ([(0, 0)], "'"), ([(1, 2)], "."), ([(0, 2), (1, 1), (1, 0)], "/"),
  ]
  for (dots, glyph) in cases {
    var c = Canvas(columns: 1, rows: 1, mode: .ascii)
    for (x, y) in dots { c.set(x, y, color: .red) }
    #expect(render(c) == glyph, "\(dots)")
  }
  // Every combination maps to printable ASCII.
  for b in 0..<64 { #expect(CanvasGlyphs.ascii[b].isASCII && CanvasGlyphs.ascii[b].value >= 32) }
}

@Test func lineIsContinuousAndClipped() {
  var c = Canvas(columns: 5, rows: 2, mode: .braille)  // 10 × 8 dots
  c.line(-100, 3.2, 100, 3.2, color: .red)
  for x in 0..<10 { #expect(c.isSet(x, 3)) }
  #expect(!c.isSet(0, 2) && !c.isSet(0, 4))
  // A diagonal touches one dot per column, each next to the previous one.
  var d = Canvas(columns: 5, rows: 2, mode: .braille)
  d.line(0, 0, 7, 7, color: .red)
  for k in 0..<8 { #expect(d.isSet(k, k)) }
  // Far outside, non-finite or huge: nothing drawn, no trap.
  var e = Canvas(columns: 5, rows: 2, mode: .braille)
  e.line(-50, -50, -10, 100, color: .red)
  e.line(.nan, 0, 3, 3, color: .red)
  e.line(0, -.infinity, 3, 3, color: .red)
  #expect(e.filledCells(in: Rect(x: 0, y: 0, width: 5, height: 2)) == 0)
  // y = x from far away (a billion dots): clipped to the dots (0, 0)...(7, 7), four cells.
  e.line(-1e9, -1e9, 1e9, 1e9, color: .red)
  #expect(e.filledCells(in: Rect(x: 0, y: 0, width: 5, height: 2)) == 4)
  for k in 0..<8 { #expect(e.isSet(k, k)) }
}

@Test func drawTouchesOnlyCellsWithDotsAndKeepsBackground() {
  var c = Canvas(columns: 3, rows: 1, mode: .braille)
  c.set(2, 0, color: .green)
  var s = Screen(width: 3, height: 1, fill: Cell("x", style: Style(background: .blue)))
  c.draw(into: &s, at: (0, 0))
  #expect(s.line(0) == "x⠁x")
  #expect(s[1, 0].style == Style(foreground: .green, background: .blue))
  c.draw(into: &s, at: (0, 0), background: .red, colored: false)
  #expect(s[1, 0].style == Style(background: .red))
}

@Test func asciiSeriesGlyphReplacesDotGlyphWithoutColour() {
  var c = Canvas(columns: 2, rows: 1, mode: .ascii)
  c.set(0, 0, color: .red, glyph: UInt8(ascii: "o"))
  c.set(2, 1, color: .red)
  var s = Screen(width: 2, height: 1)
  c.draw(into: &s, at: (0, 0), colored: false)
  #expect(s.line(0) == "o-")
}
