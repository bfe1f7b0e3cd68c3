import LossPlot

/// What the terminal understands, as the bytes `FrameEncoder` may send: the ECMA-48 (ANSI)
/// sequences its terminfo entry describes. A plain value, so the encoder can be tested without a
/// terminal; `TerminalProfile.fromTerminfo()` reads the real one.
///
/// Colour and attribute codes are SGR parameters (`31`, `38;5;200`, `1`), without the `ESC [` and
/// `m` around them, so that several can share one sequence (`ESC[1;38;5;200;48;5;17m`).
struct TerminalProfile: Hashable, Sendable {
  /// The SGR parameter that sets foreground colour `i`, for `i` below the terminal's colour count.
  var foreground: [[UInt8]]
  /// The SGR parameter that sets background colour `i`.
  var background: [[UInt8]]
  /// The parameters that put back the terminal's own foreground and background (`39`, `49`); nil
  /// when the terminal has no such codes (only a full reset gets them back).
  var defaultForeground: [UInt8]?
  var defaultBackground: [UInt8]?
  /// The parameters that turn an attribute on; nil when the terminal lacks it (it is not shown).
  var bold: [UInt8]?
  var dim: [UInt8]?
  var reverse: [UInt8]?
  var underline: [UInt8]?
  /// The parameters that turn reverse video or underline off alone (`27`, `24`); nil: only a
  /// full reset does.
  var reverseOff: [UInt8]?
  var underlineOff: [UInt8]?
  /// Attributes the terminal cannot show together with colours (terminfo `ncv`).
  var noColorVideo: Attributes
  /// Clears the screen and homes the cursor (terminfo `clear`).
  var clear: [UInt8]
  /// Resets every attribute (terminfo `sgr0`).
  var reset: [UInt8]
  /// Relative moves `ESC[nC` (right), `ESC[nD` (left), `ESC[nA` (up), `ESC[nB` (down).
  var hasRelativeMoves: Bool
  /// `ESC[nG` moves the cursor to column n of its row.
  var hasColumnAddress: Bool
  /// `ESC M` (reverse index) moves the cursor up a row (the encoder never uses it on the top row,
  /// where it would scroll).
  var hasReverseIndex: Bool
  /// Backspace moves one column left.
  var hasBackspace: Bool
  /// A line feed moves the cursor down and keeps its column (the tty does not turn it into CR LF:
  /// `ONLCR` is off, as ncurses leaves it). Not terminfo: `Terminal` reads it from the tty.
  var lineFeedKeepsColumn: Bool
  /// `ESC[nX` blanks n cells from the cursor without moving it.
  var hasEraseCharacters: Bool
  /// `ESC[K` blanks the rest of the line.
  var hasEraseLine: Bool
  /// Writing the last column wraps (terminfo `am`), and the wrap waits for the next character
  /// (`xenl`); with `am` but not `xenl`, writing the bottom-right cell scrolls the screen.
  var autoMargins: Bool
  var wrapWaits: Bool

  /// xterm-256color, as its terminfo entry describes it.
  static let xterm256: TerminalProfile = .ansi(colors: 256, erase: true)
  /// A 16-colour ANSI terminal with no ECH (like `screen` or `tmux`).
  static let ansi16: TerminalProfile = .ansi(colors: 16, erase: false)

  /// An ECMA-48 terminal with `colors` colours coded as xterm codes them (30–37, 90–97,
  /// 38;5;n).
  static func ansi(colors: Int, erase: Bool) -> TerminalProfile {
    func code(_ i: Int, _ low: Int, _ bright: Int, _ extended: Int) -> [UInt8] {
      let text = i < 8 ? "\(low + i)" : (i < 16 ? "\(bright + i - 8)" : "\(extended);5;\(i)")
      return Array(text.utf8)
    }
    return TerminalProfile(
      foreground: (0..<colors).map { code($0, 30, 90, 38) },
      background: (0..<colors).map { code($0, 40, 100, 48) },
      defaultForeground: Array("39".utf8), defaultBackground: Array("49".utf8),
      bold: [0x31], dim: [0x32], reverse: [0x37], underline: [0x34],
      reverseOff: Array("27".utf8), underlineOff: Array("24".utf8), noColorVideo: [],
      clear: Array("\u{1B}[H\u{1B}[2J".utf8), reset: Array("\u{1B}[m".utf8),
      hasRelativeMoves: true, hasColumnAddress: true, hasReverseIndex: true, hasBackspace: true,
      lineFeedKeepsColumn: true,
      hasEraseCharacters: erase, hasEraseLine: true, autoMargins: true, wrapWaits: true)
  }

  /// How many colours the terminal has codes for.
  var colorCount: Int { foreground.count }
}
