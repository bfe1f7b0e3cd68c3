import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// `layout(width:height:)` says where everything is without drawing; clicks are hit-tested with it.
/// It must agree with what rendering draws.
@Suite struct LayoutTests {
  static let sizes: [(Int, Int)] = [(60, 16), (80, 24), (100, 30), (200, 60), (67, 20), (91, 40)]

  @Test func curvesPlotFrameIsWhereRenderingDrawsIt() {
    for (w, h) in Self.sizes {
      for keys in ["", "y", "+ + >", "g 0 - - -", "y j Space"] {
        let a = app(.curves, width: w, height: h, keys: keys)
        guard case .curves(let l) = a.layout(width: w, height: h).view else {
          Issue.record("not the curves layout")
          continue
        }
        var screen = Screen(width: w, height: h)
        let drawn = a.state.curves.render(into: &screen, rect: a.contentRect, options: .standard)
        #expect(l.plotFrame == drawn, "\(w)x\(h) keys '\(keys)'")
      }
    }
  }

  @Test func contourMapFrameIsWhereRenderingDrawsIt() {
    for (w, h) in Self.sizes {
      for options in [RenderOptions.standard, RenderOptions(ascii: true)] {
        for keys in ["", "+ + S-Left", "- m"] {
          let a = app(.contour, width: w, height: h, keys: keys, options: options)
          guard case .contour(let l) = a.layout(width: w, height: h).view else {
            Issue.record("not the contour layout")
            continue
          }
          var cache = ContourRenderCache()
          var screen = Screen(width: w, height: h)
          a.state.contour.render(
            into: &screen, rect: a.contentRect, options: options, cache: &cache)
          #expect(cache.base?.frame.moved(by: l.map) == l.mapFrame, "\(w)x\(h) '\(keys)'")
        }
      }
    }
  }

  @Test func distributionsColumnsAreTheHistogramsColumns() {
    let a = app(.distributions, width: 100, height: 30, keys: "+ +")
    guard case .distributions(let l) = a.layout(width: 100, height: 30).view else { return }
    #expect(l.categories.count == 5)
    // Clicking the middle of each column selects its category.
    for (i, column) in l.categories.enumerated() {
      var b = a
      _ = b.handle(.mouse(MouseEvent(x: column.x + column.width / 2, y: l.chart.y + 2)))
      #expect(b.state.distributions.selected == i)
    }
  }

  @Test func barsAndPanelsTileTheScreen() {
    for (w, h) in Self.sizes {
      for keys in ["", "e", "2", "2 e", "3"] {
        let l = app(width: w, height: h, keys: keys).layout(width: w, height: h)
        #expect(l.topBar.maxY == l.content.y)
        #expect(l.content.maxY == l.bottomPanel.y)
        #expect(l.bottomPanel.maxY == l.statusBar.y && l.statusBar.maxY == h)
        #expect((l.bottomPanel.height > 0) == keys.contains("e"))
      }
    }
  }

  @Test func aClickOnACurvesPanelRowSelectsThatCurve() {
    var a = app(.curves, width: 120, height: 30)
    guard case .curves(let l) = a.layout(width: 120, height: 30).view else { return }
    _ = a.handle(.mouse(MouseEvent(x: l.panel.x + 3, y: l.panel.y + 3 + 6)))
    #expect(a.state.curves.selected == 6)
  }

  @Test func clicksOnATooSmallScreenDoNothing() {
    var a = app(.contour, width: 30, height: 10)
    #expect(a.layout(width: 30, height: 10).tooSmall)
    let before = a.state.contour.start
    for x in 0..<30 {
      for y in 0..<10 { _ = a.handle(.mouse(MouseEvent(x: x, y: y))) }
    }
    #expect(a.state.contour.start == before && a.state.view == .contour)
  }
}
