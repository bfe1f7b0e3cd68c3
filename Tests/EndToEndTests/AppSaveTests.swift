import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saving from the app through FileSafety: names that used to crash it, and a crash in the
/// middle of a save, which must leave neither a half-written file nor a temporary one.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppSaveTests {
  /// Regression: `w`, `a`, Enter killed the app inside Foundation's NSString path methods.
  @Test func aOneLetterNameSaves() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.send(keys: ["a", "Enter"])
    app.expectScreen(containing: "saved to a")
    #expect(FileManager.default.fileExists(atPath: app.scratch.path + "/a"))
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "step 1")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  /// `LOSSLAB_CRASH_TEST=save` crashes halfway through writing the file: the terminal comes
  /// back, and the folder holds neither the file nor a temporary one.
  @Test func aCrashDuringASaveLeavesNothingBehind() throws {
    let state = try ScratchDirectory()
    let app = try AppRun.start(
      ["contour"], width: 100, height: 30,
      env: ["LOSSLAB_CRASH_TEST": "save", "XDG_STATE_HOME": state.path])
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type("crash.json")
    app.session.send(keys: ["Enter"])
    let screen = app.expectScreen(containing: "END", timeout: .seconds(20))
    #expect(screen.contains("losslab crashed (") && screen.contains("halfway through a save"))
    let status: Int32 = screen.contains("status=133\n") ? 133 : 132  // SIGILL x86-64, SIGTRAP arm64
    app.expectRestored(status: status)
    let left = try FileManager.default.contentsOfDirectory(atPath: app.scratch.path)
    #expect(Set(left) == ["app.sh", "pid"], "\(left)")
  }

  /// Regression: `--scenario a` (a name without a folder) crashed in NSString's path methods; the
  /// CSV it names is read from the scenario's folder.
  @Test func aOneLetterScenarioNameLoads() throws {
    let scratch = try ScratchDirectory()
    try #"{"view": "contour", "contour": {"data": {"csv": "p.csv"}, "steps": 2}}"#.write(
      toFile: scratch.path + "/a", atomically: false, encoding: .utf8)
    try "x,y\n0,1\n1,3\n2,5\n".write(
      toFile: scratch.path + "/p.csv", atomically: false, encoding: .utf8)
    let binary = try #require(LosslabBinary.path)
    let r = Spawn.run([
      "sh", "-c",
      "cd \(shellQuoted(scratch.path)) && exec \(shellQuoted(binary)) render contour --scenario a",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("step 2"), "\(r.stdout)")
  }

  /// The front end reads the tables a scenario names (LossLabUI never touches files): a missing one
  /// is one line naming the scenario, its place and the table's path, and exit status 1.
  @Test func aScenarioNamingAMissingTableFailsWithOneLine() throws {
    let scratch = try ScratchDirectory()
    try #"{"view": "contour", "contour": {"data": {"csv": "gone.csv"}}}"#.write(
      toFile: scratch.path + "/s.json", atomically: false, encoding: .utf8)
    let binary = try #require(LosslabBinary.path)
    let r = Spawn.run([binary, "render", "--scenario", scratch.path + "/s.json"])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "losslab: error: \(scratch.path)/s.json:1:49: \(scratch.path)/gone.csv: no such file\n")
  }
}
