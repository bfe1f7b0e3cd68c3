import Foundation
import Testing

/// The classification view in a real terminal: its steps are those of `descend --model logistic`, side by
/// side steps two surfaces together, and separable data keeps w growing.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppClassifyTests {
  /// Every `loss=` with six decimals on the screen, in reading order (left pane first on each row).
  func losses(_ screen: String) -> [String] {
    screen.matches(of: #/loss=(-?\d+\.\d{6})/#).map { String($0.1) }
  }

  @Test func stepsMatchDescend() throws {
    let app = try AppRun.start(["classify"], width: 120, height: 40)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s", "s", "s", "s", "s"])
    let screen = app.expectScreen(containing: "step 6")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    #expect(shown == (try descendReadout(["--model", "logistic"], step: 6)), "\(screen)")
    // The key 4 reaches the view from another one, and the view remembers its steps.
    app.session.send(keys: ["1"])
    app.expectScreen(containing: "1 Curves")
    app.session.send(keys: ["4"])
    app.expectScreen(containing: "step 6")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func sideBySideStepsBothSurfacesTogether() throws {
    let app = try AppRun.start(["classify"], width: 160, height: 48)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["v"])
    app.expectScreen(containing: "MSE on σ --")
    for _ in 0..<3 { app.session.send(keys: ["s", "s", "s", "s", "s"]) }
    let screen = app.expectScreen(containing: "step 15")
    let bce = try descendReadout(["--model", "logistic"], step: 15)
    let mse = try descendReadout(["--model", "logistic", "--loss", "mse"], step: 15)
    #expect(losses(screen) == [bce.loss, mse.loss], "\(screen)")
    #expect(screen.contains("stalled: wrong points saturated"), "\(screen)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func separableDataKeepsGrowingW() throws {
    let app = try AppRun.start(["classify", "--separable"], width: 120, height: 40)
    defer { app.close() }
    app.expectScreen(containing: "w grows without bound")
    func w(_ screen: String) throws -> Double {
      let r = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
      return try #require(Double(r.w))
    }
    app.session.send(keys: ["r"])
    let early = try w(app.expectScreen(containing: "(running)"))
    _ = app.expectScreen("step 30 or later") { $0.contains(#/step [3-9]\d/#) }
    app.session.send(keys: ["r"])
    let later = app.expectScreen("paused") { !$0.contains("(running)") }
    #expect(try w(later) > early + 0.5, "\(later)")
    #expect(later.contains("accuracy 100.000%"))
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }
}
