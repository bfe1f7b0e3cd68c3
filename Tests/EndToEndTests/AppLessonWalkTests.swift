import Foundation
import LossLabUI
import Testing

/// Every lesson walked to its end in the real app under tmux, as a student would: each prediction
/// revealed, each task solved with its keys and checked, each question answered. The progress file
/// then says every lesson is done. Waits for what the screen shows, never for a time.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppLessonWalkTests {
  /// Sends one app key to tmux: characters literally, the rest by tmux's names.
  static func send(_ key: Key, to session: TmuxSession) {
    switch key {
    case .character(let c): session.type(String(c))
    case .enter: session.send(keys: ["Enter"])
    case .left: session.send(keys: ["Left"])
    case .right: session.send(keys: ["Right"])
    case .up: session.send(keys: ["Up"])
    case .down: session.send(keys: ["Down"])
    case .shiftUp: session.send(keys: ["S-Up"])
    case .shiftDown: session.send(keys: ["S-Down"])
    case .shiftLeft: session.send(keys: ["S-Left"])
    case .shiftRight: session.send(keys: ["S-Right"])
    case .escape: session.send(keys: ["Escape"])
    case .tab: session.send(keys: ["Tab"])
    default: Issue.record("no tmux name for \(key)")
    }
  }

  @Test func everyLessonIsWalkedToItsEnd() throws {
    let state = try ScratchDirectory()
    let env = ["XDG_STATE_HOME": state.path]
    for lesson in Lessons.all {
      let app = try AppRun.start(["lesson", lesson.name], width: 120, height: 40, env: env)
      defer { app.close() }
      let n = lesson.steps.count
      for (i, step) in lesson.steps.enumerated() {
        let at = "\(lesson.name) step \(i + 1) of \(n)"
        app.expectScreen(containing: "step \(i + 1) of \(n)")
        switch step.kind {
        case .show: break
        case .predict:
          app.session.send(keys: ["Up"])
          app.session.send(keys: ["Enter"])
          let s = app.expectScreen(containing: "True value")
          #expect(s.contains("your guess"), "\(at)\n\(s)")
        case .task(let t):
          app.session.send(keys: ["Enter"])
          app.expectScreen(containing: "Not yet:")
          for key in t.solution { Self.send(key, to: app.session) }
          app.session.send(keys: ["Enter"])
          app.expectScreen(containing: "Done:")
        case .quiz(let q):
          app.session.type(String(q.answer))
          app.expectScreen(containing: "Right.")
        }
        if i + 1 < n { app.session.type("n") }
      }
      app.session.type("q")
      app.expectRestored(status: 0)
    }
    let list = try Spawn.losslab(["lesson", "--list"], env: ["XDG_STATE_HOME": state.path])
    #expect(list.status == 0 && list.stderr.isEmpty, "\(list.stderr)")
    for lesson in Lessons.all {
      let quiz = lesson.steps.filter(\.isQuiz).count
      let line = list.stdout.split(separator: "\n").first { $0.hasPrefix(lesson.name + " ") }
      #expect(line?.hasSuffix("done, quiz \(quiz)/\(quiz)") == true, "\(line ?? "no line")")
    }
  }

  @Test func stepOptionStartsThereAndTheListShowsIt() throws {
    let state = try ScratchDirectory()
    let env = ["XDG_STATE_HOME": state.path]
    let app = try AppRun.start(
      ["lesson", "learning-rate", "--step", "3"], width: 100, height: 30, env: env)
    defer { app.close() }
    let n = Lesson.named("learning-rate")!.steps.count
    app.expectScreen(containing: "step 3 of \(n)")
    app.session.type("q")
    app.expectRestored(status: 0)
    let list = try Spawn.losslab(["lesson", "--list"], env: ["XDG_STATE_HOME": state.path])
    let line = list.stdout.split(separator: "\n").first { $0.hasPrefix("learning-rate ") }
    #expect(line?.hasSuffix("step 3 of \(n)") == true, "\(list.stdout)")
    // Without --step it reopens where it was left.
    let again = try AppRun.start(["lesson", "learning-rate"], width: 100, height: 30, env: env)
    defer { again.close() }
    again.expectScreen(containing: "step 3 of \(n)")
  }

  /// An unreadable progress file: `--list` warns once and lists; the app warns, keeps the old file
  /// as progress.json.bad, and starts afresh with a new file.
  @Test func unreadableProgressWarnsAndStartsAfresh() throws {
    let state = try ScratchDirectory()
    let folder = state.path + "/losslab"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "{not json".write(toFile: folder + "/progress.json", atomically: true, encoding: .utf8)
    let list = try Spawn.losslab(["lesson", "--list"], env: ["XDG_STATE_HOME": state.path])
    #expect(list.status == 0)
    let warnings = list.stderr.split(separator: "\n")
    #expect(warnings.count == 1, "\(list.stderr)")
    #expect(
      list.stderr.hasPrefix(
        "losslab: warning: lesson progress unreadable (not JSON), starting afresh: "))
    #expect(list.stdout.contains("mse-vs-mae "))

    let app = try AppRun.start(
      ["lesson", "mse-vs-mae"], width: 100, height: 30, env: ["XDG_STATE_HOME": state.path])
    defer { app.close() }
    app.expectScreen(containing: "starting afresh")
    app.expectScreen(containing: "step 1 of")
    #expect(
      FileManager.default.contents(atPath: folder + "/progress.json.bad") == Data("{not json".utf8))
    app.session.type("q")
    app.expectRestored(status: 0)
    // Read after the app has exited: the save is a command the front end carries out, not tied
    // to the first paint.
    let fresh = try #require(FileManager.default.contents(atPath: folder + "/progress.json"))
    #expect(String(decoding: fresh, as: UTF8.self).contains("\"mse-vs-mae\""))
  }
}

