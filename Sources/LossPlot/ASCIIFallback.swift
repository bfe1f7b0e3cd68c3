extension Screen {
  /// Replaces every non-ASCII character inside `rect` by `?` (labels and titles the caller gave
  /// in Unicode), so ASCII frames stay pure ASCII.
  mutating func asciify(_ rect: Rect) {
    let r = rect.intersection(bounds)
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX where !cells[y * width + x].scalar.isASCII {
        cells[y * width + x].scalar = "?"
      }
    }
  }
}
