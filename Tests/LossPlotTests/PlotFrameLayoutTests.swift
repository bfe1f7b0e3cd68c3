import LossCore
import LossPlot
import Testing

/// Hit-testing reads a plot's frame without drawing it; that frame must be the one drawing returns.
@Suite struct PlotFrameLayoutTests {
  static let rects: [Rect] = [
    Rect(x: 0, y: 0, width: 80, height: 24), Rect(x: 3, y: 1, width: 64, height: 27),
    Rect(x: 0, y: 1, width: 14, height: 5), Rect(x: 0, y: 1, width: 13, height: 9),
    Rect(x: 10, y: 2, width: 30, height: 9), Rect(x: 0, y: 0, width: 0, height: 5),
    Rect(x: 5, y: 5, width: 150, height: 50),
  ]

  @Test func linePlotFrameIsTheDrawnFrame() {
    let ranges: [(ClosedRange<Double>, ClosedRange<Double>, Bool)] = [
      (-1...2, -1...5, false), (-1...2, 0.001...100, true), (0...1e6, -3e-5...7e-5, false),
      (-5...5, 0...0, false), (1...2, -10...0, true),
    ]
    for rect in Self.rects {
      for (xr, yr, log) in ranges {
        for title in ["", "loss"] {
          var plot = LinePlot(xRange: xr, yRange: yr, logY: log, yTitle: title)
          plot.series = [Series(name: "x", color: .red, asciiGlyph: "*", source: .function { $0 })]
          var screen = Screen(width: 200, height: 60)
          let drawn = plot.draw(into: &screen, rect: rect, options: .standard)
          #expect(plot.frame(in: rect) == drawn, "\(rect) \(xr) \(yr) log \(log) '\(title)'")
        }
      }
    }
  }

  @Test func contourPlotFrameIsTheDrawnFrame() {
    for rect in Self.rects {
      for options in [
        RenderOptions.standard, RenderOptions(ascii: true), RenderOptions(blocks: true),
      ] {
        let size = ContourPlot.sampleSize(for: rect, options: options)
        let plot = ContourPlot(
          grid: Fixtures.bowl(columns: size.columns, rows: size.rows, x: 0...4, y: 1...5))
        var screen = Screen(width: 200, height: 60)
        let drawn = plot.drawBase(into: &screen, rect: rect, options: options)
        let found = ContourPlot.frame(
          for: rect, xRange: 0...4, yRange: 1...5, samples: size, options: options)
        #expect(found == drawn, "\(rect) \(options)")
      }
    }
  }
}
