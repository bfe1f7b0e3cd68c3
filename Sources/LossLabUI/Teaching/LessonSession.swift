import LossCore
import LossPlot

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the student is in a lesson, and what they did on the current step.
public struct LessonProgress: Sendable, Equatable {
  public var lesson: Lesson
  public var step: Int
  /// Predict steps: the guess (moved with ↑/↓) and whether Enter revealed the true value.
  public var guess: Double?
  public var revealed = false
  /// Task steps: the answer to the last check (Enter).
  public var feedback: Feedback?
  /// Quiz steps: the choice pressed (counting from 1).
  public var chosen: Int?

  public var name: String { lesson.name }
  public var current: LessonStep { lesson.steps[step] }

  public init(lesson: Lesson, step: Int) {
    self.lesson = lesson
    self.step = min(max(step, 0), lesson.steps.count - 1)
    if case .predict(let p) = lesson.steps[self.step].kind { guess = p.start }
  }

  /// A task check's answer: solved, or not yet with a hint.
  public struct Feedback: Sendable, Equatable {
    public var solved: Bool
    public var message: String
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.lesson.name == b.lesson.name && a.step == b.step && a.guess == b.guess
      && a.revealed == b.revealed && a.feedback == b.feedback && a.chosen == b.chosen
  }
}

/// What a student has done in each lesson, kept between runs (`$XDG_STATE_HOME/losslab/progress.json`,
/// read and written by the front end; the app only asks for the write with a command).
public struct ProgressBook: Sendable, Equatable, Codable {
  /// One lesson's record. Step numbers count from 1, as the panel shows them.
  public struct Record: Sendable, Equatable, Codable {
    /// The step last shown, and the furthest step reached.
    public var step: Int = 1
    public var furthest: Int = 1
    /// Reached the end: the last step shown and its question (if any) answered.
    public var done = false
    /// Task steps: "solved" or "skipped", by step number.
    public var tasks: [String: String] = [:]
    /// Predict steps: how far the revealed guess was from the true value, by step number.
    public var predictions: [String: Double] = [:]
    /// Quiz steps: the first answer given, and whether it was right, by step number.
    public var quiz: [String: QuizAnswer] = [:]
    public init() {}

    /// Every key may be left out (a hand-edited file, or one from an older losslab).
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      step = try c.decodeIfPresent(Int.self, forKey: .step) ?? 1
      furthest = try c.decodeIfPresent(Int.self, forKey: .furthest) ?? step
      done = try c.decodeIfPresent(Bool.self, forKey: .done) ?? false
      tasks = try c.decodeIfPresent([String: String].self, forKey: .tasks) ?? [:]
      predictions = try c.decodeIfPresent([String: Double].self, forKey: .predictions) ?? [:]
      quiz = try c.decodeIfPresent([String: QuizAnswer].self, forKey: .quiz) ?? [:]
    }
  }

  public struct QuizAnswer: Sendable, Equatable, Codable {
    public var answer: Int
    public var correct: Bool
  }

  public var version = 1
  public var lessons: [String: Record] = [:]

  public init() {}

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(Int.self, forKey: .version)
    lessons = try c.decodeIfPresent([String: Record].self, forKey: .lessons) ?? [:]
  }

  /// Reads a progress file's bytes; throws a one-line reason when they are not one.
  public static func parse(_ bytes: [UInt8]) throws -> ProgressBook {
    do {
      let book = try JSONDecoder().decode(ProgressBook.self, from: Data(bytes))
      guard book.version == 1 else {
        throw LossCoreError("version \(book.version) is not one this losslab reads (1)")
      }
      return book
    } catch let e as LossCoreError {
      throw e
    } catch {
      throw LossCoreError(JSONText.describeDecoding(error))
    }
  }

  /// The file's text: pretty JSON with sorted keys, so a diff of two saves reads well.
  public var jsonText: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self) + "\n"
  }

  /// "done", "step 3 of 7", or "" for a lesson never opened; with the quiz score when answered.
  public func summary(of lesson: Lesson) -> String {
    guard let r = lessons[lesson.name] else { return "" }
    var out = r.done ? "done" : "step \(min(r.step, lesson.steps.count)) of \(lesson.steps.count)"
    if !r.quiz.isEmpty {
      out +=
        ", quiz \(r.quiz.values.filter(\.correct).count)/\(lesson.steps.filter(\.isQuiz).count)"
    }
    return out
  }
}

