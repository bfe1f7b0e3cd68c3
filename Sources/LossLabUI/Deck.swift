#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A deck file for presenter mode (`losslab present deck.json`): the screens of a class, in order,
/// each a scenario file with a title.
///
/// ```json
/// { "title": "Week 3: choosing a loss",
///   "slides": [
///     { "scenario": "outliers.json", "title": "MSE chases outliers" },
///     { "scenario": "kl.json" } ] }
/// ```
/// `slides` is required and not empty; each slide needs `scenario`, a path relative to the deck's
/// folder. A slide without a `title` is named after its file. Unknown keys are errors (with a "did
/// you mean"), so a typo never silently drops a title. The deck's own `title` is optional.
public struct Deck: Sendable, Equatable {
  /// One screen: the scenario file that sets it up, and what the top bar calls it.
  public struct Slide: Sendable, Equatable {
    /// The scenario file, as written in the deck (relative to the deck's folder unless absolute).
    public var scenario: String
    public var title: String?
    public init(scenario: String, title: String? = nil) {
      self.scenario = scenario
      self.title = title
    }
  }

  public var title: String?
  public var slides: [Slide]

  public init(title: String? = nil, slides: [Slide]) {
    self.title = title
    self.slides = slides
  }

  /// Parses deck text; `file` names it in errors (`deck.json:4:7: slides[1] needs the key "scenario"`).
  public static func parse(_ text: String, file: String) throws(ScenarioError) -> Deck {
    do {
      return try JSONText.decodeFile(Deck.self, from: Array(text.utf8), file: file)
    } catch {
      // The field names' root is "the scenario"; here it is the deck.
      throw ScenarioError(
        file: error.file, line: error.line, column: error.column,
        message: error.message.replacing("the scenario", with: "the deck"))
    }
  }

  /// Whether `text` is a deck rather than a scenario: a JSON object with a `slides` key. Text that
  /// is not JSON is not a deck (reading it as a scenario reports the syntax error).
  public static func isDeck(_ text: String) -> Bool {
    guard case .object(let fields)? = try? JSONText.decode(JSONAny.self, from: Array(text.utf8))
    else { return false }
    return fields["slides"] != nil
  }

  /// The title a slide without one gets: its file's name without the folder and `.json`.
  public static func defaultTitle(for path: String) -> String {
    var name = Substring(path)
    if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
    if name.lowercased().hasSuffix(".json"), name.count > 5 { name = name.dropLast(5) }
    return String(name)
  }
}

extension Deck: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: ["title", "slides"])
    title = try f.string("title")
    guard let slides = try f.nested("slides", as: [Slide].self) else {
      throw FieldError(
        path: f.path, message: "the deck needs the key \"slides\" (a list of slides)")
    }
    guard !slides.isEmpty else {
      throw f.fail("slides", "slides is empty: a deck needs at least one slide")
    }
    self.slides = slides
  }
}

extension Deck.Slide: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: ["scenario", "title"])
    scenario = try f.requiredString("scenario")
    guard !scenario.isEmpty else {
      throw f.fail("scenario", "\(f.name("scenario")) is empty: give a scenario file")
    }
    title = try f.string("title")
  }
}
