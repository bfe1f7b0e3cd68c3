import CStartup

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a user sees when losslab crashes: the terminal restored, one line on standard error
/// (`losslab crashed (…); the report is in PATH`) and the program gone at once. The backtrace goes
/// to the report file, under `$XDG_STATE_HOME/losslab/` (default `~/.local/state/losslab/`), or
/// `/tmp` when that cannot be written.
///
/// The Swift runtime's backtracer reads `SWIFT_BACKTRACE` once, as the process starts, and on a
/// terminal it would otherwise print a long backtrace over the screen and then wait 30 s for a key
/// ("Press space to interact…"). So losslab runs with `SWIFT_BACKTRACE=interactive=no,color=no,
/// output-to=stderr`, unless the user has set `SWIFT_BACKTRACE` themselves, in which case the
/// runtime does as they said. Where the runtime is linked into the program (the static release
/// build on Linux) a C constructor sets it before the runtime starts (`CStartup`); elsewhere
/// `configureBacktracer()` runs losslab again (the same process, `execv`) with it set.
public enum CrashReport {
  /// The backtracer settings losslab runs with, unless the user chose their own.
  public static let backtraceSettings = String(cString: losslab_backtracer_settings())

  /// Call first in `main`. When `SWIFT_BACKTRACE` is unset and a terminal is attached (only there
  /// would the backtracer wait), sets it and re-executes the program once; on any failure it
  /// simply goes on with the runtime's defaults. Nothing to do when `CStartup` set it before the
  /// runtime started.
  public static func configureBacktracer() {
    guard getenv("SWIFT_BACKTRACE") == nil else { return }  // the user's, or set by CStartup
    guard isatty(STDIN_FILENO) == 1 || isatty(STDOUT_FILENO) == 1 || isatty(STDERR_FILENO) == 1
    else { return }
    var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    #if os(Linux)
      // The binary's own path, not /proc/self/exe: the process is named after the file run.
      guard readlink("/proc/self/exe", &path, path.count - 1) > 0 else { return }
    #elseif canImport(Darwin)
      var size = UInt32(path.count)
      guard _NSGetExecutablePath(&path, &size) == 0 else { return }
    #else
      return
    #endif
    setenv("SWIFT_BACKTRACE", backtraceSettings, 1)
    execv(path, CommandLine.unsafeArgv)
    unsetenv("SWIFT_BACKTRACE")  // exec failed: nothing changed
  }

  /// losslab's own settings are in force, so a crash report can be written (with the user's
  /// settings the runtime reports as they chose).
  static var isActive: Bool {
    guard let v = getenv("SWIFT_BACKTRACE") else { return false }
    return String(cString: v) == backtraceSettings
  }

  /// The folder for crash reports: `$XDG_STATE_HOME/losslab`, else `$HOME/.local/state/losslab`.
  static var folder: String? {
    if let s = getenv("XDG_STATE_HOME"), s.pointee == UInt8(ascii: "/") {
      return String(cString: s) + "/losslab"
    }
    if let h = getenv("HOME"), h.pointee == UInt8(ascii: "/") {
      return String(cString: h) + "/.local/state/losslab"
    }
    return nil
  }

  /// `crash-20261130-214501-4242.log`: UTC time and process id.
  static var fileName: String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let date = "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))"
    let clock = "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    return "crash-\(date)-\(clock)-\(getpid()).log"
  }

  /// Where this process would write its report (used to arm the crash handler).
  static var paths: (folder: String, file: String, fallback: String) {
    let fallback = "/tmp/losslab-crash-\(getuid())-\(getpid()).log"
    guard let folder, folder.utf8.count < 900 else { return ("/tmp", fallback, fallback) }
    return (folder, folder + "/" + fileName, fallback)
  }
}
