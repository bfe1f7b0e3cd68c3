import CNCurses
import LossPlot

/// Paints frames with ncurses, sending only the cells that changed since the last frame: for
/// terminals `FrameEncoder` does not know (their terminfo entry is not ECMA-48).
struct CursesPainter {
  /// The last frame painted; the next one is compared against it.
  private(set) var last: Screen?
  /// Colour pairs allocated so far, by (foreground, background) ncurses colour numbers.
  private var pairs: [PairKey: Int32] = [:]
  /// The cells to send, kept from frame to frame.
  private var diff = ScreenDiff(redrawAll: true, spans: [])
  let options: RenderOptions
  /// The terminal accepts -1 for its own default colours (`use_default_colors` succeeded).
  let hasDefaultColors: Bool

  private struct PairKey: Hashable {
    let fg: Int32
    let bg: Int32
  }

  init(options: RenderOptions, hasDefaultColors: Bool) {
    self.options = options
    self.hasDefaultColors = hasDefaultColors
  }

  /// Forgets the last frame so that the next `paint` sends every cell.
  mutating func invalidate() { last = nil }

  /// Paints `screen`: sends the cells `Screen.diff` reports against the last frame painted; with no
  /// previous frame of the same size, every cell is sent and the terminal is redrawn from scratch.
  /// Keeps `screen` as the last frame and hands back the one it replaces (to draw the next frame
  /// into, so the two screens' storage is reused).
  mutating func paint(_ screen: inout Screen) {
    let win = losslab_stdscr()
    Screen.diff(from: last, to: screen, into: &diff)
    if diff.redrawAll || Self.repaintIsSmaller(diff, screen) {
      // A new size, after a suspend, or a frame unlike the last (another view): clear the terminal
      // and send what the new frame shows, which is less than overwriting the old one cell by cell.
      _ = werase(win)
      clearok(losslab_curscr(), true)
      for y in 0..<screen.height { put(screen, row: y, from: 0, count: screen.width, win) }
    } else {
      for span in diff.spans { put(screen, row: span.y, from: span.x, count: span.width, win) }
    }
    _ = wnoutrefresh(win)
    _ = doupdate()
    if last != nil {
      swap(&last!, &screen)
    } else {
      last = screen
    }
  }

  /// Hands `count` cells of row `y` from column `x` to ncurses.
  private mutating func put(
    _ screen: Screen, row y: Int, from x: Int, count: Int, _ win: UnsafeMutablePointer<WINDOW>?
  ) {
    var cc = cchar_t()
    let row = y * screen.width
    for x in x..<(x + count) {
      let cell = screen.cells[row + x]
      _ = losslab_setcchar(&cc, scalar(cell.scalar), attributes(cell.style), pair(cell.style))
      _ = mvwadd_wch(win, Int32(y), Int32(x), &cc)  // ERR in the bottom-right corner is harmless
    }
  }

  /// Whether clearing the terminal and sending the frame's visible cells costs fewer bytes than the
  /// diff (a view switch: nearly everything changes, and the diff must also blank what the old
  /// frame showed). Bytes are estimated: a character's UTF-8 length per visible cell, 6 for the
  /// cursor move before each run, 5 to erase a run of blanks; colour changes are left out (both
  /// ways send about the same).
  static func repaintIsSmaller(_ diff: ScreenDiff, _ screen: Screen) -> Bool {
    var changed = 0
    for span in diff.spans { changed += span.width }
    // A small change (a step, a cursor move) never needs the estimate.
    guard changed * 8 >= screen.width * screen.height else { return false }
    var diffBytes = 0
    for span in diff.spans {
      diffBytes += 6
      var inBlank = false
      for x in span.x..<(span.x + span.width) {
        let cell = screen.cells[span.y * screen.width + x]
        if isVisible(cell) {
          diffBytes += cell.scalar.utf8.count
          inBlank = false
        } else if !inBlank {
          diffBytes += 5
          inBlank = true
        }
      }
    }
    var repaintBytes = 4  // clear the screen
    for y in 0..<screen.height {
      var inRun = false
      for cell in screen.cells[(y * screen.width)..<((y + 1) * screen.width)] {
        if isVisible(cell) {
          repaintBytes += cell.scalar.utf8.count + (inRun ? 0 : 6)
          inRun = true
        } else {
          inRun = false
        }
      }
    }
    return repaintBytes < diffBytes
  }

  /// A cell a cleared terminal does not already show: not a space on the default background.
  static func isVisible(_ cell: Cell) -> Bool {
    cell.scalar != " " || cell.style.background != .default
      || cell.style.attributes.contains(.reverse) || cell.style.attributes.contains(.underline)
  }

  private func scalar(_ s: Unicode.Scalar) -> UInt32 {
    if s.value < 32 || s.value == 127 || (0x80..<0xA0).contains(s.value) { return 32 }
    if options.ascii && s.value > 126 { return UInt32(UInt8(ascii: "?")) }
    return s.value
  }

  private func attributes(_ style: Style) -> attr_t {
    var a = losslab_a_normal()
    if style.attributes.contains(.bold) { a |= losslab_a_bold() }
    if style.attributes.contains(.dim) { a |= losslab_a_dim() }
    if style.attributes.contains(.reverse) { a |= losslab_a_reverse() }
    if style.attributes.contains(.underline) { a |= losslab_a_underline() }
    return a
  }

  /// The ncurses colour number; -1 is the terminal's default (white on black when the terminal
  /// has no notion of default colours).
  private func number(_ c: Color, background: Bool) -> Int32 {
    let mapped: UInt8?
    switch options.color {
    case .none: return -1
    case .basic8: mapped = c.basic8.index
    case .full256: mapped = c.index
    }
    if let mapped { return Int32(mapped) }
    return hasDefaultColors ? -1 : (background ? 0 : 7)
  }

  /// The colour pair for a style, allocated on first use (0 when colours are off or exhausted).
  private mutating func pair(_ original: Style) -> Int32 {
    guard options.color != .none else { return 0 }
    let style = original.adapted(to: options.background)
    let key = PairKey(
      fg: number(style.foreground, background: false),
      bg: number(style.background, background: true))
    if key.fg == -1 && key.bg == -1 || !hasDefaultColors && key.fg == 7 && key.bg == 0 { return 0 }
    if let p = pairs[key] { return p }
    let p = losslab_alloc_pair(key.fg, key.bg)
    let result = p > 0 ? p : 0
    // Once the table is full ncurses recycles old pairs, so stop trusting the cache.
    if pairs.count < Int(losslab_color_pairs()) - 2 { pairs[key] = result }
    return result
  }
}
