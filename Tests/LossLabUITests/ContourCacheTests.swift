import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// The contour view draws its map from a cached base layer plus an overlay; every frame must be the
/// one drawn from scratch.
@Suite struct ContourCacheTests {
  static let cases: [(keys: String, options: RenderOptions)] = [
    ("s s s s s", .standard),
    ("] ] s s s s s s", RenderOptions(ascii: true)),
    ("c s s s s", .standard),
    ("m s s H s s", RenderOptions(color: .basic8)),
    ("m m x s s s", RenderOptions(ascii: true, color: .none)),
    ("+ + s s s s s s s s", .standard),
  ]

  @Test(arguments: 0..<cases.count)
  func cachedFrameEqualsFrameDrawnFromScratch(_ i: Int) {
    let (keys, options) = Self.cases[i]
    let a = app(.contour, width: 200, height: 60, keys: keys, options: options)
    #expect(a.state.contour.surface?.base != nil, "the base layer should be cached")
    var fresh = a
    fresh.state.contour.surface = nil
    let cached = a.render(width: 200, height: 60)
    let scratch = fresh.render(width: 200, height: 60)
    #expect(cached == scratch)
    #expect(cached.text.contains("step"))
  }

  @Test func baseIsRedrawnWhenTheKeyOfPathsChanges() {
    var a = app(.contour, width: 120, height: 40, keys: "s s")
    let before = a.state.contour.surface?.base?.key
    _ = a.press("c")
    let after = a.state.contour.surface?.base?.key
    #expect(before != nil && after != nil && before != after)
    // The colours changed (one orange path, then one colour per optimizer; the panel names them).
    #expect(a.state.contour.surface?.base?.key.colors.count == OptimizerKind.allCases.count)
    var fresh = a
    fresh.state.contour.surface = nil
    #expect(a.render(width: 120, height: 40) == fresh.render(width: 120, height: 40))
  }

  @Test func cachedMinimumIsTheObjectivesMinimum() {
    for keys in ["", "m", "m m"] {
      let a = app(.contour, keys: keys)
      let c = a.state.contour
      let m = c.objective.minimum
      #expect(c.minimum?.w == m.w && c.minimum?.b == m.b)
    }
  }

  @Test func scatterSampleKeepsSmallDataWholeAndThinsBigDataButKeepsOutliers() throws {
    let small = try LineData.tutorial(outliers: 5)
    let all = ScatterSample(small, fit: nil)
    #expect(all.x == small.x && all.y == small.y)
    #expect(all.xRange == small.x.min()!...small.x.max()!)
    #expect(all.yRange == small.y.min()!...small.y.max()!)

    let big = try LineData.tutorial(points: 100_000, outliers: 5)
    let fit = LineFitObjective(data: big, loss: .mse).minimum
    let s = ScatterSample(big, fit: fit)
    #expect(s.x.count <= 2 * ScatterSample.limit && s.x.count >= ScatterSample.limit / 2)
    #expect(s.yRange.lowerBound == big.y.min()!, "the extent is the whole data's")
    // The five outliers sit 6 below the line at the right end: every one is in the sample.
    for i in (big.x.count - 5)..<big.x.count {
      #expect(zip(s.x, s.y).contains { $0 == big.x[i] && $1 == big.y[i] }, "outlier \(i)")
    }
  }
}
