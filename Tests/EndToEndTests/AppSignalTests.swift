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

  @Test func crashRestoresTheTerminal() throws {
    // interactive=no: the Swift backtracer would otherwise wait 30 s for a key on a tty.
    let app = try AppRun.start(
      env: ["LOSSLAB_CRASH_TEST": "1", "SWIFT_BACKTRACE": "interactive=no"])
    defer { app.close() }
    let screen = app.expectScreen(containing: "END")
    // SIGILL (132) on x86-64, SIGTRAP (133) on arm64.
    let status: Int32 = screen.contains("status=133\n") ? 133 : 132
    app.expectRestored(status: status)
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
