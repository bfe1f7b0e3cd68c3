import LossPlot
import Testing

@testable import LossLabUI

/// Presenter mode in memory: screens from scenarios, PageDown / PageUp, each screen's own state,
/// `0` back to the file, the top bar's "2/5 · title", help and hints from the key tables.
@Suite struct PresenterTests {
  static func scenario(_ json: String) -> Scenario {
    try! Scenario.parse(json, file: "test.json")
  }

  /// Three screens: the contour view after 3 steps with adam, the distributions view, curves.
  static func presenting(width: Int = 100, height: Int = 30) -> LossLabApp {
    var a = LossLabApp(state: AppState(width: width, height: height))
    _ = a.handle(.resize(width: width, height: height))
    a.startPresentation([
      Presentation.Slide(
        title: "Adam on the bowl",
        scenario: scenario(#"{"view": "contour", "contour": {"optimizer": "adam", "steps": 3}}"#)),
      Presentation.Slide(
        title: "KL is not symmetric",
        scenario: scenario(
          #"{"view": "distributions", "distributions": {"p": [0.5, 0.5], "q": [0.9, 0.1]}}"#)),
      Presentation.Slide(title: "Curves", scenario: scenario(#"{"view": "curves"}"#)),
    ])
    return a
  }

  @Test func opensOnTheFirstScreenAsItsFileSaysWithItsPlaceInTheTopBar() {
    let a = Self.presenting()
    #expect(a.state.view == .contour)
    #expect(a.state.contour.optimizer == .adam)
    #expect(a.state.contour.current.trajectory.count == 4)
    let top = a.render(width: 100, height: 30).line(0)
    #expect(top.hasSuffix("1/3 · Adam on the bowl"), "\(top)")
  }

  @Test func pageDownAndUpMoveAndEachScreenKeepsItsState() {
    var a = Self.presenting()
    _ = a.press("s s")  // five steps on the first screen
    #expect(a.state.contour.current.trajectory.count == 6)
    _ = a.press("PageDown")
    #expect(a.state.view == .distributions)
    #expect(a.state.distributions.p == [0.5, 0.5] && a.state.distributions.q == [0.9, 0.1])
    #expect(a.render(width: 100, height: 30).line(0).hasSuffix("2/3 · KL is not symmetric"))
    _ = a.press("Space")  // edit Q instead of P: the second screen's own state
    let editing = a.state.distributions.editing
    _ = a.press("PageDown")
    #expect(a.state.view == .curves)
    _ = a.press("PageDown")  // past the end: stays, says so
    #expect(a.state.view == .curves)
    #expect(a.text.contains("last screen"))
    _ = a.press("PageUp PageUp")
    #expect(a.state.view == .contour)
    #expect(a.state.contour.current.trajectory.count == 6, "the first screen lost its steps")
    _ = a.press("PageDown")
    #expect(a.state.distributions.editing == editing)
    _ = a.press("PageUp PageUp")
    #expect(a.state.presentation?.current == 0)
    #expect(a.text.contains("first screen"))
  }

  @Test func zeroPutsTheScreenBackAsItsFileSetItUp() {
    var a = Self.presenting()
    _ = a.press("s s s o ] 2")  // steps, another optimizer, another rate, even another view
    #expect(a.state.contour.optimizer != .adam)
    _ = a.press("0")
    #expect(a.state.view == .contour)
    #expect(a.state.contour.optimizer == .adam)
    #expect(a.state.contour.learningRate == ContourState().learningRate)
    #expect(a.state.contour.current.trajectory.count == 4)
    #expect(a.text.contains("reset to its file"))
    // Only the current screen: the others keep their state.
    _ = a.press("PageDown Space PageUp 0 PageDown")
    #expect(a.state.distributions.editing != DistributionsState().editing)
  }

  @Test func helpAndHintsComeFromThePresenterTable() {
    var a = Self.presenting(width: 160, height: 48)
    _ = a.press("?")
    let help = a.text
    #expect(help.contains("PageDown / PageUp") && help.contains("next / previous screen"))
    #expect(help.contains("this screen back to its file"))
    // The contour view's own `0` row gives way: one row per key.
    #expect(!help.contains("back to the start point and window"))
    _ = a.press("Escape")
    #expect(a.render(width: 160, height: 48).line(47).contains("PgDn PgUp screens"))
    // Outside presenter mode the view's row is back.
    var plain = app(.contour, width: 160, height: 48, keys: "?")
    #expect(plain.text.contains("back to the start point and window"))
    #expect(!plain.text.contains("next / previous screen"))
    _ = plain.press("Escape")
  }

  @Test func aNarrowTopBarShortensTheTitleOrKeepsThePosition() {
    let a = Self.presenting(width: 80, height: 24)
    let top = a.render(width: 80, height: 24).line(0)
    #expect(top.contains("1/3"), "\(top)")
    #expect(top.unicodeScalars.count <= 80)
    let narrow = Self.presenting(width: 60, height: 20).render(width: 60, height: 20).line(0)
    #expect(narrow.contains("1/3"), "\(narrow)")
  }
}

@Suite struct DeckTests {
  @Test func parsesSlidesWithAndWithoutTitles() throws {
    let deck = try Deck.parse(
      #"{"title": "Week 3", "slides": [{"scenario": "a.json", "title": "A"}, {"scenario": "b/c.json"}]}"#,
      file: "deck.json")
    #expect(deck.title == "Week 3")
    #expect(
      deck.slides == [Deck.Slide(scenario: "a.json", title: "A"), Deck.Slide(scenario: "b/c.json")])
    #expect(Deck.defaultTitle(for: "b/c.json") == "c")
    #expect(Deck.defaultTitle(for: "notes") == "notes")
  }

  @Test(arguments: [
    (#"{"slides": []}"#, "deck.json:1:12: slides is empty: a deck needs at least one slide"),
    (#"{"title": "x"}"#, "deck.json:1:1: the deck needs the key \"slides\" (a list of slides)"),
    (
      "{\"slides\": [\n  {\"scenario\": \"a.json\"},\n  {\"title\": \"B\"}]}",
      "deck.json:3:3: slides[1] needs the key \"scenario\""
    ),
    (
      #"{"slides": [{"scenario": "a.json", "titel": "A"}]}"#,
      "deck.json:1:36: unknown key \"titel\" in slides[0]; did you mean \"title\"? (keys: scenario, title)"
    ),
    (#"{"slides": "a.json"}"#, "deck.json:1:12: slides must be"),
  ])
  func badDecksSayWhereAndWhat(text: String, message: String) {
    do {
      _ = try Deck.parse(text, file: "deck.json")
      Issue.record("parsed: \(text)")
    } catch {
      #expect(error.description.hasPrefix(message), "\(error.description)")
    }
  }

  @Test func tellsDecksFromScenarios() {
    #expect(Deck.isDeck(#"{"slides": [{"scenario": "a.json"}]}"#))
    #expect(!Deck.isDeck(#"{"view": "contour"}"#))
    #expect(!Deck.isDeck("not json"))
  }
}
