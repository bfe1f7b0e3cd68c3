/// A strict check of JSON syntax (RFC 8259) that says what is wrong and where.
///
/// `JSONDecoder` only says that the data "was not valid JSON"; this finds the first byte that
/// breaks the grammar, so a message can give its line and column. It reads the text once, keeps
/// nothing, and stops at the first problem. Trailing commas (`[1, 2,]`) are let through here:
/// ``JSONText`` reports them with a message of their own.
struct JSONSyntax {
  /// Arrays and objects nested deeper than this are refused (Foundation's `JSONSerialization` and
  /// `JSONDecoder` stop at 512 too).
  static let maximumDepth = 512

  /// The first syntax error in `bytes`, or nil when they hold one JSON value (any kind, with
  /// white space around it).
  static func firstError(in bytes: [UInt8]) -> JSONText.SyntaxError? {
    var reader = JSONSyntax(bytes: bytes)
    do throws(JSONText.SyntaxError) {
      reader.skipSpace()
      try reader.value(depth: 0)
      reader.skipSpace()
      if reader.i < bytes.count { throw reader.failure("unexpected text after the JSON value") }
      return nil
    } catch {
      return error
    }
  }

  private let bytes: [UInt8]
  private var i = 0

  private init(bytes: [UInt8]) { self.bytes = bytes }

  /// `what`, found at byte `at` (the current one unless told), with its place.
  private func failure(_ what: String, at: Int? = nil) -> JSONText.SyntaxError {
    let offset = at ?? i
    if offset >= bytes.count {
      return JSONText.SyntaxError(
        message: "not valid JSON: unexpected end of file",
        position: JSONText.position(bytes.count, in: bytes))
    }
    return JSONText.SyntaxError(
      message: "not valid JSON: \(what), found \(JSONText.describe(bytes, at: offset))",
      position: JSONText.position(offset, in: bytes))
  }

  private mutating func skipSpace() {
    while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
  }

  private mutating func value(depth: Int) throws(JSONText.SyntaxError) {
    guard i < bytes.count else { throw failure("") }
    switch bytes[i] {
    case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), keyed: true, depth: depth + 1)
    case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), keyed: false, depth: depth + 1)
    case UInt8(ascii: "\""): try string()
    case UInt8(ascii: "t"): try word("true")
    case UInt8(ascii: "f"): try word("false")
    case UInt8(ascii: "n"): try word("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
    default: throw failure("invalid value")
    }
  }

  private mutating func container(close: UInt8, keyed: Bool, depth: Int)
    throws(JSONText.SyntaxError)
  {
    guard depth <= Self.maximumDepth else {
      throw failure("too many nested arrays or dictionaries")
    }
    i += 1
    skipSpace()
    if i < bytes.count, bytes[i] == close {
      i += 1
      return
    }
    while true {
      if keyed {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
          throw failure("expected a key in double quotes")
        }
        try string()
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
          throw failure("expected ':' after the key")
        }
        i += 1
        skipSpace()
      }
      try value(depth: depth)
      skipSpace()
      guard i < bytes.count else { throw failure("") }
      if bytes[i] == close {
        i += 1
        return
      }
      guard bytes[i] == UInt8(ascii: ",") else {
        throw failure("expected ',' or '\(Character(Unicode.Scalar(close)))'")
      }
      i += 1
      skipSpace()
      // A trailing comma: JSONText names it with its own message.
      if i < bytes.count, bytes[i] == close {
        i += 1
        return
      }
    }
  }

  private mutating func word(_ w: StaticString) throws(JSONText.SyntaxError) {
    let start = i
    for expected in UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount) {
      guard i < bytes.count else { throw failure("") }
      guard bytes[i] == expected else { throw failure("invalid value", at: start) }
      i += 1
    }
  }

  private mutating func digits() -> Int {
    let start = i
    while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
    return i - start
  }

  private mutating func number() throws(JSONText.SyntaxError) {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    let first = i
    guard digits() > 0 else { throw failure("a digit expected in the number") }
    if bytes[first] == UInt8(ascii: "0"), i - first > 1 {
      throw failure("number with leading zero", at: first)
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits() > 0 else { throw failure("a digit expected after the decimal point") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits() > 0 else { throw failure("a digit expected in the exponent") }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    if let v = Double(text), v.isInfinite {
      throw failure("number \(text) is too large for a double", at: start)
    }
  }

  private mutating func hex4() -> UInt32? {
    guard i + 4 <= bytes.count else { return nil }
    var v: UInt32 = 0
    for b in bytes[i..<(i + 4)] {
      guard let d = Character(Unicode.Scalar(b)).hexDigitValue else { return nil }
      v = v << 4 | UInt32(d)
    }
    i += 4
    return v
  }

  private mutating func string() throws(JSONText.SyntaxError) {
    i += 1  // the opening quote
    while true {
      guard i < bytes.count else { throw failure("") }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "\""):
        i += 1
        return
      case UInt8(ascii: "\\"):
        let escape = i
        i += 1
        guard i < bytes.count else { throw failure("") }
        switch bytes[i] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
          UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          i += 1
        case UInt8(ascii: "u"):
          i += 1
          guard let unit = hex4() else {
            throw failure("invalid \\u escape (four hex digits)", at: escape)
          }
          if (0xD800..<0xDC00).contains(unit) {
            // A high surrogate needs a low one right after it.
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
              bytes[i + 1] == UInt8(ascii: "u")
            else {
              throw failure(
                "a \\u escape of a high surrogate without its low surrogate", at: escape)
            }
            i += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else {
              throw failure(
                "a \\u escape of a high surrogate without its low surrogate", at: escape)
            }
          } else if (0xDC00..<0xE000).contains(unit) {
            throw failure("a \\u escape of a lone low surrogate", at: escape)
          }
        default:
          throw failure("invalid escape sequence", at: escape)
        }
      case 0x00..<0x20:
        throw failure("unescaped control character")
      case 0x00..<0x80:
        i += 1
      default:
        try utf8Sequence()
      }
    }
  }

  /// One multi-byte UTF-8 character (well-formed: no overlong forms, no surrogates, ≤ U+10FFFF).
  private mutating func utf8Sequence() throws(JSONText.SyntaxError) {
    let b = bytes[i]
    let count: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch b {
    case 0xC2...0xDF: count = 2
    case 0xE0:
      count = 3
      lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: count = 3
    case 0xED:
      count = 3
      upper = 0x9F
    case 0xF0:
      count = 4
      lower = 0x90
    case 0xF1...0xF3: count = 4
    case 0xF4:
      count = 4
      upper = 0x8F
    default: throw failure("invalid UTF-8")
    }
    guard i + count <= bytes.count else { throw failure("invalid UTF-8") }
    guard (lower...upper).contains(bytes[i + 1]) else { throw failure("invalid UTF-8") }
    for k in 2..<max(2, count) where !(0x80...0xBF).contains(bytes[i + k]) {
      throw failure("invalid UTF-8")
    }
    i += count
  }
}
