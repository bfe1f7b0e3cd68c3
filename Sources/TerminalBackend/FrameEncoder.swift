import LossPlot

/// The colours and attributes one cell is shown with, as the terminal gets them: colour numbers
/// after the colour depth and the background adaptation (-1: the terminal's own colour), and only
/// attributes the terminal can show.
struct Pen: Hashable, Sendable {
  var foreground: Int16
  var background: Int16
  var attributes: Attributes

  /// The terminal's own colours, no attributes (what a reset gives).
  static let plain = Pen(foreground: -1, background: -1, attributes: [])
}

/// Turns a frame (or the cells of it that changed) into the bytes a terminal needs to show it,
/// as few as it can: one SGR sequence per change of style carrying only what changed, the
/// cheapest cursor motion between runs (an absolute move, a relative one, or writing the unchanged
/// cells between them again when that is shorter), and blank runs erased (`ESC[K`, `ESC[nX`)
/// rather than written. Pure: it remembers only where it left the cursor and the pen, so the next
/// frame can start from them.
///
/// ```swift
/// var encoder = FrameEncoder(profile: .xterm256, options: .standard, hasDefaultColors: true)
/// var bytes: [UInt8] = []
/// encoder.encodeRepaint(first, into: &bytes)  // clear, then every visible cell
/// bytes.removeAll()
/// encoder.encode(Screen.diff(from: first, to: second), of: second, into: &bytes)
/// ```
struct FrameEncoder {
  let profile: TerminalProfile
  let options: RenderOptions
  /// The terminal accepts its default colours (-1) in colour pairs; otherwise the default is white
  /// on black, as ncurses shows it.
  let hasDefaultColors: Bool
  /// Where the terminal's cursor is; -1 when unknown (at the start, after the last column).
  private(set) var cursorY = -1
  private(set) var cursorX = -1
  /// The terminal's current pen; nil when unknown.
  private(set) var pen: Pen?
  /// The attributes the terminal can show.
  private let shown: Attributes

  init(profile: TerminalProfile, options: RenderOptions, hasDefaultColors: Bool) {
    self.profile = profile
    self.options = options
    self.hasDefaultColors = hasDefaultColors
    var shown: Attributes = []
    if profile.bold != nil { shown.insert(.bold) }
    if profile.dim != nil { shown.insert(.dim) }
    if profile.reverse != nil { shown.insert(.reverse) }
    if profile.underline != nil { shown.insert(.underline) }
    self.shown = shown
  }

  /// Forgets the cursor and the pen (something else wrote to the terminal).
  mutating func invalidate() {
    cursorY = -1
    cursorX = -1
    pen = nil
  }

  // MARK: Frames

  /// Appends to `out` what clears the terminal and shows `screen`: a reset, `clear`, then the
  /// visible cells (runs of blanks are skipped, or written when that is shorter than moving).
  mutating func encodeRepaint(_ screen: Screen, into out: inout [UInt8]) {
    if pen != .plain {
      out.append(contentsOf: profile.reset)
      pen = .plain
    }
    out.append(contentsOf: profile.clear)
    cursorY = 0
    cursorX = 0
    for y in 0..<screen.height {
      var x = 0
      while x < screen.width {
        while x < screen.width, isBlank(screen, x, y) { x += 1 }
        guard x < screen.width else { break }
        let start = x
        while x < screen.width, !isBlank(screen, x, y) { x += 1 }
        writeRun(screen, y: y, from: start, to: x, into: &out)
      }
    }
  }