extension JSONText {
  /// A short reason for a Foundation decoding error.
  static func describeDecoding(_ error: any Error) -> String {
    guard let e = error as? DecodingError else { return "unreadable" }
    switch e {
    case .dataCorrupted(let c):
      return c.codingPath.isEmpty ? "not JSON" : "bad value at \(pathText(c.codingPath))"
    case .keyNotFound(let k, let c): return "missing \(pathText(c.codingPath + [k]))"
    case .typeMismatch(_, let c), .valueNotFound(_, let c):
      return "bad value at \(pathText(c.codingPath))"
    @unknown default: return "unreadable"
    }
  }

  static func pathText(_ keys: [any CodingKey]) -> String {
    keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
  }
}

// MARK: The app's lesson actions

extension LossLabApp {
  /// Opens a guided lesson at `step` (counting from 0; nil: where the student left it, or the
  /// start). False when there is no such lesson.
  public mutating func startLesson(_ name: String, step: Int? = nil) -> Bool {
    guard let lesson = Lesson.named(name) else { return false }
    return startLesson(lesson, step: step)
  }

  /// Opens `lesson` (built in or not) at `step`.
  @discardableResult
  public mutating func startLesson(_ lesson: Lesson, step: Int? = nil) -> Bool {
    let record = state.progress.lessons[lesson.name]
    let resume = record.flatMap { $0.done ? nil : $0.step - 1 } ?? 0
    state.lesson = LessonProgress(lesson: lesson, step: step ?? resume)
    goToLessonStep(state.lesson!.step)
    return true
  }

  /// Sets the app up as lesson step `i` says (clamped to the lesson's steps), and notes it in the
  /// progress book.
  mutating func goToLessonStep(_ i: Int) {
    guard let progress = state.lesson else { return }
    let lesson = progress.lesson
    let next = LessonProgress(lesson: lesson, step: i)
    var fresh = AppState(width: state.width, height: state.height, options: state.options)
    fresh.progress = state.progress
    fresh.progressWarned = state.progressWarned
    fresh.lesson = next
    lesson.steps[next.step].setup.apply(to: &fresh)
    // A step's checks and panel may read any view's state, every frame: make them all now.
    for view in ViewID.allCases { fresh.build(view) }
    state = fresh
    showGuess()
    record { r in
      r.step = next.step + 1
      r.furthest = max(r.furthest, next.step + 1)
    }
  }

  /// Changes the current lesson's record.
  mutating func record(_ edit: (inout ProgressBook.Record) -> Void) {
    guard let name = state.lesson?.name else { return }
    var r = state.progress.lessons[name] ?? ProgressBook.Record()
    edit(&r)
    state.progress.lessons[name] = r
  }

  /// Handles `key` if the lesson takes it (its step's keys, then n, p, Escape); nil when it does
  /// not. A change to the progress book comes back as a command to save it.
  mutating func handleLessonKey(_ key: Key) -> AppCommand? {
    guard let progress = state.lesson else { return nil }
    let before = state.progress
    guard takeLessonKey(key, progress) else { return nil }
    return state.progress == before ? AppCommand.none : .saveProgress(text: state.progress.jsonText)
  }

  private mutating func takeLessonKey(_ key: Key, _ progress: LessonProgress) -> Bool {
    let stepNumber = String(progress.step + 1)
    switch progress.current.kind {
    case .predict(let p) where !progress.revealed:
      var nudge: Double? = nil
      switch key {
      case .up, .character("k"): nudge = p.by
      case .down, .character("j"): nudge = -p.by
      case .shiftUp, .character("K"): nudge = 10 * p.by
      case .shiftDown, .character("J"): nudge = -10 * p.by
      case .enter:
        reveal(p, stepNumber)
        return true
      default: break
      }
      if let nudge {
        let g = (progress.guess ?? p.start) + nudge
        state.lesson?.guess = min(max(g, p.range.lowerBound), p.range.upperBound)
        showGuess()
        return true
      }
    case .task(let t):
      if key == .enter {
        let failing = t.goal.first { !LessonCheck.check($0.claim, in: state).holds }
        if let failing {
          state.lesson?.feedback = .init(
            solved: false, message: "Not yet: " + (failing.hint ?? t.hint))
        } else {
          state.lesson?.feedback = .init(solved: true, message: t.done)
          record { $0.tasks[stepNumber] = "solved" }
        }
        return true
      }
    case .quiz(let q):
      if case .character(let c) = key, let n = Int(String(c)), !(1...q.choices.count).contains(n) {
        // A digit is an answer here, not a view to switch to.
        state.message = "answer with 1 to \(q.choices.count)"
        return true
      }
      if case .character(let c) = key, let n = Int(String(c)), (1...q.choices.count).contains(n) {
        state.lesson?.chosen = n
        record { r in
          if r.quiz[stepNumber] == nil {
            r.quiz[stepNumber] = .init(answer: n, correct: n == q.answer)
          }
          if progress.step == progress.lesson.steps.count - 1 { r.done = true }
        }
        return true
      }
    default: break
    }
    guard let action = LessonKeys.table.action(for: key), !(action == .leave && state.explaining)
    else { return false }
    switch action {
    case .next:
      if case .task = progress.current.kind, progress.feedback?.solved != true {
        record { r in
          if r.tasks[stepNumber] == nil { r.tasks[stepNumber] = "skipped" }
        }
      }
      if progress.step + 1 < progress.lesson.steps.count {
        goToLessonStep(progress.step + 1)
      } else {
        record { $0.done = true }
        state.message = "end of the lesson: p goes back, Escape leaves it"
      }
    case .previous: goToLessonStep(progress.step - 1)
    case .leave: state.lesson = nil
    }
    return true
  }

