import LossPlot

/// A key press, independent of any terminal library.
public enum Key: Hashable, Sendable {
  /// A printable character, including space.
  case character(Unicode.Scalar)
  /// Ctrl plus a letter, lower-cased: `.control("c")` is Ctrl-C.
  case control(Unicode.Scalar)
  case up, down, left, right
  case shiftUp, shiftDown, shiftLeft, shiftRight
  case enter, tab, backTab, escape, backspace, delete
  case home, end, pageUp, pageDown
  /// F1...F12.
  case function(Int)
}

/// A mouse report in screen cells.
public struct MouseEvent: Hashable, Sendable {
  public enum Button: Hashable, Sendable { case left, middle, right, wheelUp, wheelDown }
  public enum Kind: Hashable, Sendable { case press, release, drag }
  public var x: Int
  public var y: Int
  public var button: Button
  public var kind: Kind
  public init(x: Int, y: Int, button: Button = .left, kind: Kind = .press) {
    self.x = x
    self.y = y
    self.button = button
    self.kind = kind
  }
}

/// Everything that can happen to the app.
public enum Event: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  /// The terminal now has this many columns and rows.
  case resize(width: Int, height: Int)
  /// Time passed (for continuous stepping); sent only while the app asks for ticks.
  case tick
}

/// What the front end should do after an event.
public enum AppCommand: Hashable, Sendable {
  case none
  case quit
  /// Suspend to the shell (Ctrl-Z); repaint everything when resumed.
  case suspend
}

/// The contract between the app's state machine and a front end (ncurses, or headless).
public protocol TerminalApp {
  /// Applies one event.
  mutating func handle(_ event: Event) -> AppCommand
  /// Draws the current state into a fresh `width × height` frame.
  func render(width: Int, height: Int) -> Screen
  /// How often to send `.tick` now (nil: only events wake the app).
  var tickInterval: Duration? { get }
  /// Tells the app what the output can show (colour depth, ASCII only); a front end calls it
  /// once before the first frame.
  mutating func configure(_ options: RenderOptions)
}

extension TerminalApp {
  /// Default: the app ignores the output's capabilities.
  public mutating func configure(_ options: RenderOptions) {}
}
