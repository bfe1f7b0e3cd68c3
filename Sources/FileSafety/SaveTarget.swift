import SystemPackage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Why not Foundation: on Linux, `NSString`'s path methods (`deletingLastPathComponent`,
// `lastPathComponent`, …) crash with "Illegal instruction" on some inputs, a one-letter name among
// them; typing `w`, `a`, Enter in the app used to kill it inside `AtomicFile.write`. Here a name
// is plain bytes, as the kernel sees them: split at `/` by hand (a few lines, tested with 10⁴
// generated names), checked with system calls relative to an open folder descriptor, so non-UTF-8
// names, names of any length and odd characters are only data. swift-system's `FilePath` is the
// public type for byte paths, and its `Errno` gives the system's words for a failure.

/// What saving to a name would do.
public enum SaveTarget: Equatable, Sendable {
  /// Nothing has that name yet: saving creates a file.
  case new
  /// A regular file (or a symbolic link to one) has that name: saving replaces it, so ask first.
  case existingFile
  /// Saving there is not possible or not wise; `reason` is one line, without the name.
  case refused(reason: String)
}

/// Looks at `path` as a place to save a file, without changing anything.
///
/// Relative names are taken from the current folder; `~` and `~/…` mean the home folder (`$HOME`).
/// Refused, with a one-line reason: an empty name, a name ending in `/`, `.` or `..`, a name with a
/// NUL character, a name part longer than 255 bytes, a path longer than 4095 bytes, a folder, a
/// device, a named pipe or socket, a symbolic link to anything but a regular file, a missing folder,
/// and a folder or file that cannot be written.
public func inspectSaveTarget(_ path: String) -> SaveTarget {
  inspectSaveTarget(path, in: .current)
}

/// `inspectSaveTarget(_:)` for a path given as bytes (names need not be UTF-8).
public func inspectSaveTarget(_ path: FilePath) -> SaveTarget {
  inspectSaveTarget(path, in: .current)
}

func inspectSaveTarget(_ path: String, in place: Place) -> SaveTarget {
  inspectSaveTarget(raw: Array(path.utf8), in: place)
}

func inspectSaveTarget(_ path: FilePath, in place: Place) -> SaveTarget {
  inspectSaveTarget(raw: bytes(of: path), in: place)
}

func inspectSaveTarget(raw: [UInt8], in place: Place) -> SaveTarget {
  switch resolve(raw: raw, in: place) {
  case .failure(let error): return .refused(reason: error.message)
  case .success(let target): return target.existing == nil ? .new : .existingFile
  }
}

// MARK: - Resolution

/// Where names are looked up: the folder relative names start from, and what `~` means. The public
/// functions use the current folder and `$HOME`; tests use a private folder and home, so they never
/// change the process's current folder or touch the real home.
struct Place: Sendable {
  /// A folder descriptor for relative names, or `AT_FDCWD`.
  var base: CInt
  /// The home folder for `~`; nil when unknown (then `~` is refused rather than guessed).
  var home: FilePath?
  /// Flush files to disk (`fsync`). Off only in tests that write thousands of files.
  var durable = true
  /// Test seam: fail the write with this errno after this many bytes.
  var failWrite: (afterBytes: Int, errno: CInt)? = nil
  /// Test seam: use a named temporary file even where the system offers unnamed ones.
  var namedTemporaryOnly = false
  /// Called once half of the data is written; `LOSSLAB_CRASH_TEST=save` crashes here, to show that
  /// a crash during a save leaves nothing behind.
  var midWrite: (@Sendable () -> Void)? = nil

  static var current: Place {
    var home: FilePath? = nil
    if let h = getenv("HOME"), h.pointee != 0 { home = FilePath(platformString: h) }
    var place = Place(base: AT_FDCWD, home: home)
    if let v = getenv("LOSSLAB_CRASH_TEST"), String(cString: v) == "save" {
      place.midWrite = {
        fatalError("LOSSLAB_CRASH_TEST=save: crashing on purpose halfway through a save")
      }
    }
    return place
  }
}

