import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// The lesson format's errors name the file, line, column and key path; the progress book reads
/// back what it writes and refuses what it cannot read.
@Suite struct LessonFormatTests {
  func decode(_ text: String) throws(ScenarioError) -> Lesson {
    try BuiltInContent.decode(
      Lesson.self, BuiltInContent.File(path: "lessons/x.json", bytes: Array(text.utf8)))
  }

  func message(_ text: String) -> String {
    do {
      _ = try decode(text)
      return "no error"
    } catch {
      return error.description
    }
  }

  func lesson(_ steps: String) -> String {
    #"{"name": "x", "title": "X", "summary": "x", "steps": [\#(steps)]}"#
  }

  let setup = #""setup": {"view": "contour"}"#

  @Test func claimsAndQuantitiesAreTyped() throws {
    let l = try decode(
      lesson(
        #"{"text": "t", \#(setup), "expect": [{"converges": true}, {"diverges": "adam"}, {"value": {"minimum_w": "huber"}, "is": 1.6}, {"greater": ["kl_pq", {"gap": [{"final_w": "momentum"}, 2]}]}, {"minimum_inside_window": ["mse", "mae"]}]}"#
      ))
    #expect(
      l.steps[0].expect == [
        .converges(true, nil), .diverges(true, .adam),
        .value(.minimum(.huber, .w), .init(expected: 1.6, tolerance: 0.005)),
        .greater(.distribution(.klPQ), .gap(.descent(.finalW, .momentum), .number(2))),
        .minimumInsideWindow([.mse, .mae]),
      ])
  }

  @Test func badClaimsNameTheirPlace() {
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "expect": [{"converge": true}]}"#))
        .hasPrefix("Content/lessons/x.json:1:"))
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "expect": [{"converge": true}]}"#))
        .contains("unknown key \"converge\" in steps[0].expect[0]; did you mean \"converges\"?"))
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "expect": [{"value": "kl_qpp", "is": 1}]}"#))
        .contains(
          "steps[0].expect[0].value must name a quantity, found \"kl_qpp\"; did you mean \"kl_qp\"?"
        ))
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "expect": [{"value": "rate"}]}"#))
        .contains("needs \"is\""))
    #expect(
      message(
        lesson(#"{"text": "t", \#(setup), "expect": [{"converges": true, "view": "contour"}]}"#)
      )
      .contains("exactly one of the keys"))
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "expect": [{"converges": true, "hint": "h"}]}"#))
        .contains("hint belongs to a task's \"goal\" claims"))
  }

  @Test func kindsOwnTheirKeys() {
    #expect(
      message(lesson(#"{"text": "t", \#(setup), "choices": ["a", "b"]}"#))
        .contains("steps[0].choices belongs to \"quiz\" steps, and this is a \"show\" step"))
    #expect(
      message(lesson(#"{"kind": "tsak", "text": "t", \#(setup)}"#))
        .contains("did you mean \"task\"?"))
    #expect(
      message(
        lesson(
          #"{"kind": "task", "text": "t", \#(setup), "goal": [{"converges": true}], "hint": "h", "done": "d"}"#
        )
      )
      .contains("needs a \"solution\""))
    #expect(
      message(
        lesson(
          #"{"kind": "task", "text": "t", \#(setup), "goal": [{"converges": true}], "hint": "h", "done": "d", "solution": "Lefft"}"#
        )
      )
      .contains("unknown key name 'Lefft'"))
    #expect(
      message(
        lesson(
          #"{"kind": "quiz", "text": "q", "choices": ["a", "b"], "answer": 1, "explanation": "e"}"#)
      )
      .contains("steps[0] needs the key \"setup\""))
    let quizFirst = lesson(
      #"{"text": "t", \#(setup)}, {"kind": "quiz", "text": "q", "choices": ["a", "b"], "answer": 3, "explanation": "e"}"#
    )
    #expect(message(quizFirst).contains("answer must be a whole number from 1 to 2, found 3"))
    let middle = lesson(
      #"{"text": "t", \#(setup)}, {"kind": "quiz", "text": "q", "choices": ["a", "b"], "answer": 1, "explanation": "e"}, {"text": "t", \#(setup)}"#
    )
    #expect(message(middle).contains("quiz steps come last"))
    #expect(
      message(
        lesson(
          #"{"kind": "predict", "text": "t", \#(setup), "predict": {"value": "rate", "from": 1, "to": 0}}"#
        )
      )
      .contains("needs \"from\" and \"to\" with from < to"))
  }

  @Test func aQuizStepKeepsTheScreenBeforeIt() throws {
    let l = try decode(
      lesson(
        #"{"text": "t", "setup": {"view": "distributions"}}, {"kind": "quiz", "text": "q", "choices": ["a", "b"], "answer": 2, "explanation": "e"}"#
      ))
    #expect(l.steps[1].setup.view == .distributions)
  }

  @Test func progressReadsBackWhatItWrites() throws {
    var book = ProgressBook()
    var r = ProgressBook.Record()
    r.step = 3
    r.furthest = 5
    r.tasks["5"] = "skipped"
    r.predictions["2"] = 0.25
    r.quiz["6"] = .init(answer: 2, correct: true)
    book.lessons["mse-vs-mae"] = r
    #expect(try ProgressBook.parse(Array(book.jsonText.utf8)) == book)
    let lesson = Lesson.named("mse-vs-mae")!
    #expect(book.summary(of: lesson) == "step 3 of \(lesson.steps.count), quiz 1/2")
    // A hand-written record may leave keys out.
    let short = try ProgressBook.parse(
      Array(#"{"version": 1, "lessons": {"x": {"done": true}}}"#.utf8))
    #expect(short.lessons["x"]?.done == true && short.lessons["x"]?.step == 1)
  }

  @Test func unreadableProgressIsRefusedWithAReason() {
    for (text, reason) in [
      ("", "not JSON"), ("{", "not JSON"), (#"{"lessons": {}}"#, "missing version"),
      (#"{"version": 1, "lessons": 3}"#, "bad value at lessons"),
      (#"{"version": 2}"#, "version 2 is not one this losslab reads"),
    ] {
      let error = #expect(throws: LossCoreError.self) { try ProgressBook.parse(Array(text.utf8)) }
      #expect(error?.message.contains(reason) == true, "\(text): \(String(describing: error))")
    }
  }

  /// A progress file that cannot be written is reported once, not at every step.
  @Test func progressNotSavedIsSaidOnce() {
    var a = LossLabApp(state: AppState(width: 100, height: 30))
    a.startLesson(Lesson.named("kl-asymmetry")!, step: 0)
    _ = a.handle(.result(.progressNotSaved(reason: "no HOME")))
    #expect(a.state.message == "lesson progress not saved: no HOME")
    _ = a.handle(.key(.character("n")))
    #expect(a.state.message == nil)
    _ = a.handle(.result(.progressNotSaved(reason: "no HOME")))
    #expect(a.state.message == nil)
  }

  /// Progress is kept through the app's update: a solved task, a skipped one, an answer, the end.
  @Test func theAppRecordsWhatTheStudentDoes() throws {
    var a = LossLabApp(state: AppState(width: 100, height: 30))
    let lesson = Lesson.named("learning-rate")!
    a.startLesson(lesson, step: 4)
    #expect(a.state.progress.lessons["learning-rate"]?.step == 5)
    // n on an unsolved task skips it; p and n again do not turn the skip into anything else.
    let command = a.handle(.key(.character("n")))
    guard case .saveProgress(let text) = command else {
      Issue.record("n did not ask to save: \(command)")
      return
    }
    #expect(try ProgressBook.parse(Array(text.utf8)) == a.state.progress)
    #expect(a.state.progress.lessons["learning-rate"]?.tasks["5"] == "skipped")
    #expect(a.state.progress.lessons["learning-rate"]?.furthest == 6)
    // A lesson reopened without --step resumes where it was left.
    var b = LossLabApp(state: AppState(width: 100, height: 30))
    b.state.progress = a.state.progress
    b.startLesson(lesson)
    #expect(b.state.lesson?.step == 5)
  }
}
