import LossPlot

/// One line of the help overlay: the keys and what they do.
public struct KeyHelp: Hashable, Sendable {
  public var keys: String
  public var action: String
  public init(_ keys: String, _ action: String) {
    self.keys = keys
    self.action = action
  }
}

/// A short status-bar hint for a binding, e.g. "s step" or "←/→ cursor".
struct KeyHint: Sendable, Equatable {
  enum Keys: Sendable, Equatable {
    /// Written as is (names of keys of the same table, separated by `/` or spaces).
    case text(String)
    /// The arrows, drawn as ←/→ (Left/Right in ASCII).
    case leftRight
    /// ↑/↓ (Up/Down in ASCII).
    case upDown
  }
  var keys: Keys
  var label: String

  func text(_ symbols: Symbols) -> String {
    switch keys {
    case .text(let t): "\(t) \(label)"
    case .leftRight: "\(symbols.arrowLeftRight) \(label)"
    case .upDown: "\(symbols.arrowUpDown) \(label)"
    }
  }
}

/// One row of a key table: the keys as the help writes them, what they do, an optional status-bar
/// hint, and the action each key triggers (several keys may share a row, e.g. the four arrows).
struct KeyBinding<Action: Sendable>: Sendable {
  var label: String
  var help: String
  var hint: KeyHint?
  var keys: [(key: Key, action: Action)]

  /// Keys that all do the same thing.
  static func bind(
    _ label: String, _ help: String, hint: KeyHint? = nil, _ keys: [Key], _ action: Action
  ) -> Self {
    KeyBinding(label: label, help: help, hint: hint, keys: keys.map { ($0, action) })
  }

  /// Keys that each do their own thing, documented on one row.
  static func bind(
    _ label: String, _ help: String, hint: KeyHint? = nil, each keys: [(Key, Action)]
  ) -> Self {
    KeyBinding(label: label, help: help, hint: hint, keys: keys.map { (key: $0.0, action: $0.1) })
  }

  /// A help row that binds nothing (a continuation note).
  static func note(_ help: String) -> Self {
    KeyBinding(label: "", help: help, hint: nil, keys: [])
  }
}

/// A view's keys, declared once: key handling, the help overlay and the status-bar hints all read
/// this table, so they cannot disagree.
struct KeyTable<Action: Sendable>: Sendable {
  var bindings: [KeyBinding<Action>]

  init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

  /// What `key` does here (the first row that binds it), or nil.
  func action(for key: Key) -> Action? {
    for b in bindings {
      if let hit = b.keys.first(where: { $0.key == key }) { return hit.action }
    }
    return nil
  }

  func binds(_ key: Key) -> Bool { action(for: key) != nil }

  /// Every key the table binds.
  var keys: [Key] { bindings.flatMap { $0.keys.map(\.key) } }

  /// The rows of the help overlay.
  var help: [KeyHelp] { bindings.map { KeyHelp($0.label, $0.help) } }

  /// The status-bar hints, in table order.
  func hints(_ symbols: Symbols) -> [String] {
    bindings.compactMap { $0.hint?.text(symbols) }
  }
}
