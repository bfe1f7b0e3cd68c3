import Testing

@testable import LossPlot

@Test func barHeightsUseEighthBlocks() {
  // One category, one unnamed series (no legend row), 8 rows of bars above the label row,
  // yMax 1: value 0.5 → 4 full cells; 0.5625 → 4 and a half-block ▄; 1/64 → ▁.
  for (v, full, top) in [(0.5, 4, nil), (0.5625, 4, "▄" as Unicode.Scalar?), (1 / 64.0, 0, "▁")] {
    let h = Histogram(categories: ["a"], series: [("", [v], .blue)], yMax: 1)
    var s = Screen(width: 3, height: 9)
    let area = h.draw(into: &s, rect: s.bounds, options: .standard)
    #expect(area == Rect(x: 0, y: 0, width: 3, height: 8))
    let column = (0..<8).map { s[1, 7 - $0].scalar }
    #expect(Array(column.prefix(full)) == Array(repeating: "█", count: full))
    #expect(column[full] == (top ?? " "))
  }
}

@Test func selectedCategoryIsHighlightedAndRectsCoverTheWidth() {
  var s = Screen(width: 36, height: 10)
  let h = Fixtures.histogram
  h.draw(into: &s, rect: s.bounds, options: .standard)
  let rects = h.categoryRects(in: s.bounds)
  #expect(rects.count == 3)
  #expect(zip(rects, rects.dropFirst()).allSatisfy { $0.maxX == $1.x })
  #expect(rects.last?.maxX == 36)
  // "dog" is selected: its label is reversed, the others are not.
  let labelRow = 9
  let dog = (0..<36).first { s.line(labelRow).dropFirst($0).hasPrefix("dog") }!
  #expect(s[dog, labelRow].style.attributes.contains(.reverse))
  let cat = (0..<36).first { s.line(labelRow).dropFirst($0).hasPrefix("cat") }!
  #expect(!s[cat, labelRow].style.attributes.contains(.reverse))
  // Bars carry their series colour.
  let barColours = Set(s.cells.filter { $0.scalar == "█" }.map { $0.style.foreground })
  #expect(barColours == [.blue, .red])
}

@Test func valuesArePrintedOnlyWhereTheyFit() {
  var wide = Screen(width: 36, height: 10)
  Fixtures.histogram.draw(into: &wide, rect: wide.bounds, options: .standard)
  #expect(wide.text.contains("0.25") && wide.text.contains("0.15"))
  var narrow = Screen(width: 14, height: 10)
  var h = Fixtures.histogram
  h.showValues = true
  h.draw(into: &narrow, rect: narrow.bounds, options: .standard)
  #expect(!narrow.text.contains("0.25"))
}

@Test func textPanelAlignsValuesRight() {
  var s = Screen(width: 24, height: 5)
  TextPanel(
    title: nil, lines: [.value("loss", "0.125"), .value("a very long name indeed", "12.5")],
    bordered: false
  ).draw(into: &s, rect: s.bounds, options: .standard)
  #expect(s.line(0) == "loss               0.125")
  // The name is cut one column before the value.
  #expect(s.line(1) == "a very long name in 12.5")
}

@Test func boxDrawsBorderAndTitle() {
  var s = Screen(width: 12, height: 3)
  s.box(s.bounds, title: "Loss", ascii: false)
  #expect(s.text == "┌─ Loss ───┐\n│          │\n└──────────┘")
  var a = Screen(width: 12, height: 3)
  a.box(a.bounds, title: "A long title here", ascii: true)
  #expect(a.text == "+- A long -+\n|          |\n+----------+")
}

@Test func ansiEmitsEscapesOnlyOnStyleChanges() {
  var s = Screen(width: 6, height: 2)
  s.put("ab", x: 0, y: 0, style: Style(foreground: Color(196)))
  s.put("c", x: 2, y: 0, style: Style(foreground: Color(196), background: Color(21)).with(.bold))
  s.put("d", x: 3, y: 0)
  s.put("x", x: 0, y: 1)
  let esc = "\u{1B}["
  #expect(
    s.ansi(depth: .full256) == [
      esc + "0;38;5;196mab" + esc + "0;1;38;5;196;48;5;21mc" + esc + "0md", "x",
    ])
  // 8 colours: nearest basic colour codes.
  #expect(
    s.ansi(depth: .basic8)[0] == esc + "0;31mab" + esc + "0;1;31;44mc" + esc + "0md")
  // No colour: attributes only, reset at the line end.
  #expect(s.ansi(depth: .none)[0] == "ab" + esc + "0;1mc" + esc + "0md")
  var t = Screen(width: 3, height: 1)
  t.put("z", x: 0, y: 0, style: .reverse)
  #expect(t.ansi(depth: .none) == [esc + "0;7mz" + esc + "0m"])
}
