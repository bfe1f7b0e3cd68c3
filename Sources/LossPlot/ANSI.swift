extension Screen {
  /// The frame as lines of text with ANSI SGR escapes for `depth` (attributes only for `.none`).
  /// Escapes are written only where the style changes, each one complete (it starts with a reset,
  /// `ESC[0;…m`), and a line that set a style ends with `ESC[0m`. Trailing blank, unstyled cells
  /// are dropped.
  public func ansi(depth: RenderOptions.ColorDepth) -> [String] {
    var out: [String] = []
    out.reserveCapacity(height)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(width * 8)
    for y in 0..<height {
      bytes.removeAll(keepingCapacity: true)
      appendANSI(row: y, depth: depth, to: &bytes)
      out.append(String(decoding: bytes, as: UTF8.self))
    }
    return out
  }

  /// Appends row `y` as `ansi(depth:)` writes it (UTF-8, no newline).
  public func appendANSI(row y: Int, depth: RenderOptions.ColorDepth, to bytes: inout [UInt8]) {
    guard y >= 0, y < height else { return }
    let start = y * width
    var end = start + width
    while end > start {
      let c = cells[end - 1]
      let st = Screen.visible(c.style, depth)
      guard c.scalar == " ", st.background == .default,
        st.attributes.isDisjoint(with: [.reverse, .underline])
      else { break }
      end -= 1
    }
    var current = Style.plain
    for k in start..<end {
      let c = cells[k]
      let st = Screen.visible(c.style, depth)
      if st != current {
        Screen.appendSGR(st, depth: depth, to: &bytes)
        current = st
      }
      Screen.appendUTF8(c.scalar, to: &bytes)
    }
    if current != .plain { bytes.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D]) }
  }

  /// Appends row `y` as `line(y)` gives it (its characters, trailing spaces removed), in UTF-8.
  public func appendLine(_ y: Int, to bytes: inout [UInt8]) {
    guard y >= 0, y < height else { return }
    let start = y * width
    var end = start + width
    while end > start, cells[end - 1].scalar == " " { end -= 1 }
    for k in start..<end { Screen.appendUTF8(cells[k].scalar, to: &bytes) }
  }

  /// The frame as `losslab render` prints it, in UTF-8: every row (`line(_:)` for `depth` `.none`,
  /// else `ansi(depth:)`'s row), each followed by a newline. The same bytes as those lines joined by
  /// newlines plus a final one, written without a `String` per row.
  public func textBytes(depth: RenderOptions.ColorDepth) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(height * (width * (depth == .none ? 3 : 12) + 1))
    for y in 0..<height {
      if depth == .none {
        appendLine(y, to: &bytes)
      } else {
        appendANSI(row: y, depth: depth, to: &bytes)
      }
      bytes.append(0x0A)
    }
    return bytes
  }

  /// The part of a style that shows at `depth`.
  @inline(__always) static func visible(_ s: Style, _ depth: RenderOptions.ColorDepth) -> Style {
    depth == .none ? Style(attributes: s.attributes) : s
  }

  /// The SGR sequence that sets `style` from scratch (starting with a reset).
  static func sgr(_ style: Style, depth: RenderOptions.ColorDepth) -> String {
    var b: [UInt8] = []
    appendSGR(style, depth: depth, to: &b)
    return String(decoding: b, as: UTF8.self)
  }

  static func appendSGR(_ style: Style, depth: RenderOptions.ColorDepth, to b: inout [UInt8]) {
    b.append(contentsOf: [0x1B, 0x5B, 0x30])  // ESC [ 0
    let a = style.attributes
    if a.contains(.bold) { b.append(contentsOf: [0x3B, 0x31]) }
    if a.contains(.dim) { b.append(contentsOf: [0x3B, 0x32]) }
    if a.contains(.underline) { b.append(contentsOf: [0x3B, 0x34]) }
    if a.contains(.reverse) { b.append(contentsOf: [0x3B, 0x37]) }
    for (color, base) in [(style.foreground, 30), (style.background, 40)] {
      guard let i = color.index else { continue }
      switch depth {
      case .none: continue
      case .basic8:
        b.append(0x3B)
        appendInt(base + Int(color.basic8.index ?? 0), to: &b)
      case .full256:
        b.append(0x3B)
        appendInt(base + 8, to: &b)
        b.append(contentsOf: [0x3B, 0x35, 0x3B])  // ;5;
        appendInt(Int(i), to: &b)
      }
    }
    b.append(0x6D)  // m
  }

  @inline(__always) static func appendInt(_ v: Int, to b: inout [UInt8]) {
    if v >= 100 { b.append(UInt8(48 + v / 100)) }
    if v >= 10 { b.append(UInt8(48 + (v / 10) % 10)) }
    b.append(UInt8(48 + v % 10))
  }

  /// Appends the UTF-8 bytes of `s` (the ANSI frames here, and the terminal writer's cells).
  @inlinable public static func appendUTF8(_ s: Unicode.Scalar, to b: inout [UInt8]) {
    let v = s.value
    if v < 0x80 {
      b.append(UInt8(v))
    } else if v < 0x800 {
      b.append(UInt8(0xC0 | (v >> 6)))
      b.append(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
      b.append(UInt8(0xE0 | (v >> 12)))
      b.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      b.append(UInt8(0x80 | (v & 0x3F)))
    } else {
      b.append(UInt8(0xF0 | (v >> 18)))
      b.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
      b.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
      b.append(UInt8(0x80 | (v & 0x3F)))
    }
  }
}
