import FileSafety
import LossCore
import LossLabUI

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where lesson progress is kept between runs, and reading and writing it: the only place the
/// progress touches the disk.
///
/// The file is `$XDG_STATE_HOME/losslab/progress.json`, or `~/.local/state/losslab/progress.json`
/// when `XDG_STATE_HOME` is unset, empty or relative (the XDG base-directory rules). An unreadable
/// file never stops the app: it is reported once, moved aside to `progress.json.bad`, and the
/// student starts afresh.
enum ProgressFile {
  /// The progress file's path, or nil when neither `XDG_STATE_HOME` nor `HOME` says where.
  static func path(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String?
  {
    if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
      return state + "/losslab/progress.json"
    }
    guard let home = environment["HOME"], !home.isEmpty else { return nil }
    return home + "/.local/state/losslab/progress.json"
  }

  /// The saved progress (empty when there is none yet), and a warning when the file could not be
  /// read. With `moveAside`, an unreadable file is renamed to `progress.json.bad` so the next save
  /// does not lose it.
  static func load(moveAside: Bool) -> (book: ProgressBook, warning: String?) {
    guard let path = path() else { return (ProgressBook(), nil) }
    guard FileManager.default.fileExists(atPath: path) else { return (ProgressBook(), nil) }
    let reason: String
    if let data = FileManager.default.contents(atPath: path) {
      do {
        return (try ProgressBook.parse([UInt8](data)), nil)
      } catch {
        reason = (error as? LossCoreError)?.message ?? "unreadable"
      }
    } else {
      reason = "cannot read the file"
    }
    // The short part first: the app's status bar shows the start of it.
    var warning = "lesson progress unreadable (\(reason)), starting afresh: \(path)"
    if moveAside {
      let bad = path + ".bad"
      try? FileManager.default.removeItem(atPath: bad)
      if (try? FileManager.default.moveItem(atPath: path, toPath: bad)) != nil {
        warning += " is kept as \(bad)"
      }
    }
    return (ProgressBook(), warning)
  }

  /// Writes the progress atomically, making its folder first.
  static func save(_ text: String) throws(FileSafetyError) {
    guard let path = path() else {
      throw FileSafetyError("no HOME or XDG_STATE_HOME to keep progress in")
    }
    let folder = String(path.dropLast("/progress.json".count))
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw FileSafetyError("cannot make the folder \(folder)")
    }
    try writeAtomically(text, to: path)
  }
}