/// A checked place to save: an open descriptor of the folder (so the checks and the write see the
/// same folder even if names change meanwhile), the file's name in it, and the file's status if it
/// exists.
final class ResolvedTarget {
  let folder: CInt
  /// The file's name in `folder`, NUL-terminated.
  let name: [CChar]
  var existing: stat? = nil

  /// Takes ownership of `folder`: it is closed when the target goes.
  init(folder: CInt, name: [CChar]) {
    self.folder = folder
    self.name = name
  }

  deinit { close(folder) }
}

/// The longest path and name part the kernel takes (Linux: 4096 with the NUL, 255).
let pathMax = Int(PATH_MAX) - 1
let nameMax = 255

private let slash = UInt8(ascii: "/")
private let tilde = UInt8(ascii: "~")

/// The bytes of a path, without the terminating NUL.
func bytes(of path: FilePath) -> [UInt8] {
  path.withPlatformString { p in
    Array(
      UnsafeBufferPointer(
        start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
  }
}

func bytes(of component: FilePath.Component) -> [UInt8] {
  component.withPlatformString { p in
    Array(
      UnsafeBufferPointer(
        start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
  }
}

func filePath(_ bytes: [UInt8]) -> FilePath {
  FilePath(platformString: cString(bytes))
}

/// `bytes` NUL-terminated, for a system call. (The checks work on plain bytes rather than
/// `FilePath`, whose normalisation costs more than the system calls for paths of thousands of
/// parts, and which would hide a trailing `/` and cut at a NUL.)
func cString<C: Collection<UInt8>>(_ bytes: C) -> [CChar] {
  var out = [CChar]()
  out.reserveCapacity(bytes.count + 1)
  for b in bytes { out.append(CChar(bitPattern: b)) }
  out.append(0)
  return out
}

/// `~` or `~/rest` with the home folder put in; other names as they are (`~user` is not expanded).
func expandingTilde(_ raw: [UInt8], home: FilePath?) -> Result<[UInt8], FileSafetyError> {
  guard raw.first == tilde, raw.count == 1 || raw[1] == slash else { return .success(raw) }
  guard let home, !home.isEmpty else {
    return .failure(FileSafetyError("~ means the home folder, but HOME is not set"))
  }
  return .success(bytes(of: home) + raw.dropFirst())
}

/// Checks the name `raw` (bytes as typed: a `FilePath` would already have dropped a trailing `/`
/// and cut at a NUL) and opens its folder.
func resolve(raw: [UInt8], in place: Place, depth: Int = 0)
  -> Result<ResolvedTarget, FileSafetyError>
{
  var raw = raw
  guard !raw.contains(0) else {
    return .failure(FileSafetyError("the name contains a NUL character"))
  }
  guard !raw.isEmpty else { return .failure(FileSafetyError("no file name given")) }
  switch expandingTilde(raw, home: depth == 0 ? place.home : nil) {
  case .failure(let e): return .failure(e)
  case .success(let r): raw = r
  }
  guard raw.last != slash else {
    return .failure(FileSafetyError("a name ending in / is a folder"))
  }
  guard raw.count <= pathMax else {
    return .failure(FileSafetyError("the path is longer than \(pathMax) bytes"))
  }
  let cut = raw.lastIndex(of: slash)
  let lastBytes = Array(raw[(cut.map { $0 + 1 } ?? 0)...])
  guard lastBytes != [0x2E], lastBytes != [0x2E, 0x2E] else {
    return .failure(FileSafetyError(". and .. are folders"))
  }
  guard lastBytes.count <= nameMax else {
    return .failure(FileSafetyError("the file name is longer than \(nameMax) bytes"))
  }
  let folderBytes = cut.map { $0 == 0 ? [slash] : Array(raw[..<$0]) } ?? [0x2E]
  if folderBytes.split(separator: slash).contains(where: { $0.count > nameMax }) {
    return .failure(FileSafetyError("a folder name in the path is longer than \(nameMax) bytes"))
  }
  let last = cString(lastBytes)
  let folderPath = cString(folderBytes)

  let folder = openFolder(folderPath, base: place.base)
  guard folder >= 0 else { return .failure(folderError(errno, folderPath, base: place.base)) }
  let target = ResolvedTarget(folder: folder, name: last)

  var st = stat()
  let found = fstatat(folder, last, &st, AT_SYMLINK_NOFOLLOW)
  if found != 0 {
    let code = errno
    guard code == ENOENT else { return .failure(.system("cannot look at the name", code)) }
    if let e = folderWritable(folder) { return .failure(e) }
    return .success(target)
  }
  switch st.st_mode & S_IFMT {
  case S_IFREG:
    if let e = folderWritable(folder) { return .failure(e) }
    if faccessat(folder, last, W_OK, 0) != 0 {
      return .failure(.system("the file cannot be replaced", errno))
    }
    target.existing = st
    return .success(target)
  case S_IFLNK:
    return followLink(last, in: folder, place: place, depth: depth)
  default:
    return .failure(FileSafetyError(notAFile(st.st_mode, link: false)))
  }
}

/// A symbolic link is saved through: its final target must be a regular file, which is then
/// replaced (the link stays a link).
private func followLink(
  _ name: [CChar], in folder: CInt, place: Place, depth: Int
) -> Result<ResolvedTarget, FileSafetyError> {
  var st = stat()
  if fstatat(folder, name, &st, 0) != 0 {
    let code = errno
    if code == ENOENT { return .failure(FileSafetyError("a symbolic link to nothing")) }
    if code == ELOOP { return .failure(FileSafetyError("a loop of symbolic links")) }
    return .failure(.system("cannot follow the symbolic link", code))
  }
  guard st.st_mode & S_IFMT == S_IFREG else {
    return .failure(FileSafetyError(notAFile(st.st_mode, link: true)))
  }
  guard depth < 40 else { return .failure(FileSafetyError("a loop of symbolic links")) }
  var buffer = [CChar](repeating: 0, count: pathMax + 2)
  let n = readlinkat(folder, name, &buffer, buffer.count - 1)
  guard n > 0, n <= pathMax else {
    return .failure(.system("cannot read the symbolic link", n < 0 ? errno : ENAMETOOLONG))
  }
  // A relative link target is relative to the link's folder.
  var next = place
  next.base = folder
  return resolve(raw: buffer[..<n].map { UInt8(bitPattern: $0) }, in: next, depth: depth + 1)
}

private func notAFile(_ mode: mode_t, link: Bool) -> String {
  let what: String
  switch mode & S_IFMT {
  case S_IFDIR: what = "a folder"
  case S_IFCHR, S_IFBLK: what = "a device"
  case S_IFIFO: what = "a named pipe"
  case S_IFSOCK: what = "a socket"
  default: what = "not a regular file"
  }
  return link ? "a symbolic link to \(what)" : "that is \(what), not a file"
}

func openFolder(_ path: [CChar], base: CInt) -> CInt {
  #if os(Linux)
    // O_PATH (0o10000000 on every Linux architecture Swift runs on; Glibc hides it behind
    // _GNU_SOURCE): the folder need only be searchable, as for any other save into it.
    let flags = CInt(0o1000_0000) | O_DIRECTORY | O_CLOEXEC
  #else
    let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
  #endif
  return openat(base, path, flags)
}

private func folderError(_ code: CInt, _ path: [CChar], base: CInt) -> FileSafetyError {
  switch code {
  case ENOENT: return FileSafetyError("the folder does not exist")
  case ENOTDIR:
    var st = stat()
    let isFile = fstatat(base, path, &st, 0) == 0
    return FileSafetyError(
      isFile ? "the folder part names a file" : "a part of the folder is a file")
  case ELOOP: return FileSafetyError("a loop of symbolic links in the folder")
  case ENAMETOOLONG: return FileSafetyError("the path is too long")
  default: return .system("cannot open the folder", code)
  }
}

/// nil when files can be created and renamed in `folder`, else why not.
private func folderWritable(_ folder: CInt) -> FileSafetyError? {
  guard faccessat(folder, ".", W_OK | X_OK, 0) != 0 else { return nil }
  return .system("cannot write in the folder", errno)
}
