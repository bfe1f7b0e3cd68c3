import Testing

@testable import LossCore

/// Work spread over both cores gives exactly what one core gives: the same bits, not just close values.
@Suite struct ParallelTests {
  /// 10⁵ points (seven statistics chunks) with an offset far from 0, so the centring matters.
  static let data: LineData = {
    var rng = SplitMix64(seed: 7)
    let n = 100_003
    let x = (0..<n).map { _ in 1e6 + 3 * rng.nextUnit() }
    let y = x.map { 2 * $0 - 1e6 + rng.nextUnit() }
    return LineData(x: x, y: y)
  }()

  @Test func statisticsAreTheSameOnOneCoreAndTwo() {
    let one = LineStatistics(x: Self.data.x, y: Self.data.y, parallel: false)
    let two = LineStatistics(x: Self.data.x, y: Self.data.y, parallel: true)
    #expect(one.meanX.bitPattern == two.meanX.bitPattern)
    #expect(one.meanY.bitPattern == two.meanY.bitPattern)
    #expect(one.sxx.bitPattern == two.sxx.bitPattern)
    #expect(one.sxy.bitPattern == two.sxy.bitPattern)
    #expect(one.syy.bitPattern == two.syy.bitPattern)
  }

  /// The merged chunks agree with a two-pass sum with compensated (Kahan) additions. x near 10⁶ with a spread
  /// of 3 carries about 1e-10 relative error in each x − x̄ already (the ulp of 10⁶ is 1.2e-10), so the second
  /// moments agree to 1e-10, the means to an ulp.
  @Test func chunkedStatisticsMatchCompensatedSums() {
    let s = LineStatistics(x: Self.data.x, y: Self.data.y)
    func kahan(_ values: some Sequence<Double>) -> Double {
      var sum = 0.0
      var c = 0.0
      for v in values {
        let t = sum + (v - c)
        c = (t - sum) - (v - c)
        sum = t
      }
      return sum
    }
    let n = Double(Self.data.x.count)
    let mx = kahan(Self.data.x) / n
    let my = kahan(Self.data.y) / n
    let sxx = kahan(Self.data.x.map { ($0 - mx) * ($0 - mx) })
    let sxy = kahan(zip(Self.data.x, Self.data.y).map { ($0 - mx) * ($1 - my) })
    let syy = kahan(Self.data.y.map { ($0 - my) * ($0 - my) })
    #expect(abs(s.meanX - mx) <= 1e-15 * abs(mx))
    #expect(abs(s.meanY - my) <= 1e-15 * abs(my))
    #expect(abs(s.sxx - sxx) <= 1e-10 * sxx)
    #expect(abs(s.sxy - sxy) <= 1e-10 * abs(sxy))
    #expect(abs(s.syy - syy) <= 1e-10 * syy)
  }

  @Test(arguments: lineFitLosses)
  func surfacesAreTheSameOnOneCoreAndTwo(loss: Loss) {
    let f = LineFitObjective(data: Self.data, loss: loss, config: LossConfig(delta: 0.3, tau: 0.3))
    let (w, b) = f.stats.leastSquares
    let window = (w: (w - 1)...(w + 1), b: (b - 2)...(b + 2))
    let one = f.surface(columns: 37, rows: 23, w: window.w, b: window.b, parallel: false)
    let two = f.surface(columns: 37, rows: 23, w: window.w, b: window.b, parallel: true)
    #expect(one.values.map(\.bitPattern) == two.values.map(\.bitPattern))
  }

  @Test func stepSumsAreTheSameOnOneCoreAndTwo() {
    let f = LineFitObjective(data: Self.data, loss: .huber, config: LossConfig(delta: 0.3))
    let (w, b) = f.stats.leastSquares
    for (dw, db) in [(0.0, 0.0), (0.01, -0.2), (-0.5, 3.0)] {
      let pairs = [
        (f.huberSums(w: w + dw, b: b + db, parallel: false), f.huberSums(w: w + dw, b: b + db)),
        (
          f.absoluteSums(w: w + dw, b: b + db, above: 0.3, below: 0.7, parallel: false),
          f.absoluteSums(w: w + dw, b: b + db, above: 0.3, below: 0.7)
        ),
      ]
      for (one, two) in pairs {
        #expect(one.value.bitPattern == two.value.bitPattern)
        #expect(one.gradient.w.bitPattern == two.gradient.w.bitPattern)
        #expect(one.gradient.b.bitPattern == two.gradient.b.bitPattern)
      }
    }
  }
}
