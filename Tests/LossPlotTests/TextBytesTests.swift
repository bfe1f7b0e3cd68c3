import LossCore
import Testing

@testable import LossPlot

/// `Screen.textBytes(depth:)` (what `losslab render` prints) writes the same bytes as the rows as
/// strings joined by newlines: `line(_:)` without colour, `ansi(depth:)` with it.
@Suite struct TextBytesTests {
  /// A contour map with a path and a key over braille, quadrants and box drawing, plus a styled
  /// label, a trailing styled blank and control characters.
  static func frame(options: RenderOptions) -> Screen {
    var screen = Screen(width: 72, height: 20)
    let n = ContourPlot.sampleSize(for: screen.bounds, options: options)
    var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
    p.paths = [ContourPath(points: [(0.5, 1), (1.5, 2.5), (2, 3)], color: .red, name: "sgd")]
    p.draw(into: &screen, rect: Rect(x: 0, y: 0, width: 72, height: 18), options: options)
    screen.put("bold é → ∑\u{7}", x: 1, y: 18, style: Style(foreground: .green).with(.bold))
    screen.put(" ", x: 71, y: 19, style: Style(background: .blue))
    return screen
  }

  @Test(arguments: [RenderOptions.ColorDepth.none, .basic8, .full256])
  func bytesAreTheJoinedRows(depth: RenderOptions.ColorDepth) {
    let screen = Self.frame(options: RenderOptions(color: depth))
    let rows =
      depth == .none ? (0..<screen.height).map { screen.line($0) } : screen.ansi(depth: depth)
    let expected = Array((rows.joined(separator: "\n") + "\n").utf8)
    #expect(screen.textBytes(depth: depth) == expected)
    #expect(expected.count > screen.height * 10)  // the frame is not empty
  }

  @Test func anEmptyScreenIsNoBytesAndABlankOneIsNewlines() {
    #expect(Screen(width: 0, height: 0).textBytes(depth: .none).isEmpty)
    #expect(Screen(width: 5, height: 3).textBytes(depth: .full256) == Array("\n\n\n".utf8))
  }
}
