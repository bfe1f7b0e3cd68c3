import LossPlot

/// The lines of a side panel (a readout, a list of notes), each with a priority, fitted to the
/// panel's rectangle: a line too long for the width wraps at spaces (continuations indented by
/// one), and when the wrapped lines do not all fit the height, the least important lines go first,
/// whole, keeping the order of the rest. Nothing is ever cut mid-word.
///
/// Priorities: `.essential` lines (the step, w, b, the loss, a divergence warning and what to press)
/// are the last to go; `.detail` lines (data notes, minima) the first.
struct PanelText {
  enum Priority: Int, Comparable, Sendable {
    case detail = 0
    case useful = 1
    case essential = 2
    static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  }

  struct Line: Sendable {
    /// Where the line's text lies in `PanelText.text`.
    var range: Range<String.Index>
    var style: Style
    var priority: Priority
  }

  /// Every line's text, one after another (a line's `range` says where it lies), so that lines are
  /// written into one buffer: a panel kept in a render cache and refilled each frame (`removeAll`)
  /// allocates nothing once its storage has held a frame's lines.
  private(set) var text: String
  private(set) var lines: [Line]

  init() {
    // Room for a panel's readout, so adding lines grows the storage once at most.
    text = ""
    text.reserveCapacity(512)
    lines = []
    lines.reserveCapacity(16)
  }

  /// Removes every line, keeping the storage.
  mutating func removeAll() {
    text.removeAll(keepingCapacity: true)
    lines.removeAll(keepingCapacity: true)
  }

  /// The text of `line`.
  func text(of line: Line) -> Substring { text[line.range] }

  mutating func add(_ text: String, _ style: Style, _ priority: Priority = .useful) {
    add(style, priority) { $0 += text }
  }

  /// Adds a line that `write` appends to the text given to it, piece by piece (`$0 += "w="`), so a
  /// line longer than a small string (15 bytes) needs no string of its own.
  mutating func add(_ style: Style, _ priority: Priority, _ write: (inout String) -> Void) {
    let start = text.endIndex
    write(&text)
    lines.append(Line(range: start..<text.endIndex, style: style, priority: priority))
  }

  mutating func add(contentsOf other: [(String, Style)], _ priority: Priority = .useful) {
    for (t, s) in other { add(t, s, priority) }
  }

  /// The rows to draw at `width × height`: the wrapped lines, with the least important dropped
  /// (last ones first within a priority) until they fit.
  func rows(width: Int, height: Int) -> [(String, Style)] {
    // A line that fits stays as it is (its column spacing kept); a longer one wraps.
    var wrapped: [(rows: [String], line: Line)] = lines.map {
      let line = String(text(of: $0))
      return line.unicodeScalars.count <= width
        ? ([line], $0) : (TextWrap.wrap(line, width: max(1, width), indent: 1), $0)
    }
    var count = wrapped.map(\.rows.count).reduce(0, +)
    while count > height, !wrapped.isEmpty {
      let lowest = wrapped.map(\.line.priority).min()!
      let i = wrapped.lastIndex { $0.line.priority == lowest }!
      count -= wrapped[i].rows.count
      wrapped.remove(at: i)
    }
    return wrapped.flatMap { w in w.rows.map { ($0, w.line.style) } }
  }

  /// Draws the rows in `rect`, top-aligned; returns the row after the last one drawn.
  @discardableResult
  func draw(into screen: inout Screen, rect: Rect, height: Int? = nil) -> Int {
    var y = rect.y
    // Every line fits as it is: the rows are the lines (nothing to wrap or drop, nothing to build).
    if lines.count <= height ?? rect.height,
      lines.allSatisfy({ text(of: $0).unicodeScalars.count <= rect.width })
    {
      for line in lines {
        screen.put(text(of: line), x: rect.x, y: y, style: line.style, clip: rect)
        y += 1
      }
      return y
    }
    for (text, style) in rows(width: rect.width, height: height ?? rect.height) {
      screen.put(text, x: rect.x, y: y, style: style, clip: rect)
      y += 1
    }
    return y
  }
}

/// Rows of cells laid out as columns sized to their content, so neighbouring numbers never touch.
enum TextColumns {
  enum Alignment { case left, right }

  /// Each row's cells padded to their column's width and joined by `gap` spaces (trailing spaces
  /// trimmed), or nil when the widest row is wider than `width`.
  static func lay(_ rows: [[String]], align: [Alignment], gap: Int, width: Int) -> [String]? {
    let n = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: n)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
    let total = widths.reduce(0, +) + gap * max(0, n - 1)
    guard total <= width else { return nil }
    let space = String(repeating: " ", count: gap)
    return rows.map { r in
      var cells: [String] = []
      for (i, c) in r.enumerated() {
        let pad = String(repeating: " ", count: widths[i] - c.count)
        cells.append(i < align.count && align[i] == .right ? pad + c : c + pad)
      }
      var line = cells.joined(separator: space)
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
