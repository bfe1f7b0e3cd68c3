/// One line of the help overlay: the keys and what they do.
public struct KeyHelp: Hashable, Sendable {
  public var keys: String
  public var action: String
  public init(_ keys: String, _ action: String) {
    self.keys = keys
    self.action = action
  }
}

/// Keys that work in every view.
enum GlobalKeys {
  static let help: [KeyHelp] = [
    KeyHelp("1 2 3, Tab", "switch view (Curves, Contour, Distributions)"),
    KeyHelp("e", "explain what is selected"),
    KeyHelp("w", "save the current state as a scenario file"),
    KeyHelp("?", "this help (Escape or ? closes it)"),
    KeyHelp("q, Escape, Ctrl-C", "quit (in Distributions q edits Q: use Escape)"),
  ]
}
