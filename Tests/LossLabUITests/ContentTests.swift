import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// The built-in content files: each parses, each is listed, and everything they name exists.
@Suite struct ContentTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/LossLabUI/Content")

  /// Every JSON file in `Content` (relative paths), read from the source tree.
  static func filesOnDisk() throws -> [String] {
    let all = try FileManager.default.subpathsOfDirectory(atPath: folder.path)
    return all.filter { $0.hasSuffix(".json") }.sorted()
  }

  @Test func everyFileIsListedAndEveryListedFileIsCompiledIn() throws {
    let listed = (BuiltInContent.cardFiles + BuiltInContent.lessonFiles).map(\.path)
    #expect(listed.sorted() == (try Self.filesOnDisk()))
    #expect(Set(listed).count == listed.count)
    // The compiled-in bytes are the files' bytes.
    for file in BuiltInContent.cardFiles + BuiltInContent.lessonFiles {
      let disk = try Data(contentsOf: Self.folder.appendingPathComponent(file.path))
      #expect(Array(disk) == file.bytes, "\(file.path) differs from the compiled-in copy")
    }
    // Only JSON lives there (SwiftPM would compile any other file in too).
    let others = try FileManager.default.subpathsOfDirectory(atPath: Self.folder.path).filter {
      var isDir: ObjCBool = false
      FileManager.default.fileExists(
        atPath: Self.folder.appendingPathComponent($0).path, isDirectory: &isDir)
      return !isDir.boolValue && !$0.hasSuffix(".json")
    }
    #expect(others.isEmpty, "\(others)")
  }

  @Test func everyFileParses() {
    for file in BuiltInContent.cardFiles {
      #expect(throws: Never.self) { try BuiltInContent.decode(BuiltInContent.CardFile.self, file) }
    }
    for file in BuiltInContent.lessonFiles {
      #expect(throws: Never.self) { try BuiltInContent.decode(Lesson.self, file) }
    }
  }

  @Test func lessonNamesMatchTheirFilesAndAreUnique() {
    let names = Lessons.all.map(\.name)
    #expect(Set(names).count == names.count)
    for (file, lesson) in zip(BuiltInContent.lessonFiles, Lessons.all) {
      #expect(file.path == "lessons/\(lesson.name).json")
      #expect(Explanations.normalize(lesson.name) == lesson.name)
    }
    // The names known without decoding, and a lesson found by name, are the decoded ones.
    #expect(Lessons.names == names)
    for lesson in Lessons.all {
      #expect(Lesson.named(lesson.name.uppercased())?.name == lesson.name)
      #expect(Lesson.named(lesson.name)?.steps.count == lesson.steps.count)
    }
    #expect(Lesson.named("no-such-lesson") == nil)
  }

  /// Every card the app asks for by id exists: a card per loss under its kebab-case name, per
  /// curve, per line-fit loss, per optimizer, and the distributions view's.
  @Test func everyReferencedCardExists() {
    for loss in Loss.allCases {
      #expect(Explanations.named(loss.rawValue)?.id == loss.rawValue, "no card \(loss.rawValue)")
      for alias in loss.aliases {
        #expect(Explanations.named(alias)?.id == loss.rawValue, "alias \(alias)")
      }
    }
    for name in CurveNames.names {
      let loss = try! CurveNames.loss(name)
      for target in [0.0, 1.0] {
        var curves = CurvesState()
        curves.select(LossCurve(loss, target: target, delta: 1))
        #expect(Explanations.named(curves.explanationID) != nil, "curve \(name) y=\(target)")
      }
    }
    for loss in LossList.current.supporting(.lineFit) {
      #expect(Explanations.forLineFit(loss.shortName) != nil, "fit-\(loss.shortName)")
    }
    for kind in OptimizerKind.allCases {
      #expect(Explanations.named(kind.rawValue)?.id == kind.rawValue, "optimizer \(kind)")
    }
    for binary in [false, true] {
      var d = DistributionsState()
      d.binaryLabels = binary
      #expect(Explanations.named(d.explanationID) != nil)
    }
  }

  /// Every step's setup applies to a fresh app and draws without NaN; curves a step selects are
  /// shown; contour windows frame the start and the minimum of the step's loss.
  @Test func everyStepSetsUpItsScreen() {
    for lesson in Lessons.all {
      for (i, step) in lesson.steps.enumerated() {
        let where_ = "\(lesson.name) step \(i + 1)"
        var state = AppState(width: 100, height: 30)
        step.setup.apply(to: &state)
        #expect(state.view == step.setup.view, "\(where_)")
        if let select = step.setup.curves?.select {
          #expect(state.curves.selectedCurve == select, "\(where_)")
        }
        if state.view == .contour {
          // The minimum of the step's loss, and the MSE and MAE minima the panel lists, are on
          // the map.
          let c = state.contour
          var minima = Array(ContourState.minima(of: c.data, delta: c.delta).values)
          if let m = c.minimum { minima.append(m) }
          for m in minima {
            #expect(c.wRange.contains(m.w) && c.bRange.contains(m.b), "\(where_): \(m)")
          }
        }
        let frame = LossLabApp(state: state).render(width: 100, height: 30).text
        #expect(!frame.containsNaN, "\(where_)")
        #expect(!step.text.isEmpty, "\(where_)")
      }
    }
  }

  /// A broken lesson file is reported with its file, line, column and key path.
  @Test func aBrokenLessonNamesWhereItIsWrong() {
    let text = """
      {
        "name": "x", "title": "X", "summary": "x",
        "steps": [
          {"text": "one", "setup": {"view": "contour"}},
          {"text": "two", "setup": {"contour": {"rate": "fast"}}}
        ]
      }
      """
    let file = BuiltInContent.File(path: "lessons/x.json", bytes: Array(text.utf8))
    #expect(
      throws: ScenarioError(
        file: "Content/lessons/x.json", line: 5, column: 51,
        message: "steps[1].setup.contour.rate must be a number, found the string \"fast\"")
    ) { try BuiltInContent.decode(Lesson.self, file) }
    let card = BuiltInContent.File(
      path: "cards/x.json", bytes: Array(#"{"cards": [{"id": "x", "famly": "concept"}]}"#.utf8))
    let error = #expect(throws: ScenarioError.self) {
      try BuiltInContent.decode(BuiltInContent.CardFile.self, card)
    }
    #expect(
      error?.message.contains(#"unknown key "famly" in cards[0]; did you mean "family"?"#) == true,
      "\(String(describing: error))")
  }
}
