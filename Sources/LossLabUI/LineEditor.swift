/// A one-line text field edited as in a shell: Left/Right, Home/End (and Ctrl-A/Ctrl-E),
/// Backspace/Delete, Ctrl-U clears, printable characters insert at the cursor.
///
/// It may start with an offered text (a default name), shown selected: typing replaces it and
/// Backspace or Delete clears it, while a movement key keeps it for editing.
public struct LineEditor: Hashable, Sendable {
  /// The text, one scalar per column (as the screen draws it).
  public private(set) var scalars: [Unicode.Scalar]
  /// Where the next character goes: 0 ... `scalars.count`.
  public private(set) var cursor: Int
  /// The text is an offer not yet touched (typing replaces it).
  public private(set) var offered: Bool

  /// Longest text accepted, in scalars (a path longer than this cannot be saved anyway).
  public static let limit = 4096

  /// A field holding `text` with the cursor at its end; `offered` marks it as a default.
  public init(_ text: String = "", offered: Bool = false) {
    scalars = Array(text.unicodeScalars.prefix(Self.limit))
    cursor = scalars.count
    self.offered = offered && !scalars.isEmpty
  }

  public var text: String { String(String.UnicodeScalarView(scalars)) }

  /// Replaces the whole text (e.g. with a completion); the cursor goes to its end.
  public mutating func set(_ text: String) {
    self = LineEditor(text)
  }

  /// Applies an editing key; returns false for keys that do not edit a line (Enter, Tab, Escape...).
  public mutating func apply(_ key: Key) -> Bool {
    switch key {
    case .character(let s):
      guard s.properties.generalCategory != .control else { return true }
      if offered { self = LineEditor() }
      guard scalars.count < Self.limit else { return true }
      scalars.insert(s, at: cursor)
      cursor += 1
    case .backspace:
      if offered {
        self = LineEditor()
      } else if cursor > 0 {
        scalars.remove(at: cursor - 1)
        cursor -= 1
      }
    case .delete:
      if offered {
        self = LineEditor()
      } else if cursor < scalars.count {
        scalars.remove(at: cursor)
      }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(scalars.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = scalars.count
    case .control("u"): self = LineEditor()
    default: return false
    }
    offered = false
    return true
  }
}
