import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a finished child process left behind.
struct SpawnResult: Sendable {
  /// The exit status (0...255), or 128 + signal number if it was killed by a signal.
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs programs with `posix_spawn` (not Foundation's Process), stdout and stderr captured in temporary files.
enum Spawn {
  /// The built `losslab` executable: next to the test bundle in `.build/<config>/`.
  static var losslabPath: String {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL,
      Bundle.main.bundleURL.deletingLastPathComponent(),
    ]
    for dir in candidates {
      let path = dir.appendingPathComponent("losslab").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return candidates[0].appendingPathComponent("losslab").path
  }

  /// Runs `losslab` with these arguments.
  static func losslab(_ arguments: [String], stdin: String? = nil) throws -> SpawnResult {
    try run(losslabPath, arguments, stdin: stdin)
  }

  /// Runs `executable` with `arguments` (argv[0] is the executable), inheriting the environment.
  ///
  /// - Parameter stdin: text for standard input; nil connects `/dev/null`.
  static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) throws
    -> SpawnResult
  {
    let dir = FileManager.default.temporaryDirectory
    let tag = "spawn-\(getpid())-\(UUID().uuidString)"
    let outPath = dir.appendingPathComponent("\(tag).out").path
    let errPath = dir.appendingPathComponent("\(tag).err").path
    var inPath = "/dev/null"
    if let stdin {
      inPath = dir.appendingPathComponent("\(tag).in").path
      try stdin.write(toFile: inPath, atomically: true, encoding: .utf8)
    }
    defer {
      for path in [outPath, errPath] + (stdin == nil ? [] : [inPath]) { unlink(path) }
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }

    var pid = pid_t()
    let rc = argv.withUnsafeBufferPointer { buffer in
      posix_spawn(&pid, executable, &actions, nil, buffer.baseAddress!, environ)
    }
    guard rc == 0 else {
      throw SpawnError(message: "posix_spawn \(executable): \(String(cString: strerror(rc)))")
    }

    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
      guard errno == EINTR else {
        throw SpawnError(message: "waitpid: \(String(cString: strerror(errno)))")
      }
    }
    let exit: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return SpawnResult(status: exit, stdout: out, stderr: err)
  }
}

struct SpawnError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
