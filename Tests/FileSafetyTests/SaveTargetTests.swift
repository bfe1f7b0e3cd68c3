import SystemPackage
import Testing

@testable import FileSafety

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Each kind of name on its own: what `inspectSaveTarget` says, and that `writeAtomically` agrees.
@Suite struct SaveTargetTests {
  @Test(arguments: ["a", "w", "x", "é", "😀", " ", "'", "\"", "-", "~x", ".hidden", "a b"])
  func oneShortNameSaves(name: String) throws {
    let box = try Sandbox()
    #expect(inspectSaveTarget(name, in: box.place) == .new)
    try writeAtomically(Array("data".utf8), raw: Array(name.utf8), in: box.place)
    #expect(box.read(name) == "data")
    #expect(inspectSaveTarget(name, in: box.place) == .existingFile)
  }

  @Test(arguments: [
    ("", "no file name given"),
    (".", ". and .. are folders"),
    ("..", ". and .. are folders"),
    ("folder/..", ". and .. are folders"),
    ("/", "a name ending in / is a folder"),
    ("//", "a name ending in / is a folder"),
    ("x/", "a name ending in / is a folder"),
    ("folder", "that is a folder, not a file"),
    ("~", "that is a folder, not a file"),
    ("fifo", "that is a named pipe, not a file"),
    ("/dev/full", "that is a device, not a file"),
    ("/dev/null", "that is a device, not a file"),
    ("link-folder", "a symbolic link to a folder"),
    ("link-device", "a symbolic link to a device"),
    ("dangling", "a symbolic link to nothing"),
    ("loop", "a loop of symbolic links"),
    ("missing/x.json", "the folder does not exist"),
    ("missing/deeper/x.json", "the folder does not exist"),
    ("file-as-folder/x.json", "the folder part names a file"),
    ("file-as-folder/y/x.json", "a part of the folder is a file"),
    ("a\u{0}b", "the name contains a NUL character"),
    (String(repeating: "n", count: 256), "the file name is longer than 255 bytes"),
    (
      String(repeating: "d", count: 256) + "/x",
      "a folder name in the path is longer than 255 bytes"
    ),
    (String(repeating: "./", count: 2100) + "x", "the path is longer than 4095 bytes"),
  ])
  func refusedWithAReason(name: String, reason: String) throws {
    let box = try Sandbox()
    let before = box.allEntries()
    #expect(inspectSaveTarget(name, in: box.place) == .refused(reason: reason))
    #expect(throws: FileSafetyError(reason)) {
      try writeAtomically(Array("data".utf8), raw: Array(name.utf8), in: box.place)
    }
    #expect(
      box.allEntries().sorted { $0.lexicographicallyPrecedes($1) }
        == before.sorted { $0.lexicographicallyPrecedes($1) })
    #expect(box.read("existing.json") == "old")
  }

  /// 255 bytes is the longest name the kernel takes; 254 ASCII + one 2-byte letter is 256.
  @Test func nameLengthIsCountedInBytes() throws {
    let box = try Sandbox()
    let longest = String(repeating: "n", count: 255)
    #expect(inspectSaveTarget(longest, in: box.place) == .new)
    try writeAtomically(Array("x".utf8), raw: Array(longest.utf8), in: box.place)
    #expect(box.read(longest) == "x")
    #expect(
      inspectSaveTarget(String(repeating: "n", count: 254) + "é", in: box.place)
        == .refused(reason: "the file name is longer than 255 bytes"))
  }

  /// A long path made of many short folders saves as long as it fits in PATH_MAX.
  @Test func longPathOfShortFoldersSaves() throws {
    let box = try Sandbox()
    var folder = ""
    for i in 0..<150 {
      folder += "folder-\(i % 10)-name/"
      try box.mkdir(String(folder.dropLast()))
    }
    let name = folder + "x.json"
    #expect(name.utf8.count > 2000)
    #expect(inspectSaveTarget(name, in: box.place) == .new)
    try writeAtomically(Array("deep".utf8), raw: Array(name.utf8), in: box.place)
    #expect(box.read(name) == "deep")
  }

  @Test func readOnlyFolderIsRefused() throws {
    let box = try Sandbox()
    let folder = try #require(box.readOnlyFolder, "\(box.readOnlyNote)")
    guard case .refused(let reason) = inspectSaveTarget(folder + "/x.json", in: box.place) else {
      Issue.record("a read-only folder was accepted")
      return
    }
    #expect(reason.hasPrefix("cannot write in the folder ("), "\(reason)")
    #expect(throws: FileSafetyError(reason)) {
      try writeAtomically(Array("x".utf8), raw: Array((folder + "/x.json").utf8), in: box.place)
    }
  }

  /// An immutable file (root cannot replace it either) is refused before anything is written.
  @Test func immutableFileIsRefused() throws {
    let box = try Sandbox()
    try box.write("locked.json", "keep")
    guard run(["chattr", "+i", box.path + "/locked.json"]) == 0 else { return }
    defer { run(["chattr", "-i", box.path + "/locked.json"]) }
    #expect(
      inspectSaveTarget("locked.json", in: box.place)
        == .refused(reason: "the file cannot be replaced (Operation not permitted)"))
    #expect(box.read("locked.json") == "keep")
    #expect(box.leftovers().isEmpty)
  }

  @Test func homeFolderIsUsedForTilde() throws {
    let box = try Sandbox()
    #expect(inspectSaveTarget("~/notes.json", in: box.place) == .new)
    try writeAtomically(Array("home".utf8), raw: Array("~/notes.json".utf8), in: box.place)
    #expect(box.read("home/notes.json") == "home")
    var noHome = box.place
    noHome.home = nil
    #expect(
      inspectSaveTarget("~/notes.json", in: noHome)
        == .refused(reason: "~ means the home folder, but HOME is not set"))
    // Only ~ and ~/ are expanded; ~user and a~ are ordinary names.
    #expect(inspectSaveTarget("~user", in: box.place) == .new)
  }

  /// Names that are not UTF-8 are bytes like any other.
  @Test func nonUTF8NamesSave() throws {
    let box = try Sandbox()
    for name: [UInt8] in [
      [0xFF], [0x61, 0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80, 0x2E, 0x6A],
    ] {
      #expect(inspectSaveTarget(raw: name, in: box.place) == .new, "\(name)")
      try writeAtomically(Array("raw".utf8), raw: name, in: box.place)
      #expect(box.read(name) == Array("raw".utf8), "\(name)")
    }
    // The FilePath overload takes such names too.
    let path = FilePath(platformString: [CChar(bitPattern: 0xFE), 0])
    var place = box.place
    place.base = box.fd
    #expect(inspectSaveTarget(path, in: place) == .new)
  }
}

