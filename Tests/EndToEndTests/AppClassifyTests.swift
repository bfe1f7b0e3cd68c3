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

  /// `w` saves the view; `render --scenario` of the saved file draws the frame that the same options and keys
  /// draw on the command line: table data by file and columns, focal beside BCE, γ, optimizer, rate, start
  /// and steps.
  @Test func savedScenarioReopensToTheSameScreen() throws {
    let folder = try ScratchDirectory()
    let csv = folder.path + "/cells.csv"
    try "size,malignant\n1,0\n2,0\n2.5,1\n3,1\n1.5,1\n0.5,0\n".write(
      toFile: csv, atomically: true, encoding: .utf8)
    let options = [
      "--data", csv, "--x", "size", "--y", "malignant", "--loss", "focal", "--loss", "bce",
      "--gamma", "1", "--optimizer", "adam", "--lr", "0.1", "--w0", "1", "--b0=-1",
    ]
    let app = try AppRun.start(["classify"] + options, width: 120, height: 40)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s", "s"])
    app.expectScreen(containing: "step 3")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type("saved.json")
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "saved to saved.json")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
    let size = ["--width", "120", "--height", "40"]
    let reopened = try Spawn.losslab(
      ["render", "--scenario", app.scratch.path + "/saved.json"] + size)
    #expect(reopened.status == 0, "\(reopened.stderr)")
    let direct = try Spawn.losslab(["render", "classify"] + options + ["--keys", "s s s"] + size)
    #expect(direct.status == 0, "\(direct.stderr)")
    #expect(reopened.stdout.contains("step 3") && reopened.stdout.contains("γ=1"))
    #expect(reopened.stdout == direct.stdout, "\(reopened.stdout)\n---\n\(direct.stdout)")
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
    func readout(_ screen: String) throws -> ContourReadout {
      try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    }
    // Run, pause at step 30 or later, and read w there; then run at least 30 steps more and pause again.
    // Which step each pause lands on depends on the machine's speed, so only steps counted on screen
    // decide: BCE on separable classes gains about 0.6 in w from step 30 to 60 and 0.2 from 150 to 180.
    app.session.send(keys: ["r"])
    _ = app.expectScreen("step 30 or later") {
      ($0.contains("(running)") && (ContourReadout($0)?.step ?? 0) >= 30)
    }
    app.session.send(keys: ["r"])
    let first = try readout(app.expectScreen("paused") { !$0.contains("(running)") })
    app.session.send(keys: ["r"])
    _ = app.expectScreen("30 steps later") { (ContourReadout($0)?.step ?? 0) >= first.step + 30 }
    app.session.send(keys: ["r"])
    let later = app.expectScreen("paused again") { !$0.contains("(running)") }
    let second = try readout(later)
    #expect(
      try #require(Double(second.w)) > (try #require(Double(first.w))) + 0.1,
      "w stopped growing: \(first) then \(second)")
    #expect(later.contains("accuracy 100.000%"))
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }
}
