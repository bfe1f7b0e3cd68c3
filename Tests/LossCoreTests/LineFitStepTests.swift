import Testing

@testable import LossCore

/// A descent step's MAE, quantile and Huber sums (``LineFitObjective/absoluteSums(w:b:above:below:parallel:)``,
/// ``LineFitObjective/huberSums(w:b:parallel:)``), four points at a time with masks, are the per-point formulas
/// summed in four lanes (point i in lane i mod 4, then (lane 0 + lane 1) + (lane 2 + lane 3)), bit for bit.
@Suite struct LineFitStepTests {
  /// 4099 points (runs of 4 and three left over): every third lies exactly on y = 2x + 1, so at (2, 1) its
  /// residual is 0 and weighs nothing; the others sit above and below at random, some beyond Huber's δ.
  static let data: LineData = {
    var rng = SplitMix64(seed: 19)
    let x = (0..<4099).map { Double($0 % 97) - 40 }
    let y = x.enumerated().map { i, x in
      2 * x + 1 + (i % 3 == 0 ? 0 : 4 * (rng.nextUnit() - 0.5))
    }
    return LineData(x: x, y: y)
  }()

  /// Σ of (value, ∂/∂w, ∂/∂b) terms in four lanes, divided by n.
  static func laneSums(_ term: (_ x: Double, _ y: Double) -> (Double, Double, Double))
    -> (Double, Double, Double)
  {
    var (s, gw, gb) = ([0.0, 0, 0, 0], [0.0, 0, 0, 0], [0.0, 0, 0, 0])
    for (i, (x, y)) in zip(data.x, data.y).enumerated() {
      let (v, dw, db) = term(x, y)
      s[i % 4] += v
      gw[i % 4] += dw
      gb[i % 4] += db
    }
    let n = Double(data.x.count)
    func total(_ v: [Double]) -> Double { ((v[0] + v[1]) + (v[2] + v[3])) / n }
    return (total(s), total(gw), total(gb))
  }

  static let lines: [(w: Double, b: Double)] = [(2, 1), (2, 1.2), (1.9, -3), (0, 0), (-1e6, 3e7)]

  @Test(arguments: [(1.0, 1.0), (0.3, 0.7), (0.0, 1.0), (1.0, 0.0)])
  func absoluteSumsAreTheLaneSums(above: Double, below: Double) {
    let f = LineFitObjective(data: Self.data, loss: .mae)
    for (w, b) in Self.lines {
      let got = f.absoluteSums(w: w, b: b, above: above, below: below)
      let want = Self.laneSums { x, y in
        let r = w * x + b - y
        let g: Double
        if r > 0 {
          g = below
        } else if r < 0 {
          g = -above
        } else {
          g = 0
        }
        return (g * r, g * x, g)
      }
      #expect(got.value.bitPattern == want.0.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.w.bitPattern == want.1.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.b.bitPattern == want.2.bitPattern, "(\(w), \(b))")
    }
  }

  @Test(arguments: [0.3, 1, 1e9])
  func huberSumsAreTheLaneSums(delta: Double) {
    let f = LineFitObjective(data: Self.data, loss: .huber, config: LossConfig(delta: delta))
    for (w, b) in Self.lines {
      let got = f.huberSums(w: w, b: b)
      let want = Self.laneSums { x, y in
        let r = w * x + b - y
        let a = abs(r)
        let g = min(max(r, -delta), delta)
        return (a <= delta ? 0.5 * a * a : delta * (a - 0.5 * delta), g * x, g)
      }
      #expect(got.value.bitPattern == want.0.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.w.bitPattern == want.1.bitPattern, "(\(w), \(b))")
      #expect(got.gradient.b.bitPattern == want.2.bitPattern, "(\(w), \(b))")
    }
  }
}