  /// Appends to `out` what turns the frame the terminal shows into `screen`, given the cells that
  /// changed (`diff`, from `Screen.diff`; its `redrawAll` is not looked at: see `encodeRepaint`).
  ///
  /// The runs are not sent top to bottom but nearest first: from where the cursor and pen are,
  /// the next run is the one (of the next `lookahead` in screen order) that is cheapest to reach
  /// and to start with its colours. A step's path, drawn over many rows in one colour beside a
  /// chart in another, is then sent one colour at a time instead of switching twice a row.
  mutating func encode(_ diff: ScreenDiff, of screen: Screen, into out: inout [UInt8]) {
    let spans = diff.spans
    guard !spans.isEmpty else { return }
    erasedFrom.removeAll(keepingCapacity: true)
    erasedFrom.append(contentsOf: repeatElement(screen.width, count: screen.height))
    sent.removeAll(keepingCapacity: true)
    sent.append(contentsOf: repeatElement(false, count: spans.count))
    // Many runs (another view) are sent in screen order: the search would cost more than it saves.
    let window = spans.count <= 256 ? Self.lookahead : 1
    var first = 0  // the first span not sent yet
    for _ in 0..<spans.count {
      while sent[first] { first += 1 }
      var pick = first
      if cursorY >= 0 {
        var best = Int.max
        var k = first
        var seen = 0
        while k < spans.count && seen < window {
          if !sent[k] {
            seen += 1
            let c = startCost(spans[k], screen)
            if c < best { (best, pick) = (c, k) }
          }
          k += 1
        }
      }
      sent[pick] = true
      let span = spans[pick]
      guard span.x < erasedFrom[span.y] else { continue }
      let erased = writeRun(screen, y: span.y, from: span.x, to: span.x + span.width, into: &out)
      erasedFrom[span.y] = min(erasedFrom[span.y], erased)
    }
  }

  /// How many runs (in screen order) `encode` considers for the next one, when a frame has at
  /// most 256 runs (a step has about 80; another view over a thousand).
  static let lookahead = 64
  /// Scratch for `encode`, kept from frame to frame: per row, the column from which the row was
  /// erased; per run, whether it was sent.
  private var erasedFrom: [Int] = []
  private var sent: [Bool] = []

  /// Bytes to move to the start of `span` and set the pen its first cell needs (estimated:
  /// writing cells again to get there is not considered).
  private func startCost(_ span: ScreenDiff.Span, _ screen: Screen) -> Int {
    let cell = screen.cells[span.y * screen.width + span.x]
    return motionCost(to: span.y, span.x) + sgrCost(to: target(for: cell))
  }

  // MARK: Runs and cells

  /// Writes cells `x0 ..< x1` of row `y`; returns the column from which it erased the rest of
  /// the row (blank in `screen`), or the row's width.
  @discardableResult
  private mutating func writeRun(
    _ screen: Screen, y: Int, from x0: Int, to x1: Int, into out: inout [UInt8]
  ) -> Int {
    move(to: y, x0, screen, into: &out)
    var x = x0
    while x < x1 {
      if isBlank(screen, x, y), profile.hasEraseLine || profile.hasEraseCharacters {
        var end = x
        while end < x1, isBlank(screen, end, y) { end += 1 }
        if end - x >= 3 {
          let erased = eraseBlanks(screen, y: y, from: x, to: end, runEnd: x1, into: &out)
          if erased == screen.width { return x }
          if erased > x {
            x = erased
            continue
          }
        }
      }
      writeCell(screen, x, y, into: &out)
      x += 1
    }
    return screen.width
  }

  /// Blanks cells `x ..< end` of row `y` (all blank in `screen`) with an erase when that is shorter
  /// than writing spaces: `ESC[K` when the whole rest of the row is blank (returns the row width),
  /// or `ESC[nX` and a move past them (returns `end`). Returns `x` when spaces are cheaper.
  private mutating func eraseBlanks(
    _ screen: Screen, y: Int, from x: Int, to end: Int, runEnd: Int, into out: inout [UInt8]
  ) -> Int {
    let target = blankPen()
    let penCost = sgrCost(to: target)
    let spaces = penCost + (end - x)
    var restBlank = profile.hasEraseLine
    if restBlank {
      var k = end
      while k < screen.width, isBlank(screen, k, y) { k += 1 }
      restBlank = k == screen.width
    }
    let eraseLine = restBlank ? penCost + 3 : Int.max
    var eraseChars = Int.max
    if profile.hasEraseCharacters {
      eraseChars = penCost + 3 + digits(end - x)
      if end < runEnd { eraseChars += horizontalCost(from: x, to: end) }
    }
    guard min(eraseLine, eraseChars) < spaces else { return x }
    setPen(target, into: &out)
    if eraseLine <= eraseChars {
      out.append(contentsOf: [0x1B, 0x5B, 0x4B])  // ESC [ K
      return screen.width
    }
    csi(end - x, 0x58, into: &out)  // ESC [ n X
    if end < runEnd { move(to: y, end, screen, into: &out) }
    return end
  }

