extension [String] {
  /// The strings with `separator` between them, as `joined(separator:)` gives them.
  ///
  /// `joined(separator:)` is generic over the collection and the string type, and its first call
  /// makes the runtime look up `Array: Collection` by searching every protocol conformance in the
  /// binary (tens of microseconds of a short `losslab render`, about half a millisecond on a view's
  /// first frame). Text built at start-up or on a first frame (key hints, help rows, curve names) uses
  /// this one, which is plain concatenation. `package`: LossCore and the UI share it.
  package func joinedText(separator: String) -> String {
    var out = ""
    for k in indices {
      if k > startIndex { out += separator }
      out += self[k]
    }
    return out
  }
}
