import Foundation
import LossCore
import LossPlot

/// Test surfaces and plots shared by the LossPlot tests.
enum Fixtures {
  /// The line-fit MSE bowl around (2, 3): nested ellipses.
  static func bowl(
    columns: Int, rows: Int, x: ClosedRange<Double> = -2...6, y: ClosedRange<Double> = -1...7
  )
    -> Grid2D
  {
    var g = Grid2D(columns: max(columns, 2), rows: max(rows, 2), xRange: x, yRange: y)
    for j in 0..<g.rows {
      for i in 0..<g.columns {
        let w = g.x(i) - 2
        let b = g.y(j) - 3
        g[i, j] = w * w * 0.34 + b * b + w * b
      }
    }
    return g
  }

  /// The MAE-like surface |w − 2| + |b − 3|·0.5 : nested diamonds.
  static func mae(
    columns: Int, rows: Int, x: ClosedRange<Double> = 0...4, y: ClosedRange<Double> = 1...5
  )
    -> Grid2D
  {
    var g = Grid2D(columns: max(columns, 2), rows: max(rows, 2), xRange: x, yRange: y)
    for j in 0..<g.rows {
      for i in 0..<g.columns { g[i, j] = abs(g.x(i) - 2) + abs(g.y(j) - 3) * 0.5 }
    }
    return g
  }

  /// Binary cross-entropy for target 1 and 0: −log(p), −log(1 − p); infinite at the ends.
  static let bce: [Series] = [
    Series(name: "y=1", color: .red, asciiGlyph: "*", source: .function { -Foundation.log($0) }),
    Series(
      name: "y=0", color: .blue, asciiGlyph: "o", source: .function { -Foundation.log(1 - $0) }),
  ]

  static func linePlot() -> LinePlot {
    var p = LinePlot(xRange: 0...1, yRange: 0...4, xTitle: "p", yTitle: "loss", series: bce)
    p.cursorX = 0.3
    p.markers = [(0.3, -Foundation.log(0.3), .red)]
    return p
  }

  static func contourPlot(for rect: Rect, options: RenderOptions) -> ContourPlot {
    let n = ContourPlot.sampleSize(for: rect, options: options)
    var p = ContourPlot(grid: bowl(columns: n.columns, rows: n.rows))
    p.minimum = (2, 3)
    p.paths = [
      ContourPath(
        points: [(-1.5, 6), (0, 4.5), (1, 3.5), (1.8, 3.1)], color: .brightMagenta, name: "gd"),
      ContourPath(points: [(5, 0), (4, 1), (9, -5)], color: .brightCyan, name: "adam"),
    ]
    p.arrow = (0, 0, 1, 1)
    return p
  }

  static let histogram = Histogram(
    categories: ["cat", "dog", "bird"],
    series: [("p", [0.5, 0.3, 0.2], .blue), ("q", [0.25, 0.6, 0.15], .red)], selected: 1)

  static let panel = TextPanel(
    title: "MSE",
    lines: [
      .text("L = mean((y − ŷ)²)"), .value("loss", "0.125"), .value("gradient w", "-1.5"), .blank,
      .text("q quit"),
    ])
}
