import ArgumentParser
import LossLabUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `losslab present`: prepared screens for a class, one at a time.
struct PresentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "present",
    abstract: "Show prepared screens one after another, for teaching (PageDown / PageUp).",
    discussion: """
      Each FILE is a scenario file (one screen, named after the file) or a
      deck file: JSON with a "slides" list, each slide a scenario file
      (relative to the deck's folder) with a title:

        { "title": "Week 3",
          "slides": [
            { "scenario": "outliers.json", "title": "MSE chases outliers" },
            { "scenario": "kl.json" } ] }

      Every screen is fully interactive and keeps its state while the others
      are shown. PageDown and PageUp move between screens; 0 puts the current
      screen back as its file set it up; the top bar shows "2/5 · title".
      Files are read once, when the presentation starts.

      Examples:
        losslab present outliers.json kl.json
        losslab present week3.json
        losslab present --list week3.json
      """)

  @Argument(
    help: "Scenario files, or deck files listing scenarios with titles.",
    completion: .file(extensions: ["json"]))
  var files: [String] = []

  @Flag(help: "Print the screens (number, title, file) and exit: checks every file.")
  var list = false

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func validate() throws {
    guard !files.isEmpty else {
      throw ValidationError("give at least one scenario or deck file")
    }
  }

  func run() throws {
    let slides = try PresentationFiles.slides(from: files)
    if list {
      let width = String(slides.count).count
      for (i, s) in slides.enumerated() {
        let n = String(i + 1)
        print(
          String(repeating: " ", count: width - n.count) + "\(n)  \(s.slide.title)  (\(s.file))")
      }
      return
    }
    var app = LossLabApp()
    app.startPresentation(slides.map(\.slide))
    try Interactive.run(app.state, display: display)
  }
}

/// Reads presenter mode's files: the front end's job (the app gets parsed scenarios).
enum PresentationFiles {
  /// One screen and the file it came from.
  struct Loaded {
    var slide: Presentation.Slide
    var file: String
  }

  /// The screens `paths` describe, in order: a scenario file is one screen, a deck file its slides.
  /// The first file that cannot be read or parsed stops it with an error naming the file.
  static func slides(from paths: [String]) throws -> [Loaded] {
    var out: [Loaded] = []
    for path in paths {
      let bytes = try ScenarioFile.read(path)
      let text = String(decoding: bytes, as: UTF8.self)
      guard Deck.isDeck(text) else {
        let slide = Presentation.Slide(
          title: Deck.defaultTitle(for: path), scenario: try ScenarioFile.parse(bytes, path: path))
        out.append(Loaded(slide: slide, file: path))
        continue
      }
      let deck = try Deck.parse(text, file: path)
      let folder = directory(of: path)
      for slide in deck.slides {
        let file =
          slide.scenario.hasPrefix("/") || folder == "."
          ? slide.scenario : (folder == "/" ? "" : folder) + "/" + slide.scenario
        let scenario = try ScenarioFile.load(file)
        out.append(
          Loaded(
            slide: Presentation.Slide(
              title: slide.title ?? Deck.defaultTitle(for: slide.scenario), scenario: scenario),
            file: file))
      }
    }
    return out
  }

  /// The folder part of `path` ("." for a bare name), by hand: NSString's path methods crash on
  /// Linux on some names.
  static func directory(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
  }
}
