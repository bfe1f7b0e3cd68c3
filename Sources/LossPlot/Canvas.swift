/// How a canvas turns its dots into characters.
public enum CanvasMode: Sendable, Hashable {
  /// Braille patterns: 2×4 dots a cell.
  case braille
  /// Quadrant block glyphs: 2×2 dots a cell.
  case block
  /// Plain ASCII: 2×3 dots a cell, drawn as `. ' - _ / \ | :` by which dots are set.
  case ascii

  /// The mode for these options: ASCII when asked for, braille otherwise.
  public init(_ options: RenderOptions) {
    self = options.ascii ? .ascii : (options.blocks ? .block : .braille)
  }

  /// Dots a cell holds across and down.
  public var dotsPerCell: (x: Int, y: Int) {
    switch self {
    case .braille: return (2, 4)
    case .block: return (2, 2)
    case .ascii: return (2, 3)
    }
  }
}

/// A dot bitmap over a rectangle of cells, with one colour per cell (the last one drawn wins).
///
/// Storage is flat: one bit mask and one colour per cell, so setting a dot never allocates.
///
/// A canvas kept from frame to frame is blanked and resized in place with `reset`, so a plot drawn
/// again (a cursor moved, a descent stepped) reuses its storage instead of allocating three arrays.
public struct Canvas: Sendable {
  public private(set) var columns: Int
  public private(set) var rows: Int
  public private(set) var mode: CanvasMode
  /// Dot bits per cell, row-major (`row * columns + column`).
  public private(set) var bits: [UInt8]
  /// Colour per cell.
  public private(set) var colors: [Color]
  /// Per cell: an ASCII character that replaces the dot glyph (0: none). Used to tell series apart
  /// when there is no colour.
  public private(set) var glyphs: [UInt8]
  /// The cell rows that may hold dots (`rowLo...rowHi`; empty while `rowHi < rowLo`): drawing the
  /// canvas and `filledCells` skip the rows outside, so a short arrow on a big map costs its rows only.
  public private(set) var rowLo = Int.max
  public private(set) var rowHi = -1
  private var cw: Int, ch: Int

