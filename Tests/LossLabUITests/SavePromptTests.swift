import LossPlot
import Testing

@testable import LossLabUI

/// The save prompt, all in memory: keys edit the line; Tab, Enter and `y` become commands; the
/// answers come back as events.
@Suite struct SavePromptTests {
  static func prompt(_ a: LossLabApp) -> SavePrompt? {
    if case .savePrompt(let p) = a.state.overlay { return p }
    return nil
  }

  @Test func thePromptOpensOfferingTheDefaultNameAndTypingReplacesIt() {
    var a = app(.contour, keys: "w")
    #expect(Self.prompt(a)?.line.text == "losslab-contour.json")
    #expect(Self.prompt(a)?.line.offered == true)
    #expect(a.text.contains("save scenario to: losslab-contour.json"))
    a.type("x.json")
    #expect(Self.prompt(a)?.line.text == "x.json")
    #expect(Self.prompt(a)?.line.offered == false)
  }

  @Test func enterOnTheOfferedNameAsksAboutIt() {
    var a = app(.distributions, keys: "w")
    #expect(a.press("Enter") == .inspectSaveTarget(path: "losslab-distributions.json"))
  }

  @Test func anEmptyLineSavesUnderTheDefaultName() {
    var a = app(.curves, keys: "w Backspace")
    #expect(Self.prompt(a)?.line.text == "")
    #expect(a.press("Enter") == .inspectSaveTarget(path: "losslab-curves.json"))
  }

  @Test func editingWorksAsInAShellLine() {
    var a = app(.contour, keys: "w")
    _ = a.press("Left")  // keeps the offered name, now for editing
    #expect(Self.prompt(a)?.line.text == "losslab-contour.json")
    #expect(Self.prompt(a)?.line.cursor == 19)
    _ = a.press("Home")
    a.type("old-")
    #expect(Self.prompt(a)?.line.text == "old-losslab-contour.json")
    _ = a.press("Delete Delete Delete Delete Delete Delete Delete Delete")
    #expect(Self.prompt(a)?.line.text == "old-contour.json")
    _ = a.press("End Backspace Backspace Backspace Backspace Backspace")
    #expect(Self.prompt(a)?.line.text == "old-contour")
    _ = a.press("Left Left Left")
    a.type("X")
    #expect(Self.prompt(a)?.line.text == "old-contXour")
    _ = a.press("Right Right Right Right Right")  // stops at the end
    a.type(".txt")
    #expect(Self.prompt(a)?.line.text == "old-contXour.txt")
    _ = a.press("C-u")
    #expect(Self.prompt(a)?.line.text == "")
    _ = a.press("Backspace Delete Left Home")  // nothing to delete: no crash, still empty
    #expect(Self.prompt(a)?.line.text == "")
    #expect(Self.prompt(a)?.line.cursor == 0)
  }

  @Test func aNewNameIsSavedAndTheFrontEndsAnswerIsShown() {
    var files = FakeFiles()
    var a = app(.contour, keys: "s s s")
    a.press("w", files: &files)
    a.type("run.json")
    a.press("Enter", files: &files)
    #expect(files.log.count == 2)
    #expect(files.log.first == .inspectSaveTarget(path: "run.json"))
    guard case .save("run.json", let text) = files.log.last else {
      Issue.record("no save in \(files.log)")
      return
    }
    #expect(text == Scenario(state: a.state).jsonText)
    #expect(a.state.message == "saved to run.json")
    #expect(a.text.contains("saved to run.json"))
  }

  @Test func anExistingNameIsReplacedOnlyAfterY() {
    var files = FakeFiles(files: ["notes.txt": "mine"])
    var a = app(.contour, keys: "s")
    a.press("w", files: &files)
    a.type("notes.txt")
    a.press("Enter", files: &files)
    #expect(a.text.contains("replace notes.txt? y/n"))
    // Keys other than y, n and Escape wait for an answer.
    a.press("x Enter Space", files: &files)
    #expect(a.text.contains("replace notes.txt? y/n"))
    a.press("n", files: &files)
    #expect(files.files["notes.txt"] == "mine")
    #expect(files.log == [.inspectSaveTarget(path: "notes.txt")])
    #expect(a.state.overlay == nil)
    #expect(a.state.message == "not saved: notes.txt kept as it was")

    a.press("w", files: &files)
    a.type("notes.txt")
    a.press("Enter y", files: &files)
    #expect(files.files["notes.txt"] == Scenario(state: a.state).jsonText)
    #expect(a.state.message == "saved to notes.txt")
  }

