import LossCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// JSON files read with FoundationEssentials' `JSONDecoder`, and errors that point into the text.
///
/// `JSONDecoder` does the reading; this adds what it does not say: the line and column of a
/// syntax error (from ``JSONSyntax``) and of a value named by its coding path.
public enum JSONText {
  /// One step of a path into a JSON document: an object key or an array index.
  public enum PathStep: Sendable, Equatable {
    case key(String)
    case index(Int)
  }

  /// A place in the text, both counted from 1 (the column in Unicode scalars).
  public struct Position: Sendable, Equatable {
    public var line: Int
    public var column: Int
  }

  /// A syntax error: what is wrong, and where (``JSONSyntax`` always gives the place).
  public struct SyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var position: Position?
  }

  /// Decodes `T` from `bytes`; a syntax error comes back as ``SyntaxError`` with its position.
  static func decode<T: Decodable>(
    _ type: T.Type, from bytes: [UInt8], userInfo: [CodingUserInfoKey: any Sendable] = [:]
  ) throws -> T {
    if let error = JSONSyntax.firstError(in: bytes) { throw error }
    // `JSONSyntax` lets `[1, 2,]` through; other readers (Python's json, jq) do not, so neither do we.
    if let comma = trailingComma(in: bytes) {
      let closer = describe(bytes, at: comma.closer)
      throw SyntaxError(
        message: "not valid JSON: a comma before \(closer) (remove it)",
        position: position(comma.comma, in: bytes))
    }
    let decoder = JSONDecoder()
    decoder.userInfo = userInfo
    return try decoder.decode(type, from: Data(bytes))
  }

  /// The first `,` that is followed (after spaces) by `]` or `}`, outside strings.
  static func trailingComma(in bytes: [UInt8]) -> (comma: Int, closer: Int)? {
    var i = 0
    var lastComma: Int?
    while i < bytes.count {
      switch bytes[i] {
      case UInt8(ascii: "\""):
        lastComma = nil
        i += 1
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
          i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
        }
      case UInt8(ascii: ","): lastComma = i
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if let c = lastComma { return (c, i) }
      case 0x20, 0x09, 0x0A, 0x0D: break
      default: lastComma = nil
      }
      i += 1
    }
    return nil
  }

  /// What stands at `offset`, for messages: `'x'`, `byte 0xff`, `end of file`.
  static func describe(_ bytes: [UInt8], at offset: Int) -> String {
    guard offset < bytes.count else { return "end of file" }
    let b = bytes[offset]
    if b >= 32 && b < 127 { return "'\(Character(UnicodeScalar(b)))'" }
    return "byte 0x\(String(b, radix: 16))"
  }

  /// Line and column (both from 1) of byte `offset`.
  static func position(_ offset: Int, in bytes: [UInt8]) -> Position {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<end where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    // Columns count scalars: skip UTF-8 continuation bytes.
    let column = bytes[lineStart..<end].filter { $0 & 0xC0 != 0x80 }.count + 1
    return Position(line: line, column: column)
  }

  /// Where the value at `path` starts in `bytes` (valid JSON), or with `key` where its key
  /// starts; else the deepest part of the path that exists. With duplicate keys the first is
  /// taken, as `JSONDecoder` does.
  static func position(of path: [PathStep], in bytes: [UInt8], key: Bool = false) -> Position {
    var scanner = Scanner(bytes: bytes)
    scanner.skipSpace()
    for step in path {
      let found: Bool
      switch step {
      case .key(let k): found = scanner.enterObject(key: k)
      case .index(let n): found = scanner.enterArray(index: n)
      }
      if !found { return position(scanner.i, in: bytes) }
    }
    if key, case .key = path.last { return position(scanner.lastKey, in: bytes) }
    return position(scanner.i, in: bytes)
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

  /// Walks valid JSON without building it, to find where a value starts.
  struct Scanner {
    let bytes: [UInt8]
    var i = 0
    /// Where the key of the last object member entered starts.
    var lastKey = 0

    mutating func skipSpace() {
      while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains(bytes[i]) {
        i += 1
      }
    }

    /// Moves from an object's `{` to the value of `key`; false (staying put) if there is none.
    mutating func enterObject(key: String) -> Bool {
      guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return false }
      let start = i
      i += 1
      skipSpace()
      while i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
        let keyStart = i
        skipString()
        // Read the key as the decoder does, escapes and all.
        let name = try? JSONDecoder().decode(String.self, from: Data(bytes[keyStart..<i]))
        skipSpace()
        i += 1  // ':'
        skipSpace()
        if name == key {
          lastKey = keyStart
          return true
        }
        skipValue()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1 }
        skipSpace()
      }
      i = start
      return false
    }

    /// Moves from an array's `[` to its item `index`; false (staying put) if there is none.
    mutating func enterArray(index: Int) -> Bool {
      guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
      let start = i
      i += 1
      skipSpace()
      var n = 0
      while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
        if n == index { return true }
        skipValue()
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i += 1 }
        skipSpace()
        n += 1
      }
      i = start
      return false
    }

    mutating func skipString() {
      i += 1
      while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
        i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
      }
      i += 1
    }

    mutating func skipValue() {
      guard i < bytes.count else { return }
      switch bytes[i] {
      case UInt8(ascii: "\""): skipString()
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        var depth = 0
        repeat {
          switch bytes[i] {
          case UInt8(ascii: "\""):
            skipString()
            continue
          case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
          case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
          default: break
          }
          i += 1
        } while i < bytes.count && depth > 0
      default:
        while i < bytes.count, !",]} \t\r\n".utf8.contains(bytes[i]) { i += 1 }
      }
    }
  }
}

