import SystemPackage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Saves `contents` (as UTF-8) to `path` so that the file is either the old one or the new one,
/// whole, whatever happens: no half-written file, and no temporary file left behind.
///
/// The name is checked as `inspectSaveTarget(_:)` does, and a refused name throws its reason. An
/// existing file is replaced without asking (ask first when `inspectSaveTarget` says
/// `.existingFile`); it keeps its permissions (and owner, where allowed). A symbolic link to a
/// regular file stays a link: the file it points to is replaced.
///
/// How: the data goes into a temporary file in the same folder, which is flushed to disk (`fsync`)
/// and then renamed over the name, an atomic step. On Linux the temporary file has no name at all
/// while it is written (`O_TMPFILE`), so a crash, a kill or a power cut during the write leaves
/// nothing behind; it gets a hidden name only for the instant before the rename. Elsewhere (and on
/// file systems without unnamed files) it is a hidden `.losslab-save-…` file, removed on every
/// failure. Ctrl-C, SIGTERM, SIGHUP and SIGQUIT are held back in this thread while the file is
/// written, and take effect once it is saved or cleaned up.
public func writeAtomically(_ contents: String, to path: String) throws(FileSafetyError) {
  try writeAtomically(Array(contents.utf8), raw: Array(path.utf8), in: .current)
}

/// `writeAtomically(_:to:)` for a path given as bytes (names need not be UTF-8).
public func writeAtomically(_ contents: String, to path: FilePath) throws(FileSafetyError) {
  try writeAtomically(Array(contents.utf8), raw: bytes(of: path), in: .current)
}

func writeAtomically(_ data: [UInt8], raw: [UInt8], in place: Place) throws(FileSafetyError) {
  let target: ResolvedTarget
  switch resolve(raw: raw, in: place) {
  case .failure(let e): throw e
  case .success(let t): target = t
  }
  let signals = HeldSignals()
  defer { signals.release() }
  #if os(Linux)
    if !place.namedTemporaryOnly, try writeUnnamed(data, to: target, place: place) { return }
  #endif
  try writeNamed(data, to: target, place: place)
}

#if os(Linux)
  /// `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; a macro Swift does not import).
  private let openTemporary = CInt(0o2000_0000) | O_DIRECTORY

  /// Writes through an unnamed file; false when the file system has none (nothing was changed).
  private func writeUnnamed(_ data: [UInt8], to target: ResolvedTarget, place: Place)
    throws(FileSafetyError) -> Bool
  {
    let fd = openat(target.folder, ".", openTemporary | O_WRONLY | O_CLOEXEC, 0o666)
    if fd < 0 {
      let code = errno
      if code == EOPNOTSUPP || code == EISDIR || code == EINVAL { return false }
      throw .system("cannot create a file in the folder", code)
    }
    defer { close(fd) }
    try fill(fd, with: data, like: target.existing, place: place)

    // Give it a hidden name through /proc (linkat with AT_EMPTY_PATH would need a capability).
    let source = "/proc/self/fd/\(fd)"
    var temporary: String? = nil
    for _ in 0..<16 {
      let name = temporaryName()
      if linkat(AT_FDCWD, source, target.folder, name, AT_SYMLINK_FOLLOW) == 0 {
        temporary = name
        break
      }
      let code = errno
      if code == EEXIST { continue }
      if code == ENOENT, access("/proc/self/fd", F_OK) != 0 { return false }  // no /proc
      throw .system("cannot create a file in the folder", code)
    }
    guard let temporary else { throw FileSafetyError("cannot find a free temporary name") }
    try moveIntoPlace(temporary, target: target, place: place)
    return true
  }
#endif

/// Writes through a hidden named file, removed again on any failure.
private func writeNamed(_ data: [UInt8], to target: ResolvedTarget, place: Place)
  throws(FileSafetyError)
{
  var fd: CInt = -1
  var temporary = ""
  for _ in 0..<16 {
    temporary = temporaryName()
    fd = openat(target.folder, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    if fd >= 0 || errno != EEXIST { break }
  }
  guard fd >= 0 else { throw .system("cannot create a file in the folder", errno) }
  do {
    try fill(fd, with: data, like: target.existing, place: place)
  } catch {
    close(fd)
    unlinkat(target.folder, temporary, 0)
    throw error
  }
  close(fd)
  try moveIntoPlace(temporary, target: target, place: place)
}

/// Writes all of `data`, gives the file the old file's owner and mode, and flushes it to disk.
private func fill(_ fd: CInt, with data: [UInt8], like old: stat?, place: Place)
  throws(FileSafetyError)
{
  var written = 0
  var halfway = place.midWrite
  while written < data.count {
    if let hook = halfway, written >= data.count / 2 {
      halfway = nil
      hook()
    }
    var count = data.count - written
    if halfway != nil { count = min(count, max(data.count / 2 - written, 1)) }
    if let fail = place.failWrite {
      if written >= fail.afterBytes { throw .system("write failed", fail.errno) }
      count = min(count, fail.afterBytes - written)
    }
    let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + written, count) }
    if n < 0 {
      if errno == EINTR { continue }
      throw .system("write failed", errno)
    }
    if n == 0 { throw .system("write failed", EIO) }
    written += n
  }
  if let old {
    // The owner first: a change of owner clears the set-user-ID bits, which fchmod then restores.
    _ = fchown(fd, old.st_uid, old.st_gid)  // allowed only to root or within the owner's groups
    if fchmod(fd, old.st_mode & 0o7777) != 0 {
      throw .system("cannot keep the file's permissions", errno)
    }
  }
  if place.durable, fsync(fd) != 0 { throw .system("write failed", errno) }
}

/// Renames `temporary` over the target's name (removing it on failure) and flushes the folder.
private func moveIntoPlace(_ temporary: String, target: ResolvedTarget, place: Place)
  throws(FileSafetyError)
{
  guard renameat(target.folder, temporary, target.folder, target.name) == 0 else {
    let code = errno
    unlinkat(target.folder, temporary, 0)
    throw .system(target.existing == nil ? "cannot name the file" : "cannot replace the file", code)
  }
  // Make the rename itself durable. A folder opened for reading can be flushed; if this fails the
  // file is saved all the same, only perhaps not yet on disk.
  let dir = place.durable ? openat(target.folder, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
  if dir >= 0 {
    _ = fsync(dir)
    close(dir)
  }
}

/// The prefix of every temporary file's name (hidden, and recognisable as ours).
let temporaryPrefix = ".losslab-save-"

private func temporaryName() -> String {
  let random = UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF
  return temporaryPrefix + "\(getpid())-" + String(random, radix: 36) + ".tmp"
}

/// Holds back the signals that end a program by default (Ctrl-C and friends) in this thread, so
/// that they cannot stop a save halfway; `release()` lets the held ones through.
private struct HeldSignals {
  private var previous = sigset_t()

  init() {
    var set = sigset_t()
    sigemptyset(&set)
    for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2] {
      sigaddset(&set, sig)
    }
    pthread_sigmask(SIG_BLOCK, &set, &previous)
  }

  func release() {
    var old = previous
    pthread_sigmask(SIG_SETMASK, &old, nil)
  }
}
