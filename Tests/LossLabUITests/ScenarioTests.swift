import Foundation
import LossCore
import Testing

@testable import LossLabUI

@Suite struct ScenarioTests {
  @Test func roundTripKeepsViewSettingsAndSteps() throws {
    let a = app(.contour, keys: "m ] o s s s c")
    let state = try reopened(a.state, onto: AppState(width: 100, height: 30)).state
    #expect(state.view == .contour)
    #expect(state.contour.loss == .mae)
    #expect(state.contour.learningRate == a.state.contour.learningRate)
    #expect(state.contour.optimizer == .momentum)
    #expect(state.contour.comparing)
    #expect(state.contour.current.trajectory == a.state.contour.current.trajectory)
  }

  @Test func roundTripOfCurvesAndDistributions() throws {
    let a = app(.curves, keys: "j Space t l l y 3 Right Up")
    let state = try reopened(a.state, onto: AppState()).state
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
        // The box title gives way by priority (a long title drops "Lesson:" first); the step never.
        let n = lesson.steps.count
        #expect(t.contains("step \(i + 1) of \(n)") || t.contains("step \(i + 1)/\(n)"))
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

/// Classification scenarios: `w` in the classify view saves a file that reopens to the same screen.
@Suite struct ClassifyScenarioTests {
  /// Reads files as the front end would (the app itself does no I/O).
  static let disk: ScenarioFileReader = { path throws(LossCoreError) in
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LossCoreError("\(path): no such file")
    }
    return [UInt8](data)
  }

  /// `a` saved and reopened in a fresh app (tables read from the disk).
  func reopened(_ a: LossLabApp, directory: String = ".") throws -> LossLabApp {
    LossLabApp(
      state: try LossLabUITests.reopened(a.state, directory: directory, readFile: Self.disk).state)
  }

  @Test(arguments: [
    "s s s", "v o ] s s s s", "x m m s s", "m m m m d d s s", "c s s", "L K + s", "z s s", "z v s",
  ])
  func roundTripGivesTheSameScreen(_ keys: String) throws {
    let a = app(.classify, width: 150, height: 44, keys: keys)
    let b = try reopened(a)
    #expect(b.state.view == .classify)
    #expect(b.state.classify.settings == a.state.classify.settings)
    for (p, q) in zip(a.state.classify.panes, b.state.classify.panes) {
      #expect(p.descents.map(\.trajectory) == q.descents.map(\.trajectory))
    }
    #expect(b.text == a.text)
  }

  /// Points from a table are saved by the table's path and columns, and read back from it.
  @Test func tableDataIsSavedAsItsFileAndColumns() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("losslab-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = dir + "/cells.csv"
    try "id;size;malignant\n1;1.0;0\n2;2.0;0\n3;2.5;1\n4;3.0;1\n5;1.5;1\n".write(
      toFile: csv, atomically: false, encoding: .utf8)
    let data = try ClassificationData(x: [1, 2, 2.5, 3, 1.5], label: [0, 0, 1, 1, 1])
    let table = try DataTable.parse(
      try Self.disk(csv), source: csv,
      options: TableOptions(separator: .semicolon, x: "size", y: "malignant"))
    var a = app(.classify, width: 150, height: 44)
    a.state.classify.change {
      $0.source = .table(TableSource(table: table, place: .file(csv)))
      $0.loss = .binaryFocalCrossentropy
      $0.pair = .bce
      $0.gamma = 1
      $0.optimizer = .adam
      $0.learningRate = 0.1
      $0.start = (w: -2, b: 1)
    }
    _ = a.press("s s s s")
    let text = Scenario(state: a.state).jsonText
    #expect(
      text.contains(
        "\"data\": {\"csv\": \(JSONText.quoted(csv)), \"x\": \"size\", \"y\": \"malignant\", \"sep\": \";\"}"
      ), "\(text)")
    #expect(text.contains("\"loss\": \"focal\""))
    #expect(text.contains("\"pair\": \"bce\"") && text.contains("\"gamma\": 1"))
    let b = try reopened(a)
    #expect(b.state.classify.data == data)
    #expect(b.state.classify.settings == a.state.classify.settings)
    #expect(b.text == a.text)
    // A relative path is read from the scenario's folder.
    let relative = try Scenario.parse(
      #"{"view": "classify", "classify": {"data": {"csv": "cells.csv", "x": "2", "y": "3"}}}"#,
      file: "r.json", directory: dir, readFile: Self.disk)
    var state = AppState()
    relative.apply(to: &state)
    #expect(state.classify.data == data)
  }

