import Foundation
import LossCore
import Testing

@testable import LossLabUI

@Suite struct ScenarioTests {
  @Test func roundTripKeepsViewSettingsAndSteps() throws {
    let a = app(.contour, keys: "m ] o s s s c")
    let text = Scenario(state: a.state).jsonText
    let parsed = try Scenario.parse(text, file: "x.json")
    var state = AppState(width: 100, height: 30)
    parsed.apply(to: &state)
    #expect(state.view == .contour)
    #expect(state.contour.loss == .mae)
    #expect(state.contour.learningRate == a.state.contour.learningRate)
    #expect(state.contour.optimizer == .momentum)
    #expect(state.contour.comparing)
    #expect(state.contour.current.trajectory == a.state.contour.current.trajectory)
  }

  @Test func roundTripOfCurvesAndDistributions() throws {
    let a = app(.curves, keys: "j Space t l l y 3 Right Up")
    var state = AppState()
    try Scenario.parse(Scenario(state: a.state).jsonText, file: "x").apply(to: &state)
    #expect(
      state.curves.entries.filter(\.visible).map(\.curve)
        == a.state.curves.entries.filter(\.visible).map(\.curve))
    #expect(state.curves.cursorX == a.state.curves.cursorX)
    #expect(state.curves.logY)
    #expect(state.distributions.q == a.state.distributions.q)
  }

  @Test func errorsNameTheLineAndWhatWasExpected() {
    let cases: [(String, Int, String)] = [
      (
        "{\n  \"contour\": {\n    \"rate\": \"fast\"\n  }\n}", 3,
        "contour.rate must be a number, found the string \"fast\""
      ),
      ("{\n  \"view\": \"graphs\"\n}", 2, "view must be"),
      (
        "{\n  \"contour\": {\"optimizer\": \"adamm\"}\n}", 2,
        "contour.optimizer must be \"gd\", \"momentum\""
      ),
      (
        "{\n  \"contour\": {\"optimizer\": \"adamm\"}\n}", 2,
        "found \"adamm\"; did you mean \"adam\"?"
      ),
      ("{\n  \"contour\": {\n    \"start\": [1]\n  }\n}", 3, "contour.start must have 2 numbers"),
      ("{\n  \"distributions\": {\"p\": [0.5, 0.6], \"q\": [0.5, 0.5]}\n}", 2, "sums to 1.1"),
      ("{\n  \"curves\": {\n    \"show\": [\"bcee\"]\n  }\n}", 3, "did you mean"),
      ("{\n  \"contour\": {\n    \"steps\" 1\n  }\n}", 3, "not valid JSON"),
      ("{\n  \"contour\": {\n    \"steps\": 1,\n  }\n}", 3, "not valid JSON: a comma before '}'"),
      (
        "{\n  \"colour\": 1\n}", 2,
        "unknown key \"colour\" in the scenario; did you mean \"contour\"?"
      ),
      (
        "{\"contour\": {\"window\": {\"w\": [4, 0], \"b\": [1, 5]}}}", 1,
        "contour.window.w must be [low, high] with low < high"
      ),
      ("", 1, "not valid JSON"),
    ]
    for (text, line, message) in cases {
      do {
        _ = try Scenario.parse(text, file: "s.json")
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.line == line, "\(error)")
        #expect(error.description.hasPrefix("s.json:\(line):"), "\(error)")
        #expect(error.message.contains(message), "\(error)")
      }
    }
  }

  /// The column points at the value that was wrong, or at the character the JSON reader stopped on.
  @Test func errorsNameTheColumn() {
    let cases: [(String, String)] = [
      (
        "{\n  \"contour\": {\"optimiser\": \"adam\"}\n}",
        "s.json:2:15: unknown key \"optimiser\" in contour; did you mean \"optimizer\"?"
      ),
      ("{\n  \"contour\": {\"rate\": -1}\n}", "s.json:2:23: contour.rate must be greater than 0"),
      (
        "{\"curves\": {\"show\": [\"mse\", \"bce\", \"hingee\"]}}",
        "s.json:1:36: curves.show: unknown curve"
      ),
      ("{\n  \"ŷŷ\": x}", "s.json:2:9: not valid JSON: invalid value, found 'x'"),
      (
        "{\"contour\": {\"data\": {\"xy\": [[0, 1], [2, \"3\"]]}}}",
        "s.json:1:42: each entry of contour.data.xy[1]"
      ),
    ]
    for (text, prefix) in cases {
      do {
        _ = try Scenario.parse(text, file: "s.json")
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.description.hasPrefix(prefix), "\(error)")
      }
    }
  }

  /// "sgd" names plain gradient descent in files, as it does on the command line.
  @Test func sgdMeansGradientDescent() throws {
    let s = try Scenario.parse(#"{"contour": {"optimizer": "SGD"}}"#, file: "s.json")
    #expect(s.contour?.optimizer == .gd)
  }

  /// The app's JSON loads back. (Writing it is the front end's job: FileSafetyTests.)
  @Test func jsonTextLoadsBack() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/s.json"
    let a = app(.distributions, keys: "n")
    try Scenario(state: a.state).jsonText.write(toFile: path, atomically: false, encoding: .utf8)
    var state = AppState()
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    try Scenario.parse(contentsOf: bytes, path: path, readFile: Scenario.noFiles).apply(to: &state)
    #expect(state.distributions.p == a.state.distributions.p)
  }

  @Test func savePromptAsksToSaveTheScenarioToTheTypedPath() throws {
    var a = app(.contour, keys: "s s w")
    guard case .savePrompt(let prompt) = a.state.overlay else {
      Issue.record("no prompt")
      return
    }
    #expect(prompt.line.text == "losslab-contour.json" && prompt.line.offered)
    a.type("runs/run.json")
    #expect(a.press("Enter") == .inspectSaveTarget(path: "runs/run.json"))
    let command = a.handle(.result(.saveTarget(path: "runs/run.json", status: .new)))
    guard case .save(let path, let text) = command else {
      Issue.record("expected a save, got \(command)")
      return
    }
    #expect(path == "runs/run.json")
    #expect(a.state.overlay == nil)
    let s = try Scenario.parse(text, file: path)
    #expect(s.contour?.steps == 2)
    #expect(a.handle(.result(.saved(path: path))) == .none)
    #expect(a.state.message == "saved to runs/run.json")
  }

  @Test func lessonsAreListedAndEveryStepLoads() {
    #expect(Lessons.all.count >= 6)
    #expect(Set(Lessons.all.map(\.name)).count == Lessons.all.count)
    for lesson in Lessons.all {
      var a = LossLabApp(state: AppState(width: 100, height: 30))
      let started = a.startLesson(lesson.name)
      #expect(started)
      for i in 0..<lesson.steps.count {
        #expect(a.state.lesson?.step == i)
        let t = a.text
        #expect(t.contains("Lesson: \(lesson.title)"))
        #expect(!t.lowercased().contains("nan"))
        _ = a.press("n")
      }
      _ = a.press("p")
      #expect(a.state.lesson?.step == max(0, lesson.steps.count - 2))
    }
  }

  @Test func confidentMistakesLessonReadsTheWorkedNumbers() {
    var a = LossLabApp(state: AppState(width: 100, height: 30))
    _ = a.startLesson("confident-mistakes")
    #expect(a.text.contains("0.511"))
    _ = a.press("n")
    #expect(a.text.contains("0.357"))
    _ = a.press("n")
    // The prediction: Enter reveals −log(0.1) and selects the y = 1 curve at ŷ = 0.1.
    #expect(!a.text.contains("2.303"))
    _ = a.press("Enter")
    #expect(a.text.contains("True value 2.303"))
    _ = a.press("n")
    #expect(a.text.contains("4.423"))
  }
}

@Suite struct JSONQuotingTests {
  @Test func quotedStringsParseBackToThemselves() throws {
    for s in ["", "plain", "a \"quote\" and \\ slash", "tab\tnew\nline\r", "\u{1}\u{1f}", "ŷ‖∞ 日本"]
    {
      let back = try JSONSerialization.jsonObject(
        with: Data(JSONText.quoted(s).utf8), options: [.fragmentsAllowed])
      #expect(back as? String == s)
    }
  }
}
