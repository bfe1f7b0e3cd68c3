import Foundation
import Testing

/// The contour view's timeline, inspector and blow-up report in the real app under tmux, against
/// `losslab descend`.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppTimelineTests {
  @Test func scrubbingBackShowsTheStepDescendPrinted() throws {
    let app = try AppRun.start(["contour"], width: 110, height: 34)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s", "s", "s", "s", "s"])
    app.expectScreen(containing: "step 6")
    app.session.send(keys: [",", ",", ","])
    let screen = app.expectScreen(containing: "step 3 of 6")
    let shown = try #require(ContourReadout(screen), "no readout in:\n\(screen)")
    #expect(shown == (try descendReadout([], step: 3)), "\(screen)")
    // s on an earlier step asks first; n keeps everything.
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "drop steps 4-6 and step on from step 3? y/n")
    app.session.send(keys: ["n", ">"])
    app.expectScreen(containing: "step 6")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func inspectorPanelEqualsDescendInspect() throws {
    let options = ["--optimizer", "momentum", "--lr", "0.1"]
    let app = try AppRun.start(["contour"] + options, width: 120, height: 40)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s", "s", "s", "s", ",", "i"])
    let screen = app.expectScreen(containing: "step 3  momentum  rate 0.1")
    let r = try Spawn.losslab(["descend", "--steps", "4", "--inspect", "3"] + options)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count > 6)
    // The panel breaks a line too long for it before its last " = ", putting the value under it.
    for line in lines {
      let whole = line.trimmingCharacters(in: .whitespaces)
      var parts = [whole]
      if !screen.contains(whole), let r = whole.range(of: " = ", options: .backwards) {
        parts = [String(whole[..<r.lowerBound]) + "\n", "= " + whole[r.upperBound...]]
      }
      let padded = screen.split(separator: "\n").map { $0 + "\n" }.joined()
      for part in parts {
        #expect(
          padded.contains(part) || padded.contains(part.replacingOccurrences(of: "\n", with: " ")),
          "missing '\(part)' of '\(line)' in:\n\(screen)")
      }
    }
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func aBlowUpPausesWithItsReasonAndRewinds() throws {
    let app = try AppRun.start(["contour", "--lr", "0.9"], width: 110, height: 34)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["r"])
    let screen = app.expectScreen(containing: "u rewinds to step")
    #expect(screen.contains("the stable bound") && screen.contains("2/λmax"), "\(screen)")
    #expect(screen.contains("w and b"), "\(screen)")
    #expect(!screen.contains("(running)"), "\(screen)")
    app.session.send(keys: ["u"])
    app.expectScreen(containing: "step 0  w=0.5000 b=1.5000")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }
}
