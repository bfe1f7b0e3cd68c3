import LossCore

/// One step of a guided lesson: a short text, and the screen it talks about.
///
/// In a lesson file (`Content/lessons/NAME.json`) a step is
/// `{"text": "...", "setup": SCENARIO}`, where the setup is a scenario (the format of `losslab
/// --scenario`) applied to a fresh app: what it leaves out has its default.
public struct LessonStep: Sendable {
  public var text: String
  public var setup: Scenario
}

/// A guided lesson: a named sequence of steps (`n` forward, `p` back).
public struct Lesson: Sendable {
  public var name: String
  public var title: String
  public var summary: String
  public var steps: [LessonStep]

  public static func named(_ name: String) -> Lesson? {
    Lessons.all.first { $0.name == name.lowercased() }
  }
}

/// Where the learner is in a lesson.
public struct LessonProgress: Sendable, Equatable {
  public var name: String
  public var step: Int
  public var lesson: Lesson { Lesson.named(name)! }
}

/// The built-in lessons, read from the lesson files of `Content/lessons`.
public enum Lessons {
  public static let all: [Lesson] = BuiltInContent.lessons
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
    steps = try f.nested("steps", as: [LessonStep].self) ?? []
    guard !steps.isEmpty else {
      throw f.fail("steps", "\(f.name("steps")) must list at least one step")
    }
  }
}

extension LessonStep: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: ["text", "setup"])
    text = try f.requiredString("text")
    guard f.has("setup") else {
      throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"setup\"")
    }
    setup = try f.nested("setup", as: Scenario.self)!
  }
}
