import Foundation
import LossCore
import Testing

/// Seeded fuzzing of the number-list and CSV parsers: valid input written in many ways must read back
/// exactly; random and mutated input must give a correct result or a clear one-line error, never a crash.
@Suite struct ParserFuzzTests {
  static let seed: UInt64 = 0x5EED_0009

  // MARK: number lists

  @Test func numberListsReadBackWhateverTheSpelling() throws {
    var rng = SplitMix64(seed: Self.seed)
    for round in 0..<10_000 {
      let rows = (0..<rng.int(1...4)).map { _ in
        (0..<rng.int(1...5)).map { _ in rng.finiteDouble() }
      }
      let text = rows.map { row in
        row.map { rng.spaces() + rng.spell($0) + rng.spaces() }.joined(separator: ",")
      }.joined(separator: ";")
      let parsed = try NumberList.parse(text, name: "--y-pred")
      #expect(parsed == rows, "seed \(Self.seed) round \(round): \(text.debugDescription)")
    }
  }

  @Test func mutatedNumberListsGiveAResultOrAOneLineError() {
    var rng = SplitMix64(seed: Self.seed &+ 1)
    let name = "--y-true"
    for round in 0..<20_000 {
      let valid = (0..<rng.int(1...3)).map { _ in
        (0..<rng.int(1...4)).map { _ in rng.spell(rng.finiteDouble()) }.joined(separator: ",")
      }.joined(separator: ";")
      let text = rng.mutate(valid, rounds: rng.int(1...4))
      let context = "seed \(Self.seed &+ 1) round \(round): \(text.debugDescription)"
      do {
        let rows = try NumberList.parse(text, name: name)
        // A result must be what the text says: as many samples as ';'-parts, items as ','-parts.
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        #expect(rows.count == parts.count, "\(context)")
        for (row, part) in zip(rows, parts) {
          let items = part.split(separator: ",", omittingEmptySubsequences: false)
          #expect(row.count == items.count, "\(context)")
          for (v, item) in zip(row, items) {
            #expect(v.isFinite, "\(context)")
            let trimmed = item.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Double(trimmed) == v, "\(context)")
          }
        }
      } catch {
        expectOneLine(error.message, startsWith: "\(name): ", context)
      }
    }
  }

  @Test func randomBytesNeverCrashTheNumberListParser() {
    var rng = SplitMix64(seed: Self.seed &+ 2)
    for round in 0..<20_000 {
      let text = rng.garbage(length: rng.int(0...40))
      do {
        let rows = try NumberList.parse(text, name: "--p")
        #expect(
          rows.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isFinite) },
          "round \(round): \(text.debugDescription)")
      } catch {
        expectOneLine(
          error.message, startsWith: "--p: ", "round \(round): \(text.debugDescription)")
      }
    }
  }

  // MARK: CSV

  @Test func csvReadsBackWhateverTheLayout() throws {
    var rng = SplitMix64(seed: Self.seed &+ 3)
    for round in 0..<5_000 {
      let n = rng.int(2...8)
      // LineData accepts |x|, |y| <= 1e100 (larger ones overflow the sums); 1e100 < |v| is brought
      // below by dividing by 1e300 (|v| < 1.8e308).
      let inRange = { (v: Double) in abs(v) <= LineData.largestValue ? v : v / 1e300 }
      var xs = (0..<n).map { _ in inRange(rng.finiteDouble()) }
      let ys = (0..<n).map { _ in inRange(rng.finiteDouble()) }
      // All x equal leaves the slope undetermined, which the reader rightly refuses.
      if xs.allSatisfy({ $0 == xs[0] }) { xs[1] = xs[0] == 0 ? 1 : xs[0] / 2 }
      let newline = rng.int(0...2) == 0 ? "\r\n" : "\n"
      var lines: [String] = []
      if rng.int(0...1) == 0 {
        lines.append(["x,y", "\"x\",\"y\"", "# data", "w;h", "time, value"][rng.int(0...4)])
      }
      for (x, y) in zip(xs, ys) {
        if rng.int(0...5) == 0 { lines.append(rng.int(0...1) == 0 ? "" : "# comment, 1, 2") }
        lines.append(
          rng.spaces() + rng.spell(x) + rng.spaces() + "," + rng.spaces() + rng.spell(y)
            + rng.spaces())
      }
      var text = lines.joined(separator: newline)
      if rng.int(0...1) == 0 { text += newline }
      let context = "seed \(Self.seed &+ 3) round \(round): \(text.debugDescription)"
      let data = try LineData.csv(text: text, source: "d.csv")
      #expect(data.x == xs, "\(context)")
      #expect(data.y == ys, "\(context)")
    }
  }

  @Test func mutatedCSVGivesAResultOrAOneLineErrorWithTheLine() {
    var rng = SplitMix64(seed: Self.seed &+ 4)
    for round in 0..<10_000 {
      let n = rng.int(2...5)
      let valid =
        (rng.int(0...1) == 0 ? "x,y\n" : "")
        + (0..<n).map { _ in rng.spell(rng.finiteDouble()) + "," + rng.spell(rng.finiteDouble()) }
        .joined(separator: "\n")
      let text = rng.mutate(valid, rounds: rng.int(1...3))
      let context = "seed \(Self.seed &+ 4) round \(round): \(text.debugDescription)"
      do {
        let data = try LineData.csv(text: text, source: "d.csv")
        #expect(data.x.count == data.y.count && data.x.count >= 2, "\(context)")
        #expect(data.x.allSatisfy(\.isFinite) && data.y.allSatisfy(\.isFinite), "\(context)")
      } catch {
        expectOneLine(error.message, startsWith: "d.csv", context)
        // Errors about one line name it: "d.csv:7: ...", a line that exists.
        let number = error.message.dropFirst(6).prefix { $0.isNumber }
        if error.message.hasPrefix("d.csv:"), !number.isEmpty {
          let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .count
          #expect(Int(number).map { (1...max(1, lineCount)).contains($0) } == true, "\(context)")
        }
      }
    }
  }

  /// Regression: a file saved with Windows line ends (CRLF) was read as one long line, so it had
  /// "0 data points".
  @Test func csvWithCRLFLineEnds() throws {
    let data = try LineData.csv(text: "x,y\r\n0,3\r\n1,5\r\n", source: "w.csv")
    #expect(data == LineData(x: [0, 1], y: [3, 5]))
    #expect(throws: LossCoreError("w.csv:3: 'x' (column 1): 'a' is not a number")) {
      try LineData.csv(text: "x,y\r\n0,3\r\na,5\r\n", source: "w.csv")
    }
  }

  /// Regression: a bad item holding a line break printed an error message over two lines.
  @Test func errorsQuoteControlCharactersAndStayOnOneLine() {
    #expect(throws: LossCoreError(#"--p: '1\n2' is not a number (sample 1, item 1)"#)) {
      try NumberList.parse("1\n2", name: "--p")
    }
    #expect(throws: LossCoreError(#"d.csv:2: column 1: '1\r2' is not a number"#)) {
      try LineData.csv(text: "0,0\n1\r2,3\n", source: "d.csv")
    }
    let long = String(repeating: "z", count: 500)
    do {
      _ = try NumberList.parse(long, name: "--p")
      Issue.record("accepted \(long.count) z's")
    } catch {
      #expect(error.message.count < 120, "\(error.message)")
      #expect(error.message.contains("zzz…"), "\(error.message)")
    }
  }

  func expectOneLine(
    _ message: String, startsWith prefix: String, _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      message.hasPrefix(prefix), "\(message.debugDescription) — \(context)",
      sourceLocation: sourceLocation)
    #expect(
      !message.unicodeScalars.contains {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}"
      },
      "not one line: \(message.debugDescription) — \(context)", sourceLocation: sourceLocation)
    #expect(
      message.count < 200, "too long: \(message.debugDescription)", sourceLocation: sourceLocation)
  }
}

