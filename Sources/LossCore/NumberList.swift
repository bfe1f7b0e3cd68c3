/// Parses the command line's number lists: numbers separated by commas, samples by semicolons.
public enum NumberList {
  /// Parses `"0,1,0;1,0,0"` into `[[0, 1, 0], [1, 0, 0]]`.
  ///
  /// - Parameters:
  ///   - text: samples separated by `;`, the numbers of a sample by `,`.
  ///   - name: what the text is (e.g. `--y-pred`), used in error messages.
  /// - Throws: on empty text, an empty sample or item, a malformed number, NaN or infinity.
  public static func parse(_ text: String, name: String) throws(LossCoreError) -> [[Double]] {
    let trimmed = text.trimmingWhitespace
    guard !trimmed.isEmpty else { throw LossCoreError("\(name): empty list of numbers") }
    var samples: [[Double]] = []
    for (s, sampleText) in trimmed.split(separator: ";", omittingEmptySubsequences: false)
      .enumerated()
    {
      var row: [Double] = []
      for (i, itemText) in sampleText.split(separator: ",", omittingEmptySubsequences: false)
        .enumerated()
      {
        let item = String(itemText).trimmingWhitespace
        let place = "sample \(s + 1), item \(i + 1)"
        guard !item.isEmpty else { throw LossCoreError("\(name): missing number at \(place)") }
        guard let value = Double(item) else {
          throw LossCoreError("\(name): '\(item.escapedForMessage)' is not a number (\(place))")
        }
        guard value.isFinite else {
          throw LossCoreError(
            "\(name): '\(item.escapedForMessage)' is not a finite number (\(place))")
        }
        row.append(value)
      }
      samples.append(row)
    }
    return samples
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and line breaks.
  var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}

extension StringProtocol {
  /// The text as it may appear inside a one-line message: control characters and line separators
  /// escaped (`\n`, `\r`, `\t`, `\u{1B}`), and cut to 40 characters with `…`.
  public var escapedForMessage: String {
    var out = ""
    var count = 0
    for c in self {
      if count == 40 {
        out += "…"
        break
      }
      count += 1
      for u in c.unicodeScalars {
        switch u {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if u.properties.generalCategory == .control || u == "\u{2028}" || u == "\u{2029}" {
            out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
          } else {
            out.unicodeScalars.append(u)
          }
        }
      }
    }
    return out
  }
}
