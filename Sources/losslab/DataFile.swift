import LossCore

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

/// Reading a table's bytes from a file or standard input: the impure half of `--data` (the parsing is
/// `DataTable.parse`, in LossCore).
enum DataFile {
  /// The bytes of `path`, or of standard input when `path` is `-`.
  static func read(_ path: String) throws(LossCoreError) -> [UInt8] {
    if path == "-" {
      guard let bytes = StandardStreams.readToEnd(STDIN_FILENO) else {
        throw LossCoreError("standard input: cannot read it")
      }
      return bytes
    }
    // open/fstat/read straight into the array: one copy fewer than Data, which counts for a 20 MB table.
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      switch errno {
      case ENOENT: throw LossCoreError("\(path): no such file")
      case EACCES: throw LossCoreError("\(path): permission denied")
      default:
        throw LossCoreError("\(path): cannot open the file (\(String(cString: strerror(errno))))")
      }
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw LossCoreError("\(path): cannot read the file") }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw LossCoreError("\(path): is a directory") }
    guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
      // A pipe, a device or a file whose size is not known in advance: read until the end.
      guard let bytes = StandardStreams.readToEnd(fd) else {
        throw LossCoreError("\(path): cannot read the file")
      }
      return bytes
    }
    let size = Int(info.st_size)
    var failed = false
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size {
        let got = StandardStreams.systemRead(fd, buffer.baseAddress! + done, size - done)
        if got < 0, errno == EINTR { continue }
        if got < 0 { failed = true }
        guard got > 0 else { break }  // an error, or the file got shorter: what was read stands
        done += got
      }
      count = done
    }
    guard !failed else { throw LossCoreError("\(path): cannot read the file") }
    return bytes
  }

  /// `path` made absolute against the current directory (unchanged if it is absolute already): plain bytes, no
  /// `NSString` path methods.
  static func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var cwd = FileManager.default.currentDirectoryPath
    if !cwd.hasSuffix("/") { cwd += "/" }
    return cwd + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
  }

  /// After a table was read from a pipe on standard input, points standard input back at the terminal so the app
  /// can read keys (as `less` does). Fails with one line when there is no terminal.
  static func reattachTerminal() throws(LossCoreError) {
    guard isatty(STDIN_FILENO) == 0 else { return }
    let fd = open("/dev/tty", O_RDONLY)
    guard fd >= 0, dup2(fd, STDIN_FILENO) >= 0 else {
      throw LossCoreError("--data -: read the table, but there is no terminal to read keys from")
    }
    close(fd)
  }
}