  /// Writes the cell at (x, y), the cursor being there.
  private mutating func writeCell(_ screen: Screen, _ x: Int, _ y: Int, into out: inout [UInt8]) {
    let cell = screen.cells[y * screen.width + x]
    let glyph = self.glyph(cell.scalar)
    let target = target(for: cell)
    if y == screen.height - 1, x == screen.width - 1, profile.autoMargins, !profile.wrapWaits {
      return  // writing the bottom-right cell would scroll the screen
    }
    setPen(target, into: &out)
    Screen.appendUTF8(glyph, to: &out)
    cursorX += 1
    if cursorX >= screen.width {  // the wrap is pending: where the cursor is depends on the terminal
      cursorY = -1
      cursorX = -1
    }
  }

  /// The pen to write `cell` with: its own, except that a space shows only its background, so
  /// it keeps the foreground and bold/dim already set.
  private func target(for cell: Cell) -> Pen {
    let own = pen(for: cell.style)
    guard glyph(cell.scalar) == " ", own.attributes.isDisjoint(with: [.reverse, .underline]),
      let pen
    else { return own }
    return Pen(
      foreground: pen.foreground, background: own.background,
      attributes: pen.attributes.intersection([.bold, .dim]))
  }

  /// A cell a cleared terminal shows: a space on the default background, not reversed or
  /// underlined.
  func isBlank(_ screen: Screen, _ x: Int, _ y: Int) -> Bool {
    let cell = screen.cells[y * screen.width + x]
    guard glyph(cell.scalar) == " " else { return false }
    let p = pen(for: cell.style)
    return p.background == -1 && p.attributes.isDisjoint(with: [.reverse, .underline])
  }

  /// The pen a blank needs: the default background, no reverse or underline; the foreground and
  /// bold/dim stay as they are.
  private func blankPen() -> Pen {
    guard let pen else { return .plain }
    return Pen(
      foreground: pen.foreground, background: -1,
      attributes: pen.attributes.intersection([.bold, .dim]))
  }

  /// The character sent for `s`: controls become spaces, and non-ASCII becomes `?` when the
  /// output is ASCII-only.
  func glyph(_ s: Unicode.Scalar) -> Unicode.Scalar {
    if s.value < 32 || s.value == 127 || (0x80..<0xA0).contains(s.value) { return " " }
    if options.ascii && s.value > 126 { return "?" }
    return s
  }

  /// How `style` is shown on this terminal (the last answer is remembered: neighbouring cells
  /// mostly share a style).
  func pen(for style: Style) -> Pen {
    if let last = memo.style, last == style { return memo.pen }
    let p = resolve(style)
    memo.style = style
    memo.pen = p
    return p
  }

  /// The last `pen(for:)` answer. A reference, so that the pure encoder's copies share it; it
  /// only ever holds a correct answer.
  private final class Memo {
    var style: Style?
    var pen = Pen.plain
  }
  private let memo = Memo()

  private func resolve(_ style: Style) -> Pen {
    var attributes = style.attributes.intersection(shown)
    guard options.color != .none else {
      return Pen(foreground: -1, background: -1, attributes: attributes)
    }
    let adapted = options.background == .light ? style.adapted(to: options.background) : style
    let fg = number(adapted.foreground, background: false)
    let bg = number(adapted.background, background: true)
    if fg != -1 || bg != -1 { attributes.subtract(profile.noColorVideo) }
    return Pen(foreground: fg, background: bg, attributes: attributes)
  }

