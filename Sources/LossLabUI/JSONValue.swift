import LossCore

/// A parsed JSON value that remembers the line it started on, so errors can name it.
public indirect enum JSONValue: Sendable, Equatable {
  case null(line: Int)
  case bool(Bool, line: Int)
  case number(Double, line: Int)
  case string(String, line: Int)
  case array([JSONValue], line: Int)
  /// Keys in file order.
  case object([(key: String, value: JSONValue)], line: Int)

  public var line: Int {
    switch self {
    case .null(let l), .bool(_, let l), .number(_, let l), .string(_, let l), .array(_, let l),
      .object(_, let l):
      l
    }
  }

  /// A short description of the kind of value, for error messages.
  public var kind: String {
    switch self {
    case .null: "null"
    case .bool(let b, _): "\(b)"
    case .number(let n, _): "the number \(n)"
    case .string(let s, _): "the string \"\(s.escapedForMessage)\""
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// `s` as a JSON string literal, quotes included.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  public subscript(key: String) -> JSONValue? {
    if case .object(let pairs, _) = self { return pairs.last(where: { $0.key == key })?.value }
    return nil
  }

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): true
    case (.bool(let x, _), .bool(let y, _)): x == y
    case (.number(let x, _), .number(let y, _)): x == y
    case (.string(let x, _), .string(let y, _)): x == y
    case (.array(let x, _), .array(let y, _)): x == y
    case (.object(let x, _), .object(let y, _)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: false
    }
  }
}

/// A JSON syntax error with its line.
public struct JSONSyntaxError: Error, Equatable, CustomStringConvertible {
  public let line: Int
  public let message: String
  public var description: String { "line \(line): \(message)" }
}

/// A small strict JSON parser (RFC 8259) that tracks line numbers. Nesting is limited to 64 levels.
public struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private var line = 1
  private var depth = 0

  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
    var p = JSONParser(bytes: Array(text.utf8))
    p.skipSpace()
    let v = try p.value()
    p.skipSpace()
    if p.i < p.bytes.count {
      throw p.error("unexpected \(p.describe()) after the end of the JSON value")
    }
    return v
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func error(_ m: String) -> JSONSyntaxError { JSONSyntaxError(line: line, message: m) }

  private func describe() -> String {
    guard i < bytes.count else { return "end of file" }
    let b = bytes[i]
    if b >= 32 && b < 127 { return "'\(Character(UnicodeScalar(b)))'" }
    return "byte 0x\(String(b, radix: 16))"
  }

  private mutating func skipSpace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0D: i += 1
      case 0x0A:
        line += 1
        i += 1
      default: return
      }
    }
  }

  private mutating func value() throws(JSONSyntaxError) -> JSONValue {
    guard i < bytes.count else { throw error("expected a value, found end of file") }
    let start = line
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string(), line: start)
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true, line: start)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false, line: start)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null(line: start)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .number(try number(), line: start)
    default: throw error("expected a value, found \(describe())")
    }
  }

  private mutating func literal(_ word: String) throws(JSONSyntaxError) {
    for b in word.utf8 {
      guard i < bytes.count, bytes[i] == b else {
        throw error("expected '\(word)', found \(describe())")
      }
      i += 1
    }
  }

  private mutating func enter() throws(JSONSyntaxError) {
    depth += 1
    if depth > 64 { throw error("nested more than 64 levels deep") }
  }

  private mutating func object() throws(JSONSyntaxError) -> JSONValue {
    let start = line
    try enter()
    i += 1
    var pairs: [(key: String, value: JSONValue)] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      depth -= 1
      return .object(pairs, line: start)
    }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw error("expected a quoted key, found \(describe())")
      }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
        throw error("expected ':' after the key \"\(key.escapedForMessage)\", found \(describe())")
      }
      i += 1
      skipSpace()
      pairs.append((key, try value()))
      skipSpace()
      guard i < bytes.count else { throw error("expected ',' or '}', found end of file") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        depth -= 1
        return .object(pairs, line: start)
      }
      throw error("expected ',' or '}', found \(describe())")
    }
  }

  private mutating func array() throws(JSONSyntaxError) -> JSONValue {
    let start = line
    try enter()
    i += 1
    var items: [JSONValue] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      depth -= 1
      return .array(items, line: start)
    }
    while true {
      skipSpace()
      items.append(try value())
      skipSpace()
      guard i < bytes.count else { throw error("expected ',' or ']', found end of file") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        depth -= 1
        return .array(items, line: start)
      }
      throw error("expected ',' or ']', found \(describe())")
    }
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    i += 1
    var out: [UInt8] = []
    while i < bytes.count {
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        i += 1
        guard let s = String(validating: out, as: UTF8.self) else {
          throw error("invalid UTF-8 in a string")
        }
        return s
      }
      if b < 0x20 { throw error("control character in a string (missing closing quote?)") }
      if b == UInt8(ascii: "\\") {
        i += 1
        guard i < bytes.count else { break }
        switch bytes[i] {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code: UInt32 = 0
          for _ in 0..<4 {
            i += 1
            guard i < bytes.count, let d = hexDigit(bytes[i]) else {
              throw error("bad \\u escape in a string")
            }
            code = code * 16 + d
          }
          // A UTF-16 surrogate pair (\ud83d\ude00) is one scalar; a lone surrogate becomes U+FFFD.
          if (0xD800...0xDBFF).contains(code), let low = lowSurrogate(after: i) {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
          let scalar = UnicodeScalar(code) ?? "\u{FFFD}"
          out.append(contentsOf: Array(String(scalar).utf8))
        default: throw error("bad escape: backslash then \(describe()) in a string")
        }
        i += 1
        continue
      }
      out.append(b)
      i += 1
    }
    throw error("unterminated string")
  }

  /// The low surrogate of a `\uDC00`…`\uDFFF` escape that starts right after index `j`, if there is one.
  private func lowSurrogate(after j: Int) -> UInt32? {
    guard j + 6 < bytes.count, bytes[j + 1] == UInt8(ascii: "\\"), bytes[j + 2] == UInt8(ascii: "u")
    else {
      return nil
    }
    var code: UInt32 = 0
    for k in (j + 3)...(j + 6) {
      guard let d = hexDigit(bytes[k]) else { return nil }
      code = code * 16 + d
    }
    return (0xDC00...0xDFFF).contains(code) ? code : nil
  }

  private func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  private mutating func number() throws(JSONSyntaxError) -> Double {
    let start = i
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    func digits(_ p: inout JSONParser) -> Int {
      let s = p.i
      while p.i < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.i]) {
        p.i += 1
      }
      return p.i - s
    }
    let intStart = i
    let intDigits = digits(&self)
    guard intDigits > 0 else { throw error("expected digits in a number, found \(describe())") }
    if intDigits > 1, bytes[intStart] == UInt8(ascii: "0") {
      throw error(
        "a number may not start with 0 (\(String(decoding: bytes[start..<i], as: UTF8.self)))")
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      i += 1
      guard digits(&self) > 0 else { throw error("expected digits after '.', found \(describe())") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      guard digits(&self) > 0 else {
        throw error("expected digits in the exponent, found \(describe())")
      }
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    guard let v = Double(text), v.isFinite else { throw error("number \(text) is out of range") }
    return v
  }
}
