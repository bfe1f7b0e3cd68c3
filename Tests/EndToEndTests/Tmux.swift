import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A terminal program running in its own private tmux server, driven like a user would: keys,
/// text, resizes and signals in; the screen as plain text out.
///
/// Every session has its own socket and temporary directory; `close()` (also run on deinit)
/// kills the server and removes both.
final class TmuxSession {
  /// tmux is installed.
  static var isAvailable: Bool { Spawn.which("tmux") != nil }

  /// The session's private directory (socket, configuration).
  let directory: String
  private let socket: String
  private let config: String
  private var closed = false
  private static let target = "main"

  private init(directory: String) {
    self.directory = directory
    self.socket = directory + "/tmux.sock"
    self.config = directory + "/tmux.conf"
  }

  deinit { close() }

  /// Starts `command` (run by `sh -c`) in a fresh `width × height` pane. `env` is added to its
  /// environment. The pane stays on screen after the command exits, so its last screen and exit
  /// status can still be read.
  static func start(
    command: String, width: Int = 80, height: Int = 24, env: [String: String] = [:]
  ) throws -> TmuxSession {
    let dir = NSTemporaryDirectory() + "losslab-tmux-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let session = TmuxSession(directory: dir)
    let terminal =
      Spawn.run(["infocmp", "tmux-256color"]).status == 0 ? "tmux-256color" : "screen-256color"
    try """
    set -g default-terminal "\(terminal)"
    set -g remain-on-exit on
    set -g status off
    set -g escape-time 0
    """.write(toFile: session.config, atomically: true, encoding: .utf8)

    var args = ["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)"]
    for (k, v) in env.sorted(by: { $0.key < $1.key }) { args += ["-e", "\(k)=\(v)"] }
    args.append(command)
    let result = session.tmux(args)
    guard result.status == 0 else {
      throw HarnessError("tmux new-session failed (\(result.status)): \(result.stderr)")
    }
    // Only now: in the configuration file this option makes tmux 3.3a's server exit at start.
    session.tmux(["set-option", "-g", "window-size", "manual"])
    return session
  }

  /// Runs one tmux client command against this session's server.
  @discardableResult
  func tmux(_ args: [String]) -> Spawn.Output {
    // The server passes its environment on to the panes: make the locale UTF-8 whatever the
    // test runner has, so Unicode reaches the screen (tests that want another locale set it
    // in their command).
    let env: [String: String?] = ["TMUX": nil, "LANG": "C.UTF-8", "LC_ALL": nil, "LC_CTYPE": nil]
    return Spawn.run(["tmux", "-S", socket, "-f", config] + args, env: env, timeout: .seconds(5))
  }

  /// Sends tmux key names, e.g. `["a", "Left", "S-Left", "F5", "C-c", "Enter"]`.
  func send(keys: [String]) {
    tmux(["send-keys", "-t", Self.target] + keys)
  }

  /// Types `text` literally.
  func type(_ text: String) {
    tmux(["send-keys", "-t", Self.target, "-l", text])
  }

  /// The visible screen, one line per row: plain text, or with the colour and attribute escape
  /// sequences tmux would use to redraw it.
  func capture(escapes: Bool = false) -> String {
    tmux(["capture-pane", "-p"] + (escapes ? ["-e"] : []) + ["-t", Self.target]).stdout
  }

