extension Screen {
  /// Draws a border around `rect` (box-drawing characters, or `+-|` when `ascii`), with `title`
  /// on the top edge when there is room. The inside is left untouched; use `rect.inset(by: 1)`.
  public mutating func box(
    _ rect: Rect, title: String? = nil, style: Style = .plain, ascii: Bool = false
  ) {
    guard rect.width >= 2, rect.height >= 2 else { return }
    let h: String = ascii ? "-" : "─"
    let v: String = ascii ? "|" : "│"
    let corners: [String] = ascii ? ["+", "+", "+", "+"] : ["┌", "┐", "└", "┘"]
    for x in (rect.x + 1)..<(rect.maxX - 1) {
      put(h, x: x, y: rect.y, style: style, clip: rect)
      put(h, x: x, y: rect.maxY - 1, style: style, clip: rect)
    }
    for y in (rect.y + 1)..<(rect.maxY - 1) {
      put(v, x: rect.x, y: y, style: style, clip: rect)
      put(v, x: rect.maxX - 1, y: y, style: style, clip: rect)
    }
    put(corners[0], x: rect.x, y: rect.y, style: style, clip: rect)
    put(corners[1], x: rect.maxX - 1, y: rect.y, style: style, clip: rect)
    put(corners[2], x: rect.x, y: rect.maxY - 1, style: style, clip: rect)
    put(corners[3], x: rect.maxX - 1, y: rect.maxY - 1, style: style, clip: rect)
    if let title, !title.isEmpty, rect.width >= 6 {
      // " title " after the first corner and one rule, truncated to fit before the last corner.
      let room = rect.width - 4
      var t = Array(title.unicodeScalars)
      if t.count > room - 2 {
        CutLog.current?.record(title, x: rect.x + 2, y: rect.y)
        t = Array(t.prefix(max(0, room - 2)))
      }
      guard !t.isEmpty else { return }
      var s = String.UnicodeScalarView()
      s.append(" ")
      s.append(contentsOf: t)
      s.append(" ")
      put(String(s), x: rect.x + 2, y: rect.y, style: style.with(.bold), clip: rect)
      if ascii { asciify(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)) }
    }
  }
}
