import LossCore

/// One step of a guided lesson: a short text, the screen it talks about, the claims it makes about
/// that screen, and what the student does (`kind`).
///
/// In a lesson file (`Content/lessons/NAME.json`) a step is
/// `{"kind": "show", "text": "...", "setup": SCENARIO, "expect": [CLAIM, ...]}`, where the setup is
/// a scenario (the format of `losslab --scenario`) applied to a fresh app. `Docs/writing-lessons.md`
/// describes every kind of step and claim.
public struct LessonStep: Sendable {
  public var kind: Kind
  public var text: String
  public var setup: Scenario
  /// Claims about the screen as the setup leaves it; the tests check each one.
  public var expect: [LessonClaim]

  /// What the student does on the step.
  public enum Kind: Sendable {
    /// Reads the text and looks at the screen.
    case show
    /// Guesses a number (↑/↓, Enter), then sees the true value, the guess and the gap.
    case predict(Prediction)
    /// Changes the screen until the goal holds; Enter checks, `n` skips.
    case task(LessonTask)
    /// Answers a multiple-choice question (1, 2, 3 …), then reads why.
    case quiz(QuizQuestion)

    public var name: String {
      switch self {
      case .show: "show"
      case .predict: "predict"
      case .task: "task"
      case .quiz: "quiz"
      }
    }
  }

  /// `"predict": {"value": QUANTITY, "from": 0, "to": 5, "by": 0.05, "start": 1, "close": 0.25}`.
  public struct Prediction: Sendable {
    /// What the student guesses.
    public var value: LessonQuantity
    /// The range the guess moves in, the size of one ↑/↓ (Shift: ten), and where it starts.
    public var range: ClosedRange<Double>
    public var by: Double
    public var start: Double
    /// A guess this close counts as right.
    public var close: Double
    /// Shown after the reveal.
    public var reveal: String?
  }

  /// `"goal": [CLAIM, ...], "hint": "...", "done": "...", "solution": "KEYS"`.
  public struct LessonTask: Sendable {
    public var goal: [GoalClaim]
    /// Shown when a goal claim without its own hint does not hold.
    public var hint: String
    /// Shown when every goal claim holds.
    public var done: String
    /// Keys (as for `--keys`) that reach the goal from the setup; the tests press them.
    public var solution: [Key]
  }

  /// `"choices": ["...", ...], "answer": 2, "explanation": "..."`.
  public struct QuizQuestion: Sendable {
    public var choices: [String]
    /// The right choice, counting from 1 (the key the student presses).
    public var answer: Int
    public var explanation: String
  }

  public var isQuiz: Bool {
    if case .quiz = kind { return true }
    return false
  }
}

/// A guided lesson: a named sequence of steps (`n` forward, `p` back) ending in a short quiz.
public struct Lesson: Sendable {
  public var name: String
  public var title: String
  public var summary: String
  public var steps: [LessonStep]

  /// The built-in lesson called `name` (any case), decoding only its own file.
  public static func named(_ name: String) -> Lesson? {
    let wanted = name.lowercased()
    return BuiltInContent.lessonFiles.first { BuiltInContent.lessonName($0) == wanted }
      .map(BuiltInContent.lesson)
  }
}

/// The built-in lessons, read from the lesson files of `Content/lessons`.
public enum Lessons {
  public static let all: [Lesson] = BuiltInContent.lessons
  /// The lessons' names in `all`'s order, known without decoding a lesson (for completion lists
  /// and messages: decoding every lesson costs tens of milliseconds at start-up).
  public static let names: [String] = BuiltInContent.lessonFiles.map {
    String(BuiltInContent.lessonName($0))
  }
}

