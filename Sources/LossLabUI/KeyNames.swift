/// Key names as written in `--keys` and in docs: `Left Right Up Down Enter Tab Space Escape`,
/// `S-Left` for Shift-arrows, `C-x` for control, `F1`…`F12`, and single characters as themselves.
public enum KeyNames {
  public struct ParseError: Error, CustomStringConvertible, Equatable {
    public let token: String
    public let position: Int
    public var description: String {
      "unknown key name '\(token)' (key \(position)); use e.g. Left Right Up Down Enter Tab Space Escape S-Left C-c F1 or a single character"
    }
  }

  private static let named: [String: Key] = [
    "left": .left, "right": .right, "up": .up, "down": .down,
    "s-left": .shiftLeft, "s-right": .shiftRight, "s-up": .shiftUp, "s-down": .shiftDown,
    "enter": .enter, "return": .enter, "tab": .tab, "btab": .backTab, "s-tab": .backTab,
    "space": .character(" "), "escape": .escape, "esc": .escape,
    "backspace": .backspace, "bspace": .backspace, "delete": .delete, "dc": .delete,
    "home": .home, "end": .end, "pageup": .pageUp, "ppage": .pageUp, "pagedown": .pageDown,
    "npage": .pageDown,
  ]

  /// Parses one key name.
  public static func key(_ token: String) -> Key? {
    let scalars = Array(token.unicodeScalars)
    if scalars.count == 1 {
      let s = scalars[0]
      if s.value >= 32 && s.value != 127 { return .character(s) }
      return nil
    }
    let lower = token.lowercased()
    if let k = named[lower] { return k }
    if lower.hasPrefix("c-"), scalars.count == 3 {
      let s = Unicode.Scalar(String(token.unicodeScalars.last!).lowercased())!
      if ("a"..."z").contains(Character(s)) { return .control(s) }
      return nil
    }
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...12).contains(n) {
      return .function(n)
    }
    return nil
  }

  /// Parses space-separated key names.
  public static func parse(_ text: String) throws(ParseError) -> [Key] {
    var keys: [Key] = []
    for (i, token) in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).enumerated() {
      guard let k = key(String(token)) else { throw ParseError(token: String(token), position: i + 1) }
      keys.append(k)
    }
    return keys
  }

  /// The name `parse` reads back as `key`.
  public static func name(of key: Key) -> String {
    switch key {
    case .character(" "): return "Space"
    case .character(let s): return String(s)
    case .control(let s): return "C-\(s)"
    case .up: return "Up"
    case .down: return "Down"
    case .left: return "Left"
    case .right: return "Right"
    case .shiftUp: return "S-Up"
    case .shiftDown: return "S-Down"
    case .shiftLeft: return "S-Left"
    case .shiftRight: return "S-Right"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "BTab"
    case .escape: return "Escape"
    case .backspace: return "Backspace"
    case .delete: return "Delete"
    case .home: return "Home"
    case .end: return "End"
    case .pageUp: return "PageUp"
    case .pageDown: return "PageDown"
    case .function(let n): return "F\(n)"
    }
  }
}