  @Test func escapeAtTheQuestionKeepsTheFile() {
    var files = FakeFiles(files: ["a": "keep"])
    var a = app(.curves)
    a.press("w", files: &files)
    a.type("a")
    a.press("Enter Escape", files: &files)
    #expect(files.files["a"] == "keep" && a.state.overlay == nil)
    #expect(a.state.message?.hasPrefix("not saved") == true)
  }

  @Test func aRefusedTargetSaysWhyWithTheName() {
    var a = app(.curves, keys: "w")
    a.type("/dev/null")
    _ = a.press("Enter")
    let command = a.handle(
      .result(
        .saveTarget(path: "/dev/null", status: .refused(reason: "that is not a regular file"))))
    #expect(command == .none)
    #expect(a.state.message == "not saved: that is not a regular file (/dev/null)")
  }

  @Test func aFailedWriteSaysWhy() {
    var a = app(.curves)
    _ = a.handle(.result(.saveFailed(path: "x.json", reason: "disk full")))
    #expect(a.state.message == "not saved: disk full (x.json)")
    #expect(a.text.contains("not saved: disk full (x.json)"))
  }

  @Test func tabCompletesOneNameAndListsSeveral() {
    var files = FakeFiles(files: ["runs/alpha.json": "", "runs/beta.json": "", "runs/bet.txt": ""])
    var a = app(.contour, keys: "w")
    a.type("runs/a")
    a.press("Tab", files: &files)
    #expect(files.log == [.completeFileName(partial: "runs/a")])
    #expect(Self.prompt(a)?.line.text == "runs/alpha.json")
    _ = a.press("C-u")
    a.type("runs/b")
    a.press("Tab", files: &files)
    // Both start with "bet": the line grows to that, the candidates are listed above.
    #expect(Self.prompt(a)?.line.text == "runs/bet")
    #expect(Self.prompt(a)?.note == "bet.txt  beta.json")
    #expect(a.text.contains("bet.txt  beta.json"))
    _ = a.press("a")
    #expect(Self.prompt(a)?.note == nil, "the next key clears the list")
    _ = a.press("C-u")
    a.type("zzz")
    a.press("Tab", files: &files)
    #expect(Self.prompt(a)?.line.text == "zzz")
    #expect(Self.prompt(a)?.note == "no file name starts with zzz")
  }

  @Test func lateOrStrayAnswersChangeNothing() {
    var a = app(.contour, keys: "w")
    a.type("b")
    let before = a.state.overlay
    // Completions for another text, a target for a path not asked about, and answers with no prompt.
    #expect(a.handle(.result(.completions(partial: "x", candidates: ["xyz"]))) == .none)
    #expect(a.handle(.result(.saveTarget(path: "b", status: .new))) == .none)
    #expect(a.state.overlay == before)
    _ = a.press("Escape")
    #expect(a.handle(.result(.saveTarget(path: "b", status: .new))) == .none)
    #expect(a.state.overlay == nil)
  }

  @Test func withoutAnAnswerEscapeStillClosesThePrompt() {
    var a = app(.contour, keys: "w Enter")  // no front end: the check is never answered
    guard case .checking = Self.prompt(a)?.phase else {
      Issue.record("\(String(describing: a.state.overlay))")
      return
    }
    _ = a.press("s")
    #expect(a.state.overlay != nil)
    _ = a.press("Escape")
    #expect(a.state.overlay == nil && a.state.message == "not saved")
  }

  @Test func aLongNameScrollsSoTheCursorStaysInView() {
    var a = app(.contour, width: 60, height: 20, keys: "w")
    let name = String(repeating: "d", count: 80) + "END"
    a.type(name)
    let row = a.render(width: 60, height: 20).line(19)
    #expect(row.contains("END") && row.count <= 60, "\(row)")
  }
}