/// Any JSON value, decoded as it is, so an error can say what was found.
enum JSONAny: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONAny])
  case object([String: JSONAny])

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONAny].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONAny].self))
    }
  }

  /// A short description for error messages: `the string "fast"`, `the number 3`, `an array`.
  var kind: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let n): "the number \(NumberText.short(n))"
    case .string(let s): "the string \"\(s.escapedForMessage)\""
    case .array: "an array"
    case .object: "an object"
    }
  }
}

extension JSONText {
  /// Decodes `T` from the JSON `bytes` of `file`. Every failure becomes one ``ScenarioError`` line:
  /// the file, the line and column (of the syntax error, or of the value that was wrong) and what
  /// was expected.
  static func decodeFile<T: Decodable>(
    _ type: T.Type, from bytes: [UInt8], file: String,
    userInfo: [CodingUserInfoKey: any Sendable] = [:]
  ) throws(ScenarioError) -> T {
    func at(_ p: Position?, _ message: String) -> ScenarioError {
      ScenarioError(file: file, line: p?.line, column: p?.column, message: message)
    }
    do {
      return try decode(type, from: bytes, userInfo: userInfo)
    } catch let e as SyntaxError {
      throw at(e.position, e.message)
    } catch let e as FieldError {
      throw at(position(of: e.path, in: bytes, key: e.atKey), e.message)
    } catch let e as DecodingError {
      let (path, message) = describe(e)
      throw at(position(of: path, in: bytes), message)
    } catch {
      throw at(nil, "\(error)")
    }
  }

  /// The path and a one-line message of an error from a synthesized `Decodable`.
  static func describe(_ e: DecodingError) -> ([PathStep], String) {
    func steps(_ keys: [any CodingKey]) -> [PathStep] {
      keys.map { $0.intValue.map { .index($0) } ?? .key($0.stringValue) }
    }
    switch e {
    case .keyNotFound(let key, let c):
      let path = steps(c.codingPath)
      return (path, "\(Fields.name(path)) needs the key \"\(key.stringValue)\"")
    case .typeMismatch(let type, let c), .valueNotFound(let type, let c):
      let path = steps(c.codingPath)
      return (path, "\(Fields.name(path)) must be \(type == String.self ? "a string" : "\(type)")")
    case .dataCorrupted(let c):
      let path = steps(c.codingPath)
      return (path, "\(Fields.name(path)): \(c.debugDescription)")
    @unknown default:
      return ([], "\(e)")
    }
  }
}
