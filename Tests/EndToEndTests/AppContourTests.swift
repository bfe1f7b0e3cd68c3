import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The contour view in the app steps the same descent as `losslab descend`, and `w` saves a
/// scenario that `render` replays to the same point.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppContourTests {
  @Test func fiveStepsMatchDescend() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s", "s", "s", "s"])
    let screen = app.expectScreen(containing: "step 5")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    let want = try descendReadout([], step: 5)
    #expect(shown == want, "\(screen)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func optionsGivenOnTheCommandLineStepLikeDescend() throws {
    let options = ["--optimizer", "adam", "--lr", "0.1", "--w0=-1", "--b0", "4"]
    let app = try AppRun.start(["contour"] + options, width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    #expect(app.session.capture().contains("adam"))
    app.session.send(keys: ["s", "s", "s", "s"])
    let screen = app.expectScreen(containing: "step 4")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    #expect(shown == (try descendReadout(options, step: 4)), "\(screen)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  /// `losslab --scenario f.json` (the default command) opens the view the file names, with its
  /// settings; `losslab curves --scenario f.json` stays on Curves.
  @Test func rootCommandOpensTheScenarioView() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/class.json"
    try #"{"view": "contour", "contour": {"steps": 4}}"#.write(
      toFile: file, atomically: true, encoding: .utf8)
    let app = try AppRun.start(["--scenario", file], width: 100, height: 30)
    defer { app.close() }
    let screen = app.expectScreen(containing: "step 4")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    #expect(shown == (try descendReadout([], step: 4)), "\(screen)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)

    let curves = try AppRun.start(["curves", "--scenario", file], width: 100, height: 30)
    defer { curves.close() }
    let first = curves.expectScreen(containing: "prediction ŷ")
    #expect(ContourReadout(first) == nil, "\(first)")
    curves.session.send(keys: ["2"])
    curves.expectScreen(containing: "step 4")
    curves.session.send(keys: ["q"])
    curves.expectRestored(status: 0)
  }

  @Test func savedScenarioReplaysTheSteps() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    // Another optimizer, double the rate, four steps.
    app.session.send(keys: ["o", "]"])
    app.expectScreen(containing: "rate 1.0000")
    app.session.send(keys: ["s", "s", "s", "s"])
    let screen = app.expectScreen(containing: "step 4")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")

    let file = app.scratch.path + "/saved scenario.json"
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type(file)
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "saved to")
    #expect(FileManager.default.fileExists(atPath: file))
    // Written atomically: no temporary file is left next to it.
    let left = try FileManager.default.contentsOfDirectory(atPath: app.scratch.path)
    #expect(Set(left) == ["app.sh", "pid", "saved scenario.json"], "\(left)")

    let r = try Spawn.losslab(["render", "contour", "--scenario", file, "--width", "100"])
    #expect(r.status == 0, "\(r.stderr)")
    let replayed = try #require(ContourReadout(r.stdout), "no readout in:\n\(r.stdout)")
    #expect(replayed == shown, "app:\n\(screen)\nrender:\n\(r.stdout)")
    // The scenario is a JSON object naming the view.
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: file)))
    #expect((object as? [String: Any])?["view"] as? String == "contour")

    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func anEmptyPromptSavesUnderTheNameShown() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s"])
    app.expectScreen(containing: "step 2")
    app.session.send(keys: ["w"])
    let prompt = app.expectScreen(containing: "save scenario to:")
    let name = try #require(
      prompt.firstMatch(of: #/save scenario to: ([\w.-]+\.json)/#).map { String($0.1) }, "\(prompt)"
    )
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "saved to")
    // The app runs in the scratch directory, so a bare name lands there.
    let file = app.scratch.path + "/" + name
    #expect(FileManager.default.fileExists(atPath: file), "\(name) not in \(app.scratch.path)")
    let r = try Spawn.losslab(["render", "contour", "--scenario", file])
    #expect(r.stdout.contains("step 2"), "\(r.stdout)\(r.stderr)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func savingIntoAMissingFolderSaysWhyAndKeepsRunning() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    // A relative path (the app runs in the scratch directory) keeps the message short enough
    // for the status bar.
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type("no/such/x.json")
    app.session.send(keys: ["Enter"])
    let screen = app.expectScreen(containing: "not saved")
    #expect(screen.contains("no/such") && screen.contains("does not exist"), "\(screen)")
    #expect(!FileManager.default.fileExists(atPath: app.scratch.path + "/no"))
    // Escape on the prompt cancels: nothing is written and the app goes on.
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.send(keys: ["Escape"])
    app.expectScreen("the prompt closed") { !$0.contains("save scenario to:") }
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "step 1")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func theAppOpensAScenarioAtItsStep() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/momentum.json"
    try """
    {"view": "contour", "contour": {"optimizer": "momentum", "rate": 0.2, "steps": 6}}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let app = try AppRun.start(["contour", "--scenario", file], width: 100, height: 30)
    defer { app.close() }
    let screen = app.expectScreen(containing: "momentum")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    let want = try descendReadout(["--optimizer", "momentum", "--lr", "0.2"], step: 6)
    #expect(shown == want, "\(screen)")
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "step 7")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }
}
