import Foundation
import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// Seeded fuzzing of the JSON parser, scenario files and key names: valid input written in many ways
/// reads back exactly; random and mutated input gets a correct result or a clear one-line error.
@Suite struct ScenarioFuzzTests {
  static let seed: UInt64 = 0x5CE7_A210

  // MARK: JSON

  /// Foundation reads the JSON; `JSONText` finds where each value is. For random documents written
  /// with random spacing and escapes, every value's path leads to where the writer put it.
  @Test func everyPathLeadsToItsValueWhateverTheSpacing() throws {
    var rng = SplitMix64(seed: Self.seed)
    for round in 0..<3_000 {
      let value = rng.jsonValue(depth: 0)
      var text = rng.ws()
      var places: [(path: [JSONText.PathStep], offset: Int)] = []
      rng.write(value, path: [], into: &text, places: &places)
      text += rng.ws()
      let bytes = Array(text.utf8)
      let context = "seed \(Self.seed) round \(round): \(text.debugDescription)"
      _ = try JSONText.decodeFile(JSONAny.self, from: bytes, file: "x.json")
      for place in places {
        #expect(
          JSONText.position(of: place.path, in: bytes)
            == JSONText.position(place.offset, in: bytes),
          "\(place.path) — \(context)")
      }
    }
  }

  @Test func mutatedJSONGivesAValueOrAOneLineErrorWithARealLine() {
    var rng = SplitMix64(seed: Self.seed &+ 1)
    for round in 0..<15_000 {
      let text = rng.mutate(rng.write(rng.jsonValue(depth: 0)), rounds: rng.int(1...3))
      do {
        _ = try JSONText.decodeFile(JSONAny.self, from: Array(text.utf8), file: "x.json")
      } catch {
        let context = "seed \(Self.seed &+ 1) round \(round): \(text.debugDescription)"
        let lines = text.utf8.filter { $0 == 0x0A }.count + 1
        if let line = error.line { #expect((1...lines).contains(line), "\(error) — \(context)") }
        expectOneLine(error.description, context)
      }
    }
  }

  /// A UTF-16 surrogate pair (valid JSON) makes one scalar; a lone surrogate is refused on one line.
  @Test func surrogatePairsMakeOneScalar() throws {
    func read(_ text: String) throws(ScenarioError) -> JSONAny {
      try JSONText.decodeFile(JSONAny.self, from: Array(text.utf8), file: "x.json")
    }
    #expect(try read(#""\ud83d\ude00""#) == .string("😀"))
    #expect(try read(#""\uD834\uDD1E!""#) == .string("𝄞!"))
    for lone in [#""\ud83dx""#, #""\ude00\ud83d""#] {
      #expect(throws: ScenarioError.self) { try read(lone) }
    }
  }

  /// Strict JSON has no leading zeros: `010` is refused, on its line.
  @Test func leadingZerosAreRejected() throws {
    do {
      _ = try Scenario.parse("{\n\"contour\": {\"steps\": 010}}", file: "s.json")
      Issue.record("accepted 010")
    } catch {
      #expect(error.line == 2 && error.message.contains("leading zero"), "\(error)")
    }
    let zeros = try JSONText.decodeFile(
      JSONAny.self, from: Array("[0, -0, 0.5, -0e1]".utf8), file: "x.json")
    #expect(zeros == .array([.number(0), .number(0), .number(0.5), .number(0)]))
  }

  /// A key or string value with a line break is quoted escaped, so errors stay on one line.
  @Test func stringsInErrorsStayOnOneLine() {
    #expect(JSONAny.string("x\ny").kind == #"the string "x\ny""#)
    do {
      _ = try Scenario.parse(#"{"a\nb" 1}"#, file: "s.json")
      Issue.record("accepted")
    } catch {
      expectOneLine(error.description, "missing colon")
      #expect(error.line == 1 && error.column == 9, "\(error)")
    }
  }

  // MARK: scenario files

  @Test func mutatedScenariosGiveASetupOrAOneLineError() throws {
    var rng = SplitMix64(seed: Self.seed &+ 2)
    var rendered = 0
    var accepted = 0
    for round in 0..<15_000 {
      let base = Self.scenarios[rng.int(0...(Self.scenarios.count - 1))]
      let text = rng.mutate(base, rounds: rng.int(1...3))
      let context = "seed \(Self.seed &+ 2) round \(round): \(text.debugDescription)"
      do {
        let scenario = try Scenario.parse(text, file: "s.json", directory: "/nonexistent")
        // Apply and draw a sample of the accepted ones (cheap enough: small data, few steps).
        accepted += 1
        guard accepted % 5 == 0, rendered < 60, scenario.isCheap else { continue }
        rendered += 1
        var state = AppState(width: 100, height: 30)
        scenario.apply(to: &state)
        let app = LossLabApp(state: state)
        let frame = app.render(width: 100, height: 30)
        #expect(!frame.text.containsNaN, "\(context)\n\(frame.text)")
        let d = app.state.distributions
        if !d.binaryLabels {  // binary labels are ten separate yes/no probabilities, not one distribution
          #expect(
            abs(d.p.reduce(0, +) - 1) < 1e-9 && abs(d.q.reduce(0, +) - 1) < 1e-9, "\(context)")
        }
      } catch {
        #expect(error.description.hasPrefix("s.json"), "\(error) — \(context)")
        if let line = error.line {
          let lines = text.utf8.filter { $0 == 0x0A }.count + 1
          #expect((1...lines).contains(line), "\(error) — \(context)")
        }
        expectOneLine(error.description, context)
      }
    }
    #expect(rendered > 20, "too few mutated scenarios were accepted to check the drawing")
  }

  @Test func randomFieldValuesGiveASetupOrAnErrorNamingTheField() {
    var rng = SplitMix64(seed: Self.seed &+ 3)
    let fields: [(section: String, key: String)] = [
      ("contour", "outliers"), ("contour", "loss"), ("contour", "delta"), ("contour", "optimizer"),
      ("contour", "rate"), ("contour", "start"), ("contour", "steps"), ("contour", "compare"),
      ("contour", "window"), ("contour", "data"), ("curves", "show"), ("curves", "cursor"),
      ("curves", "x"),
      ("curves", "log_y"), ("distributions", "preset"), ("distributions", "base"),
      ("distributions", "categories"),
    ]
    for round in 0..<10_000 {
      let (section, key) = fields[rng.int(0...(fields.count - 1))]
      let value = rng.write(rng.fieldValue())
      let text = "{\n  \"\(section)\": {\n    \"\(key)\": \(value)\n  }\n}"
      let context = "seed \(Self.seed &+ 3) round \(round): \(text.debugDescription)"
      do {
        _ = try Scenario.parse(text, file: "f.json", directory: "/nonexistent")
      } catch {
        let lines = text.utf8.filter { $0 == 0x0A }.count + 1
        #expect(error.line.map { (2...lines).contains($0) } ?? false, "\(error) — \(context)")
        #expect(key == "data" || error.message.contains(key.prefix(6)), "\(error) — \(context)")
        expectOneLine(error.description, context)
      }
    }
  }

  /// Scenarios with extreme but accepted numbers load and draw with no NaN on screen.
  @Test(arguments: [
    #"{"view": "contour", "contour": {"rate": 1e300, "steps": 50}}"#,
    #"{"view": "contour", "contour": {"start": [1e300, -1e300], "steps": 3}}"#,
    #"{"view": "contour", "contour": {"data": {"xy": [[0, 1e300], [1, -1e300]]}, "steps": 3}}"#,
    #"{"view": "contour", "contour": {"data": {"points": 10, "noise": 1e300}, "loss": "huber", "steps": 3}}"#,
    #"{"view": "contour", "contour": {"window": {"w": [-1e300, 1e300], "b": [0, 1e-300]}}}"#,
    #"{"view": "contour", "contour": {"delta": 1e-300, "loss": "huber", "steps": 5}}"#,
    #"{"view": "curves", "curves": {"x": [-1e300, 1e300], "cursor": 1e300}}"#,
    #"{"view": "curves", "curves": {"x": [0, 1e-300], "log_y": true}}"#,
    #"{"view": "distributions", "distributions": {"p": [1e-300, 1], "q": [1, 1e-300]}}"#,
  ])
  func extremeNumbersNeverShowNaN(text: String) throws {
    let scenario = try Scenario.parse(text, file: "x.json")
    var state = AppState(width: 120, height: 36)
    scenario.apply(to: &state)
    var app = LossLabApp(state: state)
    for keys in ["", "s s s", "e", "Right Right Right g", "y"] {
      _ = app.press(keys)
      let frame = app.render(width: 120, height: 36).text
      #expect(!frame.containsNaN, "\(text) after \(keys)\n\(frame)")
    }
  }

  /// Regression (ScenarioDecoding, CurveNames): a key or name with an escaped line break was printed
  /// raw, so the one-line error spanned two lines. Now it is quoted escaped.
  @Test(arguments: [
    (#"{"view": "co\ntour"}"#, #"found "co\ntour""#),
    (#"{"vi\new": 1}"#, #"unknown key "vi\new""#),
    (#"{"curves": {"show": ["h\nuber"]}}"#, #"unknown curve 'h\nuber'"#),
    (#"{"curves": {"show": ["huber:\u001b"]}}"#, #"bad target '\u{1B}' in curve 'huber:\u{1B}'"#),
    (#"{"contour": {"loss": "m\tse"}}"#, #"found "m\tse""#),
    (#"{"contour": {"optimizer": "a\rdam"}}"#, #"found "a\rdam""#),
    (#"{"distributions": {"base": "b\u2028its"}}"#, #"found "b\u{2028}its""#),
    (#"{"contour": {"data": {"csv": "no\nsuch.csv"}}}"#, #"no\nsuch.csv: a scenario read here"#),
  ])
  func decoderQuotesNamesEscaped(text: String, quoted: String) {
    do {
      _ = try Scenario.parse(text, file: "s.json", directory: "/nonexistent")
      Issue.record("accepted \(text)")
    } catch {
      expectOneLine("\(error)", text)
      #expect("\(error)".contains(quoted), "\(error)")
    }
  }

  /// A save the front end refuses (the target is a folder) closes the prompt with the reason and
  /// asks for no write.
  @Test func refusedSaveSaysWhyAndWritesNothing() throws {
    var files = FakeFiles()
    files.folders = ["taken"]
    var a = app(.contour, keys: "s")
    a.press("w", files: &files)
    a.type("taken")
    a.press("Enter", files: &files)
    #expect(a.state.message == "not saved: that is a folder (taken)")
    #expect(a.state.overlay == nil)
    #expect(files.log == [.inspectSaveTarget(path: "taken")])
  }

  // MARK: key names

  @Test func keyNamesReadBack() throws {
    var rng = SplitMix64(seed: Self.seed &+ 4)
    for round in 0..<10_000 {
      let keys = (0..<rng.int(0...8)).map { _ in rng.key() }
      let text = keys.map { name in
        let n = KeyNames.name(of: name)
        return rng.int(0...3) == 0
          ? n.uppercased() == n.lowercased() || n.count == 1 ? n : n.lowercased() : n
      }.joined(separator: [" ", "  ", "\t", "\n", " \r\n"][rng.int(0...4)])
      let parsed = try KeyNames.parse(text)
      #expect(parsed == keys, "seed \(Self.seed &+ 4) round \(round): \(text.debugDescription)")
    }
  }

  @Test func randomKeyTextGivesKeysOrAOneLineError() throws {
    var rng = SplitMix64(seed: Self.seed &+ 5)
    let pieces = [
      "C-", "c-", "S-", "F", "f", "1", "0", "12", "13", "+", "-", "Left", "left", "Tab", "Space",
      "Esc", "x", " ", " ",
      "\t", "\n", "é", "İ", "ß", "\u{301}", "\u{1B}", "\u{0}", "\u{7F}", "\u{85}", "\u{2028}", "😀",
      "ﬁ", "K",
    ]
    for round in 0..<20_000 {
      let text = (0..<rng.int(0...8)).map { _ in pieces[rng.int(0...(pieces.count - 1))] }.joined()
      let context = "seed \(Self.seed &+ 5) round \(round): \(text.debugDescription)"
      do {
        let keys = try KeyNames.parse(text)
        // Whatever was accepted has a name that reads back as the same key.
        for k in keys { #expect(KeyNames.key(KeyNames.name(of: k)) == k, "\(k) — \(context)") }
        #expect(
          !keys.contains {
            if case .character(let s) = $0 {
              s.properties.generalCategory == .control
            } else {
              false
            }
          }, "\(context)")
      } catch {
        expectOneLine(error.description, context)
        #expect(
          error.description.unicodeScalars.starts(with: "unknown key name '".unicodeScalars),
          "\(context)")
      }
    }
  }

  /// Regression: `C-İ` trapped (İ lower-cases to two scalars); `F+1`, `F01` and a lone control
  /// character were taken as keys.
  @Test func oddKeyNames() throws {
    #expect(KeyNames.key("C-İ") == nil)
    #expect(KeyNames.key("C-A") == .control("a"))
    #expect(KeyNames.key("F+1") == nil)
    #expect(KeyNames.key("F01") == nil)
    #expect(KeyNames.key("f12") == .function(12))
    #expect(KeyNames.key("F13") == nil)
    #expect(KeyNames.key("") == nil)
    #expect(KeyNames.key("\u{85}") == nil)
    #expect(KeyNames.key("\u{1B}") == nil)
    #expect(throws: KeyNames.ParseError(token: "a\u{1B}", position: 2)) {
      try KeyNames.parse("x a\u{1B}")
    }
    #expect(try KeyNames.parse("a \u{301}") == [.character("a"), .character("\u{301}")])
  }

  // MARK: helpers

  static let scenarios: [String] = [
    """
    {
      "view": "contour",
      "contour": {
        "data": {"points": 50, "seed": 42, "noise": 0.5},
        "outliers": 5, "loss": "mae", "optimizer": "adam", "rate": 0.1,
        "start": [0.5, 1.5], "steps": 10, "compare": false,
        "window": {"w": [0, 4], "b": [1, 5]}
      }
    }
    """,
    """
    {
      "view": "curves",
      "curves": {"show": ["neg-log", "bce:0", "bce:1", "hinge:1"], "cursor": 0.3, "x": [-1, 2], "log_y": false}
    }
    """,
    """
    {
      "view": "distributions",
      "distributions": {"p": [0.1, 0.4, 0.5], "q": [0.8, 0.15, 0.05], "categories": ["cat", "dog", "fox"], "base": "bits"}
    }
    """,
    """
    {"view": "contour", "contour": {"data": {"xy": [[0, 3], [1, 5], [2, 7.5]]}, "loss": "huber", "delta": 1, "steps": 3}}
    """,
    """
    {"distributions": {"preset": 2, "base": "nats"}, "curves": {"show": ["mse", "mae", "huber"]}}
    """,
  ]

  func expectOneLine(
    _ message: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      !message.unicodeScalars.contains {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
      },
      "not one line: \(message.debugDescription) — \(context)", sourceLocation: sourceLocation)
    #expect(
      message.count < 300, "too long: \(message.debugDescription)", sourceLocation: sourceLocation)
  }
}

extension Scenario {
  /// Small enough to apply and draw quickly in a debug build.
  var isCheap: Bool {
    guard let c = contour else { return true }
    if (c.steps ?? 0) > 2_000 { return false }
    switch c.source {
    case .generated(let n, _, _)?: return n <= 2_000
    case .points(let d)?: return d.x.count <= 2_000
    case .table(let t)?: return t.table.data.x.count <= 2_000
    case nil: return true
    }
  }
}

extension String {
  /// A word "nan" or "NaN" anywhere (not inside a word such as "dominant").
  var containsNaN: Bool {
    split(whereSeparator: { !$0.isLetter }).contains { $0.lowercased() == "nan" }
  }
}

extension SplitMix64 {
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  mutating func ws() -> String { ["", "", " ", "\n", "\t", "\r\n  "][int(0...5)] }

  mutating func scalar() -> Unicode.Scalar {
    switch int(0...5) {
    case 0: return Unicode.Scalar(UInt8(int(0...31)))
    case 1: return ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{FEFF}"][int(0...5)]
    case 2: return Unicode.Scalar(UInt32(int(0x80...0xD7FF)))!
    case 3: return Unicode.Scalar(UInt32(int(0x10000...0x10FFFF)))!
    default: return Unicode.Scalar(UInt8(int(32...126)))
    }
  }

  mutating func finite() -> Double {
    switch int(0...3) {
    case 0: return Double(int(-1000...1000))
    case 1: return (nextUnit() * 2 - 1) * 100
    case 2: return [1e308, -1e308, 1e-308, 5e-324, 0, 0.1][int(0...5)]
    default:
      while true {
        let v = Double(bitPattern: next())
        if v.isFinite { return v }
      }
    }
  }

  mutating func jsonValue(depth: Int) -> TestJSON {
    switch int(0...(depth > 4 ? 3 : 5)) {
    case 0: return .null(line: 0)
    case 1: return .bool(int(0...1) == 0, line: 0)
    case 2: return .number(finite(), line: 0)
    case 3:
      return .string(
        String(String.UnicodeScalarView((0..<int(0...6)).map { _ in scalar() })), line: 0)
    case 4: return .array((0..<int(0...4)).map { _ in jsonValue(depth: depth + 1) }, line: 0)
    default:
      return .object(
        (0..<int(0...4)).map { _ in
          (
            key: String(String.UnicodeScalarView((0..<int(0...4)).map { _ in scalar() })),
            value: jsonValue(depth: depth + 1)
          )
        }, line: 0)
    }
  }

  /// Valid JSON for `value`, with random spacing, escapes and number spellings.
  mutating func write(_ value: TestJSON) -> String {
    var text = ""
    var places: [(path: [JSONText.PathStep], offset: Int)] = []
    write(value, path: [], into: &text, places: &places)
    return text
  }

  /// Appends `value` to `text`, noting the byte offset where each value (by its path) starts. Of
  /// duplicate keys only the first is noted, as readers take the first.
  mutating func write(
    _ value: TestJSON, path: [JSONText.PathStep], into text: inout String,
    places: inout [(path: [JSONText.PathStep], offset: Int)]
  ) {
    places.append((path, text.utf8.count))
    switch value {
    case .null: text += "null"
    case .bool(let b, _): text += b ? "true" : "false"
    case .number(let v, _):
      if v == v.rounded(), abs(v) < 1e15, int(0...1) == 0 {
        text += String(Int64(v))
      } else {
        text += int(0...1) == 0 ? String(format: "%.17g", v) : String(format: "%.17E", v)
      }
    case .string(let s, _): text += quote(s)
    case .array(let items, _):
      text += "[" + ws()
      for (i, item) in items.enumerated() {
        if i > 0 { text += "," + ws() }
        write(item, path: path + [.index(i)], into: &text, places: &places)
        text += ws()
      }
      text += "]"
    case .object(let pairs, _):
      text += "{" + ws()
      var seen: Set<String> = []
      for (i, pair) in pairs.enumerated() {
        if i > 0 { text += "," + ws() }
        text += quote(pair.key) + ws() + ":" + ws()
        if seen.insert(pair.key).inserted {
          write(pair.value, path: path + [.key(pair.key)], into: &text, places: &places)
        } else {
          var ignored: [(path: [JSONText.PathStep], offset: Int)] = []
          write(pair.value, path: [], into: &text, places: &ignored)
        }
        text += ws()
      }
      text += "}"
    }
  }

  mutating func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += int(0...1) == 0 ? "\\\\" : "\\u005c"
      case "\n": out += "\\n"
      case "/" where int(0...1) == 0: out += "\\/"
      default:
        if u.value < 0x20 || int(0...9) == 0 {
          if u.value > 0xFFFF {
            let v = u.value - 0x10000
            out += String(format: "\\u%04x\\u%04X", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
          } else {
            out += String(format: "\\u%04x", u.value)
          }
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// A value for a scenario field: often the right type, often not, sometimes extreme.
  mutating func fieldValue() -> TestJSON {
    switch int(0...9) {
    case 0:
      return .string(
        ["mse", "MAE", "huber", "adam", "sgd", "bits", "nats", "10", "", "neg-log", "bce:0", "x"][
          int(0...11)], line: 0)
    case 1: return .array((0..<int(0...3)).map { _ in .number(finite(), line: 0) }, line: 0)
    case 2:
      return .array(
        [.number(Double(int(-5...5)), line: 0), .number(Double(int(-5...5)), line: 0)], line: 0)
    case 3:
      return .array(
        (0..<int(0...3)).map { _ in
          .string(["mse", "bce:1", "hinge:-1", "huber", "mae:2"][int(0...4)], line: 0)
        }, line: 0)
    case 4:
      let keys = ["points", "seed", "noise", "xy", "csv", "w", "b"]
      return .object(
        (0..<int(0...2)).map { _ in (key: keys[int(0...6)], value: fieldValue()) }, line: 0)
    case 5: return .bool(int(0...1) == 0, line: 0)
    case 6: return .null(line: 0)
    case 7: return .number(Double(int(-3...1500)), line: 0)
    default: return .number(finite(), line: 0)
    }
  }

  mutating func key() -> Key {
    switch int(0...5) {
    case 0:
      let named: [Key] = [
        .up, .down, .left, .right, .shiftUp, .shiftDown, .shiftLeft, .shiftRight, .enter, .tab,
        .backTab,
        .escape, .backspace, .delete, .home, .end, .pageUp, .pageDown, .character(" "),
      ]
      return named[int(0...(named.count - 1))]
    case 1: return .control(Unicode.Scalar(UInt8(int(97...122))))
    case 2: return .function(int(1...12))
    case 3:
      var s = scalar()
      while s.properties.generalCategory == .control || s == " " { s = scalar() }
      return .character(s)
    default: return .character(Unicode.Scalar(UInt8(int(33...126))))
    }
  }

  mutating func mutate(_ text: String, rounds: Int) -> String {
    let pieces = [
      "{", "}", "[", "]", ",", ":", "\"", "0", "1", "-", ".", "e", "E+", "9e999", "true", "null",
      "\\", "\\u", "\\ud800",
      "\n", " ", "\u{0}", "\u{FF}", "é", "\"steps\": 5", "\"rate\": 1e300", "\"p\": [1, 0]",
      "\"view\": \"contour\"",
      "\"xy\": [[0,0],[0,0]]", "\"window\": {\"w\": [1, 1.0000000000000002], \"b\": [0, 1]}",
      "\"points\": 2",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ]
    var chars = Array(text)
    for _ in 0..<rounds {
      let i = chars.isEmpty ? 0 : int(0...(chars.count - 1))
      switch int(0...4) {
      case 0: chars.insert(contentsOf: Array(pieces[int(0...(pieces.count - 1))]), at: i)
      case 1: if !chars.isEmpty { chars.removeSubrange(i..<min(chars.count, i + int(1...4))) }
      case 2:
        if !chars.isEmpty {
          chars.replaceSubrange(i...i, with: Array(pieces[int(0...(pieces.count - 1))]))
        }
      case 3:
        if !chars.isEmpty {
          chars.insert(contentsOf: chars[i..<min(chars.count, i + int(1...12))], at: i)
        }
      default: if chars.count > 1 { chars.swapAt(i, int(0...(chars.count - 1))) }
      }
    }
    return String(chars)
  }
}

/// A JSON value as the fuzz tests generate it: object keys in order, duplicates allowed.
indirect enum TestJSON {
  case null(line: Int)
  case bool(Bool, line: Int)
  case number(Double, line: Int)
  case string(String, line: Int)
  case array([TestJSON], line: Int)
  case object([(key: String, value: TestJSON)], line: Int)
}
