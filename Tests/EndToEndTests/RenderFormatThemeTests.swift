import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `render --format svg|html` writes documents an XML parser accepts, sized to the frame; `--theme`,
/// `LOSSLAB_THEME` and `COLORFGBG` choose the colours.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct RenderFormatThemeTests {
  /// The root element's name and attributes, or nil when `text` is not well-formed XML.
  static func root(_ text: String) -> (name: String, attributes: [String: String])? {
    final class Root: NSObject, XMLParserDelegate {
      var name: String?
      var attributes: [String: String] = [:]
      func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
      ) {
        if name == nil { (name, attributes) = (elementName, attributeDict) }
      }
    }
    let delegate = Root()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = delegate
    guard parser.parse(), let name = delegate.name else { return nil }
    return (name, delegate.attributes)
  }

  @Test(arguments: ["curves", "contour", "distributions"])
  func svgAndHTMLOfEveryView(_ view: String) throws {
    for theme in ["dark", "light"] {
      let svg = try Spawn.losslab([
        "render", view, "--width", "90", "--height", "28", "--format", "svg", "--theme", theme,
      ])
      #expect(svg.status == 0, "\(svg.stderr)")
      let root = try #require(Self.root(svg.stdout), "\(view) \(theme): SVG is not well-formed")
      #expect(root.name == "svg")
      #expect(root.attributes["width"] == "756")  // 90 columns of 8.4 px
      #expect(root.attributes["height"] == "476")  // 28 rows of 17 px
      #expect(!svg.stdout.contains("\u{1B}"), "no escape codes in a document")

      let html = try Spawn.losslab([
        "render", view, "--width", "90", "--height", "28", "--format", "html", "--theme", theme,
      ])
      #expect(html.status == 0, "\(html.stderr)")
      #expect(Self.root(html.stdout)?.name == "html", "\(view) \(theme): HTML is not well-formed")
      #expect(html.stdout.contains("data-width=\"90\" data-height=\"28\""))
    }
  }

  /// The light theme swaps the grey ramp: the title bar's background (grey 236 on dark) becomes
  /// a light grey (251), whether chosen by the option, the variable or COLORFGBG.
  @Test func lightThemeFromOptionVariableOrTerminal() throws {
    let base = ["render", "curves", "--color", "always", "--width", "60", "--height", "20"]
    let dark = try Spawn.losslab(base, env: ["LOSSLAB_THEME": nil, "COLORFGBG": nil])
    #expect(dark.stdout.contains("48;5;236"))
    for (args, env) in [
      (["--theme", "light"], [String: String?]()),
      ([], ["LOSSLAB_THEME": "light"]),
      ([], ["LOSSLAB_THEME": nil, "COLORFGBG": "0;15"]),
      (["--theme", "auto"], ["LOSSLAB_THEME": "dark", "COLORFGBG": "0;default;15"]),
    ] {
      let r = try Spawn.losslab(base + args, env: env)
      #expect(r.status == 0)
      #expect(r.stdout.contains("48;5;251") && !r.stdout.contains("48;5;236"), "\(args) \(env)")
    }
    // The option wins over the variable.
    let forced = try Spawn.losslab(base + ["--theme", "dark"], env: ["LOSSLAB_THEME": "light"])
    #expect(forced.stdout.contains("48;5;236"))
  }

  @Test func unknownThemeIsAUsageError() throws {
    let r = try Spawn.losslab(["render", "curves"], env: ["LOSSLAB_THEME": "sepia"])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "losslab: error: LOSSLAB_THEME: 'sepia' is not auto, dark or light\n")
    let option = try Spawn.losslab(["render", "curves", "--theme", "sepia"])
    #expect(option.status == 2)
  }
}
