import LossCore
import Testing

@testable import LossPlot

/// Frames without colour (printed, or `--color never`) keep their meaning: every contour level has
/// its own glyph on the map and in the key, paths use glyphs no isoline uses, and the bars of two
/// series differ by fill.
@Suite struct PrintableFrameTests {
  static let none = RenderOptions(color: .none)

  /// The MAE diamond |w − 2| + 0.5·|b − 3| with three levels, drawn without colour.
  func diamond(paths: [ContourPath] = []) -> (Screen, PlotFrame, ContourPlot) {
    var screen = Screen(width: 70, height: 22)
    let n = ContourPlot.sampleSize(for: screen.bounds, options: Self.none)
    var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
    p.levels = [0.5, 1, 1.5]
    p.paths = paths
    let f = p.draw(into: &screen, rect: screen.bounds, options: Self.none)
    return (screen, f, p)
  }

  @Test func eachLevelIsDrawnWithItsOwnLetterWhereItsValueIs() {
    let (screen, f, _) = diamond()
    let letters = ContourPlot.levelLetters.prefix(3).map { Unicode.Scalar($0) }
    #expect(Set(letters).count == 3)
    var seen: [Unicode.Scalar: Int] = [:]
    // A cell is 1/cellsPerUnit wide: along an isoline the surface differs from the level by at most
    // the change across one cell (slope 1 in w, 0.5 in b).
    let cw = (f.xRange.upperBound - f.xRange.lowerBound) / Double(f.area.width)
    let ch = (f.yRange.upperBound - f.yRange.lowerBound) / Double(f.area.height)
    let tolerance = cw + 0.5 * ch
    for y in f.area.y..<f.area.maxY {
      for x in f.area.x..<f.area.maxX {
        let s = screen[x, y].scalar
        #expect(!(0x2800...0x28FF).contains(s.value), "braille at (\(x), \(y)) without colour")
        guard let k = letters.firstIndex(of: s) else { continue }
        seen[s, default: 0] += 1
        let v = abs(f.dataX(column: x) - 2) + 0.5 * abs(f.dataY(row: y) - 3)
        #expect(abs(v - [0.5, 1, 1.5][k]) <= tolerance, "\(s) at (\(x), \(y)) has value \(v)")
      }
    }
    for l in letters { #expect((seen[l] ?? 0) >= 8, "level \(l) barely drawn") }
    // The key: one row per level, highest first, each with the letter of its isoline.
    let key = (0..<screen.height).map { screen.line($0) }
    for (letter, value) in zip(letters, ["0.5", "1.0", "1.5"]) {
      #expect(key.contains { $0.hasSuffix("\(letter) \(value)") }, "no key row \(letter) \(value)")
    }
  }

  @Test func pathGlyphsAreNeverIsolineLetters() {
    #expect(Set(ContourPlot.pathGlyphs).isDisjoint(with: ContourPlot.levelLetters))
    #expect(Set(ContourPlot.pathGlyphs).count == ContourPlot.pathGlyphs.count)
    // Two paths across 90% of the map, drawn with their glyphs over the isolines.
    let (screen, f, _) = diamond(paths: [
      ContourPath(points: [(0.2, 1.5), (3.8, 1.5)], color: .red, name: "gd"),
      ContourPath(points: [(0.2, 4.5), (3.8, 4.5)], color: .blue, name: "adam"),
    ])
    let row0 = screen.line(f.row(y: 1.5)!)
    let row1 = screen.line(f.row(y: 4.5)!)
    #expect(row0.filter { $0 == "*" }.count >= f.area.width * 85 / 100)
    #expect(row1.filter { $0 == "+" }.count >= f.area.width * 85 / 100)
    // One path alone keeps its braille line, which no isoline uses without colour.
    let (alone, g, _) = diamond(paths: [
      ContourPath(points: [(0.2, 1.5), (3.8, 1.5)], color: .red, name: "")
    ])
    let line = Array(alone.line(g.row(y: 1.5)!).unicodeScalars)
    let braille = line.filter { (0x2801...0x28FF).contains($0.value) }.count
    #expect(braille >= g.area.width * 85 / 100)
  }

  @Test func twoSeriesDifferByFillWithoutColour() {
    let h = Histogram(
      categories: ["a", "b"],
      series: [
        (name: "P", values: [0.8, 0.4], color: .blue),
        (name: "Q", values: [0.4, 0.8], color: .red),
      ])
    var screen = Screen(width: 40, height: 14)
    let area = h.draw(into: &screen, rect: screen.bounds, options: Self.none)
    let groups = h.categoryRects(in: screen.bounds)
    // Bottom row of the bars: P's columns solid, Q's shaded.
    let bottom = Array(screen.line(area.maxY - 1).unicodeScalars)
    for g in groups {
      let cells = bottom[g.x..<min(g.maxX, bottom.count)]
      #expect(cells.contains("█") && cells.contains(Histogram.shade))
      let solid = cells.firstIndex(of: "█")!
      let shade = cells.firstIndex(of: Histogram.shade)!
      #expect(solid < shade, "P is drawn left of Q")
    }
    // The legend shows the same fills.
    #expect(screen.line(0).hasPrefix("█ P  ▒ Q"))
    // With colour both are solid, told apart by colour.
    var colored = Screen(width: 40, height: 14)
    h.draw(into: &colored, rect: colored.bounds, options: .standard)
    #expect(!colored.text.unicodeScalars.contains(Histogram.shade))
  }
}
