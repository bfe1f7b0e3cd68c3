import Foundation
import Testing

/// `losslab present`: screens from scenario and deck files, PageDown / PageUp between them with
/// each keeping its state, `0` back to the file, the top bar's place; and the files' errors.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppPresentTests {
  /// A deck of two screens in a scratch folder: the contour view after 2 adam steps, and the
  /// distributions view with a pair whose KL(P‖Q) is known.
  static func deck() throws -> (ScratchDirectory, String) {
    let scratch = try ScratchDirectory()
    try #"{"view": "contour", "contour": {"optimizer": "adam", "rate": 0.1, "steps": 2}}"#.write(
      toFile: scratch.path + "/adam.json", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      atPath: scratch.path + "/more", withIntermediateDirectories: true)
    try #"{"view": "distributions", "distributions": {"p": [0.5, 0.5], "q": [0.9, 0.1]}}"#.write(
      toFile: scratch.path + "/more/kl.json", atomically: true, encoding: .utf8)
    let deck = scratch.path + "/week3.json"
    try #"""
    { "title": "Week 3",
      "slides": [ { "scenario": "adam.json", "title": "Adam takes small steps" },
                  { "scenario": "more/kl.json" } ] }
    """#.write(toFile: deck, atomically: true, encoding: .utf8)
    return (scratch, deck)
  }

  @Test func pagesThroughTheDeckAndEachScreenKeepsItsState() throws {
    let (scratch, deck) = try Self.deck()
    _ = scratch
    let app = try AppRun.start(["present", deck], width: 100, height: 30)
    defer { app.close() }
    // The first screen as its file says: adam, two steps, the same numbers as `descend`.
    var screen = app.expectScreen(containing: "1/2 · Adam takes small steps")
    screen = app.expectScreen(containing: "step 2")
    let options = ["--optimizer", "adam", "--lr", "0.1"]
    #expect(ContourReadout(screen) == (try descendReadout(options, step: 2)), "\(screen)")
    app.session.send(keys: ["s", "s"])
    app.expectScreen(containing: "step 4")

    // PageDown: the second screen, named after its file; KL(P‖Q) of (0.5, 0.5) against (0.9, 0.1)
    // is 0.5·log2(0.5/0.9) + 0.5·log2(0.5/0.1) = 0.737 bits.
    app.session.send(keys: ["NPage"])
    screen = app.expectScreen(containing: "2/2 · kl")
    app.expectScreen(containing: "0.737")
    // PageUp: the first screen as it was left, at step 4.
    app.session.send(keys: ["PPage"])
    screen = app.expectScreen(containing: "1/2 · Adam")
    screen = app.expectScreen(containing: "step 4")
    #expect(ContourReadout(screen) == (try descendReadout(options, step: 4)), "\(screen)")
    // 0: back to the file's two steps.
    app.session.send(keys: ["0"])
    screen = app.expectScreen(containing: "step 2")
    #expect(ContourReadout(screen) == (try descendReadout(options, step: 2)), "\(screen)")
    #expect(screen.contains("reset to its file"), "\(screen)")
    app.session.send(keys: ["q"])
    app.session.expectRestored(status: 0, appText: "1/2 ·")
  }

  @Test func scenarioFilesAreScreensNamedAfterThemAndListIsACheck() throws {
    let (scratch, deck) = try Self.deck()
    let listed = try Spawn.losslab(["present", "--list", scratch.path + "/adam.json", deck])
    #expect(listed.status == 0, "\(listed.stderr)")
    let lines = listed.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(listed.stdout)")
    #expect(lines.first?.hasPrefix("1  adam  (") == true, "\(listed.stdout)")
    #expect(lines.last?.hasPrefix("3  kl  (") == true, "\(listed.stdout)")
  }

  @Test func aBadFileIsOneLineNamingIt() throws {
    let (scratch, deck) = try Self.deck()
    try #"{"slides": [{"scenario": "adam.json"}, {"scenario": "missing.json"}]}"#.write(
      toFile: scratch.path + "/broken.json", atomically: true, encoding: .utf8)
    let missing = try Spawn.losslab(["present", "--list", scratch.path + "/broken.json"])
    #expect(missing.status == 1)
    #expect(missing.stderr == "losslab: error: \(scratch.path)/missing.json: no such file\n")
    try #"{"slides": [{"scenario": "adam.json", "tilte": "x"}]}"#.write(
      toFile: scratch.path + "/typo.json", atomically: true, encoding: .utf8)
    let typo = try Spawn.losslab(["present", deck, scratch.path + "/typo.json"])
    #expect(typo.status == 1)
    #expect(typo.stderr.hasPrefix("losslab: error: \(scratch.path)/typo.json:1:"), "\(typo.stderr)")
    #expect(
      typo.stderr.contains("unknown key \"tilte\" in slides[0]; did you mean \"title\"?"),
      "\(typo.stderr)")
    #expect(typo.stderr.split(separator: "\n").count == 1)
    let none = try Spawn.losslab(["present"])
    #expect(none.status == 2, "\(none.stderr)")
  }
}
