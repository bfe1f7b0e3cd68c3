import Foundation
import Testing

@testable import LossPlot

@Test func barHeightsUseEighthBlocks() {
  // One category, one unnamed series (no legend row), 8 rows of bars above the label row,
  // yMax 1: value 0.5 → 4 full cells; 0.5625 → 4 and a half-block ▄; 1/64 → ▁.
  for (v, full, top) in [(0.5, 4, nil), (0.5625, 4, "▄" as Unicode.Scalar?), (1 / 64.0, 0, "▁")] {
    let h = Histogram(categories: ["a"], series: [("", [v], .blue)], yMax: 1)
    var s = Screen(width: 3, height: 9)
    let area = h.draw(into: &s, rect: s.bounds, options: .standard)
    #expect(area == Rect(x: 0, y: 0, width: 3, height: 8))
    let column = (0..<8).map { s[1, 7 - $0].scalar }
    #expect(Array(column.prefix(full)) == Array(repeating: "█", count: full))
    #expect(column[full] == (top ?? " "))
  }
}

@Test func selectedCategoryIsHighlightedAndRectsCoverTheWidth() {
  var s = Screen(width: 36, height: 10)
  let h = Fixtures.histogram
  h.draw(into: &s, rect: s.bounds, options: .standard)
  let rects = h.categoryRects(in: s.bounds)
  #expect(rects.count == 3)
  #expect(zip(rects, rects.dropFirst()).allSatisfy { $0.maxX == $1.x })
  #expect(rects.last?.maxX == 36)
  // "dog" is selected: its label is reversed, the others are not.
  let labelRow = 9
  let dog = (0..<36).first { s.line(labelRow).dropFirst($0).hasPrefix("dog") }!
  #expect(s[dog, labelRow].style.attributes.contains(.reverse))
  let cat = (0..<36).first { s.line(labelRow).dropFirst($0).hasPrefix("cat") }!
  #expect(!s[cat, labelRow].style.attributes.contains(.reverse))
  // Bars carry their series colour.
  let barColours = Set(s.cells.filter { $0.scalar == "█" }.map { $0.style.foreground })
  #expect(barColours == [.blue, .red])
}

@Test func valuesArePrintedOnlyWhereTheyFit() {
  var wide = Screen(width: 36, height: 10)
  Fixtures.histogram.draw(into: &wide, rect: wide.bounds, options: .standard)
  #expect(wide.text.contains("0.25") && wide.text.contains("0.15"))
  var narrow = Screen(width: 14, height: 10)
  var h = Fixtures.histogram
  h.showValues = true
  h.draw(into: &narrow, rect: narrow.bounds, options: .standard)
  #expect(!narrow.text.contains("0.25"))
}

/// Names longer than their column are cut to leave the column's last cell free: neighbouring names never
/// touch, however narrow the columns (2 cells a category here, 3 and 4 below).
@Test func categoryNamesNeverTouch() {
  let names = ["cat", "dog", "fox", "horse", "e", "f", "g", "hh", "i", "j", "k", "l"]
  for width in [30, 40, 50] {
    let h = Histogram(
      categories: names,
      series: [("P", names.map { _ in 0.08 }, .blue), ("Q", names.map { _ in 0.08 }, .red)], yMax: 1
    )
    var s = Screen(width: width, height: 10)
    h.draw(into: &s, rect: s.bounds, options: .standard)
    let row = 9
    for (k, g) in h.categoryRects(in: s.bounds).enumerated() {
      let label = String(String.UnicodeScalarView((g.x..<g.maxX).map { s[$0, row].scalar }))
      // The group's cells hold a prefix of its own name, then at least one space.
      #expect(label.last == " ", "\(width): '\(label)'")
      let shown = label.trimmingCharacters(in: .whitespaces)
      #expect(!shown.isEmpty && names[k].hasPrefix(shown), "\(width): '\(label)' for \(names[k])")
    }
  }
}
