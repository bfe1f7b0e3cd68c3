import Foundation
import Testing

/// The save prompt in the real app (the front end carries out the app's file commands) and in
/// `render --keys`, which never writes a file.
@Suite(.serialized) struct SavePromptTerminalTests {
  @Test func anExistingFileIsReplacedOnlyAfterY() throws {
    let app = try AppRun.start(["contour"], width: 100, height: 30)
    defer { app.close() }
    let file = app.scratch.path + "/notes.txt"
    try "my notes\n".write(toFile: file, atomically: true, encoding: .utf8)
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to: losslab-contour.json")
    app.session.type("notes.txt")
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "replace notes.txt? y/n")
    app.session.send(keys: ["n"])
    app.expectScreen(containing: "not saved: notes.txt kept as it was")
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "my notes\n")

    // Shell-line editing: the offered name is replaced by typing; Ctrl-U clears; Tab completes.
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to: losslab-contour.json")
    app.session.type("xyz")
    app.session.send(keys: ["C-u"])
    app.session.type("no")
    app.session.send(keys: ["Tab"])
    app.expectScreen(containing: "save scenario to: notes.txt")
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "replace notes.txt? y/n")
    app.session.send(keys: ["y"])
    app.expectScreen(containing: "saved to notes.txt")
    let saved = try String(contentsOfFile: file, encoding: .utf8)
    #expect(saved.contains("\"view\": \"contour\""), "\(saved)")
    let left = try FileManager.default.contentsOfDirectory(atPath: app.scratch.path)
    #expect(Set(left) == ["app.sh", "pid", "notes.txt"], "no temporary file is left: \(left)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func aFolderAndADeviceAreRefusedWithTheirName() throws {
    let app = try AppRun.start(["curves"], width: 100, height: 30)
    defer { app.close() }
    try FileManager.default.createDirectory(
      atPath: app.scratch.path + "/runs", withIntermediateDirectories: false)
    app.expectScreen(containing: "slope")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type("runs")
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "not saved: that is a folder, not a file (runs)")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "save scenario to:")
    app.session.type("/dev/null")
    app.session.send(keys: ["Enter"])
    app.expectScreen(containing: "not saved: that is a device, not a file (/dev/null)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  /// The keys of `text` typed one by one, as `--keys` takes them.
  static func typed(_ text: String) -> String {
    text.unicodeScalars.map { $0 == " " ? "Space" : String($0) }.joined(separator: " ")
  }

  @Test func renderWithKeysNeverWritesAFile() throws {
    let scratch = try ScratchDirectory()
    let target = scratch.path + "/new.json"
    let r = try Spawn.losslab([
      "render", "contour", "--width", "120", "--keys", "s w \(Self.typed(target)) Enter",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("save skipped"), "\(r.stdout)")
    #expect(!FileManager.default.fileExists(atPath: target))

    // A name that exists gets the question, and even `y` writes nothing.
    let existing = scratch.path + "/old.json"
    try "old\n".write(toFile: existing, atomically: true, encoding: .utf8)
    let asked = try Spawn.losslab([
      "render", "contour", "--width", "120", "--keys", "w \(Self.typed(existing)) Enter",
    ])
    #expect(asked.stdout.contains("replace \(existing)? y/n"), "\(asked.stdout)")
    let yes = try Spawn.losslab([
      "render", "contour", "--width", "120", "--keys", "w \(Self.typed(existing)) Enter y",
    ])
    #expect(yes.stdout.contains("save skipped"), "\(yes.stdout)")
    #expect(try String(contentsOfFile: existing, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["old.json"])
  }
}
