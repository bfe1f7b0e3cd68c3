import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// A scenario saved with own data names the table (file or data set, columns, separator) instead of copying its
/// points, keeps standardize and the drawn fits, and reopens to the same screen, skipped rows reported again.
@Suite struct TableScenarioTests {
  /// Five columns, `;`-separated with decimal commas, quoted headers, and two rows with a missing value.
  static let text = #"""
    "id";"Height (cm)";"note; free";"Weight ""kg""";flag
    1;150,5;"a";50;1
    2;NA;"b";58;0
    3;170;"";71;1
    4;185;x;;0
    5;160;y;60,5;1
    6;175;z;66;0
    """#
  static let path = "/data/people.csv"

  /// The app on the table as `--data /data/people.csv --x 'Height (cm)' --y 4` opens it, then `keys`.
  static func opened(keys: String) throws -> LossLabApp {
    let table = try DataTable.parse(
      Array(text.utf8), source: path, options: TableOptions(x: "Height (cm)", y: "4"))
    var state = AppState(view: .contour, width: 100, height: 30)
    state.contour = ContourState(
      ContourSettings(source: .table(TableSource(table: table, place: .file(path)))))
    state.contour.frameForData()
    var a = LossLabApp(state: state)
    a.replay(try KeyNames.parse(keys))
    return a
  }

  static func reader(_ files: [String: String]) -> ScenarioFileReader {
    { p throws(LossCoreError) in
      guard let t = files[p] else { throw LossCoreError("\(p): no such file") }
      return Array(t.utf8)
    }
  }

  @Test func aSavedTableScenarioNamesTheFileAndReopensIdentically() throws {
    let a = try Self.opened(keys: "f z s s s")
    #expect(
      a.state.contour.dataNote == "people.csv: skipped 2 rows with a missing value (lines 3, 5)")
    let (saved, state) = try reopened(
      a.state, onto: AppState(view: .curves, width: 100, height: 30), file: "/home/s.json",
      directory: "/home", readFile: Self.reader([Self.path: Self.text]))
    #expect(
      saved.contains(
        #""data": {"csv": "/data/people.csv", "x": "Height (cm)", "y": "Weight \"kg\"", "sep": ";"}"#
      ),
      "\(saved)")
    #expect(
      saved.contains(#""standardize": true"#) && saved.contains(#""fits": ["mse", "mae", "huber"]"#)
    )
    #expect(!saved.contains("\"xy\""))
    let b = LossLabApp(state: state)
    #expect(b.state.contour.settings == a.state.contour.settings)
    #expect(b.state.contour.current.trajectory == a.state.contour.current.trajectory)
    #expect(b.state.contour.dataNote == a.state.contour.dataNote)
    #expect(b.text == a.text)
  }

  @Test func dataSetsOpenByNameInAScenario() throws {
    let s = try Scenario.parse(
      #"{"view": "contour", "contour": {"data": {"dataset": "iris", "x": "sepal_length"}}}"#,
      file: "s.json")
    guard case .table(let t)? = s.contour?.source else {
      Issue.record("not a table: \(String(describing: s.contour?.source))")
      return
    }
    #expect(t.place == .dataset("iris"))
    #expect(t.table.data.x.count == 150 && t.table.xColumn == 1 && t.table.yColumn == 4)
    var state = AppState(view: .contour)
    s.apply(to: &state)
    #expect(
      Scenario(state: state).jsonText.contains(
        #""data": {"dataset": "iris", "x": "sepal_length", "y": "petal_width"}"#))
  }

  @Test func standardInputIsKeptAsPoints() throws {
    let table = try DataTable.parse(Array("x,y\n1,2\n2,4\n3,7\n".utf8), source: "<stdin>")
    var state = AppState(view: .contour)
    state.contour = ContourState(
      ContourSettings(source: .table(TableSource(table: table, place: .standardInput))))
    #expect(Scenario(state: state).jsonText.contains(#""data": {"xy": [[1, 2], [2, 4], [3, 7]]}"#))
  }

  @Test func badTableKeysSayWhatIsWrong() {
    let cases: [(String, String)] = [
      (
        #"{"contour": {"data": {"dataset": "irs"}}}"#,
        #"unknown data set 'irs'; did you mean 'iris'?"#
      ),
      (
        #"{"contour": {"data": {"points": 20, "x": "a"}}}"#,
        #"contour.data.x chooses a column of a table"#
      ),
      (
        #"{"contour": {"data": {"dataset": "iris", "sep": ";"}}}"#,
        #"contour.data.sep is for "csv""#
      ),
      (
        #"{"contour": {"data": {"csv": "a.csv", "sep": "|"}}}"#,
        #"contour.data.sep must be ",", ";", "tab" or "space", found "|""#
      ),
      (#"{"contour": {"data": {"dataset": "iris", "y": "petal"}}}"#, #"no column 'petal' for --y"#),
      (
        #"{"contour": {"data": {"csv": "/d/a.csv", "x": "hieght"}}}"#,
        #"/d/a.csv:1: no column 'hieght'"#
      ),
    ]
    for (text, message) in cases {
      do {
        _ = try Scenario.parse(
          text, file: "s.json", readFile: Self.reader(["/d/a.csv": "Height,w\n1,2\n2,3\n"]))
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.description.hasPrefix("s.json:1:"), "\(error)")
        #expect(error.message.contains(message), "\(error)")
      }
    }
  }
}