  /// Resizes the window (the program gets SIGWINCH).
  func resize(width: Int, height: Int) {
    tmux(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"])
  }

  /// A tmux format evaluated for the pane, e.g. `#{alternate_on}` or `#{cursor_flag}`.
  func format(_ f: String) -> String {
    tmux(["display-message", "-p", "-t", Self.target, f]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// From now on, appends everything the program writes to the terminal to `file`.
  func logOutput(to file: String) {
    tmux(["pipe-pane", "-O", "-t", Self.target, "cat >> '\(file)'"])
  }

  /// The pid of the pane's process (the command, when it was started with `exec`).
  var panePID: pid_t? { pid_t(format("#{pane_pid}")) }

  /// Sends a signal to `pid`, by default the pane's process.
  func signal(_ sig: Int32, to pid: pid_t? = nil) {
    guard let target = pid ?? panePID else { return }
    kill(target, sig)
  }

  /// The pane's command has exited.
  var isDead: Bool { format("#{pane_dead}") == "1" }

  /// The exit status of the pane's command once it exited (128 + n when killed by signal n);
  /// nil while it runs or before tmux has collected the status.
  var exitStatus: Int32? {
    if isDead {
      if let sig = Int32(format("#{pane_dead_signal}")), sig > 0 { return 128 + sig }
      if let status = Int32(format("#{pane_dead_status}")) { return status }
    }
    nudgeIfZombie()
    return nil
  }

  /// tmux 3.3a sometimes misses the SIGCHLD of a pane's command (seen about once in 10 runs
  /// when its clients poll quickly): the pane shows as dead but with no status, and the command
  /// stays a zombie. Sending the server another SIGCHLD makes it reap the child.
  private func nudgeIfZombie() {
    guard let p = panePID,
      let stat = try? String(contentsOfFile: "/proc/\(p)/stat", encoding: .utf8),
      let close = stat.lastIndex(of: ")")
    else { return }
    let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
    if state == "Z", let server = pid_t(format("#{pid}")) {
      kill(server, SIGCHLD)
    }
  }

  /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen and
  /// whether the predicate held.
  @discardableResult
  func waitUntil(
    timeout: Duration = .seconds(8), _ predicate: (String) -> Bool
  ) -> (ok: Bool, screen: String) {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while true {
      let screen = capture()
      if predicate(screen) { return (true, screen) }
      if clock.now >= deadline { return (false, screen) }
      usleep(30_000)
    }
  }

  /// Polls until the pane's command has exited; returns its status, or nil after `timeout`.
  func waitForExit(timeout: Duration = .seconds(8)) -> Int32? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
      if let s = exitStatus { return s }
      usleep(30_000)
    }
    return exitStatus
  }

  /// Kills the server and removes the session's files. Safe to call twice.
  func close() {
    guard !closed else { return }
    closed = true
    tmux(["kill-server"])
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// A temporary directory for scripts, pid files and outputs, removed on deinit.
final class ScratchDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "losslab-e2e-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes an executable script and returns its path.
  func script(_ name: String, _ text: String) throws -> String {
    let file = path + "/" + name
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    chmod(file, 0o755)
    return file
  }

  /// The pid a wrapper script wrote to the file `pid` here, waiting up to 5 s for it.
  func waitForPid() -> pid_t? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(5))
    while clock.now < deadline {
      if let text = read("pid"), let p = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return p
      }
      usleep(20_000)
    }
    return nil
  }

  /// The text of a file in this directory, or nil when it does not exist (yet).
  func read(_ name: String) -> String? {
    try? String(contentsOfFile: path + "/" + name, encoding: .utf8)
  }
}

/// A harness failure with a readable message.
struct HarnessError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Where the `losslab` executable under test is.
enum LosslabBinary {
  /// `$LOSSLAB_BIN`, else `losslab` next to the test bundle (`.build/<triple>/debug/`), else
  /// `.build/debug/losslab` in the package.
  static let path: String? = {
    var candidates: [String] = []
    if let env = ProcessInfo.processInfo.environment["LOSSLAB_BIN"] { candidates.append(env) }
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<4 {  // the runner may sit inside a bundle (…/x.xctest/Contents/MacOS)
      candidates.append(dir.appendingPathComponent("losslab").path)
      dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/losslab").path)
    return candidates.first { access($0, X_OK) == 0 }
  }()

  /// tmux and the binary are both there, so the terminal tests can run.
  static var canDriveTerminal: Bool { TmuxSession.isAvailable && path != nil }
}

extension TmuxSession {
  /// Checks that the program run by a wrapper script (which prints `status=N`, a `modes:` line from
  /// `stty -a` and `END` after it) exited with `status` and gave the terminal back: cooked and
  /// echoing, main screen, cursor visible, no mouse reporting or keypad mode, and `appText` (something
  /// only the program's screen shows) gone.
  func expectRestored(
    status: Int32, appText: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let (ok, screen) = waitUntil { $0.contains("END") }
    #expect(ok, "the wrapper never printed END:\n\(screen)", sourceLocation: sourceLocation)
    #expect(screen.contains("status=\(status)\n"), "\(screen)", sourceLocation: sourceLocation)
    let modes =
      screen.split(separator: "\n").first { $0.hasPrefix("modes:") }.map(String.init) ?? ""
    let words = Set(modes.split(separator: " ").map(String.init))
    #expect(
      words.isSuperset(of: ["icanon", "echo", "isig"]), "tty modes: \(modes)",
      sourceLocation: sourceLocation)
    #expect(
      !screen.contains(appText), "app screen still shown:\n\(screen)",
      sourceLocation: sourceLocation)
    #expect(
      format("#{alternate_on}") == "0", "still in the alternate screen",
      sourceLocation: sourceLocation)
    #expect(format("#{cursor_flag}") == "1", "cursor still hidden", sourceLocation: sourceLocation)
    #expect(
      format("#{mouse_any_flag}") == "0", "mouse reporting still on", sourceLocation: sourceLocation
    )
    #expect(
      format("#{keypad_cursor_flag}") == "0", "keypad mode still on", sourceLocation: sourceLocation
    )
  }
}

extension TmuxSession {
  /// An interactive bash (prompt `$ `, no rc files) in a new session, started and at its prompt,
  /// for tests of job control (Ctrl-Z, `fg`).
  static func shell(width: Int, height: Int) throws -> TmuxSession {
    let s = try start(
      command: "exec env PS1='$ ' bash --norc --noprofile -i", width: width, height: height)
    guard s.waitUntil({ $0.hasPrefix("$") }).ok else {
      s.close()
      throw HarnessError("the shell never showed its prompt")
    }
    return s
  }

  /// Types `command` at the shell prompt and presses Enter.
  func run(_ command: String) {
    type(command)
    send(keys: ["Enter"])
  }
}
