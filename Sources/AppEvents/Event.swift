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
  /// The answer to a command the front end carried out (a file saved, names found, ...).
  case result(CommandResult)
}
