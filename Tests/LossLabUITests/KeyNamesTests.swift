import Testing

@testable import LossLabUI

@Suite struct KeyNamesTests {
  @Test func namesParseAndRoundTrip() throws {
    let keys = try KeyNames.parse("Left Right Up Down Enter Tab Space Escape S-Left C-x F5 q ? [")
    #expect(
      keys == [
        .left, .right, .up, .down, .enter, .tab, .character(" "), .escape, .shiftLeft,
        .control("x"), .function(5), .character("q"), .character("?"), .character("["),
      ])
    let names = keys.map(KeyNames.name(of:)).joined(separator: " ")
    #expect(try KeyNames.parse(names) == keys)
  }

  @Test func unknownNamesAreErrorsThatNameTheToken() {
    #expect(throws: KeyNames.ParseError(token: "Lefty", position: 2)) {
      try KeyNames.parse("a Lefty")
    }
    #expect(throws: KeyNames.ParseError.self) { try KeyNames.parse("F13") }
    #expect(throws: KeyNames.ParseError.self) { try KeyNames.parse("C-1") }
  }
}
