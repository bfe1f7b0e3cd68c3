import LossPlot
import Testing

@testable import LossLabUI

/// Each view declares its keys once; handling, the help overlay and the status-bar hints all come
/// from that table.
@Suite struct KeyTableTests {
  static let views: [ViewID] = ViewID.allCases

  static func rows(_ view: ViewID) -> [KeyHelp] {
    switch view {
    case .curves: CurvesState.keyTable.help
    case .contour: ContourState.keyTable.help
    case .distributions: DistributionsState.keyTable.help
    case .classify: ClassifyState.keyTable.help
    }
  }

  static func keys(_ view: ViewID) -> [Key] {
    switch view {
    case .curves: CurvesState.keyTable.keys
    case .contour: ContourState.keyTable.keys
    case .distributions: DistributionsState.keyTable.keys
    case .classify: ClassifyState.keyTable.keys
    }
  }

  @Test(arguments: views)
  func noKeyIsBoundTwiceInATable(_ view: ViewID) {
    let keys = Self.keys(view)
    #expect(Set(keys).count == keys.count, "\(view): \(keys)")
    #expect(Set(GlobalKeys.table.keys).count == GlobalKeys.table.keys.count)
  }

  /// No view takes a global key: `q` quits everywhere (Distributions edits Q with `Q`).
  @Test(arguments: views)
  func viewsLeaveTheGlobalKeysAlone(_ view: ViewID) {
    let taken = Set(Self.keys(view)).intersection(GlobalKeys.table.keys)
    #expect(taken.isEmpty, "\(view): \(taken)")
  }

  /// The help overlay lists every row of the view's table and of the global one.
  @Test(arguments: views)
  func helpShowsEveryRowOfTheTables(_ view: ViewID) {
    let a = app(view, width: 200, height: 60, keys: "?")
    let text = a.text
    for row in Self.rows(view) + GlobalKeys.help {
      if !row.keys.isEmpty { #expect(text.contains(" " + row.keys), "\(view): \(row.keys)") }
      #expect(text.contains(row.action), "\(view): \(row.action)")
    }
  }

  /// Every key a hint names is one the view (or the global table) binds, and the status bar shows
  /// exactly the hints of the tables.
  @Test(arguments: views)
  func hintsNameBoundKeysAndAreWhatTheStatusBarShows(_ view: ViewID) throws {
    let a = app(view, width: 200, height: 30)
    let hints = a.viewHints(.unicode) + GlobalKeys.hints(viewBindsQ: a.viewBindsQ, .unicode)
    let bar = a.render(width: 200, height: 30).line(29)
    #expect(bar.hasSuffix(hints.joined(separator: "  ")), "\(bar)")
    let bound = Set(Self.keys(view)).union(GlobalKeys.table.keys)
    let names: [String: [Key]] = [
      "←/→": [.left, .right], "↑/↓": [.up, .down], "Space": [.character(" ")],
      "Esc": [.escape],
    ]
    for hint in hints {
      let keyText = hint.split(separator: " ").dropLast().joined(separator: " ")
      let keys: [Key]
      if let named = names[keyText] {
        keys = named
      } else {
        keys = try keyText.split(whereSeparator: { $0 == " " || $0 == "/" }).map {
          try #require(KeyNames.key(String($0)), "\(view): hint '\(hint)'")
        }
      }
      #expect(!keys.isEmpty, "\(view): hint '\(hint)' names no key")
      for k in keys {
        #expect(bound.contains(k), "\(view): hint '\(hint)' names \(k), which nothing binds")
      }
    }
  }

  /// The key handling is the table's: a key does in the app exactly what its action does.
  @Test(arguments: views)
  func everyBoundKeyDoesItsTablesAction(_ view: ViewID) {
    for key in Self.keys(view) where key != .character("m") || view != .distributions {
      var viaApp = app(view, width: 120, height: 40, keys: "s")
      var direct = viaApp
      _ = viaApp.handle(.key(key))
      switch view {
      case .curves:
        direct.state.curves.perform(CurvesState.keyTable.action(for: key)!)
        #expect(viaApp.state.curves == direct.state.curves, "\(key)")
      case .contour:
        direct.state.contour.perform(ContourState.keyTable.action(for: key)!)
        #expect(
          Scenario(state: viaApp.state) == Scenario(state: direct.state)
            && viaApp.state.contour.running == direct.state.contour.running, "\(key)")
      case .distributions:
        direct.state.distributions.perform(DistributionsState.keyTable.action(for: key)!)
        #expect(viaApp.state.distributions == direct.state.distributions, "\(key)")
      case .classify:
        direct.state.classify.perform(ClassifyState.keyTable.action(for: key)!)
        let (x, y) = (viaApp.state.classify, direct.state.classify)
        #expect(
          x.settings == y.settings && x.running == y.running
            && x.current.trajectory == y.current.trajectory, "\(key)")
      }
    }
  }

  /// `q` quits in every view, and both bars say so.
  @Test func theTopBarShowsTheSameQuitKeyAsTheStatusBar() {
    for view in Self.views {
      let screen = app(view, width: 200, height: 30).render(width: 200, height: 30)
      let quit = "q quit"
      #expect(screen.line(0).hasSuffix("? help  " + quit), "\(view)")
      #expect(screen.line(29).hasSuffix("? help  " + quit), "\(view)")
    }
  }

  @Test func lessonKeysComeFirstAndAreListedInTheHelp() {
    var a = LossLabApp(state: AppState(width: 120, height: 50))
    _ = a.startLesson("what-is-a-loss")
    _ = a.press("?")
    let text = a.text
    for row in LessonKeys.table.help { #expect(text.contains(row.action)) }
    _ = a.press("Escape n")
    #expect(a.state.lesson?.step == 1)
  }
}
