import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The app, not just `losslab keys`, gives the terminal back when it is told to stop by a signal
/// or crashes, and Ctrl-C quits it.
@Suite(
  .serialized, .enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppSignalTests {
  @Test(arguments: zip([SIGINT, SIGTERM, SIGHUP], [130, 143, 129] as [Int32]))
  func quitSignalsExitPromptlyAndRestore(signal: Int32, status: Int32) throws {
    let app = try AppRun.start(["contour"])
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    let pid = try #require(app.pid())
    app.session.signal(signal, to: pid)
    app.expectRestored(status: status)
  }

  @Test func ctrlCQuits() throws {
    let app = try AppRun.start()
    defer { app.close() }
    app.expectScreen(containing: "1 Curves")
    app.session.send(keys: ["C-c"])
    app.expectRestored(status: 130)
  }

  /// With the user's own SWIFT_BACKTRACE the runtime reports as they said (here: on the
  /// terminal, without waiting for a key); the terminal is restored all the same.
  @Test func crashRestoresTheTerminal() throws {
    let app = try AppRun.start(
      env: ["LOSSLAB_CRASH_TEST": "1", "SWIFT_BACKTRACE": "interactive=no"])
    defer { app.close() }
    let screen = app.expectScreen(containing: "END")
    // SIGILL (132) on x86-64, SIGTRAP (133) on arm64.
    let status: Int32 = screen.contains("status=133\n") ? 133 : 132
    app.expectRestored(status: status)
  }

  /// With no SWIFT_BACKTRACE of the user's: the terminal comes back at once (the backtracer would
  /// otherwise wait 30 s for a key), one line says what happened and where the report is, and the
  /// report holds the fatal error and the backtrace.
  @Test func crashSaysWhereTheReportIs() throws {
    let state = try ScratchDirectory()
    let app = try AppRun.start(env: ["LOSSLAB_CRASH_TEST": "1", "XDG_STATE_HOME": state.path])
    defer { app.close() }
    // 20 s: slow machines need time for the backtrace, but less than the 30 s prompt.
    let screen = app.expectScreen(containing: "END", timeout: .seconds(20))
    let status: Int32 = screen.contains("status=133\n") ? 133 : 132  // SIGILL x86-64, SIGTRAP arm64
    app.expectRestored(status: status)
    // The line is longer than the pane: -J joins what the terminal wrapped.
    let joined = app.session.tmux(["capture-pane", "-p", "-J", "-t", "main"]).stdout
    let lines = joined.split(separator: "\n").filter { $0.contains("losslab crashed") }
    #expect(lines.count == 1, "\(joined)")
    let line = String(lines.first ?? "")
    #expect(line.contains("LOSSLAB_CRASH_TEST=1: crashing on purpose"), "\(line)")
    #expect(!screen.contains("Backtracing") && !screen.contains("Press space"), "\(screen)")
    let path = try #require(line.firstMatch(of: #/the report is in (\S+)/#).map { String($0.1) })
    #expect(path.hasPrefix(state.path + "/losslab/crash-"), "\(path)")
    let report = try String(contentsOfFile: path, encoding: .utf8)
    #expect(report.contains("Fatal error: LOSSLAB_CRASH_TEST=1"), "\(report.prefix(500))")
    #expect(
      report.contains("crashed:") && report.contains("Terminal.swift"), "\(report.prefix(2000))")
  }

  /// While `r` steps on a timer the app still quits at once, by key or by signal.
  @Test(arguments: [(nil, 0), (SIGTERM, 143)] as [(Int32?, Int32)])
  func quitsWhileRunning(signal: Int32?, status: Int32) throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["r"])
    app.expectScreen("a few steps on the timer") {
      $0.contains("(running)")
        && ($0.firstMatch(of: #/step (\d+)/#).flatMap { Int($0.1) } ?? 0) >= 3
    }
    if let signal {
      app.session.signal(signal, to: try #require(app.pid()))
    } else {
      app.session.send(keys: ["q"])
    }
    app.expectRestored(status: status)
  }
}
