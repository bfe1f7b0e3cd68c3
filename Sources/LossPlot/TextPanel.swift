/// A block of text: a title, formula lines, key hints, and name/value rows with the names left
/// and the values right-aligned in one column.
public struct TextPanel: Sendable {
  /// One line of the panel.
  public enum Line: Sendable {
    /// Free text (formulas, hints).
    case text(String, Style = .plain)
    /// A name on the left and a value right-aligned at the panel's right edge.
    case value(String, String, Style = .plain)
    /// Styled pieces one after another.
    case spans([(String, Style)])
    /// An empty line.
    case blank
  }

  public var title: String?
  public var lines: [Line]
  /// Draw a border (with the title on it); otherwise the title is the first, bold line.
  public var bordered: Bool

  public init(title: String? = nil, lines: [Line] = [], bordered: Bool = true) {
    self.title = title
    self.lines = lines
    self.bordered = bordered
  }

  /// Draws the panel inside `rect` (nothing outside it); lines that do not fit are dropped,
  /// long text is cut at the right edge.
  public func draw(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let rect = rect.intersection(screen.bounds)
    guard !rect.isEmpty else { return }
    screen.fill(rect)
    var inner = rect
    if bordered && rect.width >= 4 && rect.height >= 3 {
      screen.box(rect, title: title, ascii: options.ascii)
      inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
    } else if let title, !title.isEmpty {
      screen.put(title, x: inner.x, y: inner.y, style: .bold, clip: inner)
      inner.y += 1
      inner.height -= 1
    }
    if options.ascii { screen.asciify(rect) }
    guard !inner.isEmpty else { return }
    for (k, line) in lines.enumerated() where k < inner.height {
      let y = inner.y + k
      switch line {
      case .text(let s, let st):
        screen.put(TextPanel.clean(s, options), x: inner.x, y: y, style: st, clip: inner)
      case .value(let name, let value, let st):
        let v = TextPanel.clean(value, options)
        let vx = inner.maxX - v.unicodeScalars.count
        // The name yields to the value: it is cut one column before it.
        screen.put(
          TextPanel.clean(name, options), x: inner.x, y: y,
          clip: Rect(x: inner.x, y: y, width: max(0, vx - 1 - inner.x), height: 1))
        screen.put(v, x: max(vx, inner.x), y: y, style: st, clip: inner)
      case .spans(let spans):
        var x = inner.x
        for (s, st) in spans {
          x = screen.put(TextPanel.clean(s, options), x: x, y: y, style: st, clip: inner)
        }
      case .blank:
        break
      }
    }
    if options.ascii { screen.asciify(rect) }
  }

  /// Non-ASCII scalars become `?` in ASCII mode.
  static func clean(_ s: String, _ options: RenderOptions) -> String {
    guard options.ascii else { return s }
    return String(String.UnicodeScalarView(s.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
  }
}
