#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writing to standard output and error, and reading a descriptor to its end, with plain system
/// calls (the binary does not link Foundation's `FileHandle`).
enum StandardStreams {
  /// Writes `text` to standard output, all of it (after a partial write or an interrupted call).
  static func out(_ text: String) { write(text, to: STDOUT_FILENO) }

  /// Writes `text` to standard error.
  static func error(_ text: String) { write(text, to: STDERR_FILENO) }

  static func write(_ text: String, to fd: Int32) {
    var text = text
    text.withUTF8 { write($0, to: fd) }
  }

  /// Writes `bytes` to `fd`, all of them.
  static func write(_ bytes: [UInt8], to fd: Int32) {
    bytes.withUnsafeBufferPointer { write($0, to: fd) }
  }

  static func write(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) {
    var done = 0
    while done < bytes.count {
      #if canImport(Glibc)
        let wrote = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
      #elseif canImport(Musl)
        let wrote = Musl.write(fd, bytes.baseAddress! + done, bytes.count - done)
      #else
        let wrote = Darwin.write(fd, bytes.baseAddress! + done, bytes.count - done)
      #endif
      if wrote < 0, errno == EINTR { continue }
      guard wrote > 0 else { return }  // a closed pipe: nothing more can be written
      done += wrote
    }
  }

  /// Every byte `fd` gives until its end; nil on a read error.
  static func readToEnd(_ fd: Int32) -> [UInt8]? {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let got = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
      if got < 0, errno == EINTR { continue }
      if got < 0 { return nil }
      if got == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<got])
    }
  }

  /// read(2), under each C library's module name.
  static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.read(fd, buffer, count)
    #elseif canImport(Musl)
      Musl.read(fd, buffer, count)
    #else
      Darwin.read(fd, buffer, count)
    #endif
  }
}

extension String {
  /// The string padded with spaces on the right to `width` characters (unchanged if longer).
  func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

/// Ends the process with `code` (C's `exit`, which methods named `exit` hide inside commands).
func processExit(_ code: Int32) -> Never { exit(code) }