/// Replacing a file: permissions kept, links kept, old file whole until the new one is.
@Suite struct ReplaceTests {
  @Test func replacingKeepsPermissions() throws {
    let box = try Sandbox()
    for mode: mode_t in [0o600, 0o640, 0o755, 0o444, 0o2751] {
      try box.write("kept.json", "old", mode: mode)
      let before = try #require(box.stat("kept.json"))
      #expect(before.st_mode & 0o7777 == mode)
      #expect(inspectSaveTarget("kept.json", in: box.place) == .existingFile)
      try writeAtomically(Array("new".utf8), raw: Array("kept.json".utf8), in: box.place)
      let after = try #require(box.stat("kept.json"))
      #expect(box.read("kept.json") == "new")
      #expect(after.st_mode & 0o7777 == mode, "mode \(String(mode, radix: 8))")
      #expect(after.st_uid == before.st_uid && after.st_gid == before.st_gid)
      #expect(after.st_ino != before.st_ino, "replaced by rename, not rewritten in place")
    }
    #expect(box.leftovers().isEmpty)
  }

  @Test func newFileFollowsTheUmask() throws {
    let box = try Sandbox()
    let old = umask(0o027)
    defer { umask(old) }
    try writeAtomically(Array("x".utf8), raw: Array("fresh.json".utf8), in: box.place)
    #expect((box.stat("fresh.json")?.st_mode ?? 0) & 0o7777 == 0o640)
  }

