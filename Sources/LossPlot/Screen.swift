/// A rectangle of cells: origin at the top left, x to the right, y down.
public struct Rect: Hashable, Sendable {
  public var x: Int, y: Int, width: Int, height: Int
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }
  /// The part of this rectangle inside `other`.
  public func intersection(_ other: Rect) -> Rect {
    let x0 = max(x, other.x)
    let y0 = max(y, other.y)
    let x1 = min(maxX, other.maxX)
    let y1 = min(maxY, other.maxY)
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }
  /// This rectangle shrunk by `n` cells on every side.
  public func inset(by n: Int) -> Rect {
    Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n)
  }
}

/// One character cell: a single-column Unicode scalar and its style.
public struct Cell: Hashable, Sendable {
  public var scalar: Unicode.Scalar
  public var style: Style
  public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain) {
    self.scalar = scalar
    self.style = style
  }
  public static let blank = Cell()
}

/// An in-memory frame: `width × height` cells. Everything the app shows is drawn into one.
///
/// Writes outside the grid (or outside a clip rectangle) are ignored, so drawing code never needs
/// to bounds-check and can never corrupt a neighbouring region.
public struct Screen: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: fill, count: self.width * self.height)
  }

  /// Makes this a blank `width × height` screen, keeping its storage when the size is the same (a
  /// front end draws every frame into the same two screens, so a frame allocates nothing).
  public mutating func reset(width: Int, height: Int) {
    guard width == self.width, height == self.height else {
      self = Screen(width: width, height: height)
      return
    }
    cells.withUnsafeMutableBufferPointer { $0.update(repeating: .blank) }
  }

  /// The whole screen as a rectangle.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at (x, y); a blank cell outside the grid. Setting outside the grid does nothing.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, y >= 0, x < width, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, y >= 0, x < width, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Writes `text` from (x, y) to the right, one scalar a column, clipped to `clip` (default: the
  /// screen). Control characters become spaces. Returns the column after the last one written.
  @discardableResult
  public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil)
    -> Int
  {
    put(scalars: text.unicodeScalars, x: x, y: y, style: style, clip: clip) { text }
  }

  /// Writes part of a string, as `put(_:x:y:style:clip:)` writes a whole one (without copying it).
  @discardableResult
  public mutating func put(
    _ text: Substring, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil
  ) -> Int {
    put(scalars: text.unicodeScalars, x: x, y: y, style: style, clip: clip) { String(text) }
  }

  @inline(__always)
  private mutating func put<Scalars: Collection<Unicode.Scalar>>(
    scalars: Scalars, x: Int, y: Int, style: Style, clip: Rect?, text: () -> String
  ) -> Int {
    let area = (clip ?? bounds).intersection(bounds)
    var col = x
    guard y >= area.y, y < area.maxY else { return x + scalars.count }
    var dropped = false
    for s in scalars {
      if col >= area.maxX {
        dropped = dropped || s != " "
        break
      }
      if col >= area.x {
        let ch: Unicode.Scalar = s.value < 32 || s.value == 127 ? " " : s
        cells[y * width + col] = Cell(ch, style: style)
      } else if s != " " {
        dropped = true
      }
      col += 1
    }
    if dropped, let log = CutLog.current { log.record(text(), x: x, y: y) }
    return col
  }

  /// Writes one character at (x, y) if it lies inside `clip` and the screen (no `String` work).
  @inline(__always)
  public mutating func put(
    _ scalar: Unicode.Scalar, x: Int, y: Int, style: Style = .plain, clip: Rect
  ) {
    guard clip.contains(x: x, y: y), x >= 0, y >= 0, x < width, y < height else { return }
    cells[y * width + x] = Cell(scalar, style: style)
  }

  /// Fills a rectangle (clipped to the screen) with one cell.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let r = rect.intersection(bounds)
    guard !r.isEmpty else { return }
    let w = width
    cells.withUnsafeMutableBufferPointer { all in
      for yy in r.y..<r.maxY {
        (all.baseAddress! + yy * w + r.x).update(repeating: cell, count: r.width)
      }
    }
  }

  /// Changes only the style of the cells in `rect`, keeping their characters.
  public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
    let r = rect.intersection(bounds)
    guard !r.isEmpty else { return }
    for yy in r.y..<r.maxY {
      for xx in r.x..<r.maxX { change(&cells[yy * width + xx].style) }
    }
  }

  /// Copies another screen into this one with its top-left corner at (x, y), clipped.
  public mutating func blit(_ other: Screen, x: Int, y: Int) {
    // The columns of `other` that land on this screen, copied a row at a time.
    let ox0 = max(0, -x)
    let ox1 = min(other.width, width - x)
    guard ox0 < ox1 else { return }
    let w = width
    cells.withUnsafeMutableBufferPointer { dst in
      other.cells.withUnsafeBufferPointer { src in
        for oy in 0..<other.height {
          let ty = y + oy
          guard ty >= 0, ty < height else { continue }
          let from = src.baseAddress! + oy * other.width + ox0
          (dst.baseAddress! + ty * w + x + ox0).update(from: from, count: ox1 - ox0)
        }
      }
    }
  }

  /// The characters of row `y`, without styles; trailing spaces removed when `trim` is set.
  public func line(_ y: Int, trim: Bool = true) -> String {
    guard y >= 0, y < height else { return "" }
    var scalars = String.UnicodeScalarView()
    let row = cells[(y * width)..<(y * width + width)]
    var end = row.endIndex
    if trim {
      while end > row.startIndex, row[end - 1].scalar == " " { end -= 1 }
    }
    for c in row[row.startIndex..<end] { scalars.append(c.scalar) }
    return String(scalars)
  }

  /// All rows as plain text, joined by newlines (trailing spaces of each row removed).
  public var text: String { (0..<height).map { line($0) }.joined(separator: "\n") }
}

/// Texts that were not shown whole: `Screen.put` dropped a character other than a space because
/// it fell outside the clip rectangle or the screen, or `TextWrap` had to cut a word longer than a
/// line. Nothing is recorded unless a log is installed for the current task, so drawing costs
/// nothing extra; tests install one to prove that every label, readout and hint a view meant to
/// show appears whole (or not at all) at small sizes.
///
/// ```swift
/// let log = CutLog()
/// CutLog.$current.withValue(log) { _ = app.render(width: 80, height: 24) }
/// #expect(log.cuts.isEmpty)
/// ```
public final class CutLog: @unchecked Sendable {
  /// One text that was cut: what was meant, and where it started.
  public struct Cut: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var x: Int
    public var y: Int
    public var description: String { "(\(x), \(y)) \"\(text)\"" }
  }

  /// The log that records cuts made by the current task, if any.
  @TaskLocal public static var current: CutLog?

  // A render runs on one task; the log is only read after it returns.
  public private(set) var cuts: [Cut] = []

  public init() {}

  /// Notes that `text`, meant to start at (x, y), was not shown whole.
  public func record(_ text: String, x: Int, y: Int) { cuts.append(Cut(text: text, x: x, y: y)) }
}
