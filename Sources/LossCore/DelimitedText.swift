/// How the fields of a table's lines are separated.
public enum FieldSeparator: String, CaseIterable, Sendable {
  case comma, semicolon, tab, whitespace

  /// From a `--sep` value: `,` `;` `tab` (or a tab character, or `\t`) `space` / `whitespace`, or a case name.
  public init?(spelling: String) {
    switch spelling.lowercased() {
    case ",", "comma": self = .comma
    case ";", "semicolon": self = .semicolon
    case "\t", "\\t", "tab": self = .tab
    case " ", "space", "spaces", "whitespace": self = .whitespace
    default: return nil
    }
  }

  /// The separator as a message shows it: `','`, `';'`, `tab`, `whitespace`.
  public var shown: String {
    switch self {
    case .comma: "','"
    case .semicolon: "';'"
    case .tab: "tab"
    case .whitespace: "whitespace"
    }
  }

  /// The separating byte; nil for whitespace (any run of spaces and tabs).
  var byte: UInt8? {
    switch self {
    case .comma: UInt8(ascii: ",")
    case .semicolon: UInt8(ascii: ";")
    case .tab: UInt8(ascii: "\t")
    case .whitespace: nil
    }
  }
}

/// A field of a record: a byte range of the text, and whether it was quoted (then the range is inside the quotes, and
/// `""` in it stands for one `"`).
struct FieldSpan {
  var start: Int
  var end: Int
  var quoted: Bool
}

/// Splits UTF-8 bytes into records of fields (RFC 4180 quoting, CRLF or LF line ends, `#` comment lines, blank lines
/// skipped). It works on a buffer pointer and reuses one array of spans, so a million-line file costs no allocation
/// per line.
struct RecordScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  let separator: FieldSeparator
  private let sep: UInt8
  private let whitespace: Bool
  /// The next byte to read.
  var position: Int
  /// The line `position` is on (1-based).
  var line = 1

  /// A problem with the text itself, found while splitting.
  struct Failure: Error {
    var line: Int
    var message: String
  }

  init(bytes: UnsafeBufferPointer<UInt8>, separator: FieldSeparator, start: Int = 0) {
    self.bytes = bytes
    self.separator = separator
    self.sep = separator.byte ?? 0
    self.whitespace = separator.byte == nil
    self.position = start
  }

  private static let quote = UInt8(ascii: "\"")
  private static let newline = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let hash = UInt8(ascii: "#")

  /// Space, or tab when tab does not separate fields: padding trimmed around a field.
  @inline(__always) private func isPadding(_ c: UInt8) -> Bool {
    c == Self.space || (c == Self.tab && sep != Self.tab)
  }

  /// Skips blank and comment lines. Returns false at the end of the text.
  mutating func skipToRecord() -> Bool {
    let n = bytes.count
    while position < n {
      var i = position
      while i < n, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
      if i == n {
        position = n
        return false
      }
      let c = bytes[i]
      if c == Self.newline || (c == Self.cr && i + 1 < n && bytes[i + 1] == Self.newline) {
        position = c == Self.newline ? i + 1 : i + 2
        line += 1
      } else if c == Self.hash {
        while i < n, bytes[i] != Self.newline { i += 1 }
        position = min(n, i + 1)
        if i < n { line += 1 }
      } else {
        return true
      }
    }
    return false
  }

  /// Reads the record at `position` (call ``skipToRecord()`` first) into `fields`; returns the line it starts on.
  mutating func record(into fields: inout [FieldSpan]) throws(Failure) -> Int {
    fields.removeAll(keepingCapacity: true)
    let first = line
    let n = bytes.count
    var i = position
    while true {
      while i < n, isPadding(bytes[i]) { i += 1 }
      var span: FieldSpan
      if i < n, bytes[i] == Self.quote {
        let opened = line
        i += 1
        let start = i
        while true {
          guard i < n else {
            throw Failure(line: opened, message: "a quoted field is not closed")
          }
          let c = bytes[i]
          if c == Self.quote {
            if i + 1 < n, bytes[i + 1] == Self.quote {
              i += 2
              continue
            }
            break
          }
          if c == Self.newline { line += 1 }
          i += 1
        }
        span = FieldSpan(start: start, end: i, quoted: true)
        i += 1
        let closed = i
        while i < n, isPadding(bytes[i]) { i += 1 }
        let ends =
          i == n || bytes[i] == Self.newline || (whitespace ? i > closed : bytes[i] == sep)
          || (bytes[i] == Self.cr && i + 1 < n && bytes[i + 1] == Self.newline)
        if !ends {
          throw Failure(
            line: line,
            message: "text after a closing quote (a quote inside a field is written \"\")")
        }
      } else {
        let start = i
        if whitespace {
          while i < n {
            let c = bytes[i]
            if c == Self.space || c == Self.tab || c == Self.newline { break }
            i += 1
          }
        } else {
          while i < n {
            let c = bytes[i]
            if c == sep || c == Self.newline { break }
            i += 1
          }
        }
        var end = i
        while end > start, isPadding(bytes[end - 1]) || bytes[end - 1] == Self.cr {
          // A trailing \r belongs to a CRLF line end; a \r inside the field stays.
          if bytes[end - 1] == Self.cr, !(end == i && i < n && bytes[i] == Self.newline) { break }
          end -= 1
        }
        span = FieldSpan(start: start, end: end, quoted: false)
      }
      fields.append(span)
      if whitespace {
        while i < n, bytes[i] == Self.space || bytes[i] == Self.tab { i += 1 }
        if i < n, bytes[i] == Self.cr, i + 1 < n, bytes[i + 1] == Self.newline { i += 1 }
        if i >= n {
          position = n
          return first
        }
        if bytes[i] == Self.newline {
          position = i + 1
          line += 1
          return first
        }
        continue
      }
      if i >= n {
        position = n
        return first
      }
      if bytes[i] == Self.cr { i += 1 }  // the CR of a CRLF after a quoted field
      if bytes[i] == Self.newline {
        position = i + 1
        line += 1
        return first
      }
      i += 1  // the separator
    }
  }

  /// The text of a field: quotes removed, `""` turned into `"`, invalid UTF-8 replaced.
  func text(_ f: FieldSpan) -> String {
    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
    return f.quoted ? s.replacing("\"\"", with: "\"") : s
  }
}