  @Test func symbolicLinkToAFileStaysALink() throws {
    let box = try Sandbox()
    #expect(inspectSaveTarget("link-file", in: box.place) == .existingFile)
    try writeAtomically(Array("through".utf8), raw: Array("link-file".utf8), in: box.place)
    #expect(box.stat("link-file", follow: false).map { $0.st_mode & S_IFMT } == S_IFLNK)
    #expect(box.read("existing.json") == "through")
    #expect((box.stat("existing.json")?.st_mode ?? 0) & 0o7777 == 0o640)
    // A chain of links, the last one relative to its own folder.
    try box.symlink("../link-file", "folder/link-up")
    try box.symlink("folder/link-up", "chain")
    try writeAtomically(Array("chained".utf8), raw: Array("chain".utf8), in: box.place)
    #expect(box.read("existing.json") == "chained")
    #expect(box.leftovers().isEmpty)
  }

  @Test(arguments: [false, true])
  func failedWriteLeavesOldFileAndNoTemporary(named: Bool) throws {
    let box = try Sandbox()
    for (after, code) in [(0, ENOSPC), (3, ENOSPC), (5, EDQUOT), (1, EIO)] {
      var place = box.place
      place.namedTemporaryOnly = named
      place.failWrite = (after, code)
      let message = "write failed (\(String(cString: strerror(code))))"
      #expect(throws: FileSafetyError(message)) {
        try writeAtomically(Array("new contents".utf8), raw: Array("existing.json".utf8), in: place)
      }
      #expect(throws: FileSafetyError(message)) {
        try writeAtomically(
          Array("new contents".utf8), raw: Array("folder/new.json".utf8), in: place)
      }
      #expect(box.read("existing.json") == "old")
      #expect(box.read("folder/new.json") == nil)
      #expect(box.leftovers().isEmpty, "\(box.leftovers())")
    }
  }

  /// While the data is written the file has no name (Linux), or a hidden temporary one; the
  /// target is the old file until the rename.
  @Test(arguments: [false, true])
  func oldFileIsWholeUntilTheRename(named: Bool) throws {
    let box = try Sandbox()
    var place = box.place
    place.namedTemporaryOnly = named
    let seen = Seen()
    let path = box.path
    place.midWrite = {
      seen.target = (try? String(contentsOfFileBytes: path + "/existing.json")) ?? "?"
      seen.entries = Sandbox.names(in: path)
    }
    let text = String(repeating: "new ", count: 1000)
    try writeAtomically(Array(text.utf8), raw: Array("existing.json".utf8), in: place)
    #expect(seen.target == "old")
    let hidden = seen.entries.filter { $0.hasPrefix(temporaryPrefix) }
    #if os(Linux)
      #expect(hidden.count == (named ? 1 : 0), "\(seen.entries)")
    #endif
    #expect(box.read("existing.json") == text)
    #expect(box.leftovers().isEmpty)
  }

  /// Ctrl-C (and SIGTERM, SIGHUP) during the write wait until the file is saved.
  @Test func interruptWaitsForTheSaveToFinish() throws {
    let box = try Sandbox()
    var place = box.place
    place.midWrite = { raise(SIGINT) }  // this thread: held back while the save runs
    var handler = sigaction()
    handler.__sigaction_handler.sa_handler = { _ in interruptCount.add() }
    var previous = sigaction()
    sigaction(SIGINT, &handler, &previous)
    defer { sigaction(SIGINT, &previous, nil) }
    // The test runner's threads may hold SIGINT back themselves; let it through here.
    var set = sigset_t()
    var oldMask = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, &oldMask)
    defer { pthread_sigmask(SIG_SETMASK, &oldMask, nil) }
    let before = interruptCount.value
    try writeAtomically(Array("saved".utf8), raw: Array("existing.json".utf8), in: place)
    #expect(interruptCount.value == before + 1, "the held signal arrives after the save")
    #expect(box.read("existing.json") == "saved")
    #expect(box.leftovers().isEmpty)
  }
}

