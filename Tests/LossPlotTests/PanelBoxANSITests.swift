import Testing

@testable import LossPlot

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
