import Foundation
import Testing

/// `losslab lesson`: the list as a script reads it, and a lesson driven in the app.
@Suite struct AppLessonListTests {
  @Test func listHasANameFirstOnEveryLine() throws {
    let r = try Spawn.losslab(["lesson", "--list"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count >= 6, "\(r.stdout)")
    for line in lines {
      // A kebab-case name, at least two spaces, then a summary.
      #expect(line.wholeMatch(of: #/[a-z][a-z0-9-]*  +\S.*/#) != nil, "\(line)")
    }
    #expect(lines.contains { $0.hasPrefix("mse-vs-mae ") })
  }

  @Test func unknownLessonNamesTheKnownOnes() throws {
    let r = try Spawn.losslab(["lesson", "no-such-lesson"])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("losslab: error: "))
    #expect(r.stderr.contains("no-such-lesson") && r.stderr.contains("mse-vs-mae"), "\(r.stderr)")
  }
}

@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppLessonTests {
  @Test func nAdvancesAndPGoesBack() throws {
    let app = try AppRun.start(["lesson", "mse-vs-mae"], width: 100, height: 30)
    defer { app.close() }
    var screen = app.expectScreen(containing: "Lesson:")
    #expect(screen.contains("step 1 of"), "\(screen)")
    app.session.send(keys: ["n"])
    screen = app.expectScreen(containing: "step 2 of")
    #expect(screen.contains("Lesson:"))
    #expect(!screen.contains("step 1 of"), "\(screen)")
    app.session.send(keys: ["p"])
    app.expectScreen(containing: "step 1 of")
    // Escape leaves the lesson but not the app.
    app.session.send(keys: ["Escape"])
    app.expectScreen("the lesson closed") { !$0.contains("Lesson:") && $0.contains("1 Curves") }
    #expect(app.session.format("#{pane_dead}") == "0", "Escape in a lesson quit the app")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }
}
