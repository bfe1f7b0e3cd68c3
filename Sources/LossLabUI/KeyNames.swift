import LossCore

/// Key names as written in `--keys` and in docs: `Left Right Up Down Enter Tab Space Escape`,
/// `S-Left` for Shift-arrows, `C-x` for control, `F1`…`F12`, and single characters as themselves.
public enum KeyNames {
  public struct ParseError: Error, CustomStringConvertible, Equatable {
    public let token: String
    public let position: Int
    public var description: String {
      "unknown key name '\(token.escapedForMessage)' (key \(position)); use e.g. Left Right Up Down Enter Tab Space Escape S-Left C-c F1 or a single character"
    }
  }

  private static let named: [String: Key] = [
    "left": .left, "right": .right, "up": .up, "down": .down,
    "s-left": .shiftLeft, "s-right": .shiftRight, "s-up": .shiftUp, "s-down": .shiftDown,
    "enter": .enter, "return": .enter, "tab": .tab, "btab": .backTab, "s-tab": .backTab,
    "space": .character(" "), "escape": .escape, "esc": .escape,
    "backspace": .backspace, "bspace": .backspace, "delete": .delete, "dc": .delete,
    "home": .home, "end": .end, "pageup": .pageUp, "ppage": .pageUp, "pagedown": .pageDown,
    "npage": .pageDown, "pgdn": .pageDown, "pgup": .pageUp,
  ]

  /// Parses one key name.
  public static func key(_ token: String) -> Key? {
    let scalars = Array(token.unicodeScalars)
    if scalars.count == 1 {
      let s = scalars[0]
      if s.properties.generalCategory != .control { return .character(s) }
      return nil
    }
    let lower = token.lowercased()
    if let k = named[lower] { return k }
    // Compare scalars, not the lower-cased text: some letters lower-case to two scalars (İ → i̇).
    if scalars.count == 3, scalars[0] == "c" || scalars[0] == "C", scalars[1] == "-" {
      let s = scalars[2]
      if ("a"..."z").contains(s) { return .control(s) }
      if ("A"..."Z").contains(s) { return .control(Unicode.Scalar(s.value + 32)!) }
      return nil
    }
    // F1…F12 exactly: no sign, no leading zero.
    if (2...3).contains(scalars.count), scalars[0] == "f" || scalars[0] == "F", scalars[1] != "0",
      scalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) }),
      let n = Int(String(token.unicodeScalars.dropFirst())), (1...12).contains(n)
    {
      return .function(n)
    }
    return nil
  }

  /// Parses space-separated key names.
  public static func parse(_ text: String) throws(ParseError) -> [Key] {
    var keys: [Key] = []
    // Split the scalars, not the characters: a combining mark after a space would hide the space.
    let tokens = text.unicodeScalars.split(whereSeparator: {
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
    })
    for (i, scalars) in tokens.enumerated() {
      let token = String(String.UnicodeScalarView(scalars))
      guard let k = key(token) else { throw ParseError(token: token, position: i + 1) }
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
