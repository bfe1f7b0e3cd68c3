import LossPlot
import Testing

@testable import LossLabUI

/// The views printed without colour (`--color never`, NO_COLOR) keep what colour told apart.
@Suite struct PrintableViewTests {
  static let none = RenderOptions(color: .none)

  /// The level key's rows under "level": (letter, value text).
  func keyRows(_ lines: [String], keyColumn: Int) -> [(Character, String)] {
    guard let top = lines.firstIndex(where: { $0.contains("level") }) else { return [] }
    var rows: [(Character, String)] = []
    for line in lines[(top + 1)...] {
      let cells = Array(line)
      guard cells.count > keyColumn + 2, cells[keyColumn + 1] == " ", cells[keyColumn].isLetter,
        cells[keyColumn + 2].isNumber
      else { break }
      let value = String(cells[(keyColumn + 2)...].prefix { !$0.isWhitespace })
      rows.append((cells[keyColumn], value))
    }
    return rows
  }

  @Test func contourLevelsHaveTheirOwnLetterOnTheMapAndInTheKey() {
    let a = app(.contour, width: 100, height: 30, options: Self.none)
    let lines = a.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let layout = a.layout(width: 100, height: 30)
    guard case .contour(let l) = layout.view else {
      Issue.record("not contour")
      return
    }
    let keyColumn = Array(lines.first { $0.contains("level") }!).firstIndex(of: "l")!
    let rows = keyRows(lines, keyColumn: keyColumn)
    #expect(rows.count >= 4)
    #expect(Set(rows.map(\.0)).count == rows.count, "two levels share a letter: \(rows)")
    // Every letter of the key draws its isoline on the map.
    let area = l.mapFrame.area
    let map = lines[area.y..<area.maxY].map {
      String(Array($0).dropFirst(area.x).prefix(area.width))
    }
    .joined()
    for (letter, value) in rows {
      #expect(map.filter { $0 == letter }.count >= 5, "level \(value) (\(letter)) not drawn")
    }
    // No braille isolines: the only braille is the start point's dot and its gradient arrow
    // (three cells long), within four cells of the start.
    let start = a.state.contour.start
    let (sc, sr) = (l.mapFrame.column(x: start.w)!, l.mapFrame.row(y: start.b)!)
    for y in area.y..<area.maxY {
      for (x, ch) in Array(lines[y].unicodeScalars).enumerated()
      where (area.x..<area.maxX).contains(x) && (0x2801...0x28FF).contains(ch.value) {
        #expect(abs(x - sc) <= 4 && abs(y - sr) <= 4, "braille at (\(x), \(y)) away from the start")
      }
    }
  }

  @Test func comparePathsUseTheLegendsGlyphsAndNoLevelLetter() {
    let a = app(.contour, width: 100, height: 30, keys: "c s s s s s s", options: Self.none)
    let text = a.text
    let layout = a.layout(width: 100, height: 30)
    guard case .contour(let l) = layout.view else {
      Issue.record("not contour")
      return
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let area = l.mapFrame.area
    let map = lines[area.y..<area.maxY].map {
      String(Array($0).dropFirst(area.x).prefix(area.width))
    }
    .joined()
    // The panel's legend: glyph, space, optimizer name.
    for (i, d) in a.state.contour.descents.enumerated() {
      let glyph = Theme.glyph(i)
      #expect(!ContourPlot.levelLetters.contains(UInt8(ascii: Unicode.Scalar(String(glyph))!)))
      #expect(lines.contains { $0.contains("\(glyph) \(d.optimizer.kind.rawValue)") })
    }
    // The paths are drawn with those glyphs (later ones cover earlier ones where they meet).
    let drawn = Set(map).intersection(Theme.glyphs)
    #expect(drawn.count >= 5, "path glyphs on the map: \(drawn)")
  }

  @Test func distributionsPAndQDifferByFill() {
    let a = app(.distributions, width: 100, height: 30, options: Self.none)
    let lines = a.text.split(separator: "\n").map(String.init)
    #expect(lines[1].hasPrefix("█ P  ▒ Q"))
    // The first category (P 0.1, Q 0.8): Q's column is the taller, in shade.
    let shaded = lines.filter { $0.contains("▒") }.count
    let solid = lines.filter { $0.contains("█") }.count
    #expect(shaded >= 10 && solid >= 10)
  }
}

/// At 160×48 and larger the contour view's panel (readout, loss chart, data) takes two fifths of the
/// width; below, it keeps 46 columns.
@Suite struct ContourLargeLayoutTests {
  @Test(arguments: [(120, 36, 46), (159, 48, 46), (160, 48, 64), (200, 60, 80), (160, 40, 46)])
  func panelWidth(width: Int, height: Int, panel: Int) {
    let a = app(.contour, width: width, height: height)
    guard case .contour(let l) = a.layout(width: width, height: height).view else {
      Issue.record("not contour")
      return
    }
    #expect(l.panel.width == panel)
    #expect(l.map.width + l.panel.width == width)
  }

}
