import SystemPackage
import Testing

@testable import FileSafety

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ten thousand generated names, each either saved (and read back) or refused with one short
/// line; nothing crashes, no temporary file stays, and the fixtures are untouched.
@Suite struct NameStormTests {
  static let seed: UInt64 = 0x5AFE_F11E

  /// Pieces a name is made of: the cases issue 13 lists, and the sandbox's fixtures.
  static let pieces: [String] = [
    "", "a", "w", "x", "Z", "0", "é", "😀", "\u{FFFD}", "\u{301}", ".", "..", "/", "//", "~", "~/",
    " ", "  ", "'", "\"", "`", "$HOME", "*", "?", "\\", "-n", "\t", "\n", "\r", "\u{1B}", "\u{7F}",
    "\u{0}", "\u{85}", "\u{2028}", "folder", "folder/", "missing", "ro", "file-as-folder",
    "existing.json", "link-file", "link-folder", "link-device", "dangling", "loop", "fifo", "home",
    ".json", "notes.txt", String(repeating: "L", count: 250), String(repeating: "é", count: 128),
    String(repeating: "./", count: 2100), "/dev/full", "/dev/null", "/nonexistent-losslab",
  ]

  @Test func tenThousandNamesEachSaveOrGiveAReason() throws {
    let box = try Sandbox(levels: 6)  // at most 4 pieces, so at most 4 "..": still inside
    var rng = Seeded(seed: Self.seed)
    var saved = 0
    var refused: [String: Int] = [:]
    // Plain checks in the loop (an #expect per name costs more than the save itself); each
    // failure is recorded with the seed, round and name.
    func fail(_ what: String, _ round: Int, _ name: String) {
      Issue.record("\(what) — seed \(Self.seed) round \(round): \(name.debugDescription)")
    }
    for round in 0..<10_000 {
      var name = (0..<rng.int(1...4)).map { _ in rng.pick(Self.pieces) }
        .joined(separator: rng.pick(["", "", "/", "//"]))
      if rng.int(0...9) == 0 { name += "/" }
      // Absolute names outside the sandbox: only the devices, or a folder that does not exist.
      if name.hasPrefix("/"), name != "/dev/full", name != "/dev/null" {
        name = "/nonexistent-losslab" + name
      }
      let raw = Array(name.utf8)
      let contents = Array("round \(round)\n".utf8)
      switch inspectSaveTarget(raw: raw, in: box.place) {
      case .refused(let reason):
        refused[reason, default: 0] += 1
        if !isOneShortLine(reason) {
          fail("not one short line: \(reason.debugDescription)", round, name)
        }
        do {
          try writeAtomically(contents, raw: raw, in: box.place)
          fail("refused (\(reason)), then saved", round, name)
        } catch {
          if error.message != reason {
            fail("refused (\(reason)), then \(error.message)", round, name)
          }
        }
        if name.contains("\u{0}"), reason != "the name contains a NUL character" {
          fail("NUL: \(reason)", round, name)
        }
      case .new, .existingFile:
        if name.hasSuffix("/") || name.contains("\u{0}") { fail("accepted", round, name) }
        do {
          try writeAtomically(contents, raw: raw, in: box.place)
          saved += 1
          let expanded = (try? expandingTilde(raw, home: box.place.home).get()) ?? raw
          if box.read(expanded) != contents { fail("saved, but reads back otherwise", round, name) }
        } catch {
          fail("accepted, then not saved: \(error.message)", round, name)
        }
      }
    }
    #expect(saved > 1000, "saved \(saved)")
    #expect(refused.values.reduce(0, +) > 1000, "\(refused)")
    // Every kind of refusal came up.
    for reason in [
      "no file name given", ". and .. are folders", "a name ending in / is a folder",
      "that is a folder, not a file", "that is a device, not a file",
      "that is a named pipe, not a file", "a symbolic link to a folder",
      "a symbolic link to nothing",
      "a loop of symbolic links", "the folder does not exist", "the name contains a NUL character",
      "the file name is longer than 255 bytes", "the path is longer than 4095 bytes",
    ] {
      #expect(refused[reason] != nil, "never refused with \(reason): \(refused.keys.sorted())")
    }
    if box.readOnlyFolder != nil {
      #expect(refused.keys.contains { $0.hasPrefix("cannot write in the folder") }, "\(refused)")
    }
    #expect(box.leftovers().isEmpty, "\(box.leftovers())")
    #expect(box.read("folder/inner.txt") == "inner")
    #expect((box.stat("existing.json")?.st_mode ?? 0) & 0o7777 == 0o640)
    #expect(box.stat("fifo", follow: false).map { $0.st_mode & S_IFMT } == S_IFIFO)
    #expect(box.stat("dangling", follow: false).map { $0.st_mode & S_IFMT } == S_IFLNK)
  }

  /// Completion never crashes and only offers names that exist, with `/` on folders.
  @Test func completionOffersOnlyWhatIsThere() throws {
    let box = try Sandbox(levels: 6)
    var rng = Seeded(seed: Self.seed &+ 1)
    for round in 0..<3_000 {
      let partial = (0..<rng.int(0...3)).map { _ in rng.pick(Self.pieces + ["f", "l", "d", "e"]) }
        .joined(separator: rng.pick(["", "/"]))
      if partial.hasPrefix("/") { continue }  // the real root is not the sandbox's to list
      let context = "round \(round): \(partial.debugDescription)"
      for option in completeFileName(partial, in: box.place) {
        #expect(option.hasPrefix(partial) || partial.hasPrefix("~"), "\(option) — \(context)")
        let raw = (try? expandingTilde(Array(option.utf8), home: box.place.home).get()) ?? []
        let name = String(decoding: raw.last == 0x2F ? raw.dropLast() : raw[...], as: UTF8.self)
        #expect(
          box.stat(name, follow: false) != nil, "offered a missing name \(option) — \(context)")
        let st = box.stat(name)
        let isFolder = st.map { $0.st_mode & S_IFMT == S_IFDIR } ?? false
        #expect(option.hasSuffix("/") == isFolder, "\(option) — \(context)")
      }
    }
  }
}
