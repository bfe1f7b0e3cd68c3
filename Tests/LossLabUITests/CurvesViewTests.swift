import LossCore
import LossPlot
import Testing

@testable import LossLabUI

@Suite struct CurvesViewTests {
  @Test func opensWithNegLogBCEBothTargetsAndHinge() {
    let s = app().state.curves
    let shown = s.entries.filter(\.visible).map(\.curve)
    #expect(
      shown == [
        LossCurve(.negativeLog), LossCurve(.binaryCrossentropy, target: 0), LossCurve(.binaryCrossentropy, target: 1),
        LossCurve(.hinge, target: 1),
      ])
  }

  @Test func cursorReadsBCETarget0At0_3() {
    let a = app()
    #expect(a.state.curves.cursorX == 0.3)
    #expect(a.state.curves.selectedCurve == LossCurve(.binaryCrossentropy, target: 0))
    // The value −log(1 − 0.3) = 0.35667 appears in the status bar and the panel.
    #expect(a.text.contains("0.357"))
  }

  @Test func cursorMovesSmallAndBigSteps() {
    var a = app(keys: "l")
    #expect(abs(a.state.curves.cursorX - 0.33) < 1e-12)
    _ = a.press("S-Right")
    #expect(abs(a.state.curves.cursorX - 0.63) < 1e-12)
    _ = a.press("h H")
    #expect(abs(a.state.curves.cursorX - 0.3) < 1e-12)
  }

  @Test func cursorStaysInsideTheXRange() {
    let a = app(keys: String(repeating: "L ", count: 40))
    #expect(a.state.curves.cursorX == CurvesState.defaultXRange.upperBound)
  }

  @Test func selectToggleAndTarget() {
    var a = app(keys: "j")
    #expect(a.state.curves.selectedCurve == LossCurve(.binaryCrossentropy, target: 1))
    _ = a.press("Space")
    #expect(a.state.curves.entries[3].visible == false)
    _ = a.press("t")
    #expect(a.state.curves.selectedCurve.target == 0)
    _ = a.press("k k")
    #expect(a.state.curves.selectedCurve.loss == .logarithm)
  }

  @Test func huberDeltaAndZoomAndReset() {
    var a = app(keys: "D D")
    let huber = a.state.curves.entries.first { $0.curve.loss == .huber }!.curve
    #expect(huber.delta == 4)
    _ = a.press("+")
    #expect(a.state.curves.span == 1.5)
    _ = a.press("y g 0")
    #expect(a.state.curves == CurvesState())
  }

  @Test func slopeOverlayAddsALegendEntry() {
    let a = app(keys: "g")
    #expect(a.text.contains("slope of BCE"))
  }

  @Test func panelShowsValueAndSlopeOfEveryVisibleCurve() {
    let a = app(width: 120, height: 30)
    let t = a.text
    // −log(0.3) = 1.204, slope −1/0.3 = −3.333; hinge 1 − 0.3 = 0.7, slope −1.
    #expect(t.contains("1.204"))
    #expect(t.contains("-3.333"))
    #expect(t.contains("0.700"))
    #expect(t.contains("-1.000"))
  }

  @Test func mouseClickMovesTheCursor() {
    var a = app(width: 120, height: 30)
    var scratch = Screen(width: 120, height: 30)
    let frame = a.state.curves.render(into: &scratch, rect: a.contentRect, options: .standard)
    let column = frame.area.x + frame.area.width / 2
    _ = a.handle(.mouse(MouseEvent(x: column, y: frame.area.y + 2)))
    #expect(abs(a.state.curves.cursorX - frame.dataX(column: column)) < 1e-9)
    #expect(a.state.curves.cursorX != 0.3)
  }
}
