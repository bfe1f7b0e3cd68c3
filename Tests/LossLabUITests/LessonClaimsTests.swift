import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// Every claim of every lesson step, checked against the app: the step is opened through the app's
/// own update (`startLesson`), and each claim is read from the state with LossCore. Interactive
/// steps are played: a prediction is revealed, a task is solved with its keys (and is not solved
/// before them), every quiz answer is tried.
@Suite struct LessonClaimsTests {
  /// The app at step `i` of `lesson`, as the student sees it.
  func app(_ lesson: Lesson, _ i: Int) -> LossLabApp {
    var app = LossLabApp(state: AppState(width: 100, height: 30))
    app.startLesson(lesson, step: i)
    return app
  }

  @Test(arguments: Lessons.all.map(\.name))
  func everyClaimHolds(_ name: String) {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() {
      let at = "\(name) step \(i + 1)"
      let a = app(lesson, i)
      #expect(a.state.lesson?.step == i, "\(at)")
      if !step.isQuiz { #expect(!step.expect.isEmpty, "\(at) states no claims") }
      for claim in step.expect {
        let outcome = LessonCheck.check(claim, in: a.state)
        #expect(outcome.holds, "\(at): \(claim) does not hold: \(outcome.found)")
        if let view = claim.view {
          #expect(
            view == a.state.view,
            "\(at): \(claim) is about \(view.title), the step shows \(a.state.view.title)")
        }
      }
    }
  }

