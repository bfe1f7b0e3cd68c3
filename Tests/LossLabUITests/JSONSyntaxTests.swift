import Testing

@testable import LossLabUI

/// The syntax check behind every JSON file losslab reads, against the grammar of RFC 8259.
@Suite struct JSONSyntaxTests {
  /// Documents the RFC allows (section 2: any value at the top, white space around tokens).
  @Test func acceptsWhatTheGrammarAllows() {
    let valid = [
      "{}", "[]", " \n\t\r[ ]\n", "0", "-0", "1.5e+3", "-2E-7", "12.0", "\"\"", "true", "false",
      "null",
      #"{"a": [1, {"b": null}], "c": "\u00e9\n\"\\/", "ŷ": "ŷ"}"#,
      #""\ud83d\ude00""#, "[[[[[]]]]]", #"{"a":1,"a":2}"#,
    ]
    for text in valid {
      #expect(JSONSyntax.firstError(in: Array(text.utf8)) == nil, "\(text)")
    }
  }

  /// What breaks the grammar, with the line and column (from 1, in characters) of the byte at fault.
  @Test func refusesWhatTheGrammarForbidsAndSaysWhere() {
    let cases: [(String, Int, Int, String)] = [
      ("{\n  \"a\": x}", 2, 8, "invalid value, found 'x'"),
      ("{\"a\" 1}", 1, 6, "expected ':' after the key, found '1'"),
      ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}', found '\"'"),
      ("[1 2]", 1, 4, "expected ',' or ']', found '2'"),
      ("{1: 2}", 1, 2, "expected a key in double quotes, found '1'"),
      ("{\"a\": 01}", 1, 7, "number with leading zero, found '0'"),
      ("[-01]", 1, 3, "number with leading zero, found '0'"),
      ("[1.]", 1, 4, "a digit expected after the decimal point, found ']'"),
      ("[.5]", 1, 2, "invalid value, found '.'"),
      ("[+1]", 1, 2, "invalid value, found '+'"),
      ("[1e]", 1, 4, "a digit expected in the exponent, found ']'"),
      ("[-]", 1, 3, "a digit expected in the number, found ']'"),
      ("[1e400]", 1, 2, "number 1e400 is too large for a double, found '1'"),
      ("[tru]", 1, 2, "invalid value, found 't'"),
      ("\"a\u{1B}\"", 1, 3, "unescaped control character, found byte 0x1b"),
      ("\"\\q\"", 1, 2, "invalid escape sequence, found '\\'"),
      ("\"\\uzz12\"", 1, 2, "invalid \\u escape (four hex digits), found '\\'"),
      (
        "\"\\ud800\"", 1, 2,
        "a \\u escape of a high surrogate without its low surrogate, found '\\'"
      ),
      ("\"\\udc00\"", 1, 2, "a \\u escape of a lone low surrogate, found '\\'"),
      ("[1] x", 1, 5, "unexpected text after the JSON value, found 'x'"),
      ("", 1, 1, "unexpected end of file"),
      ("   ", 1, 4, "unexpected end of file"),
      ("{\"a\": \"abc", 1, 11, "unexpected end of file"),
      ("[1,", 1, 4, "unexpected end of file"),
      ("{\"a\":", 1, 6, "unexpected end of file"),
    ]
    for (text, line, column, message) in cases {
      let error = JSONSyntax.firstError(in: Array(text.utf8))
      #expect(error?.message == "not valid JSON: " + message, "\(text.debugDescription)")
      #expect(
        error?.position == JSONText.Position(line: line, column: column), "\(text.debugDescription)"
      )
    }
  }

  /// Bytes that are not UTF-8 (RFC 3629: no stray continuation bytes, overlong forms or surrogates).
  @Test func refusesBytesThatAreNotUTF8() {
    for bad: [UInt8] in [
      [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      [0xC3],
    ] {
      let bytes = [0x22] + bad + [0x22]
      #expect(
        JSONSyntax.firstError(in: bytes)?.message.hasPrefix("not valid JSON: invalid UTF-8") == true
      )
    }
    #expect(JSONSyntax.firstError(in: [0x22, 0xC3, 0xA9, 0x22]) == nil)  // "é"
  }

  /// Arrays and objects nest at most 512 deep; the first bracket too deep is the one named.
  @Test func limitsTheNesting() {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    #expect(JSONSyntax.firstError(in: Array(ok.utf8)) == nil)
    let deep = JSONSyntax.firstError(in: Array(String(repeating: "[", count: 600).utf8))
    #expect(deep?.message == "not valid JSON: too many nested arrays or dictionaries, found '['")
    #expect(deep?.position == JSONText.Position(line: 1, column: 513))
  }
}
