import SystemPackage
import Testing

@testable import FileSafety

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A private folder that stands in for the current folder (relative names start here) and holds
/// a home folder for `~`, with fixtures: an existing file, a folder, links of every kind, a named
/// pipe, a file where a folder is expected and (where the system allows) a folder that cannot be
/// written. The tests never change the process's current folder or touch the real home.
final class Sandbox {
  /// The folder relative names start from (nested `levels` deep inside `root`).
  let path: String
  let fd: CInt
  /// The temporary folder that holds everything.
  let root: String
  /// Where relative names are looked up, with `home` for `~`.
  var place: Place
  /// A folder nobody can write in, even root, or nil where that cannot be made here.
  private(set) var readOnlyFolder: String? = nil
  /// Why no read-only folder could be made (for the test log).
  private(set) var readOnlyNote = ""

  /// `levels` nested folders keep names with up to `levels - 1` `..` parts inside the sandbox.
  init(levels: Int = 0) throws {
    var template = Array("/tmp/losslab-filesafety-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw SandboxError("mkdtemp failed") }
    root = String(cString: made)
    var p = root
    for i in 0..<levels {
      p += "/level\(i)"
      guard Glibc.mkdir(p, 0o755) == 0 else { throw SandboxError("mkdir \(p) failed") }
    }
    path = p
    fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    place = Place(base: fd, home: FilePath(path + "/home"))
    place.durable = false
    try mkdir("home")
    try mkdir("folder")
    try write("folder/inner.txt", "inner")
    try write("existing.json", "old", mode: 0o640)
    try write("file-as-folder", "x")
    try symlink("existing.json", "link-file")
    try symlink("folder", "link-folder")
    try symlink("/dev/null", "link-device")
    try symlink("nothing-here", "dangling")
    try symlink("loop", "loop")
    guard mkfifoat(fd, "fifo", 0o644) == 0 else { throw SandboxError("mkfifo failed") }
    try mkdir("ro")
    makeReadOnly("ro")
  }

  deinit {
    if readOnlyFolder != nil { _ = run(["chattr", "-i", path + "/ro"]) }
    chmod(path + "/ro", 0o755)
    close(fd)
    let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    removeTree(top)
    close(top)
    rmdir(root)
  }

  func mkdir(_ name: String) throws {
    guard mkdirat(fd, name, 0o755) == 0 else { throw SandboxError("mkdir \(name) failed") }
  }

  func symlink(_ target: String, _ name: String) throws {
    guard symlinkat(target, fd, name) == 0 else { throw SandboxError("symlink \(name) failed") }
  }

  func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws {
    let f = openat(fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard f >= 0 else { throw SandboxError("cannot create \(name)") }
    _ = Array(text.utf8).withUnsafeBytes { Glibc.write(f, $0.baseAddress, $0.count) }
    fchmod(f, mode)
    close(f)
  }

  /// The bytes of the file `name` (relative to the sandbox), or nil.
  func read(_ name: [UInt8]) -> [UInt8]? {
    let f = filePath(name).withPlatformString { openat(fd, $0, O_RDONLY | O_CLOEXEC) }
    guard f >= 0 else { return nil }
    defer { close(f) }
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(f, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      out += buffer[..<n]
    }
    return out
  }

  func read(_ name: String) -> String? {
    read(Array(name.utf8)).map { String(decoding: $0, as: UTF8.self) }
  }

  func stat(_ name: String, follow: Bool = true) -> stat? {
    var st = Glibc.stat()
    return fstatat(fd, name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) == 0 ? st : nil
  }

  /// Every name in the sandbox, as bytes relative to it, folders included.
  func allEntries() -> [[UInt8]] {
    var out: [[UInt8]] = []
    func walk(_ dirFD: CInt, _ prefix: [UInt8]) {
      let copy = dup(dirFD)  // shares the read position with dirFD: start from the top
      guard let dir = fdopendir(copy) else { return }
      defer { closedir(dir) }
      rewinddir(dir)
      while let e = readdir(dir) {
        let name = withUnsafeBytes(of: e.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
        if name == [0x2E] || name == [0x2E, 0x2E] { continue }
        out.append(prefix + name)
        if e.pointee.d_type == UInt8(DT_DIR) {
          let sub = filePath(name).withPlatformString {
            openat(dirFD, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
          }
          if sub >= 0 {
            walk(sub, prefix + name + [0x2F])
            close(sub)
          }
        }
      }
    }
    walk(fd, [])
    return out
  }

  /// Temporary files left anywhere in the sandbox.
  func leftovers() -> [String] {
    allEntries().filter { entry in
      let last = entry.split(separator: 0x2F).last.map(Array.init) ?? entry
      return last.starts(with: Array(temporaryPrefix.utf8))
    }.map { String(decoding: $0, as: UTF8.self) }
  }

  /// Root ignores permission bits, so `chmod 555` proves nothing when run as root: there the folder
  /// is made immutable (`chattr +i`), which stops root too. As another user, `chmod 555` does.
  private func makeReadOnly(_ name: String) {
    if geteuid() != 0 {
      chmod(path + "/" + name, 0o555)
      readOnlyFolder = name
    } else if run(["chattr", "+i", path + "/" + name]) == 0 {
      readOnlyFolder = name
    } else {
      readOnlyNote = "chattr +i failed (no CAP_LINUX_IMMUTABLE or a file system without it)"
    }
  }

  private func removeTree(_ dirFD: CInt) {
    let copy = dup(dirFD)
    guard let dir = fdopendir(copy) else { return }
    defer { closedir(dir) }
    rewinddir(dir)
    var names: [([UInt8], Bool)] = []
    while let e = readdir(dir) {
      let name = withUnsafeBytes(of: e.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      if name == [0x2E] || name == [0x2E, 0x2E] { continue }
      names.append((name, e.pointee.d_type == UInt8(DT_DIR)))
    }
    for (name, isDir) in names {
      filePath(name).withPlatformString { n in
        if isDir {
          let sub = openat(dirFD, n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
          if sub >= 0 {
            removeTree(sub)
            close(sub)
          }
          unlinkat(dirFD, n, AT_REMOVEDIR)
        } else {
          unlinkat(dirFD, n, 0)
        }
      }
    }
  }
}

struct SandboxError: Error, CustomStringConvertible {
  let description: String
  init(_ d: String) { description = d }
}

/// Runs a program (no shell), returns its exit status; output goes to /dev/null.
@discardableResult
func run(_ argv: [String]) -> Int32 {
  var pid: pid_t = 0
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  let cArgs = argv.map { strdup($0) } + [nil]
  defer { cArgs.forEach { free($0) } }
  guard posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return -1 }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}

/// SplitMix64: a small seeded generator, the same on every machine.
struct Seeded: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

/// `text` is one short line that a status bar can show as it is: not empty, at most 80
/// characters, no control characters.
func isOneShortLine(_ text: String) -> Bool {
  !text.isEmpty && text.count <= 80
    && !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }
}