  /// Draws the guess of a curve's value on the curves plot, where the student can compare it with
  /// the curves shown (and, after the reveal, with the curve itself).
  mutating func showGuess() {
    guard let progress = state.lesson, case .predict(let p) = progress.current.kind,
      case .curveValue(_, let x) = p.value
    else { return }
    state.curves.guessAt = x
    state.curves.guessValue = progress.guess ?? p.start
  }

  /// Shows the true value beside the guess; a curve's value is also shown on the screen (the curve
  /// selected, the cursor at its ŷ).
  private mutating func reveal(_ p: LessonStep.Prediction, _ stepNumber: String) {
    state.lesson?.revealed = true
    if case .curveValue(let c, let x) = p.value {
      state.curves.select(c)
      state.curves.cursorX = x
    }
    if let truth = LessonCheck.value(p.value, in: state), let guess = state.lesson?.guess {
      record { $0.predictions[stepNumber] = abs(guess - truth) }
    }
  }
}

// MARK: The lesson panel

/// The lines of the lesson panel under the view: the step's text, then what its kind adds (the
/// guess and the reveal, the task's answer, the question's choices and explanation).
enum LessonPanel {
  static func lines(_ progress: LessonProgress, state: AppState, width: Int, options: RenderOptions)
    -> [(String, Style)]
  {
    let w = max(1, width)
    func wrap(_ text: String, _ style: Style = .plain) -> [(String, Style)] {
      TextWrap.wrap(options.ascii ? asciiOnly(text) : text, width: w).map { ($0, style) }
    }
    let step = progress.current
    var out = wrap(step.text)
    let emphasis = Theme.styled(Theme.heading, options)
    let warn = Theme.styled(Theme.warning, options)
    switch step.kind {
    case .show: break
    case .predict(let p):
      let guess = progress.guess ?? p.start
      if progress.revealed, let truth = LessonCheck.value(p.value, in: state) {
        let gap = abs(guess - truth)
        let verdict =
          gap <= p.close ? "close enough" : "off by \(Fmt.num(gap, 3, ascii: options.ascii))"
        out += wrap(
          "True value \(Fmt.num(truth, 3, ascii: options.ascii)), your guess \(Fmt.num(guess, 3, ascii: options.ascii)): \(verdict).",
          emphasis)
        if let r = p.reveal { out += wrap(r) }
      } else {
        out += wrap(
          "Your guess: \(Fmt.num(guess, 3, ascii: options.ascii))  (Up/Down change it, Shift for bigger steps; Enter reveals)",
          emphasis)
      }
    case .task:
      if let f = progress.feedback {
        out += wrap(f.solved ? "Done: " + f.message : f.message, f.solved ? emphasis : warn)
      } else {
        out += wrap("Enter checks your answer; n skips the task.", emphasis)
      }
    case .quiz(let q):
      for (i, c) in q.choices.enumerated() {
        // "> 2) the choice" for the one pressed, its later lines indented under the text.
        let mark = progress.chosen == i + 1 ? ">" : " "
        let text = options.ascii ? asciiOnly(c) : c
        for (j, line) in TextWrap.wrap(text, width: max(1, w - 5)).enumerated() {
          out.append(((j == 0 ? "\(mark) \(i + 1)) " : "     ") + line, .plain))
        }
      }
      if let chosen = progress.chosen {
        let right = chosen == q.answer
        out += wrap(
          (right ? "Right. " : "Not quite: the answer is \(q.answer). ") + q.explanation,
          right ? emphasis : warn)
      } else {
        out += wrap("Press 1 to \(q.choices.count) to answer.", emphasis)
      }
    }
    return out
  }
}
