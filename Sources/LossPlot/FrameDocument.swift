/// A frame as a self-contained SVG or HTML document, in colour, for slides and handouts.
///
/// Both keep every character (braille and blocks too) as text in a monospace font, so the
/// picture stays sharp at any zoom and its text can be searched and copied. Colours are
/// xterm's palette (`Color.rgb`); the terminal's default foreground and background become those
/// of `background` (light grey on black, or black on white), after `Screen.adapted(to:)`.
public enum FrameDocument {
  /// Width and height of one cell in the SVG, in pixels (a 14 px monospace font).
  public static let cellWidth = 8.4
  public static let cellHeight = 17.0
  static let fontSize = 14.0
  static let fontFamily =
    "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans', 'Segoe UI Symbol', monospace"

  /// An SVG document of `screen`: one rectangle per run of equal background and one `<text>` per
  /// run of equal style, stretched to exactly its cells (`textLength`) so columns line up in
  /// any monospace font. Bar blocks (█, ▁…▇, ▀) become rectangles, so bars have no seams. Sized to the frame: `width × cellWidth` by `height × cellHeight`.
  public static func svg(
    _ screen: Screen, background: Background = .dark, depth: RenderOptions.ColorDepth = .full256,
    title: String = "losslab"
  ) -> String {
    let frame = screen.adapted(to: background)
    let colors = background.defaultColors
    let w = Double(frame.width) * cellWidth
    let h = Double(frame.height) * cellHeight
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(number(w))" height="\(number(h))" \
      viewBox="0 0 \(number(w)) \(number(h))" font-family="\(escape(fontFamily))" \
      font-size="\(number(fontSize))">
      <title>\(escape(title))</title>
      <rect width="100%" height="100%" fill="\(colors.background.hex)"/>

      """
    for y in 0..<frame.height {
      // Backgrounds first, then the text over them.
      for run in runs(frame, row: y, key: { resolved($0.style, depth, colors).background })
      where run.key != colors.background {
        out += "<rect x=\"\(number(Double(run.start) * cellWidth))\" "
        out += "y=\"\(number(Double(y) * cellHeight))\" "
        out += "width=\"\(number(Double(run.count) * cellWidth))\" "
        out += "height=\"\(number(cellHeight))\" fill=\"\(run.key.hex)\" shape-rendering=\"crispEdges\"/>\n"
      }
      // Block elements (bars) as rectangles: a font's glyph leaves gaps between rows.
      for x in 0..<frame.width {
        let cell = frame[x, y]
        guard let (top, bottom) = blockExtent(cell.scalar) else { continue }
        let fill = resolved(cell.style, depth, colors).foreground
        out += "<rect x=\"\(number(Double(x) * cellWidth))\" "
        out += "y=\"\(number((Double(y) + top) * cellHeight))\" "
        out += "width=\"\(number(cellWidth))\" height=\"\(number((bottom - top) * cellHeight))\" "
        out += "fill=\"\(fill.hex)\" shape-rendering=\"crispEdges\"/>\n"
      }
      for run in runs(frame, row: y, key: { TextKey($0.style, depth, colors) }) {
        let text = String(
          String.UnicodeScalarView(run.scalars.map { blockExtent($0) == nil ? xmlSafe($0) : " " }))
        if text.allSatisfy({ $0 == " " }) && !run.key.underline { continue }
        out += "<text x=\"\(number(Double(run.start) * cellWidth))\" "
        out += "y=\"\(number((Double(y) + 0.78) * cellHeight))\" "
        out += "textLength=\"\(number(Double(run.count) * cellWidth))\" "
        out += "lengthAdjust=\"spacingAndGlyphs\" xml:space=\"preserve\" "
        out += "fill=\"\(run.key.foreground.hex)\""
        if run.key.bold { out += " font-weight=\"bold\"" }
        if run.key.dim { out += " fill-opacity=\"0.6\"" }
        if run.key.underline { out += " text-decoration=\"underline\"" }
        out += ">\(escape(text))</text>\n"
      }
    }
    out += "</svg>\n"
    return out
  }

  /// An HTML5 document (also well-formed XML) of `screen`: a `<pre>` block of `width` columns
  /// and `height` lines, with a `<span>` per run of equal style.
  public static func html(
    _ screen: Screen, background: Background = .dark, depth: RenderOptions.ColorDepth = .full256,
    title: String = "losslab"
  ) -> String {
    let frame = screen.adapted(to: background)
    let colors = background.defaultColors
    var out = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
      <head>
      <meta charset="utf-8"/>
      <title>\(escape(title))</title>
      <style>
      pre.losslab { font-family: \(fontFamily); font-size: \(number(fontSize))px; \
      line-height: 1.2; color: \(colors.foreground.hex); background: \(colors.background.hex); \
      display: inline-block; margin: 0; padding: 0.5em; }
      pre.losslab span { white-space: pre; }
      </style>
      </head>
      <body>
      <pre class="losslab" data-width="\(frame.width)" data-height="\(frame.height)">
      """
    for y in 0..<frame.height {
      for run in runs(frame, row: y, key: { TextKey($0.style, depth, colors) }) {
        let text = escape(String(String.UnicodeScalarView(run.scalars.map(xmlSafe))))
        let css = run.key.css(defaults: colors)
        out += css.isEmpty ? text : "<span style=\"\(css)\">\(text)</span>"
      }
      if y + 1 < frame.height { out += "\n" }
    }
    out += "</pre>\n</body>\n</html>\n"
    return out
  }

