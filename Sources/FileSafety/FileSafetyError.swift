import SystemPackage

/// Why a file was not saved, as one short line for a status bar ("not saved: MESSAGE (NAME)").
///
/// The message never contains the name itself (the caller shows it, see `printableName(_:)`), so it
/// has no control characters and no line breaks, whatever the user typed.
public struct FileSafetyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// One line, lower case, no trailing period: "the folder does not exist".
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }

  /// `what` followed by the system's words for `errno`: "write failed (No space left on device)".
  static func system(_ what: String, _ code: CInt) -> FileSafetyError {
    FileSafetyError("\(what) (\(Errno(rawValue: code).description))")
  }
}

/// `name` made safe to show on one line of a terminal: control characters (tab, newline, escape,
/// DEL, C1 controls) become `\t`, `\n`, `\u{1B}`-style escapes, and names longer than `limit`
/// characters keep their start and end around an ellipsis.
public func printableName(_ name: String, limit: Int = 60) -> String {
  var out = ""
  for scalar in name.unicodeScalars {
    switch scalar.value {
    case 0x09: out += "\\t"
    case 0x0A: out += "\\n"
    case 0x0D: out += "\\r"
    case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029:
      out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    default: out.unicodeScalars.append(scalar)
    }
  }
  guard out.count > limit, limit >= 5 else { return out }
  let keep = limit - 1
  let head = out.prefix(keep - keep / 3)
  let tail = out.suffix(keep / 3)
  return head + "…" + tail
}