  private func number(_ c: Color, background: Bool) -> Int16 {
    let mapped = options.color == .basic8 ? c.basic8.index : c.index
    guard var i = mapped.map(Int.init) else {
      return hasDefaultColors ? -1 : (background ? 0 : 7)
    }
    if i >= profile.colorCount { i = Int(Color(UInt8(i)).basic8.index ?? 0) }
    return i < profile.colorCount ? Int16(i) : -1
  }

  // MARK: Styles

  /// The bytes of the shortest SGR sequence from the current pen to `target` (0 when equal).
  private func sgrCost(to target: Pen) -> Int {
    if pen == target { return 0 }
    var cost = resetParameters(target)
    if let delta = deltaParameters(target) { cost = min(cost, delta) }
    return cost + 3
  }

  /// Sets the pen to `target` with one SGR sequence: only what changed, or a reset followed by
  /// what `target` has, whichever is shorter.
  private mutating func setPen(_ target: Pen, into out: inout [UInt8]) {
    if pen == target { return }
    out.append(contentsOf: [0x1B, 0x5B])  // ESC [
    let resetLength = resetParameters(target)
    if let delta = deltaParameters(target), delta < resetLength {
      var first = true
      let old = pen!
      let removed = old.attributes.subtracting(target.attributes)
      if removed.contains(.reverse) { parameter(profile.reverseOff!, &first, &out) }
      if removed.contains(.underline) { parameter(profile.underlineOff!, &first, &out) }
      addAttributes(target.attributes.subtracting(old.attributes), &first, &out)
      if target.foreground != old.foreground {
        parameter(foregroundCode(target.foreground)!, &first, &out)
      }
      if target.background != old.background {
        parameter(backgroundCode(target.background)!, &first, &out)
      }
    } else if target != .plain {
      var first = false
      out.append(0x30)  // 0
      addAttributes(target.attributes, &first, &out)
      if target.foreground != -1 { parameter(foregroundCode(target.foreground)!, &first, &out) }
      if target.background != -1 { parameter(backgroundCode(target.background)!, &first, &out) }
    }
    out.append(0x6D)  // m
    pen = target
  }

  /// Length of the parameters of a reset to `target` (`0;1;38;5;200`; none for plain).
  private func resetParameters(_ target: Pen) -> Int {
    if target == .plain { return 0 }
    var n = 1
    n += attributesLength(target.attributes)
    if target.foreground != -1 { n += 1 + foregroundCode(target.foreground)!.count }
    if target.background != -1 { n += 1 + backgroundCode(target.background)!.count }
    return n
  }

  /// Length of the parameters that change only what differs from the current pen; nil when that
  /// cannot be done (the pen is unknown, or bold/dim must go, or the terminal lacks a code).
  private func deltaParameters(_ target: Pen) -> Int? {
    guard let old = pen else { return nil }
    var n = -1
    let removed = old.attributes.subtracting(target.attributes)
    if removed.contains(.bold) || removed.contains(.dim) { return nil }
    if removed.contains(.reverse) {
      guard let code = profile.reverseOff else { return nil }
      n += 1 + code.count
    }
    if removed.contains(.underline) {
      guard let code = profile.underlineOff else { return nil }
      n += 1 + code.count
    }
    n += attributesLength(target.attributes.subtracting(old.attributes))
    if target.foreground != old.foreground {
      guard let code = foregroundCode(target.foreground) else { return nil }
      n += 1 + code.count
    }
    if target.background != old.background {
      guard let code = backgroundCode(target.background) else { return nil }
      n += 1 + code.count
    }
    return n
  }

  private func addAttributes(_ a: Attributes, _ first: inout Bool, _ out: inout [UInt8]) {
    if a.contains(.bold) { parameter(profile.bold!, &first, &out) }
    if a.contains(.dim) { parameter(profile.dim!, &first, &out) }
    if a.contains(.underline) { parameter(profile.underline!, &first, &out) }
    if a.contains(.reverse) { parameter(profile.reverse!, &first, &out) }
  }

