import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// The contour view's data panel explains itself: a legend for the points, the current fit and the true line, the
/// MSE, MAE and Huber best-fit lines drawn on `f`, each told apart by colour and, without colour, by its glyph.
@Suite struct DataLegendTests {
  static let plain = RenderOptions(ascii: true, color: .none)

  /// The panel's columns of a frame drawn `width` wide (the map takes the rest).
  static func panel(_ frame: String, width: Int) -> [String] {
    let x = ContourState.split(Rect(x: 0, y: 0, width: width, height: 1)).panel.x + 1
    return frame.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.unicodeScalars.dropFirst(x).map(Character.init))
    }
  }

  /// The scatter's rows: those below the data legend (`… points`), above the status bar.
  static func scatterRows(_ panel: [String]) -> [String] {
    guard let legend = panel.firstIndex(where: { $0.contains(" points") }) else { return [] }
    return Array(panel[(legend + 1)..<(panel.count - 1)])
  }

  @Test func fCyclesAllThenEachThenNone() {
    var a = app(.contour)
    #expect(a.state.contour.settings.fitLines.isEmpty)
    var seen: [[Loss]] = []
    for _ in 0..<5 {
      _ = a.press("f")
      seen.append(a.state.contour.settings.fitLines)
    }
    #expect(seen == [[.mse, .mae, .huber], [.mse], [.mae], [.huber], []])
    // Drawing lines changes no number: the path and the minima stay.
    _ = a.press("s s f")
    #expect(a.state.contour.current.trajectory.count == 3)
  }

  /// Without colour, a drawn line's legend row starts with its glyph and the scatter draws that glyph, and only
  /// the lines chosen are drawn. With outliers the three fits differ.
  @Test func withoutColourEachLineIsItsGlyph() {
    var a = app(.contour, width: 100, height: 30, keys: "x", options: Self.plain)
    let glyphs: [(Loss, String, String)] = [
      (.mse, "M", "MSE"), (.mae, "A", "MAE"), (.huber, "H", "Huber"),
    ]
    let none = Self.panel(a.text, width: 100)
    for (_, g, name) in glyphs {
      #expect(none.contains { $0.hasPrefix("  \(name) min w=") }, "\(none.joined(separator: "\n"))")
      #expect(!Self.scatterRows(none).contains { $0.contains(g) })
    }
    #expect(none.contains { $0.hasPrefix(". 55 points (5 outliers) * fit - y=2x+3") })
    _ = a.press("f")  // all three
    for (i, (loss, _, _)) in glyphs.enumerated() {
      _ = a.press("f")  // each alone
      #expect(a.state.contour.settings.fitLines == [loss])
      let p = Self.panel(a.text, width: 100)
      let rows = Self.scatterRows(p)
      for (j, (_, g, name)) in glyphs.enumerated() {
        let legend = p.contains { $0.hasPrefix("\(g) \(name) min w=") }
        let drawn = rows.contains { $0.contains(g) }
        #expect(legend == (i == j) && drawn == (i == j), "\(name):\n\(p.joined(separator: "\n"))")
      }
    }
  }

  /// In colour, the legend's sample has the colour the line is drawn in, and both appear.
  /// (At 120 columns: in a narrower panel the MAE line runs through the bulk of the points, which are drawn
  /// over the lines, and no cell of it is left to see.)
  @Test func inColourTheSampleHasTheLinesColour() {
    let a = app(.contour, width: 120, height: 30, keys: "x f")
    let screen = a.render(width: 120, height: 30)
    let panelX = ContourState.split(Rect(x: 0, y: 0, width: 120, height: 1)).panel.x
    let rows = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
    for loss in ContourState.bestFitLosses {
      let color = ContourState.fitLineLook(loss).color
      let name = loss == .huber ? "Huber" : loss.shortName.uppercased()
      let y = rows.firstIndex { $0.contains("─ \(name) min w=") }
      let legendRow = try! #require(y)
      let sample = (panelX..<120).first { screen[$0, legendRow].scalar == "─" }
      #expect(sample.map { screen[$0, legendRow].style.foreground } == color, "\(name)")
      let plotted = (legendRow + 1..<29).contains { r in
        (panelX..<120).contains { screen[$0, r].style.foreground == color }
      }
      #expect(plotted, "\(name) line not drawn")
    }
  }

  @Test func manyPointsAreSampledAndSaySo() {
    let n = 30_000
    let x = (0..<n).map { Double($0) / Double(n) }
    let y = x.map { 3 * $0 + 1 }
    var state = AppState(view: .contour, width: 100, height: 30, options: Self.plain)
    state.contour = ContourState(source: .points(LineData(x: x, y: y)))
    let a = LossLabApp(state: state)
    let shown = a.state.contour.scatterSample.x.count
    #expect(shown < n)
    #expect(a.text.contains("showing \(shown) of \(n) points"), "\(a.text)")
    // Above the limit the MAE and Huber minima are not searched for, and the panel says so.
    #expect(a.text.contains("MAE min: not computed, >20000 pts"), "\(a.text)")
  }

  @Test func huberMinimumFollowsDelta() throws {
    var a = app(.contour, keys: "x")
    let before = try #require(a.state.contour.minima[.huber])
    _ = a.press("d")
    let c = a.state.contour
    let after = try #require(c.minima[.huber])
    let direct = LineFitObjective(data: c.data, loss: .huber, delta: 0.5).minimum
    #expect(after.w == direct.w && after.b == direct.b)
    #expect(after.w != before.w)
  }

  @Test func fitsAndStandardizeAreSavedAndRead() throws {
    let a = app(.contour, keys: "f f f z")
    let (text, state) = try reopened(a.state, onto: AppState(view: .contour))
    #expect(text.contains(#""fits": ["mae"]"#) && text.contains(#""standardize": true"#), "\(text)")
    #expect(state.contour.settings == a.state.contour.settings)
    do {
      _ = try Scenario.parse(#"{"contour": {"fits": ["mse", "msa"]}}"#, file: "s.json")
      Issue.record("accepted an unknown fit")
    } catch {
      #expect(
        error.message.contains(
          #"contour.fits[1] must be "mse", "mae" or "huber", found "msa"; did you mean "mse"?"#),
        "\(error)")
    }
  }
}
