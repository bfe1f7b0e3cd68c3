import Foundation
import LossLabUI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Carries out the app's file commands for the front ends: the interactive app does them all,
/// `render --keys` only the ones that read (it never writes a file).
///
/// Paths are split by hand (at the last `/`), not with Foundation's `NSString` path methods, which
/// crash on some names on Linux (a one-letter name).
enum FileEffects {
  /// The interactive app: inspects, completes and writes.
  static func perform(_ command: AppCommand) -> Event? {
    switch command {
    case .inspectSaveTarget(let path):
      return .result(.saveTarget(path: path, status: inspect(path)))
    case .completeFileName(let partial):
      return .result(.completions(partial: partial, candidates: complete(partial)))
    case .save(let path, let text):
      do {
        try write(text, to: path)
        return .result(.saved(path: path))
      } catch {
        return .result(.saveFailed(path: path, reason: error.message))
      }
    case .none, .quit, .suspend:
      return nil
    }
  }

  /// `losslab render --keys`: looks at the file system but never writes; a save is reported as
  /// skipped.
  static func headless(_ command: AppCommand) -> Event? {
    if case .save(let path, _) = command { return .result(.saveSkipped(path: path)) }
    return perform(command)
  }

  /// The folder part and the name part of a path as typed: "a/b.json" → ("a", "b.json"),
  /// "b.json" → (".", "b.json"), "/b" → ("/", "b"), "a/" → ("a", "").
  static func split(_ path: String) -> (folder: String, name: String) {
    let bytes = Array(path.utf8)
    guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
    let folder = slash == 0 ? "/" : String(decoding: bytes[..<slash], as: UTF8.self)
    return (folder, String(decoding: bytes[(slash + 1)...], as: UTF8.self))
  }

  enum Kind { case missing, regular, folder, other }

  /// What is at `path`, following links (`lstat` first: a dangling link is "other").
  static func kind(_ path: String) -> Kind {
    var st = stat()
    guard lstat(path, &st) == 0 else { return .missing }
    if st.st_mode & S_IFMT == S_IFLNK, stat(path, &st) != 0 { return .other }
    switch st.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: return .folder
    default: return .other
    }
  }

  static func inspect(_ path: String) -> SaveTargetStatus {
    let (folder, name) = split(path)
    if name.isEmpty { return .refused(reason: "that names a folder, not a file") }
    if name.utf8.count > 255 { return .refused(reason: "the name is longer than 255 bytes") }
    if name == "." || name == ".." { return .refused(reason: "that names a folder, not a file") }
    guard kind(folder) == .folder else {
      return .refused(reason: "the folder \(folder) does not exist")
    }
    switch kind(path) {
    case .missing: return .new
    case .regular: return .existingFile
    case .folder: return .refused(reason: "that is a folder")
    case .other: return .refused(reason: "that is not a regular file")
    }
  }

  /// The names in the folder of `partial` that start with its last part, as paths in the form
  /// typed; folders end in `/`. Hidden names only when the part starts with a dot.
  static func complete(_ partial: String) -> [String] {
    let (folder, prefix) = split(partial)
    let typedFolder =
      partial.utf8.contains(UInt8(ascii: "/")) ? String(partial.dropLast(prefix.count)) : ""
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
      return []
    }
    return names.filter { $0.hasPrefix(prefix) && ($0.hasPrefix(".") == prefix.hasPrefix(".")) }
      .sorted()
      .prefix(200)
      .map { name in
        let full = typedFolder + name
        return kind(folder + "/" + name) == .folder ? full + "/" : full
      }
  }

  struct WriteError: Error {
    let message: String
  }

  /// Writes atomically: a temporary file in the same folder, fsync, rename over the target.
  static func write(_ text: String, to path: String) throws(WriteError) {
    let (folder, name) = split(path)
    let tmp = folder + "/." + name + ".tmp-\(getpid())"
    func failure(_ what: String) -> WriteError {
      WriteError(message: "\(what) (\(String(cString: strerror(errno))))")
    }
    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw failure("cannot write here") }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
      if n <= 0 {
        let e = failure("write failed")
        close(fd)
        unlink(tmp)
        throw e
      }
      written += n
    }
    guard fsync(fd) == 0, close(fd) == 0 else {
      let e = failure("write failed")
      unlink(tmp)
      throw e
    }
    guard rename(tmp, path) == 0 else {
      let e = failure("cannot replace the file")
      unlink(tmp)
      throw e
    }
  }
}