  /// The screen follows the lesson: every minimum a step mentions (in a claim, a prediction or a
  /// goal) is inside the window, and the panel lists it.
  @Test(arguments: Lessons.all.map(\.name))
  func everyMinimumMentionedIsFramedAndListed(_ name: String) {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() {
      var mentioned = step.expect.flatMap(\.minimaMentioned)
      switch step.kind {
      case .predict(let p): mentioned += p.value.minimaMentioned
      case .task(let t): mentioned += t.goal.flatMap(\.claim.minimaMentioned)
      default: break
      }
      guard !mentioned.isEmpty else { continue }
      let a = app(lesson, i)
      let inside = LessonCheck.check(.minimumInsideWindow(mentioned), in: a.state)
      #expect(inside.holds, "\(name) step \(i + 1): \(inside.found)")
      let listed = LessonCheck.check(.minimaListed(mentioned), in: a.state)
      #expect(
        listed.holds, "\(name) step \(i + 1): \(listed.found), not \(mentioned.map(\.shortName))")
    }
  }

  /// Every decimal number a step's text quotes is one its claims state (or a setting of its setup):
  /// text cannot drift from what the tests check.
  @Test(arguments: Lessons.all.map(\.name))
  func numbersInTheTextAreClaimed(_ name: String) {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() where !step.isQuiz {
      let a = app(lesson, i)
      var known: [Double] = []
      func add(_ q: LessonQuantity) {
        if let v = LessonCheck.value(q, in: a.state) { known.append(v) }
        switch q {
        case .gap(let x, let y):
          add(x)
          add(y)
        case .curveValue(_, let x), .curveSlope(_, let x): known.append(x)
        default: break
        }
      }
      for claim in step.expect {
        if case .value(_, let c) = claim {
          known += [c.expected, c.above, c.below].compactMap { $0 }
        }
        claim.quantities.forEach(add)
      }
      if case .task(let t) = step.kind {
        for g in t.goal {
          if case .value(_, let c) = g.claim {
            known += [c.expected, c.above, c.below].compactMap { $0 }
          }
          g.claim.quantities.forEach(add)
        }
      }
      var texts = [step.text]
      if case .predict(let p) = step.kind {
        add(p.value)
        texts += [p.reveal].compactMap { $0 }
      }
      let c = a.state.contour
      known += [c.learningRate, c.delta, c.tau, c.start.w, c.start.b, a.state.curves.cursorX]
      for text in texts {
        let normalized = text.replacingOccurrences(of: "−", with: "-")
        for match in normalized.matches(of: #/(-?\d+\.\d+)(%?)/#) {
          let quoted = String(match.output.1)
          // A percentage (accuracy 26.7%) is claimed as a fraction (0.267).
          let value = Double(quoted)! / (match.output.2.isEmpty ? 1 : 100)
          let decimals = quoted.count - quoted.firstIndex(of: ".")!.utf16Offset(in: quoted) - 1
          let half =
            0.5 * pow(10, -Double(decimals)) / (match.output.2.isEmpty ? 1 : 100) + 1e-9
          #expect(
            known.contains { abs($0 - value) <= half },
            "\(name) step \(i + 1) quotes \(quoted), which no claim states")
        }
      }
    }
  }

  @Test(arguments: Lessons.all.map(\.name))
  func lessonsHaveTheirShape(_ name: String) {
    let lesson = Lesson.named(name)!
    let teaching = lesson.steps.filter { !$0.isQuiz }
    let quiz = lesson.steps.filter(\.isQuiz)
    #expect((4...10).contains(teaching.count), "\(name): \(teaching.count) steps before the quiz")
    #expect((2...3).contains(quiz.count), "\(name): \(quiz.count) quiz questions")
    #expect(
      teaching.contains { if case .show = $0.kind { false } else { true } },
      "\(name) has no predict or task step")
  }

  /// A prediction: ↑/↓ move the guess within its range, Enter reveals the true value (a number the
  /// step's range holds), and the gap is recorded.
  @Test(arguments: Lessons.all.map(\.name))
  func predictionsReveal(_ name: String) throws {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() {
      guard case .predict(let p) = step.kind else { continue }
      let at = "\(name) step \(i + 1)"
      var a = app(lesson, i)
      let truth = try #require(LessonCheck.value(p.value, in: a.state), "\(at)")
      if case .curveValue(let c, _) = p.value {
        // The answer is not on the screen before the reveal.
        #expect(
          !a.state.curves.entries.contains { $0.curve == c && $0.visible },
          "\(at): \(c.asciiName) is shown")
      }
      #expect(p.range.contains(truth), "\(at): the answer \(truth) is outside the guess range")
      #expect(abs(p.start - truth) > p.close, "\(at): the starting guess is already right")
      _ = a.handle(.key(.up))
      #expect(a.state.lesson?.guess == min(p.start + p.by, p.range.upperBound), "\(at)")
      let command = a.handle(.key(.enter))
      #expect(a.state.lesson?.revealed == true, "\(at)")
      let gap = try #require(a.state.progress.lessons[name]?.predictions[String(i + 1)], "\(at)")
      #expect(abs(gap - abs(p.start + p.by - truth)) < 1e-9, "\(at)")
      guard case .saveProgress = command else {
        Issue.record("\(at): the reveal did not ask to save the progress")
        continue
      }
      if case .curveValue(let c, let x) = p.value {
        #expect(a.state.curves.selectedCurve == c && a.state.curves.cursorX == x, "\(at)")
        // The guess is drawn where it was made, as a level line at ŷ = x.
        #expect(
          a.state.curves.guessAt == x && a.state.curves.guessValue == a.state.lesson?.guess, "\(at)"
        )
      }
    }
  }

  /// A task: its goal does not hold at the start (Enter gives a hint), and its solution keys reach it
  /// (Enter confirms, and the progress says solved).
  @Test(arguments: Lessons.all.map(\.name))
  func tasksAreSolvedByTheirSolution(_ name: String) {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() {
      guard case .task(let t) = step.kind else { continue }
      let at = "\(name) step \(i + 1)"
      var a = app(lesson, i)
      _ = a.handle(.key(.enter))
      #expect(a.state.lesson?.feedback?.solved == false, "\(at): solved before any key")
      for key in t.solution { _ = a.handle(.key(key)) }
      #expect(a.state.lesson?.step == i, "\(at): the solution left the step")
      for g in t.goal {
        let o = LessonCheck.check(g.claim, in: a.state)
        #expect(o.holds, "\(at): after the solution, \(g.claim) does not hold: \(o.found)")
      }
      _ = a.handle(.key(.enter))
      #expect(a.state.lesson?.feedback == .init(solved: true, message: t.done), "\(at)")
      #expect(a.state.progress.lessons[name]?.tasks[String(i + 1)] == "solved", "\(at)")
    }
  }

  /// A quiz: each choice key is taken, the right one is recorded as right, and the last answer of
  /// the lesson marks it done.
  @Test(arguments: Lessons.all.map(\.name))
  func quizAnswersAreRecorded(_ name: String) {
    let lesson = Lesson.named(name)!
    for (i, step) in lesson.steps.enumerated() {
      guard case .quiz(let q) = step.kind else { continue }
      let at = "\(name) step \(i + 1)"
      for choice in 1...q.choices.count {
        var a = app(lesson, i)
        _ = a.handle(.key(.character(Unicode.Scalar(UInt8(48 + choice)))))
        #expect(a.state.lesson?.chosen == choice, "\(at)")
        #expect(
          a.state.view == lesson.steps[i].setup.view ?? .curves, "\(at): a digit switched the view")
        let record = a.state.progress.lessons[name]?.quiz[String(i + 1)]
        #expect(record == .init(answer: choice, correct: choice == q.answer), "\(at)")
        #expect(a.state.progress.lessons[name]?.done == (i == lesson.steps.count - 1), "\(at)")
      }
      // A digit past the choices is not taken as a view to switch to.
      var a = app(lesson, i)
      let view = a.state.view
      _ = a.handle(.key(.character(Unicode.Scalar(UInt8(48 + q.choices.count + 1)))))
      #expect(a.state.view == view && a.state.lesson?.chosen == nil, "\(at)")
    }
  }
}
