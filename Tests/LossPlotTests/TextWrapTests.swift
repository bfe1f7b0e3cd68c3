import LossCore
import LossPlot
import Testing

@Suite struct TextWrapTests {
  @Test func wrapBreaksAtSpacesCutsLongWordsAndIndents() {
    #expect(TextWrap.wrap("aaa bbb ccc", width: 7) == ["aaa bbb", "ccc"])
    #expect(TextWrap.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(TextWrap.wrap("aa bb cc dd", width: 5, indent: 2) == ["aa bb", "  cc", "  dd"])
    #expect(TextWrap.wrap("", width: 5) == [""])
    #expect(TextWrap.wrap("ŷ−y ŷ", width: 3) == ["ŷ−y", "ŷ"])
  }

  @Test func mathBreaksAtTopLevelCommasFirst() {
    #expect(TextWrap.wrapMath(label: "F:", "a = 1,  b = 2", width: 40) == ["F: a = 1,  b = 2"])
    #expect(
      TextWrap.wrapMath(label: "F:", "L = max(0, 1 - m),  m = y*p", width: 21) == [
        "F: L = max(0, 1 - m),", "  m = y*p",
      ])
    #expect(
      TextWrap.wrapMath(label: "Formula:", "s = f(a, b); t = 2", width: 16) == [
        "Formula:", "  s = f(a, b);", "  t = 2",
      ])
    // A clause too long for a line falls back to breaks at spaces.
    #expect(
      TextWrap.wrapMath(label: "F:", "aaaa + bbbb + cccc", width: 10) == [
        "F: aaaa +", "  bbbb +", "  cccc",
      ])
  }

  /// `forEachLine` gives exactly `wrap`'s lines, on texts with single and double spaces, leading and
  /// trailing ones, words longer than a line and non-ASCII scalars, at every width.
  @Test func forEachLineGivesWrapsLines() {
    var rng = SplitMix64(seed: 7)
    let pieces = ["a", "bb", "ccc", "dddddddd", "ŷ−y", " ", "  ", "eeeeeeeeeeeeeeee"]
    for _ in 0..<400 {
      var text = ""
      for _ in 0..<Int(rng.nextUnit() * 10) {
        text += pieces[Int(rng.nextUnit() * Double(pieces.count))]
        if rng.nextUnit() < 0.7 { text += " " }
      }
      for width in [1, 2, 3, 5, 8, 13, 40] {
        var lines: [String] = []
        TextWrap.forEachLine(text, width: width) { lines.append(String($0)) }
        #expect(lines == TextWrap.wrap(text, width: width), "\"\(text)\" at \(width)")
      }
    }
  }
}