  // MARK: - Runs and styles

  /// What a run of text shares: resolved colours and the attributes that show.
  struct TextKey: Hashable {
    var foreground: RGB
    var background: RGB
    var bold: Bool
    var dim: Bool
    var underline: Bool

    init(
      _ style: Style, _ depth: RenderOptions.ColorDepth,
      _ colors: (foreground: RGB, background: RGB)
    ) {
      let c = FrameDocument.resolved(style, depth, colors)
      foreground = c.foreground
      background = c.background
      bold = style.attributes.contains(.bold)
      dim = style.attributes.contains(.dim)
      underline = style.attributes.contains(.underline)
    }

    /// Inline CSS for what differs from the document's defaults.
    func css(defaults: (foreground: RGB, background: RGB)) -> String {
      var parts: [String] = []
      if foreground != defaults.foreground { parts.append("color:\(foreground.hex)") }
      if background != defaults.background { parts.append("background:\(background.hex)") }
      if bold { parts.append("font-weight:bold") }
      if dim { parts.append("opacity:0.6") }
      if underline { parts.append("text-decoration:underline") }
      return parts.joined(separator: ";")
    }
  }

  /// Foreground and background of `style` as RGB: palette colours at `depth`, the defaults for
  /// the terminal's own colours, swapped for `.reverse`.
  static func resolved(
    _ style: Style, _ depth: RenderOptions.ColorDepth, _ colors: (foreground: RGB, background: RGB)
  ) -> (foreground: RGB, background: RGB) {
    func rgb(_ c: Color, _ fallback: RGB) -> RGB {
      switch depth {
      case .none: return fallback
      case .basic8: return c.basic8.rgb ?? fallback
      case .full256: return c.rgb ?? fallback
      }
    }
    let fg = rgb(style.foreground, colors.foreground)
    let bg = rgb(style.background, colors.background)
    return style.attributes.contains(.reverse) ? (bg, fg) : (fg, bg)
  }

  struct Run<Key> {
    var key: Key
    var start: Int
    var scalars: [Unicode.Scalar]
    var count: Int { scalars.count }
  }

  /// Row `y` cut into maximal runs of cells with the same `key`.
  static func runs<Key: Equatable>(_ screen: Screen, row y: Int, key: (Cell) -> Key) -> [Run<Key>] {
    var result: [Run<Key>] = []
    for x in 0..<screen.width {
      let cell = screen[x, y]
      let k = key(cell)
      if let last = result.last, last.key == k {
        result[result.count - 1].scalars.append(cell.scalar)
      } else {
        result.append(Run(key: k, start: x, scalars: [cell.scalar]))
      }
    }
    return result
  }

  /// The part of a cell (top and bottom, 0 to 1) that a block element fills: the full block, the
  /// lower eighths and the upper half; `nil` for anything else.
  static func blockExtent(_ s: Unicode.Scalar) -> (top: Double, bottom: Double)? {
    switch s.value {
    case 0x2580: return (0, 0.5)
    case 0x2581...0x2588: return (1 - Double(s.value - 0x2580) / 8, 1)
    default: return nil
    }
  }

  /// A character XML 1.0 allows (others become spaces: control characters, lone surrogates,
  /// U+FFFE and U+FFFF).
  static func xmlSafe(_ s: Unicode.Scalar) -> Unicode.Scalar {
    let v = s.value
    if v == 0x9 || v == 0xA || v == 0xD { return " " }
    if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF { return " " }
    return s
  }

  /// Escapes text for XML content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }

  /// A number for an attribute: at most two decimals, no trailing zeros.
  static func number(_ v: Double) -> String {
    let hundredths = Int((v * 100).rounded())
    let whole = hundredths / 100
    let frac = abs(hundredths % 100)
    if frac == 0 { return "\(whole)" }
    return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
  }
}
