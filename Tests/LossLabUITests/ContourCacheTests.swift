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

  /// Replays `keys` as the front end does: a frame after every key, all with one cache.
  static func run(
    _ view: ViewID, width: Int, height: Int, keys: String, options: RenderOptions = .standard
  ) -> (app: LossLabApp, cache: AppRenderCache, frame: Screen) {
    var a = app(view, width: width, height: height, options: options)
    var cache = a.makeRenderCache()
    var frame = a.render(width: width, height: height, cache: &cache)
    for k in try! KeyNames.parse(keys) {
      _ = a.handle(.key(k))
      frame = a.render(width: width, height: height, cache: &cache)
    }
    return (a, cache, frame)
  }

  @Test(arguments: 0..<cases.count)
  func cachedFrameEqualsFrameDrawnFromScratch(_ i: Int) {
    let (keys, options) = Self.cases[i]
    let (a, cache, cached) = Self.run(
      .contour, width: 200, height: 60, keys: keys, options: options)
    #expect(cache.contour.base != nil, "the base layer should be cached")
    #expect(
      cache.contour.basesDrawn < (try! KeyNames.parse(keys)).count + 1,
      "some frames reused the base")
    let scratch = a.render(width: 200, height: 60)
    #expect(cached == scratch)
    #expect(cached.text.contains("step"))
  }

  @Test func baseIsRedrawnWhenTheKeyOfPathsChanges() {
    var (a, cache, _) = Self.run(.contour, width: 120, height: 40, keys: "s s")
    let before = cache.contour.base?.key
    #expect(cache.contour.basesDrawn == 1, "steps reuse the base layer")
    _ = a.press("c")
    let cached = a.render(width: 120, height: 40, cache: &cache)
    let after = cache.contour.base?.key
    #expect(before != nil && after != nil && before != after)
    #expect(cache.contour.basesDrawn == 2)
    #expect(cache.contour.surfacesComputed == 1, "the surface itself did not change")
    // The colours changed (one orange path, then one colour per optimizer; the panel names them).
    #expect(cache.contour.base?.key.colors.count == OptimizerKind.allCases.count)
    #expect(cached == a.render(width: 120, height: 40))
  }

  @Test func aResizeOrAnotherLossRedrawsTheBaseButStepsDoNot() {
    var (a, cache, _) = Self.run(.contour, width: 120, height: 40, keys: "s s s")
    #expect(cache.contour.surfacesComputed == 1 && cache.contour.basesDrawn == 1)
    _ = a.handle(.resize(width: 140, height: 44))
    _ = a.render(width: 140, height: 44, cache: &cache)
    #expect(cache.contour.surfacesComputed == 2 && cache.contour.basesDrawn == 2)
    _ = a.press("m")
    let frame = a.render(width: 140, height: 44, cache: &cache)
    #expect(cache.contour.surfacesComputed == 3 && cache.contour.basesDrawn == 3)
    #expect(frame == a.render(width: 140, height: 44))
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

  /// The sample is scanned in chunks on both cores; it is exactly the one pass from the first point gives:
  /// every stride-th point, plus points more than 3 RMSE from the line while fewer than `limit` were added.
  @Test func scatterSampleOnBothCoresIsTheOnePassSample() throws {
    var big = try LineData.tutorial(points: 300_001)
    for i in Swift.stride(from: 7, to: big.y.count, by: 37) { big.y[i] -= 9 }  // ~8100 far points
    let fit = LineFitObjective(data: big, loss: .mse).minimum
    let s = ScatterSample(big, fit: fit)
    #expect(s == ScatterSample(big, fit: fit, parallel: false))
    let n = big.x.count
    let stride = (n + ScatterSample.limit - 1) / ScatterSample.limit
    let far = 3 * fit.loss.squareRoot()
    var xs: [Double] = []
    var ys: [Double] = []
    var extra = 0
    for i in 0..<n {
      var keep = i % stride == 0
      if !keep, extra < ScatterSample.limit, abs(big.y[i] - (fit.w * big.x[i] + fit.b)) > far {
        keep = true
        extra += 1
      }
      if keep {
        xs.append(big.x[i])
        ys.append(big.y[i])
      }
    }
    #expect(extra == ScatterSample.limit, "the limit on far points is reached")
    #expect(s.x == xs && s.y == ys)
    #expect(s.xRange == big.x.min()!...big.x.max()! && s.yRange == big.y.min()!...big.y.max()!)
  }
}