  /// A shipped data set is saved by its name and columns, as the contour view saves one, and read back.
  @Test func shippedDataSetIsSavedByName() throws {
    let s = try Scenario.parse(
      #"{"view": "classify", "classify": {"data": {"dataset": "challenger"}, "steps": 2}}"#,
      file: "c.json")
    var state = AppState(width: 150, height: 44)
    s.apply(to: &state)
    // The table's own columns: launch temperature, and 1 where an O-ring showed distress.
    #expect(state.classify.data.count == 23 && state.classify.classes.x1.count == 7)
    #expect(state.classify.data.x.min() == 53 && state.classify.data.x.max() == 81)
    var a = LossLabApp(state: state)
    _ = a.press("s")
    let text = Scenario(state: a.state).jsonText
    #expect(
      text.contains(
        #""data": {"dataset": "challenger", "x": "temperature", "y": "distress"}"#), "\(text)")
    let b = try reopened(a)
    #expect(b.state.classify.settings == a.state.classify.settings)
    #expect(b.state.classify.current.trajectory == a.state.classify.current.trajectory)
    #expect(b.text == a.text)
  }

  @Test func xyPointsAndGeneratedDataLoad() throws {
    let s = try Scenario.parse(
      #"{"classify": {"data": {"xy": [[-1, -1], [0, 1], [1, 0], [2, 1]]}, "pair": "mse", "steps": 2}}"#,
      file: "p.json")
    var state = AppState()
    s.apply(to: &state)
    #expect(state.classify.data.label == [0, 1, 0, 1])
    #expect(state.classify.pair == .mse && state.classify.current.trajectory.count == 3)
    let g = try Scenario.parse(
      #"{"classify": {"data": {"points": 40, "seed": 3, "separable": true}, "pair": null}}"#,
      file: "g.json")
    var other = AppState()
    g.apply(to: &other)
    #expect(other.classify.data == (try ClassificationData.separable(points: 40, seed: 3)))
    #expect(other.classify.pair == nil)
  }

  @Test func badClassifySetupsNameTheKeyAndTheValue() {
    let cases: [(String, String)] = [
      (#"{"classify": {"loss": "focl"}}"#, "classify.loss must be"),
      (
        #"{"classify": {"loss": "binary-focal-crossentropi"}}"#,
        "did you mean \"binary-focal-crossentropy\"?"
      ),
      (#"{"classify": {"gamma": -1}}"#, "classify.gamma: gamma must be a number >= 0, got -1"),
      (#"{"classify": {"rate": 0}}"#, "classify.rate must be greater than 0"),
      (
        #"{"classify": {"data": {"csv": "/nonexistent/x.csv"}}}"#,
        "/nonexistent/x.csv: no such file"
      ),
      (
        #"{"classify": {"data": {"csv": "a.csv", "points": 3}}}"#,
        "classify.data.points describes generated data"
      ),
      (#"{"classify": {"data": {"x": "size"}}}"#, "give \"csv\" or \"dataset\""),
      (
        #"{"classify": {"data": {"dataset": "iris"}}}"#,
        "iris: data row 1, 'petal_width' (column 4): label 0.2 is not 0 or 1"
      ),
      (#"{"classify": {"data": {"xy": [[0, 2], [1, 1]]}}}"#, "label 2 is not 0 or 1"),
      (#"{"classify": {"data": {"xy": [[0, 0], [1, 0]]}}}"#, "needs points of both classes"),
      (#"{"classify": {"steps": 1.5}}"#, "classify.steps must be a whole number"),
      (#"{"classify": {"sep": ","}}"#, "unknown key \"sep\" in classify"),
    ]
    for (text, message) in cases {
      do {
        _ = try Scenario.parse(text, file: "bad.json", readFile: Self.disk)
        Issue.record("accepted \(text)")
      } catch {
        #expect(error.description.contains(message), "\(text): \(error.description)")
        #expect(error.description.hasPrefix("bad.json:1:"), "\(error.description)")
      }
    }
  }
}
