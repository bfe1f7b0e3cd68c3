/// Parses the command line's number lists: numbers separated by commas, samples by semicolons.
public enum NumberList {
  /// Parses `"0,1,0;1,0,0"` into `[[0, 1, 0], [1, 0, 0]]`.
  ///
  /// - Parameter name: what the text is (e.g. `--y-pred`), used in error messages.
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
          throw LossCoreError("\(name): '\(item)' is not a number (\(place))")
        }
        guard value.isFinite else {
          throw LossCoreError("\(name): '\(item)' is not a finite number (\(place))")
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