extension SplitMix64 {
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.count))
  }

  /// A finite double: small integers, decimals, extremes, subnormals or any finite bit pattern.
  mutating func finiteDouble() -> Double {
    switch int(0...5) {
    case 0: return Double(int(-100...100))
    case 1: return (nextUnit() * 2 - 1) * 10
    case 2:
      return [
        Double.greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e308, 1e-308,
        .leastNonzeroMagnitude, -0.0, 0,
      ][int(0...6)]
    case 3: return Double.leastNormalMagnitude * nextUnit()
    default:
      while true {
        let v = Double(bitPattern: next())
        if v.isFinite { return v }
      }
    }
  }

  /// `v` written so that `Double(_:)` reads back exactly `v`, in one of several spellings.
  mutating func spell(_ v: Double) -> String {
    switch int(0...3) {
    case 0: return String(format: "%.17g", v)
    case 1: return String(format: "%.17e", v).uppercased()
    case 2 where v == v.rounded() && abs(v) < 1e15: return String(Int64(v))
    default: return "\(v)"
    }
  }

  mutating func spaces() -> String {
    [" ", "", "", "\t", "  "][int(0...4)]
  }

  /// Random text, mostly of characters that mean something to the parsers.
  mutating func garbage(length: Int) -> String {
    let alphabet: [String] = [
      "0", "1", "9", ".", "-", "+", "e", "E", ",", ";", " ", "\t", "\n", "\r\n", "\r", "#", "x",
      "nan", "inf",
      "infinity", "0x", "p", "_", "é", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{2028}", "\u{85}", "١",
      "½", "e999", "\"",
    ]
    return (0..<length).map { _ in alphabet[int(0...(alphabet.count - 1))] }.joined()
  }

  /// `text` with a few random edits: insert, delete, replace, duplicate or swap pieces.
  mutating func mutate(_ text: String, rounds: Int) -> String {
    var chars = Array(text)
    for _ in 0..<rounds {
      let i = chars.isEmpty ? 0 : int(0...(chars.count - 1))
      switch int(0...4) {
      case 0: chars.insert(contentsOf: Array(garbage(length: int(1...3))), at: i)
      case 1: if !chars.isEmpty { chars.removeSubrange(i..<min(chars.count, i + int(1...3))) }
      case 2: if !chars.isEmpty { chars.replaceSubrange(i...i, with: Array(garbage(length: 1))) }
      case 3:
        if !chars.isEmpty {
          chars.insert(contentsOf: chars[i..<min(chars.count, i + int(1...6))], at: i)
        }
      default: if chars.count > 1 { chars.swapAt(i, int(0...(chars.count - 1))) }
      }
    }
    return String(chars)
  }
}
