import Foundation
import LossCore
import Testing

@testable import LossPlot

/// Sizes from 1×1 up to 300×100: every width 1...40 against a spread of heights, then larger frames.
let sampleSizes: [(Int, Int)] =
  (1...40).flatMap { w in [1, 2, 3, 4, 5, 6, 7, 9, 12, 17, 24].map { (w, $0) } }
  + [(41, 13), (60, 20), (80, 24), (120, 40), (200, 60), (300, 100)]

let sentinel = Cell("§", style: Style(foreground: Color(99), background: Color(17)))

/// Draws with `draw` into `rect` placed at (3, 2) inside a sentinel-filled screen and checks that
/// every cell outside the rectangle is untouched and, in ASCII mode, that the inside is pure ASCII
/// (which also shows the plot cleared its rectangle of the sentinels).
func checkBounds(
  _ name: String, width: Int, height: Int, options: RenderOptions, checkInside: Bool = true,
  _ draw: (inout Screen, Rect) -> Void
) {
  var screen = Screen(width: width + 6, height: height + 4, fill: sentinel)
  let rect = Rect(x: 3, y: 2, width: width, height: height)
  draw(&screen, rect)
  #expect(screen.width == width + 6 && screen.height == height + 4)
  var outside = 0
  var nonASCII = 0
  for y in 0..<screen.height {
    for x in 0..<screen.width {
      let c = screen[x, y]
      if rect.contains(x: x, y: y) {
        if checkInside && options.ascii && !c.scalar.isASCII { nonASCII += 1 }
      } else if c != sentinel {
        outside += 1
      }
    }
  }
  #expect(outside == 0, "\(name) \(width)×\(height) \(options): \(outside) cells drawn outside")
  #expect(nonASCII == 0, "\(name) \(width)×\(height): \(nonASCII) non-ASCII cells")
}

let allOptions = [
  RenderOptions.standard, RenderOptions(ascii: true, color: .none),
  RenderOptions(ascii: false, color: .basic8),
]

@Test func linePlotStaysInsideItsRectangle() {
  let plot = Fixtures.linePlot()
  for (w, h) in sampleSizes {
    for o in allOptions {
      checkBounds("line", width: w, height: h, options: o) { s, r in
        let f = plot.draw(into: &s, rect: r, options: o)
        #expect(f.area.isEmpty || r.intersection(f.area) == f.area)
      }
    }
  }
}

@Test func contourPlotStaysInsideItsRectangle() {
  for (w, h) in sampleSizes {
    for o in allOptions {
      let local = Rect(x: 0, y: 0, width: w, height: h)
      let plot = Fixtures.contourPlot(for: local, options: o)
      checkBounds("contour", width: w, height: h, options: o) { s, r in
        let f = plot.draw(into: &s, rect: r, options: o)
        #expect(f.area.isEmpty || r.intersection(f.area) == f.area)
        // The data area is exactly what sampleSize promised, one sample per dot.
        let d = CanvasMode(o).dotsPerCell
        if f.area.width >= 1 && f.area.height >= 1 {
          let n = ContourPlot.sampleSize(for: r, options: o)
          #expect(n.columns == max(2, f.area.width * d.x) && n.rows == max(2, f.area.height * d.y))
        }
      }
    }
  }
}

@Test func histogramPanelAndBoxStayInsideTheirRectangles() {
  for (w, h) in sampleSizes {
    for o in allOptions {
      checkBounds("histogram", width: w, height: h, options: o) { s, r in
        Fixtures.histogram.draw(into: &s, rect: r, options: o)
      }
      checkBounds("panel", width: w, height: h, options: o) { s, r in
        Fixtures.panel.draw(into: &s, rect: r, options: o)
      }
      // The box leaves its inside alone (sentinels stay there); its border must be ASCII.
      checkBounds("box", width: w, height: h, options: o, checkInside: false) { s, r in
        s.box(r, title: "Title ✓", ascii: o.ascii)
        if o.ascii && r.width >= 2 && r.height >= 2 {
          for x in r.x..<r.maxX {
            #expect(s[x, r.y].scalar.isASCII && s[x, r.maxY - 1].scalar.isASCII)
          }
        }
      }
    }
  }
}

@Test func smallPlotsDropTheLegendThenTheAxes() {
  let plot = Fixtures.linePlot()
  var big = Screen(width: 60, height: 16)
  plot.draw(into: &big, rect: big.bounds, options: .standard)
  #expect(big.text.contains("y=1") && big.text.contains("loss"))
  // Too small for the legend (it would cover more than half the data area), axes still there.
  var mid = Screen(width: 14, height: 5)
  plot.draw(into: &mid, rect: mid.bounds, options: .standard)
  #expect(!mid.text.contains("y=1"))
  #expect(mid.text.contains("└"))
  // Tiny: data only.
  var tiny = Screen(width: 8, height: 3)
  let f = plot.draw(into: &tiny, rect: tiny.bounds, options: .standard)
  #expect(f.area == tiny.bounds)
  #expect(!tiny.text.contains("└") && !tiny.text.contains("0"))
}

/// Whether `step` is 1, 2 or 5 × 10ⁿ (within rounding).
private func niceStep(_ step: Double) -> Bool {
  var m = step
  while m >= 10 { m /= 10 }
  while m < 1 { m *= 10 }
  return [1.0, 2.0, 5.0, 10.0].contains { abs($0 - m) < 1e-6 }
}

/// Checks labels read off a rendered axis: inside the range, evenly spaced by a nice step.
private func checkLabels(_ values: [Double], in range: ClosedRange<Double>, _ context: String) {
  for v in values { #expect(range.contains(v), "\(context): label \(v) outside \(range)") }
  guard values.count >= 2 else { return }
  let sorted = values.sorted()
  let step = sorted[1] - sorted[0]
  #expect(niceStep(step), "\(context): step \(step)")
  for k in 1..<sorted.count {
    #expect(abs(sorted[k] - sorted[k - 1] - step) < step * 1e-6, "\(context): uneven \(sorted)")
  }
}

@Test func renderedTickLabelsAreNiceAndInsideTheRangeAtEverySize() {
  var p = LinePlot(xRange: -0.37...2.9, yRange: 0.013...7.7, xTitle: "x")
  p.series = Fixtures.bce
  for (w, h) in sampleSizes {
    var s = Screen(width: w, height: h)
    let f = p.draw(into: &s, rect: s.bounds, options: .standard)
    guard f.area != s.bounds else { continue }  // no axes at this size
    let xs = s.line(f.area.maxY + 1).split(separator: " ").compactMap { Double($0) }
    checkLabels(xs, in: p.xRange, "x at \(w)×\(h)")
    let ys = (f.area.y..<f.area.maxY).compactMap { r -> Double? in
      Double(s.line(r).prefix(f.area.x - 1).trimmingCharacters(in: .whitespaces))
    }
    checkLabels(ys, in: p.yRange, "y at \(w)×\(h)")
    // Labels never overlap: the label row parses into separate numbers with gaps.
    #expect(!s.line(f.area.maxY + 1).contains("--"))
    if w >= 30 && h >= 8 { #expect(xs.count >= 2 && ys.count >= 2, "\(w)×\(h)") }
  }
}
