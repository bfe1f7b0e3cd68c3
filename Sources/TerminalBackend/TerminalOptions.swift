import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How `Terminal.run` sets up the terminal. The defaults detect everything.
public struct TerminalOptions: Hashable, Sendable {
  /// Force ASCII (`true`) or Unicode (`false`) drawing; `nil`: ASCII unless the locale is UTF-8.
  public var ascii: Bool?
  /// Use at most this colour depth; `nil`: whatever the terminal has.
  public var maxColor: RenderOptions.ColorDepth?
  /// Report mouse clicks and the wheel as `.mouse` events.
  public var mouse: Bool
  /// Draw plots with quadrant blocks instead of braille (for fonts without braille).
  public var blocks: Bool
  /// The terminal's background: colours are adapted for it as they are painted.
  public var background: Background
  /// Trap on purpose right after the first frame is painted (to test that a crash restores the
  /// terminal). The default reads `LOSSLAB_CRASH_TEST=1` from the environment.
  public var crashTest: Bool

  public init(
    ascii: Bool? = nil, maxColor: RenderOptions.ColorDepth? = nil, mouse: Bool = true,
    blocks: Bool = false, background: Background = .dark,
    crashTest: Bool = TerminalOptions.crashTestRequested
  ) {
    self.ascii = ascii
    self.maxColor = maxColor
    self.mouse = mouse
    self.blocks = blocks
    self.background = background
    self.crashTest = crashTest
  }

  /// `LOSSLAB_CRASH_TEST=1` is set in the environment.
  public static var crashTestRequested: Bool {
    guard let v = getenv("LOSSLAB_CRASH_TEST") else { return false }
    return String(cString: v) == "1"
  }
}
