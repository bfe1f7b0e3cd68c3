extension Screen {
  /// The frame as lines of text with ANSI SGR escapes for `depth` (plain text for `.none`).
  /// Escapes are written only where the style changes; every line that set a style ends with a
  /// reset (`ESC[0m`). Trailing blank, unstyled cells are dropped.
  public func ansi(depth: RenderOptions.ColorDepth) -> [String] {
    var out: [String] = []
    out.reserveCapacity(height)
    for y in 0..<height {
      let row = cells[(y * width)..<(y * width + width)]
      var end = row.endIndex
      while end > row.startIndex, row[end - 1].scalar == " ",
        depth == .none || row[end - 1].style.background == .default,
        !row[end - 1].style.attributes.contains(.reverse),
        !row[end - 1].style.attributes.contains(.underline)
      {
        end -= 1
      }
      var line = String.UnicodeScalarView()
      var current = Style.plain
      for c in row[row.startIndex..<end] {
        let st = depth == .none ? Style(attributes: c.style.attributes) : c.style
        if st != current {
          line.append(contentsOf: Screen.sgr(st, depth: depth).unicodeScalars)
          current = st
        }
        line.append(c.scalar)
      }
      if current != .plain { line.append(contentsOf: "\u{1B}[0m".unicodeScalars) }
      out.append(String(line))
    }
    return out
  }

  /// The SGR sequence that sets `style` from scratch (starting with a reset).
  static func sgr(_ style: Style, depth: RenderOptions.ColorDepth) -> String {
    var codes = ["0"]
    let a = style.attributes
    if a.contains(.bold) { codes.append("1") }
    if a.contains(.dim) { codes.append("2") }
    if a.contains(.underline) { codes.append("4") }
    if a.contains(.reverse) { codes.append("7") }
    if let f = colorCode(style.foreground, depth: depth, base: 30) { codes.append(f) }
    if let b = colorCode(style.background, depth: depth, base: 40) { codes.append(b) }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  private static func colorCode(_ c: Color, depth: RenderOptions.ColorDepth, base: Int) -> String? {
    guard let i = c.index else { return nil }
    switch depth {
    case .none: return nil
    case .basic8: return String(base + Int(c.basic8.index ?? 0))
    case .full256: return "\(base + 8);5;\(i)"
    }
  }
}