  /// Length of the parameters that turn `a` on, each with its separator.
  private func attributesLength(_ a: Attributes) -> Int {
    var n = 0
    if a.contains(.bold) { n += 1 + profile.bold!.count }
    if a.contains(.dim) { n += 1 + profile.dim!.count }
    if a.contains(.underline) { n += 1 + profile.underline!.count }
    if a.contains(.reverse) { n += 1 + profile.reverse!.count }
    return n
  }

  private func foregroundCode(_ i: Int16) -> [UInt8]? {
    i < 0 ? profile.defaultForeground : profile.foreground[Int(i)]
  }

  private func backgroundCode(_ i: Int16) -> [UInt8]? {
    i < 0 ? profile.defaultBackground : profile.background[Int(i)]
  }

  private func parameter(_ code: [UInt8], _ first: inout Bool, _ out: inout [UInt8]) {
    if !first { out.append(0x3B) }
    out.append(contentsOf: code)
    first = false
  }

  // MARK: Cursor motion

  /// Moves the cursor to (y, x) the shortest way: absolute (`ESC[r;cH`), relative (`ESC[nC`,
  /// `ESC[nD`, `ESC[nA`, `ESC[nB`, `ESC[nG`, backspace, CR, CR LF), or, a few columns to the right on the
  /// same row, by writing the cells in between again.
  private mutating func move(to y: Int, _ x: Int, _ screen: Screen, into out: inout [UInt8]) {
    if cursorY == y && cursorX == x { return }
    guard cursorY >= 0, profile.hasRelativeMoves else {
      absoluteMove(y, x, into: &out)
      return
    }
    let (best, plan) = motion(to: y, x)
    let dy = y - cursorY
    // Writing the cells in between again, when they are few and plain enough.
    if dy == 0, x > cursorX, x - cursorX < best {
      let saved = (out.count, pen, cursorY, cursorX)
      for k in cursorX..<x { writeCell(screen, k, y, into: &out) }
      if out.count - saved.0 <= best, cursorY == y, cursorX == x { return }
      out.removeSubrange(saved.0...)
      (pen, cursorY, cursorX) = (saved.1, saved.2, saved.3)
    }
    switch plan {
    case 1:
      horizontalMove(from: cursorX, to: x, into: &out)
    case 2:
      if dy < 0 && profile.hasReverseIndex && -dy <= 2 {
        for _ in 0..<(-dy) { out.append(contentsOf: [0x1B, 0x4D]) }  // ESC M: up one row
      } else {
        csi(abs(dy), dy > 0 ? 0x42 : 0x41, into: &out)  // B down, A up
      }
      horizontalMove(from: cursorX, to: x, into: &out)
    case 3:
      out.append(0x0D)
      for _ in 0..<dy { out.append(0x0A) }
      horizontalMove(from: 0, to: x, into: &out)
    case 4:
      for _ in 0..<dy { out.append(0x0A) }
      horizontalMove(from: cursorX, to: x, into: &out)
    default:
      absoluteMove(y, x, into: &out)
      return
    }
    cursorY = y
    cursorX = x
  }

  /// Bytes of the shortest move to (y, x) without writing cells.
  private func motionCost(to y: Int, _ x: Int) -> Int {
    if cursorY == y && cursorX == x { return 0 }
    guard cursorY >= 0, profile.hasRelativeMoves else { return absoluteCost(y, x) }
    return motion(to: y, x).cost
  }

  /// The shortest move to (y, x) from a known cursor: its bytes, and how (0 absolute, 1 along the
  /// row, 2 up or down then along, 3 CR and line feeds then along, 4 line feeds then along).
  private func motion(to y: Int, _ x: Int) -> (cost: Int, plan: Int) {
    var best = absoluteCost(y, x)
    var plan = 0
    let dy = y - cursorY
    if dy == 0 {
      let c = horizontalCost(from: cursorX, to: x)
      if c < best { (best, plan) = (c, 1) }
    } else {
      let c = verticalCost(dy) + horizontalCost(from: cursorX, to: x)
      if c < best { (best, plan) = (c, 2) }
      if dy > 0 && dy <= 8 {
        let c = 1 + dy + horizontalCost(from: 0, to: x)
        if c < best { (best, plan) = (c, 3) }
        if profile.lineFeedKeepsColumn {
          let c = dy + horizontalCost(from: cursorX, to: x)
          if c < best { (best, plan) = (c, 4) }
        }
      }
    }
    return (best, plan)
  }

