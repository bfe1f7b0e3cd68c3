import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The interactive app (`losslab ARGS`) in tmux, started by a wrapper script that records its pid
/// and, once it exits, prints `status=N`, the tty modes and `END`, then keeps the pane alive.
/// The app runs in the scratch directory. The wrapper outlives a Ctrl-C, which the terminal
/// sends to the whole foreground process group.
final class AppRun {
  let session: TmuxSession
  let scratch: ScratchDirectory

  private init(session: TmuxSession, scratch: ScratchDirectory) {
    self.session = session
    self.scratch = scratch
  }

  /// Starts `losslab` with `arguments` in a `width × height` pane; `env` is added to its environment.
  static func start(
    _ arguments: [String] = [], width: Int = 80, height: Int = 24, env: [String: String] = [:]
  ) throws -> AppRun {
    let binary = try #require(LosslabBinary.path)
    let scratch = try ScratchDirectory()
    let pidFile = scratch.path + "/pid"
    let argv = ([binary] + arguments).map(shellQuoted).joined(separator: " ")
    let script = try scratch.script(
      "app.sh",
      """
      trap : INT
      cd \(shellQuoted(scratch.path))
      sh -c 'echo $$ > "$1"; shift; exec "$@"' sh \(shellQuoted(pidFile)) \(argv)
      echo "status=$?"
      echo "modes: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ')"
      echo END
      exec sleep 60
      """)
    // Lesson progress goes to the scratch folder, never the user's own state.
    var env = env
    if env["XDG_STATE_HOME"] == nil { env["XDG_STATE_HOME"] = scratch.path + "/state" }
    let session = try TmuxSession.start(
      command: "sh \(shellQuoted(script))", width: width, height: height, env: env)
    return AppRun(session: session, scratch: scratch)
  }

  /// Ends the tmux server and removes the scratch files.
  func close() { session.close() }

  /// Waits until the screen satisfies `predicate`; records a failure showing the screen if it
  /// never does. Returns the screen once it has settled: tmux can be caught halfway through a
  /// repaint, so the first screen that matches may still mix the old frame and the new one.
  @discardableResult
  func expectScreen(
    _ what: String, timeout: Duration = .seconds(8),
    sourceLocation: SourceLocation = #_sourceLocation, _ predicate: (String) -> Bool
  ) -> String {
    let (ok, first) = session.waitUntil(timeout: timeout, predicate)
    #expect(ok, "never saw \(what):\n\(first)", sourceLocation: sourceLocation)
    guard ok else { return first }
    return settled(after: first)
  }

  /// Captures until two captures in a row are the same (or 2 seconds pass) and returns the last.
  func settled(after first: String) -> String {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(2))
    var last = first
    while clock.now < deadline {
      usleep(50_000)
      let next = session.capture()
      if next == last { return next }
      last = next
    }
    return last
  }

  /// Waits until the screen contains `text`.
  @discardableResult
  func expectScreen(
    containing text: String, timeout: Duration = .seconds(8),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    expectScreen("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) {
      $0.contains(text)
    }
  }

  /// The app's pid as the wrapper wrote it, waiting a little for it.
  func pid() -> pid_t? { scratch.waitForPid() }

  /// Checks that the app exited with `status` and gave the terminal back: cooked and echoing,
  /// main screen, cursor visible, no mouse reporting or keypad mode, no app frame left.
  func expectRestored(status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    session.expectRestored(status: status, appText: "1 Curves", sourceLocation: sourceLocation)
  }
}

/// `text` in single quotes for `sh`.
func shellQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The contour view's readout: `step N`, then `w=… b=…` and `loss=…` with 6 decimals, as text.
struct ContourReadout: Equatable, CustomStringConvertible {
  var step: Int
  var w: String
  var b: String
  var loss: String

  /// Reads the first `step N` and the first 6-decimal `w=`, `b=` and `loss=` of a frame; nil when
  /// one is missing.
  init?(_ frame: String) {
    guard let step = frame.firstMatch(of: #/step (\d+)/#).flatMap({ Int($0.1) }),
      let wb = frame.firstMatch(of: #/w=(-?\d+\.\d{6})\s+b=(-?\d+\.\d{6})/#),
      let loss = frame.firstMatch(of: #/loss=(-?\d+\.\d{6})/#)
    else { return nil }
    self.step = step
    self.w = String(wb.1)
    self.b = String(wb.2)
    self.loss = String(loss.1)
  }

  init(step: Int, w: Double, b: Double, loss: Double) {
    self.step = step
    self.w = Self.sixDecimals(w)
    self.b = Self.sixDecimals(b)
    self.loss = Self.sixDecimals(loss)
  }

  /// `v` rounded to 6 decimals, without a minus sign on zero.
  static func sixDecimals(_ v: Double) -> String {
    let s = String(format: "%.6f", v)
    return s == "-0.000000" ? "0.000000" : s
  }

  var description: String { "step \(step) w=\(w) b=\(b) loss=\(loss)" }
}

/// `losslab descend --json` with `arguments`: the readout of `step`, rounded like the view's.
func descendReadout(_ arguments: [String], step: Int) throws -> ContourReadout {
  let r = try Spawn.losslab(["descend", "--json", "--steps", "\(step)"] + arguments)
  #expect(r.status == 0, "descend failed: \(r.stderr)")
  let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
  let trajectory = try #require(object?["trajectory"] as? [[String: Any]])
  let last = try #require(trajectory.last)
  #expect(last["step"] as? Int == step)
  return ContourReadout(
    step: step, w: try #require(last["w"] as? Double), b: try #require(last["b"] as? Double),
    loss: try #require(last["loss"] as? Double))
}
