/// Greedy word wrap counting one column per Unicode scalar.
public enum TextWrap {
  /// Wraps `text` at spaces into lines of at most `width` scalars; continuation lines start with
  /// `indent` spaces; words longer than a line are cut.
  public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
    let words = text.unicodeScalars.split(separator: " ", omittingEmptySubsequences: true)
    return pack(words.map { Array($0) }, width: width, indent: indent)
  }

  /// The lines `wrap(text, width: width)` gives, one at a time, as parts of `text` where they can be
  /// (words separated by single spaces, none longer than a line: the common case), so a frame that
  /// wraps its notes builds no strings; otherwise the lines of `wrap`.
  public static func forEachLine(_ text: String, width: Int, _ body: (Substring) -> Void) {
    let width = max(width, 1)
    let scalars = text.unicodeScalars
    // Check: no leading, trailing or double spaces, and no word longer than a line.
    var word = 0
    var previousSpace = true
    for s in scalars {
      if s == " " {
        if previousSpace { return wrap(text, width: width).forEach { body($0[...]) } }
        previousSpace = true
        word = 0
      } else {
        previousSpace = false
        word += 1
        if word > width { return wrap(text, width: width).forEach { body($0[...]) } }
      }
    }
    if previousSpace && !scalars.isEmpty {
      return wrap(text, width: width).forEach { body($0[...]) }
    }
    // Greedy packing, as `pack` does: a word goes on the line when it fits after one space.
    var lineStart = scalars.startIndex
    var lineEnd = scalars.startIndex
    var lineCount = 0
    var i = scalars.startIndex
    while i != scalars.endIndex {
      // The next word: i..<j.
      var j = i
      var n = 0
      while j != scalars.endIndex, scalars[j] != " " {
        j = scalars.index(after: j)
        n += 1
      }
      if lineCount > 0 && lineCount + 1 + n > width {
        body(text[lineStart..<lineEnd])
        lineStart = i
        lineCount = 0
      }
      lineCount += (lineCount > 0 ? 1 : 0) + n
      lineEnd = j
      i = j == scalars.endIndex ? j : scalars.index(after: j)
    }
    body(text[lineStart..<lineEnd])
  }

  /// Wraps `label` followed by the one-line formula `math`. The whole thing stays on one line if
  /// it fits; otherwise breaks go first after top-level ", " and "; " (outside brackets), then at
  /// spaces inside a clause that is still too long. Continuation lines are indented by 2.
  public static func wrapMath(label: String, _ math: String, width: Int) -> [String] {
    let whole = label + " " + math
    if whole.unicodeScalars.count <= width { return [whole] }
    let indent = min(2, max(width - 1, 0))
    var tokens: [[Unicode.Scalar]] = [Array(label.unicodeScalars)]
    for clause in clauses(math) {
      if clause.count <= width - indent {
        tokens.append(clause)
      } else {
        tokens += clause.split(separator: " ", omittingEmptySubsequences: true).map { Array($0) }
      }
    }
    return pack(tokens, width: width, indent: indent)
  }

  /// Splits at ", " and "; " that are outside (), [] and {}; punctuation stays with its clause.
  static func clauses(_ text: String) -> [[Unicode.Scalar]] {
    let s = Array(text.unicodeScalars)
    var out: [[Unicode.Scalar]] = []
    var current: [Unicode.Scalar] = []
    var depth = 0
    var i = 0
    while i < s.count {
      let c = s[i]
      if c == "(" || c == "[" || c == "{" { depth += 1 }
      if c == ")" || c == "]" || c == "}" { depth = max(depth - 1, 0) }
      if current.isEmpty && c == " " {
        i += 1
        continue
      }
      current.append(c)
      if depth == 0 && (c == "," || c == ";") && i + 1 < s.count && s[i + 1] == " " {
        out.append(current)
        current = []
      }
      i += 1
    }
    while current.last == " " { current.removeLast() }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// Packs tokens onto lines (joined by one space) of at most `width` scalars; continuation lines
  /// start with `indent` spaces; a token longer than a line is cut.
  static func pack(_ tokens: [[Unicode.Scalar]], width: Int, indent: Int) -> [String] {
    let width = max(width, 1)
    let indent = min(max(indent, 0), width - 1)
    var lines: [String] = []
    var current: [Unicode.Scalar] = []
    let pad = [Unicode.Scalar](repeating: " ", count: indent)
    func flush() {
      lines.append(String(String.UnicodeScalarView(current)))
      current = pad
    }
    for token in tokens {
      var piece = token
      let startsLine = current.count == (lines.isEmpty ? 0 : indent)
      if !startsLine && current.count + 1 + piece.count > width { flush() }
      if current.count > (lines.isEmpty ? 0 : indent) { current.append(" ") }
      if current.count + piece.count > width, let log = CutLog.current {
        log.record(String(String.UnicodeScalarView(token)), x: -1, y: -1)
      }
      while current.count + piece.count > width {
        let room = width - current.count
        current += piece.prefix(room)
        piece.removeFirst(room)
        flush()
      }
      current += piece
    }
    if lines.isEmpty || current.count > indent { flush() }
    return lines
  }
}