  /// Bytes of `ESC[nB` or `ESC[nA` (or reverse index, 2 bytes a row, for a row or two up).
  private func verticalCost(_ dy: Int) -> Int {
    let csi = 3 + (abs(dy) == 1 ? 0 : digits(abs(dy)))
    return dy < 0 && profile.hasReverseIndex && -dy <= 2 ? min(csi, -2 * dy) : csi
  }

  private func absoluteCost(_ y: Int, _ x: Int) -> Int {
    if x == 0 { return y == 0 ? 3 : 3 + digits(y + 1) }
    return 4 + digits(y + 1) + digits(x + 1)
  }

  private mutating func absoluteMove(_ y: Int, _ x: Int, into out: inout [UInt8]) {
    out.append(contentsOf: [0x1B, 0x5B])
    if y > 0 || x > 0 { appendNumber(y + 1, to: &out) }
    if x > 0 {
      out.append(0x3B)
      appendNumber(x + 1, to: &out)
    }
    out.append(0x48)  // H
    cursorY = y
    cursorX = x
  }

  /// Bytes to go from column `from` to `to` on one row.
  private func horizontalCost(from: Int, to: Int) -> Int { horizontal(from: from, to: to).cost }

  /// The shortest way along a row: its bytes, and how (0 none, 1 `ESC[nC`, 2 `ESC[nD`,
  /// 3 backspaces, 4 CR then `ESC[nC`, 5 `ESC[nG` to the column).
  private func horizontal(from: Int, to: Int) -> (cost: Int, kind: Int) {
    if from == to { return (0, 0) }
    var best = (
      cost: 3 + (abs(to - from) == 1 ? 0 : digits(abs(to - from))), kind: to > from ? 1 : 2
    )
    if to < from {
      if profile.hasBackspace && from - to < best.cost { best = (from - to, 3) }
      let viaReturn = 1 + (to == 0 ? 0 : 3 + (to == 1 ? 0 : digits(to)))
      if viaReturn < best.cost { best = (viaReturn, 4) }
    }
    if profile.hasColumnAddress {
      let c = 3 + (to == 0 ? 0 : digits(to + 1))
      if c < best.cost { best = (c, 5) }
    }
    return best
  }

  private mutating func horizontalMove(from: Int, to: Int, into out: inout [UInt8]) {
    switch horizontal(from: from, to: to).kind {
    case 1: csi(to - from, 0x43, into: &out)  // C
    case 2: csi(from - to, 0x44, into: &out)  // D
    case 3: for _ in to..<from { out.append(0x08) }
    case 4:
      out.append(0x0D)
      if to > 0 { csi(to, 0x43, into: &out) }
    case 5: csi(to + 1, 0x47, into: &out)  // G
    default: break
    }
  }

  /// `ESC [ n final`, with n left out when it is 1.
  private func csi(_ n: Int, _ final: UInt8, into out: inout [UInt8]) {
    out.append(contentsOf: [0x1B, 0x5B])
    if n != 1 { appendNumber(n, to: &out) }
    out.append(final)
  }

  private func digits(_ n: Int) -> Int { n < 10 ? 1 : (n < 100 ? 2 : (n < 1000 ? 3 : 4)) }

  private func appendNumber(_ n: Int, to out: inout [UInt8]) {
    if n >= 1000 { out.append(UInt8(48 + (n / 1000) % 10)) }
    if n >= 100 { out.append(UInt8(48 + (n / 100) % 10)) }
    if n >= 10 { out.append(UInt8(48 + (n / 10) % 10)) }
    out.append(UInt8(48 + n % 10))
  }
}
