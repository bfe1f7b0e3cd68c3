import Testing

@testable import LossCore

/// A descent step's MAE and quantile sums (``LineFitObjective/absoluteSums(w:b:above:below:parallel:)``), four
/// points at a time with masks, are the scalar sums in the points' order, bit for bit.
@Suite struct LineFitStepTests {
  /// 4099 points (a run of 4 and three left over): every third lies exactly on y = 2x + 1, so at (2, 1) its
  /// residual is 0 and weighs nothing; the others sit above and below at random.
  static let data: LineData = {
    var rng = SplitMix64(seed: 19)
    let x = (0..<4099).map { Double($0 % 97) - 40 }
    let y = x.enumerated().map { i, x in 2 * x + 1 + (i % 3 == 0 ? 0 : rng.nextUnit() - 0.5) }
    return LineData(x: x, y: y)
  }()

  /// Σ g·r, Σ g·x, Σ g with g = `below` where r > 0, −`above` where r < 0 and 0 at r = 0, one point at a time.
  static func scalarSums(w: Double, b: Double, above: Double, below: Double) -> (
    Double, Double, Double
  ) {
    var (s, gw, gb) = (0.0, 0.0, 0.0)
    for (x, y) in zip(data.x, data.y) {
      let r = w * x + b - y
      let g: Double
      if r > 0 {
        g = below
      } else if r < 0 {
        g = -above
      } else {
        g = 0
      }
      s += g * r
      gw += g * x
      gb += g
    }
    let n = Double(data.x.count)
    return (s / n, gw / n, gb / n)
  }

  @Test(arguments: [(1.0, 1.0), (0.3, 0.7), (0.0, 1.0), (1.0, 0.0)])
  func absoluteSumsAreTheScalarSums(above: Double, below: Double) {
    let f = LineFitObjective(data: Self.data, loss: .mae)
    for (w, b) in [(2.0, 1.0), (2.0, 1.2), (1.9, -3.0), (0.0, 0.0), (-1e6, 3e7)] {
      let got = f.absoluteSums(w: w, b: b, above: above, below: below)
      let want = Self.scalarSums(w: w, b: b, above: above, below: below)
      #expect(got.value.bitPattern == want.0.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.w.bitPattern == want.1.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.b.bitPattern == want.2.bitPattern, "(\(w), \(b))")
    }
  }
}
