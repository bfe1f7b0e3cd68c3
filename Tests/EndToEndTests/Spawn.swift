import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs programs with `posix_spawn` rather than Foundation's `Process`, which hangs on tmux (its
/// server keeps an inherited descriptor open) and passes on a signal mask that blocks SIGTERM
/// and SIGWINCH. Children start with an empty signal mask and default signal actions; their
/// output goes to files, never pipes, so nothing waits for an EOF a daemon may hold back.
enum Spawn {
  /// What a finished program left behind.
  struct Output {
    /// The exit code, or 128 + the signal number when it was killed; -1 after a timeout.
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `argv` (looked up in PATH when it has no slash) to completion, killing it after
  /// `timeout`. `env` entries are added to this process's environment; a nil value removes one.
  static func run(
    _ argv: [String], env: [String: String?] = [:], stdin: String = "/dev/null",
    timeout: Duration = .seconds(10)
  ) -> Output {
    let dir = NSTemporaryDirectory() + "losslab-spawn-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outPath = dir + "/stdout"
    let errPath = dir + "/stderr"

    guard let pid = start(argv, env: env, stdin: stdin, stdout: outPath, stderr: errPath) else {
      return Output(status: -1, stdout: "", stderr: "could not start \(argv.first ?? "")")
    }
    let status = wait(pid, timeout: timeout)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return Output(status: status, stdout: out, stderr: err)
  }

  /// Starts `argv` with the given files as standard input, output and error; nil if it could
  /// not be started.
  static func start(
    _ argv: [String], env: [String: String?], stdin: String, stdout: String, stderr: String
  ) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT, SIGCHLD, SIGPIPE] {
      sigaddset(&defaults, s)
    }
    posix_spawnattr_setsigdefault(&attr, &defaults)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      cArgs.forEach { free($0) }
      cEnv.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, cEnv)
    return rc == 0 ? pid : nil
  }

  /// Waits for `pid`; after `timeout` kills it and returns -1.
  static func wait(_ pid: pid_t, timeout: Duration) -> Int32 {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    var raw: Int32 = 0
    while true {
      let r = waitpid(pid, &raw, WNOHANG)
      if r == pid { break }
      if r < 0 { return -1 }
      if clock.now >= deadline {
        kill(pid, SIGKILL)
        _ = waitpid(pid, &raw, 0)
        return -1
      }
      usleep(5_000)
    }
    let signal = raw & 0x7f
    return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
  }

  /// The full path of an executable found in PATH, or nil.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}

/// What a finished `losslab` run left behind.
typealias SpawnResult = Spawn.Output

extension Spawn {
  /// Runs the `losslab` under test with these arguments; `stdin` is text for its standard input.
  static func losslab(_ arguments: [String], stdin: String? = nil, env: [String: String?] = [:])
    throws
    -> SpawnResult
  {
    guard let exe = LosslabBinary.path else {
      throw SpawnError("the losslab binary was not found (build it first)")
    }
    var inPath = "/dev/null"
    if let stdin {
      inPath = NSTemporaryDirectory() + "losslab-stdin-\(UUID().uuidString)"
      try stdin.write(toFile: inPath, atomically: true, encoding: .utf8)
    }
    defer { if stdin != nil { unlink(inPath) } }
    // Lesson progress is read from (and never written to) a folder that does not exist, not the
    // user's own state.
    var env = env
    if env["XDG_STATE_HOME"] == nil { env["XDG_STATE_HOME"] = "/nonexistent/losslab-test-state" }
    return run([exe] + arguments, env: env, stdin: inPath, timeout: .seconds(60))
  }
}

/// A test could not run the program at all.
struct SpawnError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
