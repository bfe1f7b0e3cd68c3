import LossCore
import LossPlot
import Testing

@testable import LossLabUI

@Suite struct ContourViewTests {
  @Test func readoutAfterNStepsEqualsDescentOfLossCore() {
    let a = app(.contour, keys: "s s s s s")
    var d = Descent(
      objective: LineFitObjective(data: try! LineData.tutorial(), loss: .mse), optimizer: .gd,
      learningRate: Descent.defaultLearningRate, w0: Descent.defaultStart.w,
      b0: Descent.defaultStart.b)
    d.run(steps: 5)
    let last = d.trajectory.last!
    let t = a.text
    #expect(t.contains("step 5"))
    #expect(t.contains(String(format: "w=%.6f", last.w)))
    #expect(t.contains(String(format: "b=%.6f", last.b)))
    #expect(t.contains(String(format: "loss=%.6f", last.loss)))
  }

  /// The small charts' titles ("loss, units²", "y") stand clear of the map: at 60×40 the loss chart's title
  /// used to start right where the map's last column ended (`ffloss, units²`), with and without colour.
  @Test func chartTitlesNeverTouchTheMap() {
    for options in [RenderOptions(color: .none), RenderOptions.standard] {
      for keys in ["", "c", "m", "s s s"] {
        for width in [60, 64, 66, 80] {
          for height in [24, 36, 38, 40, 60] {
            let a = app(.contour, width: width, height: height, keys: keys, options: options)
            guard case .contour(let l) = a.layout(width: width, height: height).view else {
              continue
            }
            let screen = a.render(width: width, height: height)
            for y in l.panel.y..<l.panel.maxY {
              let line = Array(screen.line(y).unicodeScalars)
              guard l.panel.x < line.count else { continue }
              // The panel's first column is its gutter: blank on every row.
              #expect(
                line[l.panel.x] == " ",
                "\(width)x\(height) [\(keys)] row \(y): \(String(String.UnicodeScalarView(line)))")
            }
          }
        }
      }
    }
  }

  @Test func spaceAlsoStepsAndZeroResets() {
    var a = app(.contour, keys: "Space Space")
    #expect(a.state.contour.current.trajectory.count == 3)
    _ = a.press("0")
    #expect(a.state.contour.current.trajectory.count == 1)
  }

  @Test func arrowsMoveTheStartAndClearThePath() {
    var a = app(.contour, keys: "s s")
    _ = a.press("l k")
    #expect(a.state.contour.current.trajectory.count == 1)
    #expect(abs(a.state.contour.start.w - (Descent.defaultStart.w + 0.1)) < 1e-12)
    #expect(abs(a.state.contour.start.b - (Descent.defaultStart.b + 0.1)) < 1e-12)
  }

  @Test func rateOptimizerAndLossCycle() {
    var a = app(.contour, keys: "] ] [")
    #expect(a.state.contour.learningRate == Descent.defaultLearningRate * 2)
    _ = a.press("o o")
    #expect(a.state.contour.optimizer == .nesterov)
    _ = a.press("m")
    #expect(a.state.contour.loss == .mae)
    #expect(a.text.contains("(mae)"))
  }

  @Test func tooLargeARateDivergesVisiblyWithoutNaN() {
    let a = app(.contour, keys: "] ] ] ] " + String(repeating: "s ", count: 60))
    #expect(a.state.contour.current.diverged)
    let t = a.text
    #expect(t.contains("diverging"))
    #expect(!t.lowercased().contains("nan"))
  }

  @Test func compareModeRunsEveryOptimizer() {
    let a = app(.contour, width: 120, height: 40, keys: "c s s s")
    #expect(a.state.contour.descents.map { $0.optimizer.kind } == OptimizerKind.allCases)
    #expect(a.state.contour.descents.allSatisfy { $0.trajectory.count == 4 })
    let t = a.text
    for k in OptimizerKind.allCases { #expect(t.contains(k.rawValue)) }
  }

  /// Compare mode gives each optimizer its own row (w, b, loss, step) in its path's colour, and
  /// no longer shows gd's numbers as if they were everyone's; at 80 columns the rows still fit
  /// (fewer digits, and the step column goes when every optimizer is at the same step, which the
  /// heading says).
  @Test(arguments: [(120, 40, 3, true), (80, 24, 2, false)])
  func compareModeShowsARowPerOptimizerInItsColour(
    width: Int, height: Int, digits: Int, stepColumn: Bool
  ) {
    let a = app(.contour, width: width, height: height, keys: "c s s s")
    let screen = a.render(width: width, height: height)
    let lines = (0..<screen.height).map { screen.line($0, trim: false) }
    let gd = a.state.contour.descents[0].trajectory.last!
    #expect(
      !lines.contains { $0.contains("w=\(Fmt.num(gd.w, 6, ascii: false))") }, "gd's 6-digit readout"
    )
    #expect(lines.contains { $0.contains("step 3") })
    #expect(lines.contains { $0.contains("optimizer") && $0.contains("loss") })
    for (i, d) in a.state.contour.descents.enumerated() {
      let last = d.trajectory.last!
      let name = " \(d.optimizer.kind.rawValue) "
      let numbers = [
        Fmt.num(last.w, digits), Fmt.num(last.b, digits), Fmt.num(last.loss, digits + 1),
      ]
      let y = lines.firstIndex { line in
        line.contains(name) && numbers.allSatisfy { line.contains(" \($0)") }
          && (!stepColumn || line.hasSuffix(" 3") || line.contains(" 3 "))
      }
      guard let y else {
        Issue.record("no row for \(name) with \(numbers):\n\(lines.joined(separator: "\n"))")
        continue
      }
      let line = lines[y]
      let x = line.distance(from: line.startIndex, to: line.range(of: " " + numbers[2])!.upperBound)
      #expect(screen[x - 1, y].style.foreground == Theme.color(i), "\(name) colour")
    }
  }

  @Test func outliersMoveTheMSEMinimumMoreThanTheMAEMinimum() {
    let clean = app(.contour).state.contour.minima
    let dirty = app(.contour, keys: "x").state.contour.minima
    let mseShift = abs(dirty[.mse]!.b - clean[.mse]!.b) + abs(dirty[.mse]!.w - clean[.mse]!.w)
    let maeShift = abs(dirty[.mae]!.b - clean[.mae]!.b) + abs(dirty[.mae]!.w - clean[.mae]!.w)
    #expect(mseShift > 3 * maeShift)
  }

  @Test func surfaceIsComputedOncePerChangeNotPerStep() {
    var a = app(.contour)
    var cache = a.makeRenderCache()
    _ = a.render(width: 100, height: 30, cache: &cache)
    let key = cache.contour.surface?.key
    #expect(key != nil)
    for _ in 0..<3 {
      _ = a.press("s")
      _ = a.render(width: 100, height: 30, cache: &cache)
    }
    #expect(cache.contour.surface?.key == key && cache.contour.surfacesComputed == 1)
    _ = a.press("m")
    _ = a.render(width: 100, height: 30, cache: &cache)
    #expect(cache.contour.surface?.key != key && cache.contour.surfacesComputed == 2)
  }

  @Test func runningStepsOnTicksAndPauses() {
    var a = app(.contour, keys: "r")
    #expect(a.tickInterval != nil)
    _ = a.handle(.tick)
    _ = a.handle(.tick)
    #expect(a.state.contour.current.trajectory.count == 3)
    _ = a.press("r")
    #expect(a.tickInterval == nil)
  }
}

@Suite struct ContourMouseTests {
  @Test func clickingTheMapStartsThereAndWheelZooms() {
    var a = app(.contour, width: 120, height: 40)
    let rect = a.contentRect
    let map = a.state.contour.layout(rect, options: .standard).map
    let area = ContourPlot.dataArea(for: map, options: .standard)
    let x = area.x + area.width * 3 / 4
    let y = area.y + area.height / 4
    _ = a.press("s s")
    _ = a.handle(.mouse(MouseEvent(x: x, y: y)))
    let start = a.state.contour.start
    #expect(
      a.state.contour.current.trajectory.count == 1, "a click restarts from the clicked point")
    // Three quarters across w ∈ [0, 4] and a quarter down b ∈ [1, 5], to within a cell.
    #expect(abs(start.w - 3) < 4.0 / Double(area.width) * 1.5)
    #expect(abs(start.b - 4) < 4.0 / Double(area.height) * 1.5)
    _ = a.handle(.mouse(MouseEvent(x: x, y: y, button: .wheelUp)))
    #expect(a.state.contour.wSpan < 4)
  }
}