extension Lesson: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: ["name", "title", "summary", "steps"])
    name = try f.requiredString("name")
    title = try f.requiredString("title")
    summary = try f.requiredString("summary")
    guard f.has("steps") else {
      throw FieldError(path: f.path, message: "a lesson needs the key \"steps\"")
    }
    let read = try f.nested("steps", as: [StepFields].self) ?? []
    guard !read.isEmpty else {
      throw f.fail("steps", "\(f.name("steps")) must list at least one step")
    }
    // A quiz step without a setup keeps the screen of the step before it.
    var steps: [LessonStep] = []
    var seenQuiz = false
    for (i, s) in read.enumerated() {
      let at: [JSONText.PathStep] = f.path + [.key("steps"), .index(i)]
      var step = s.step
      if step.isQuiz {
        seenQuiz = true
      } else if seenQuiz {
        throw FieldError(
          path: at + [.key("kind")],
          message: "\(Fields.name(at)): quiz steps come last, after every \(step.kind.name) step")
      }
      if !s.hasSetup {
        guard let previous = steps.last else {
          throw FieldError(path: at, message: "\(Fields.name(at)) needs the key \"setup\"")
        }
        step.setup = previous.setup
      }
      steps.append(step)
    }
    self.steps = steps
  }

  /// A step as read, before a quiz step takes the setup of the one before it.
  struct StepFields: Decodable {
    var step: LessonStep
    var hasSetup: Bool

    static let common = ["kind", "text", "setup", "expect"]
    static let byKind: [String: [String]] = [
      "show": [],
      "predict": ["predict"],
      "task": ["goal", "hint", "done", "solution"],
      "quiz": ["choices", "answer", "explanation"],
    ]

    init(from decoder: any Decoder) throws {
      let all =
        Self.common + [
          "predict", "goal", "hint", "done", "solution", "choices", "answer", "explanation",
        ]
      let f = try Fields(decoder, keys: all)
      let kinds = ["show", "predict", "task", "quiz"]
      let kind = try f.choice("kind", kinds.map { ($0, $0) }, listed: kinds) ?? "show"
      for key in all
      where f.has(key) && !Self.common.contains(key) && !Self.byKind[kind]!.contains(key) {
        let owner = Self.byKind.first { $0.value.contains(key) }!.key
        throw FieldError(
          path: f.path + [.key(key)],
          message: "\(f.name(key)) belongs to \"\(owner)\" steps, and this is a \"\(kind)\" step",
          atKey: true)
      }
      let text = try f.requiredString("text")
      hasSetup = f.has("setup")
      if !hasSetup && kind != "quiz" {
        throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"setup\"")
      }
      let setup = try f.nested("setup", as: Scenario.self) ?? Scenario()
      let expect = try f.nested("expect", as: [GoalClaim].self) ?? []
      for (i, c) in expect.enumerated() where c.hint != nil {
        throw FieldError(
          path: f.path + [.key("expect"), .index(i), .key("hint")],
          message: "\(f.name("expect"))[\(i)].hint belongs to a task's \"goal\" claims", atKey: true
        )
      }
      let parsedKind: LessonStep.Kind
      switch kind {
      case "predict":
        guard f.has("predict") else {
          throw FieldError(
            path: f.path, message: "\(Fields.name(f.path)) needs the key \"predict\"")
        }
        parsedKind = .predict(try f.nested("predict", as: LessonStep.Prediction.self)!)
      case "task":
        let goal = try f.nested("goal", as: [GoalClaim].self) ?? []
        guard !goal.isEmpty else {
          throw FieldError(
            path: f.path, message: "\(Fields.name(f.path)) needs a \"goal\": at least one claim")
        }
        let keys: [Key]
        let solution = try f.string("solution") ?? ""
        do {
          keys = try KeyNames.parse(solution)
        } catch {
          throw f.fail("solution", "\(f.name("solution")): \(error.description)")
        }
        guard !keys.isEmpty else {
          throw FieldError(
            path: f.path,
            message: "\(Fields.name(f.path)) needs a \"solution\": the keys that reach the goal")
        }
        parsedKind = .task(
          LessonStep.LessonTask(
            goal: goal, hint: try f.requiredString("hint"), done: try f.requiredString("done"),
            solution: keys))
      case "quiz":
        guard let choices = try f.strings("choices", what: "answers"),
          (2...4).contains(choices.count)
        else {
          throw FieldError(
            path: f.path + [.key("choices")],
            message: "\(f.name("choices")) must list 2 to 4 answers")
        }
        guard let answer = try f.integer("answer", 1...choices.count) else {
          throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"answer\"")
        }
        parsedKind = .quiz(
          LessonStep.QuizQuestion(
            choices: choices, answer: answer, explanation: try f.requiredString("explanation")))
      default:
        parsedKind = .show
      }
      step = LessonStep(kind: parsedKind, text: text, setup: setup, expect: expect.map(\.claim))
    }
  }
}

extension LessonStep.Prediction: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: ["value", "from", "to", "by", "start", "close", "reveal"])
    guard f.has("value") else {
      throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"value\"")
    }
    value = try f.nested("value", as: LessonQuantity.self)!
    guard let low = try f.number("from"), let high = try f.number("to"), low < high else {
      throw FieldError(
        path: f.path, message: "\(Fields.name(f.path)) needs \"from\" and \"to\" with from < to")
    }
    range = low...high
    by = try f.positive("by") ?? (high - low) / 100
    start = try f.number("start") ?? low
    guard range.contains(start) else {
      throw f.fail("start", "\(f.name("start")) must be within [from, to]")
    }
    close = try f.positive("close") ?? by
    reveal = try f.string("reveal")
  }
}
