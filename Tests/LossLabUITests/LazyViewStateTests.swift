import LossPlot
import Testing

@testable import LossLabUI

/// `AppState` makes a view's state when the view is first shown or changed, not at start
/// (see `AppState`'s notes). These tests pin the rule down and show that nothing a user can see
/// depends on when a state was made.
@Suite struct LazyViewStateTests {
  /// A state with every view's state made at start, as `AppState` did before.
  static func eager(_ view: ViewID, width: Int = 120, height: Int = 36) -> AppState {
    AppState(
      view: view, width: width, height: height, curves: CurvesState(), contour: ContourState(),
      distributions: DistributionsState(), classify: ClassifyState())
  }

  @Test(arguments: ViewID.allCases)
  func onlyTheShownViewIsMadeAtStart(view: ViewID) {
    let state = AppState(view: view)
    for v in ViewID.allCases { #expect(state.isBuilt(v) == (v == view), "\(v)") }
  }

  @Test func showingAViewMakesItAndKeepsTheOthers() {
    var app = LossLabApp(state: AppState(view: .contour, width: 120, height: 36))
    _ = app.handle(.key(.character("s")))  // a step: the contour state changes
    let steps = app.state.contour.current.trajectory.count
    _ = app.handle(.key(.character("1")))
    #expect(app.state.view == .curves && app.state.isBuilt(.curves))
    #expect(!app.state.isBuilt(.distributions) && !app.state.isBuilt(.classify))
    _ = app.handle(.key(.character("2")))
    #expect(app.state.contour.current.trajectory.count == steps)  // kept, not made again
    var state = AppState(view: .curves)
    state.view = .classify  // as a scenario or a click sets it
    #expect(state.isBuilt(.classify))
  }

  @Test func changingAViewThatIsNotShownMakesIt() {
    var state = AppState(view: .curves)
    state.contour.change { $0.learningRate = 0.25 }
    #expect(state.isBuilt(.contour) && !state.isBuilt(.classify))
    #expect(state.contour.settings.learningRate == 0.25)
  }

  @Test func readingAViewThatWasNeverMadeGivesItsDefaultAndKeepsNothing() {
    let state = AppState(view: .curves)
    #expect(state.contour.loss == ContourState().loss)
    #expect(state.contour.settings.learningRate == ContourState().settings.learningRate)
    #expect(state.distributions.p == DistributionsState().p)
    #expect(state.classify.loss == ClassifyState().loss)
    #expect(!state.isBuilt(.contour) && !state.isBuilt(.distributions) && !state.isBuilt(.classify))
    // A scenario saved from it is the one saved from a state with every view made.
    #expect(Scenario(state: state) == Scenario(state: Self.eager(.curves)))
  }

  /// A view's state is shared by copies of `AppState` until one of them changes it (`MadeOnChange`'s
  /// box): a change through a copy, by a step or by a whole new value, leaves the other copy as it was.
  @Test func aCopyChangedLeavesTheOriginal() {
    var original = AppState(view: .contour, width: 120, height: 36)
    original.contour.step()
    let steps = original.contour.current.trajectory.count
    var stepped = original
    stepped.contour.step()
    #expect(stepped.contour.current.trajectory.count == steps + 1)
    #expect(original.contour.current.trajectory.count == steps)

    var replaced = original
    replaced.contour = ContourState(loss: .mae)
    #expect(replaced.contour.loss == .mae && original.contour.loss == .mse)

    // The one holder of a state changes it in place, and keeps changing the same value.
    original.contour.step()
    original.contour = original.contour
    #expect(original.contour.current.trajectory.count == steps + 1)
    #expect(stepped.contour.current.trajectory.count == steps + 1)
  }

  /// Every view, reached by keys from a lazy start, draws the same frame as from an eager one.
  @Test(arguments: ViewID.allCases)
  func framesDoNotDependOnWhenAStateWasMade(start: ViewID) {
    var lazy = LossLabApp(state: AppState(view: start, width: 120, height: 36))
    var eager = LossLabApp(state: Self.eager(start))
    for key in ["s", "1", "2", "s", "3", "4", "s", "2"] {
      let k = Key.character(Unicode.Scalar(key)!)
      _ = lazy.handle(.key(k))
      _ = eager.handle(.key(k))
      #expect(
        lazy.render(width: 120, height: 36) == eager.render(width: 120, height: 36),
        "after \(key) from \(start)")
    }
  }
}