  public init(columns: Int, rows: Int, mode: CanvasMode) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.mode = mode
    (cw, ch) = mode.dotsPerCell
    let n = self.columns * self.rows
    bits = [UInt8](repeating: 0, count: n)
    colors = [Color](repeating: .default, count: n)
    glyphs = [UInt8](repeating: 0, count: n)
  }

  /// An empty canvas (no cells), to be sized by `reset` when it is first drawn on.
  public init() {
    self.init(columns: 0, rows: 0, mode: .braille)
  }

  /// Makes this a blank `columns × rows` canvas in `mode`, the same as a new
  /// `Canvas(columns:rows:mode:)`, in the storage it already has: no allocation once it has held
  /// that many cells. Of the same size, only the rows that may hold dots are cleared.
  public mutating func reset(columns: Int, rows: Int, mode: CanvasMode) {
    let columns = max(0, columns)
    let rows = max(0, rows)
    if columns == self.columns && rows == self.rows {
      if rowLo <= rowHi {
        let cells = (rowLo * columns)..<((rowHi + 1) * columns)
        bits.withUnsafeMutableBufferPointer { b in
          colors.withUnsafeMutableBufferPointer { c in
            glyphs.withUnsafeMutableBufferPointer { g in
              for i in cells {
                b[i] = 0
                c[i] = .default
                g[i] = 0
              }
            }
          }
        }
      }
    } else {
      let n = columns * rows
      bits.removeAll(keepingCapacity: true)
      bits.append(contentsOf: repeatElement(0, count: n))
      colors.removeAll(keepingCapacity: true)
      colors.append(contentsOf: repeatElement(.default, count: n))
      glyphs.removeAll(keepingCapacity: true)
      glyphs.append(contentsOf: repeatElement(0, count: n))
      self.columns = columns
      self.rows = rows
    }
    self.mode = mode
    (cw, ch) = mode.dotsPerCell
    (rowLo, rowHi) = (Int.max, -1)
  }

  /// Width in dots.
  public var dotWidth: Int { columns * cw }
  /// Height in dots.
  public var dotHeight: Int { rows * ch }

  /// Whether dot (dx, dy) is set; false outside.
  public func isSet(_ dx: Int, _ dy: Int) -> Bool {
    guard dx >= 0, dy >= 0, dx < dotWidth, dy < dotHeight else { return false }
    let c = (dy / ch) * columns + dx / cw
    return bits[c] & bit(dx % cw, dy % ch) != 0
  }

  /// Number of cells with at least one dot in the cell rectangle (clipped).
  public func filledCells(in r: Rect) -> Int {
    let a = r.intersection(Rect(x: 0, y: 0, width: columns, height: rows))
    guard !a.isEmpty else { return 0 }
    var n = 0
    for y in max(a.y, rowLo)..<max(max(a.y, rowLo), min(a.maxY, rowHi + 1)) {
      for x in a.x..<a.maxX where bits[y * columns + x] != 0 { n += 1 }
    }
    return n
  }

  @inline(__always) private func bit(_ sx: Int, _ sy: Int) -> UInt8 { Canvas.bit(mode, sx, sy) }

  @inline(__always) private static func bit(_ mode: CanvasMode, _ sx: Int, _ sy: Int) -> UInt8 {
    switch mode {
    case .braille:
      // ⠁⠂⠄⡀ left column, ⠈⠐⠠⢀ right column: byte 4·sx + sy of this constant, looked up without
      // branches (scattered dots would mispredict them).
      let table: UInt64 = 0x8020_1008_4004_0201
      return UInt8(truncatingIfNeeded: table >> UInt64((sx &* 4 &+ sy) &* 8))
    case .block, .ascii:
      return UInt8(1) << UInt8(sy * 2 + sx)
    }
  }

  /// The cell row of dot row `dy` and the dot's row inside that cell. Cells are 2 dots wide in every
  /// mode; 4 (braille) or 2 (block) high divide by shifting, 3 (ASCII) by division.
  @inline(__always)
  static func cellRow(_ dy: Int, _ mode: CanvasMode) -> (row: Int, sy: Int) {
    switch mode {
    case .braille: (dy >> 2, dy & 3)
    case .block: (dy >> 1, dy & 1)
    case .ascii: (dy / 3, dy % 3)
    }
  }

  /// Sets dot (dx, dy), `dy = 0` at the top. Dots outside the canvas are ignored. `glyph` (an
  /// ASCII code, 0 for none) replaces the cell's dot glyph in ASCII mode.
  @inline(__always)
  public mutating func set(_ dx: Int, _ dy: Int, color: Color, glyph: UInt8 = 0) {
    guard dx >= 0, dy >= 0, dx < dotWidth, dy < dotHeight else { return }
    let (row, sy) = Self.cellRow(dy, mode)
    let c = row * columns + (dx >> 1)
    bits[c] |= bit(dx & 1, sy)
    colors[c] = color
    if glyph != 0 { glyphs[c] = glyph }
    touch(row, row)
  }

  /// Widens the rows that may hold dots to include `a...b`.
  @inline(__always)
  private mutating func touch(_ a: Int, _ b: Int) {
    if a < rowLo { rowLo = a }
    if b > rowHi { rowHi = b }
  }

  /// Sets `count` dots of one colour, the k-th at `dot(k)` (nil: none); the same as calling `set`
  /// for each, without its per-dot overhead. For dense scatters.
  public mutating func setDots(
    count: Int, color: Color, glyph: UInt8 = 0, _ dot: (Int) -> (x: Int, y: Int)?
  ) {
    let (w, h, cols, mode) = (dotWidth, dotHeight, columns, mode)
    var (lo, hi) = (rowLo, rowHi)
    defer { (rowLo, rowHi) = (lo, hi) }
    bits.withUnsafeMutableBufferPointer { bits in
      colors.withUnsafeMutableBufferPointer { colors in
        glyphs.withUnsafeMutableBufferPointer { glyphs in
          for k in 0..<count {
            guard let (dx, dy) = dot(k), dx >= 0, dy >= 0, dx < w, dy < h else { continue }
            let (row, sy) = Self.cellRow(dy, mode)
            let c = row &* cols &+ (dx >> 1)
            bits[c] |= Canvas.bit(mode, dx & 1, sy)
            colors[c] = color
            if glyph != 0 { glyphs[c] = glyph }
            if row < lo { lo = row }
            if row > hi { hi = row }
          }
        }
      }
    }
  }

  /// Clears every dot, colour and glyph (keeping the size and mode).
  public mutating func clear() {
    reset(columns: columns, rows: rows, mode: mode)
  }

  /// A vertical run of dots in column `dx` from `y0` to `y1` (either order), clipped.
  public mutating func vline(_ dx: Int, _ y0: Int, _ y1: Int, color: Color, glyph: UInt8 = 0) {
    guard dx >= 0, dx < dotWidth else { return }
    let a = max(min(y0, y1), 0)
    let b = min(max(y0, y1), dotHeight - 1)
    guard a <= b else { return }
    for y in a...b { set(dx, y, color: color, glyph: glyph) }
  }

  /// A straight line between two points in dot coordinates (dot centres at integers), clipped to
  /// the canvas. Non-finite coordinates draw nothing. Precision is that of `Double`: a segment
  /// whose both ends lie ~10¹⁵ dots away may land a dot off (one end near the canvas is exact).
  public mutating func line(
    _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: Color, glyph: UInt8 = 0
  ) {
    guard
      let (ax, ay, bx, by) = Canvas.clip(
        x0, y0, x1, y1, maxX: Double(dotWidth) - 0.5, maxY: Double(dotHeight) - 0.5)
    else { return }
    // Clipped coordinates are > -0.5, so truncating c + 0.5 rounds them (without a libm call).
    var x = Int(ax + 0.5)
    var y = Int(ay + 0.5)
    let ex = Int(bx + 0.5)
    let ey = Int(by + 0.5)
    let dx = abs(ex - x)
    let dy = -abs(ey - y)
    let sx = x < ex ? 1 : -1
    let sy = y < ey ? 1 : -1
    var err = dx + dy
    // Clipping puts both ends on the canvas, up to rounding of far-away ends (a dot off), so each dot
    // is still checked, with one unsigned comparison an axis, on buffers fetched once.
    let (w, h) = (UInt(dotWidth), UInt(dotHeight))
    let lastRow = rows - 1
    touch(
      min(max(Self.cellRow(max(min(y, ey), 0), mode).row, 0), lastRow),
      min(Self.cellRow(max(max(y, ey), 0), mode).row, lastRow))
    let (cols, mode) = (columns, mode)
    bits.withUnsafeMutableBufferPointer { bits in
      colors.withUnsafeMutableBufferPointer { colors in
        glyphs.withUnsafeMutableBufferPointer { glyphs in
          while true {
            if UInt(bitPattern: x) < w && UInt(bitPattern: y) < h {
              let (row, sub) = Self.cellRow(y, mode)
              let c = row &* cols &+ (x >> 1)
              bits[c] |= Canvas.bit(mode, x & 1, sub)
              colors[c] = color
              if glyph != 0 { glyphs[c] = glyph }
            }
            if x == ex && y == ey { break }
            let e2 = 2 * err
            if e2 >= dy {
              err += dy
              x += sx
            }
            if e2 <= dx {
              err += dx
              y += sy
            }
          }
        }
      }
    }
  }

  /// Liang–Barsky clipping of a segment to [-0.5, maxX] × [-0.5, maxY]; nil when nothing is left.
  static func clip(
    _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, maxX: Double, maxY: Double
  ) -> (Double, Double, Double, Double)? {
    guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, maxX > -0.5, maxY > -0.5 else {
      return nil
    }
    let dx = x1 - x0
    let dy = y1 - y0
    var t0 = 0.0
    var t1 = 1.0
    let lo = -0.5 + 1e-9
    // One edge of the clip box: p·t ≤ q (no array, no allocation).
    @inline(__always) func edge(_ p: Double, _ q: Double) -> Bool {
      if p == 0 { return q >= 0 }
      let r = q / p
      if p < 0 {
        if r > t1 { return false }
        if r > t0 { t0 = r }
      } else {
        if r < t0 { return false }
        if r < t1 { t1 = r }
      }
      return true
    }
    guard edge(-dx, x0 - lo), edge(dx, maxX - 1e-9 - x0), edge(-dy, y0 - lo),
      edge(dy, maxY - 1e-9 - y0)
    else { return nil }
    return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
  }

  /// The character for a cell's dot bits in this mode.
  public func glyph(bits b: UInt8) -> Unicode.Scalar {
    switch mode {
    case .braille: return Unicode.Scalar(0x2800 + UInt32(b))!
    case .block: return CanvasGlyphs.quadrants[Int(b & 15)]
    case .ascii: return CanvasGlyphs.ascii[Int(b & 63)]
    }
  }

  /// Writes every cell that has dots into `screen` with its top-left cell at `origin`, clipped to
  /// `clip` (default: the screen). Foreground is the cell's colour when `colored`, else default;
  /// the background is `background`, or the screen cell's own when nil. `attributes` are added.
  public func draw(
    into screen: inout Screen, at origin: (x: Int, y: Int), background: Color? = nil,
    colored: Bool = true, attributes: Attributes = [], clip: Rect? = nil
  ) {
    let area = (clip ?? screen.bounds).intersection(screen.bounds)
    guard !area.isEmpty else { return }
    let y0 = max(0, area.y - origin.y, rowLo == Int.max ? rows : rowLo)
    let y1 = min(rows, area.maxY - origin.y, rowHi + 1)
    let x0 = max(0, area.x - origin.x)
    let x1 = min(columns, area.maxX - origin.x)
    guard y0 < y1, x0 < x1 else { return }
    let w = screen.width
    screen.cells.withUnsafeMutableBufferPointer { cells in
      for r in y0..<y1 {
        let row = (origin.y + r) * w + origin.x
        let src = r * columns
        for c in x0..<x1 {
          let b = bits[src + c]
          if b == 0 { continue }
          let g = glyphs[src + c]
          let scalar =
            (mode == .ascii || !colored) && g != 0 ? Unicode.Scalar(g) : glyph(bits: b)
          var cell = cells[row + c]
          cell.scalar = scalar
          cell.style.foreground = colored ? colors[src + c] : .default
          if let background { cell.style.background = background }
          cell.style.attributes.formUnion(attributes)
          cells[row + c] = cell
        }
      }
    }
  }
}

