import Foundation
import Testing

@testable import LossPlot

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Collects what an XML parser sees: elements with their attributes, and the text inside each.
final class XMLCollector: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
  }
  var elements: [Element] = []
  var stack: [Int] = []
  var error: Error?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    elements.append(Element(name: elementName, attributes: attributeDict))
    stack.append(elements.count - 1)
  }
  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    stack.removeLast()
  }
  func parser(_ parser: XMLParser, foundCharacters string: String) {
    // Text belongs to the innermost open element and to every element around it.
    for i in stack { elements[i].text += string }
  }
  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

  /// Parses `text`; fails the test when it is not well-formed XML.
  static func parse(_ text: String) throws -> XMLCollector {
    let collector = XMLCollector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    #expect(ok, "not well-formed: \(String(describing: parser.parserError ?? collector.error))")
    return collector
  }
}

@Suite struct FrameDocumentTests {
  /// A small frame with what a real one has: styled text, a reversed cell, braille, blocks,
  /// characters XML escapes, a background run and a control character.
  static func sample() -> Screen {
    var s = Screen(width: 12, height: 3)
    s.put("a<b & \"c\"", x: 0, y: 0, style: Style(foreground: Color(203), attributes: .bold))
    s.put("⣿⠉█", x: 0, y: 1, style: Style(foreground: Color(75)))
    s.put("xy", x: 4, y: 1, style: Style(background: Color(236)))
    s.put("R", x: 8, y: 1, style: .reverse)
    s[10, 2] = Cell("\u{7}")  // put never writes one; a hand-made cell might
    s.put("ok", x: 0, y: 2, style: Style(attributes: .underline))
    return s
  }

  @Test(arguments: Background.allCases)
  func svgIsWellFormedAndSizedToTheFrame(_ background: Background) throws {
    let screen = Self.sample()
    let svg = FrameDocument.svg(screen, background: background, title: "a & b")
    let doc = try XMLCollector.parse(svg)
    let root = try #require(doc.elements.first)
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    #expect(root.attributes["width"] == FrameDocument.number(12 * FrameDocument.cellWidth))
    #expect(root.attributes["height"] == "51")
    #expect(doc.elements.first { $0.name == "title" }?.text == "a & b")
    // The page background is the theme's; the grey run gets its own rectangle.
    let rects = doc.elements.filter { $0.name == "rect" }
    #expect(rects.first?.attributes["fill"] == background.defaultColors.background.hex)
    let grey = Color(236).adapted(background, asBackground: true).rgb!.hex
    #expect(rects.contains { $0.attributes["fill"] == grey && $0.attributes["width"] == "16.8" })
    // Every visible character is there once, braille and blocks kept as characters.
    let texts = doc.elements.filter { $0.name == "text" }
    let shown = texts.map(\.text).joined().filter { $0 != " " }
    #expect(shown == "a<b&\"c\"⣿⠉xyRok")
    // The full block is a rectangle of its cell in its colour.
    let blue = Color(75).adapted(background, asBackground: false).rgb!.hex
    #expect(
      rects.contains {
        $0.attributes["x"] == "16.8" && $0.attributes["y"] == "17"
          && $0.attributes["height"] == "17" && $0.attributes["fill"] == blue
      })
    // Text runs are stretched to their cells and start on their column.
    let first = try #require(texts.first)
    #expect(first.attributes["x"] == "0")
    #expect(first.attributes["textLength"] == FrameDocument.number(9 * FrameDocument.cellWidth))
    #expect(first.attributes["font-weight"] == "bold")
    #expect(
      first.attributes["fill"] == Color(203).adapted(background, asBackground: false).rgb!.hex)
    // The reversed cell swaps the theme's colours.
    let r = try #require(texts.first { $0.text == "R" })
    #expect(r.attributes["fill"] == background.defaultColors.background.hex)
    #expect(texts.contains { $0.text == "ok" && $0.attributes["text-decoration"] == "underline" })
  }

  @Test(arguments: Background.allCases)
  func htmlIsWellFormedAndKeepsEveryLine(_ background: Background) throws {
    let screen = Self.sample()
    let html = FrameDocument.html(screen, background: background)
    #expect(html.hasPrefix("<!DOCTYPE html>\n"))
    let doc = try XMLCollector.parse(html)
    #expect(doc.elements.first?.name == "html")
    #expect(doc.elements.contains { $0.name == "meta" && $0.attributes["charset"] == "utf-8" })
    let pre = try #require(doc.elements.first { $0.name == "pre" })
    #expect(pre.attributes["data-width"] == "12")
    #expect(pre.attributes["data-height"] == "3")
    // The text of the block is the frame, line for line (the control character as a space).
    let lines = pre.text.components(separatedBy: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == "a<b & \"c\"   ")
    #expect(lines[1] == "⣿⠉█ xy  R   ")
    #expect(lines[2] == "ok          ")
    // Styled runs are spans with their colours; unstyled text is not wrapped.
    let spans = doc.elements.filter { $0.name == "span" }
    let fg = Color(203).adapted(background, asBackground: false).rgb!.hex
    #expect(
      spans.contains {
        $0.text == "a<b & \"c\"" && $0.attributes["style"] == "color:\(fg);font-weight:bold"
      })
    #expect(!spans.contains { $0.text.contains("   ") && $0.attributes["style"] == nil })
  }

  @Test func withoutColourOnlyAttributesShow() throws {
    let svg = FrameDocument.svg(Self.sample(), depth: .none)
    let doc = try XMLCollector.parse(svg)
    let fills = Set(doc.elements.filter { $0.name == "text" }.compactMap { $0.attributes["fill"] })
    let dark = Background.dark.defaultColors
    #expect(fills == [dark.foreground.hex, dark.background.hex])  // the reversed cell
    #expect(!doc.elements.contains { $0.name == "rect" && $0.attributes["width"] == "16.8" })
  }

  @Test func numbersAreShortAndExact() {
    #expect(FrameDocument.number(840) == "840")
    #expect(FrameDocument.number(16.8) == "16.8")
    #expect(FrameDocument.number(13.26) == "13.26")
    #expect(FrameDocument.number(0.05) == "0.05")
    #expect(FrameDocument.number(2.5) == "2.5")
  }
}

extension Color {
  /// The colour as a document shows it on `background`.
  fileprivate func adapted(_ background: Background, asBackground: Bool) -> Color {
    background == .light ? forLightBackground(asBackground: asBackground) : self
  }
}