/// The teacher's commands: a lesson frame from `render`, and the handout.
@Suite struct LessonTeacherTests {
  @Test func renderPrintsALessonStep() throws {
    let r = try Spawn.losslab(
      ["render", "--lesson", "learning-rate", "--step", "3", "--width", "100", "--height", "30"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 30)
    let n = Lesson.named("learning-rate")!.steps.count
    #expect(r.stdout.contains("step 3 of \(n)") && r.stdout.contains("diverging"), "\(r.stdout)")
    let bad = try Spawn.losslab(["render", "--lesson", "learning-rate", "--step", "99"])
    #expect(
      bad.status != 0 && bad.stderr.contains("--step must be from 1 to \(n)"), "\(bad.stderr)")
  }

  @Test func handoutHasEveryStepItsFrameAndTheAnswers() throws {
    let lesson = Lesson.named("mse-vs-mae")!
    let r = try Spawn.losslab([
      "lesson", lesson.name, "--handout", "--width", "90", "--height", "24",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let md = r.stdout
    #expect(md.hasPrefix("# \(lesson.title)\n"))
    let teaching = lesson.steps.filter { !$0.isQuiz }
    let quiz = lesson.steps.filter(\.isQuiz)
    #expect(md.components(separatedBy: "\n## Step ").count - 1 == teaching.count)
    #expect(md.components(separatedBy: "```text\n").count - 1 == teaching.count)
    for step in lesson.steps { #expect(md.contains(step.text), "\(step.text)") }
    let questions = try #require(md.range(of: "\n## Questions\n"))
    let answers = try #require(md.range(of: "\n## Answers\n"))
    #expect(questions.upperBound < answers.lowerBound)
    for (i, step) in quiz.enumerated() {
      guard case .quiz(let q) = step.kind else { continue }
      #expect(md[answers.upperBound...].contains("Question \(i + 1): \(q.answer))"))
    }
    // Each frame is a whole screen: 24 lines of at most 90 columns.
    let frame = md.components(separatedBy: "```text\n")[1].components(separatedBy: "\n```")[0]
    let rows = frame.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(rows.count == 24 && rows.allSatisfy { $0.count <= 90 })
  }
}