/// Glyph tables for the block and ASCII canvas modes.
enum CanvasGlyphs {
  /// Bits: 1 top-left, 2 top-right, 4 bottom-left, 8 bottom-right.
  static let quadrants: [Unicode.Scalar] = [
    " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
  ]

  /// 64 glyphs for a 2×3 dot cell; bit `row*2 + col`, row 0 at the top.
  static let ascii: [Unicode.Scalar] = (0..<64).map { asciiGlyph(UInt8($0)) }

  static func asciiGlyph(_ b: UInt8) -> Unicode.Scalar {
    if b == 0 { return " " }
    var rows: [Int] = []
    var cols = Set<Int>()
    var sumL = 0.0
    var nL = 0.0
    var sumR = 0.0
    var nR = 0.0
    var count = 0
    for r in 0..<3 {
      for c in 0..<2 where b & (1 << (r * 2 + c)) != 0 {
        if !rows.contains(r) { rows.append(r) }
        cols.insert(c)
        count += 1
        if c == 0 {
          sumL += Double(r)
          nL += 1
        } else {
          sumR += Double(r)
          nR += 1
        }
      }
    }
    if rows.count == 1 {
      switch rows[0] {
      case 0: return "'"
      case 1: return "-"
      default: return cols.count == 2 ? "_" : "."
      }
    }
    if cols.count == 1 {
      return rows.count == 2 && !rows.contains(1) ? ":" : "|"
    }
    if count >= 5 { return "*" }
    let l = sumL / nL
    let r = sumR / nR
    if l > r { return "/" }
    if l < r { return "\\" }
    return rows.count == 3 ? "|" : "="
  }
}