final class Seen: @unchecked Sendable {
  var target = ""
  var entries: [String] = []
}

/// Counts SIGINTs seen by the test's handler.
final class SignalCount: @unchecked Sendable {
  private let cell = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
  init() { cell.initialize(to: 0) }
  var value: Int { Int(cell.pointee) }
  func add() { cell.pointee += 1 }
}
let interruptCount = SignalCount()

extension String {
  init(contentsOfFileBytes path: String) throws {
    let f = open(path, O_RDONLY)
    guard f >= 0 else { throw SandboxError("cannot open \(path)") }
    defer { close(f) }
    var buffer = [UInt8](repeating: 0, count: 65536)
    let n = buffer.withUnsafeMutableBytes { Glibc.read(f, $0.baseAddress, $0.count) }
    let text = String(decoding: buffer[..<Swift.max(n, 0)], as: UTF8.self)
    self = text
  }
}

extension Sandbox {
  static func names(in path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var out: [String] = []
    while let e = readdir(dir) {
      out.append(
        withUnsafeBytes(of: e.pointee.d_name) {
          String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        })
    }
    return out
  }
}

/// Tab completion of file names.
@Suite struct CompletionTests {
  @Test func completesEntriesOfTheFolder() throws {
    let box = try Sandbox()
    try box.write("folder/notes.txt", "n")
    try box.write("folder/nodes.json", "n")
    try box.mkdir("folder/nested")
    try box.write("folder/.secret", "s")
    try box.write("ho\u{1B}x", "control")  // cannot be shown: left out
    #expect(
      completeFileName("folder/no", in: box.place) == ["folder/nodes.json", "folder/notes.txt"])
    #expect(
      completeFileName("folder/n", in: box.place) == [
        "folder/nested/", "folder/nodes.json", "folder/notes.txt",
      ])
    #expect(completeFileName("folder/.s", in: box.place) == ["folder/.secret"])
    #expect(completeFileName("folder/zzz", in: box.place) == [])
    #expect(completeFileName("fol", in: box.place) == ["folder/"])
    #expect(completeFileName("link-f", in: box.place) == ["link-file", "link-folder/"])
    #expect(completeFileName("ho", in: box.place) == ["home/"])
    #expect(completeFileName("missing/x", in: box.place) == [])
    #expect(completeFileName("existing.json/", in: box.place) == [])
    #expect(completeFileName("~", in: box.place) == ["~/"])
    try box.write("home/profile.json", "p")
    #expect(completeFileName("~/pro", in: box.place) == ["~/profile.json"])
    #expect(completeFileName("a\u{0}", in: box.place) == [])
    let all = completeFileName("", in: box.place)
    #expect(all.contains("existing.json") && all.contains("folder/") && !all.contains(".."))
    #expect(!all.contains { $0.hasPrefix(".") })
  }

  /// A temporary file of a save never shows up, even with a `.` prefix, while it is unnamed.
  @Test func completionNeverSeesAnUnnamedTemporary() throws {
    let box = try Sandbox()
    var place = box.place
    let fd = box.fd
    let seen = Seen()
    place.midWrite = {
      var p = Place(base: fd, home: nil)
      p.durable = false
      seen.entries = completeFileName(".", in: p)
    }
    try writeAtomically(Array("x".utf8), raw: Array("existing.json".utf8), in: place)
    #if os(Linux)
      #expect(!seen.entries.contains { $0.hasPrefix(temporaryPrefix) }, "\(seen.entries)")
    #endif
  }
}
