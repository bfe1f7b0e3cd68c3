import LossCore
import Testing

/// Straightforward per-point sums to compare the fast paths against.
func bruteForce(_ data: LineData, _ loss: FitLoss, w: Double, b: Double, delta: Double = 1)
  -> Double
{
  var s = 0.0
  for (x, y) in zip(data.x, data.y) {
    let r = w * x + b - y
    switch loss {
    case .mse: s += r * r
    case .mae: s += abs(r)
    case .huber: s += abs(r) <= delta ? 0.5 * r * r : delta * abs(r) - 0.5 * delta * delta
    }
  }
  return s / Double(data.x.count)
}

@Suite struct LineFitObjectiveTests {
  let data = try! LineData.tutorial(points: 200, seed: 3, outliers: 4)

  @Test(arguments: FitLoss.allCases)
  func valueMatchesBruteForce(_ loss: FitLoss) {
    let f = LineFitObjective(data: data, loss: loss, delta: 0.8)
    for (w, b) in [(0.0, 0.0), (2.0, 3.0), (-1.5, 7.25), (3.9, 1.1)] {
      let expected = bruteForce(data, loss, w: w, b: b, delta: 0.8)
      #expect(abs(f.value(w: w, b: b) - expected) <= 1e-12 * max(1, expected))
    }
  }

  @Test(arguments: FitLoss.allCases)
  func surfaceMatchesBruteForce(_ loss: FitLoss) {
    let f = LineFitObjective(data: data, loss: loss, delta: 0.6)
    let grid = f.surface(columns: 23, rows: 17, w: 0...4, b: 1...5)
    #expect(grid.columns == 23 && grid.rows == 17)
    for i in 0..<grid.columns {
      for j in 0..<grid.rows {
        let expected = bruteForce(data, loss, w: grid.x(i), b: grid.y(j), delta: 0.6)
        #expect(abs(grid[i, j] - expected) <= 1e-10 * max(1, expected), "(\(i), \(j))")
      }
    }
  }

  @Test func surfaceHandlesPointsOutsideTheWindow() {
    // Every c = y − w·x lies far above or below the rows: all cells use only the linear branches.
    let far = LineData(x: [0, 1, 2], y: [100, -100, 50])
    for loss in [FitLoss.mae, .huber] {
      let grid = LineFitObjective(data: far, loss: loss).surface(
        columns: 3, rows: 4, w: -1...1, b: 0...1)
      for i in 0..<3 {
        for j in 0..<4 {
          #expect(abs(grid[i, j] - bruteForce(far, loss, w: grid.x(i), b: grid.y(j))) < 1e-9)
        }
      }
    }
  }

  @Test(arguments: FitLoss.allCases)
  func gradientEqualsFiniteDifferences(_ loss: FitLoss) {
    let f = LineFitObjective(data: data, loss: loss, delta: 0.8)
    for (w, b) in [(0.5, 1.5), (2.2, 2.7), (-1.0, 4.0)] {
      let g = f.gradient(w: w, b: b)
      let h = 1e-6
      let gw = (f.value(w: w + h, b: b) - f.value(w: w - h, b: b)) / (2 * h)
      let gb = (f.value(w: w, b: b + h) - f.value(w: w, b: b - h)) / (2 * h)
      #expect(abs(g.w - gw) < 1e-6 && abs(g.b - gb) < 1e-6, "\(loss) at (\(w), \(b))")
    }
  }

  @Test(arguments: FitLoss.allCases)
  func minimumIsNotBeatenByNearbyPoints(_ loss: FitLoss) {
    let f = LineFitObjective(data: data, loss: loss, delta: 0.8)
    let m = f.minimum
    #expect(abs(m.loss - f.value(w: m.w, b: m.b)) < 1e-15)
    for dw in [-1e-4, 0, 1e-4] {
      for db in [-1e-4, 0, 1e-4] {
        #expect(f.value(w: m.w + dw, b: m.b + db) >= m.loss - 1e-13)
      }
    }
    // And it beats the best point of a fine grid around the line.
    let grid = f.surface(columns: 81, rows: 81, w: (m.w - 1)...(m.w + 1), b: (m.b - 1)...(m.b + 1))
    #expect(m.loss <= grid.finiteRange!.lowerBound + 1e-12)
  }

  @Test func maeMinimumResistsOutliersMoreThanMSE() throws {
    let clean = try LineData.tutorial(points: 50)
    let dirty = try LineData.tutorial(points: 50, outliers: 5)
    let mse = LineFitObjective(data: dirty, loss: .mse).minimum
    let mae = LineFitObjective(data: dirty, loss: .mae).minimum
    let truth = LineFitObjective(data: clean, loss: .mae).minimum
    #expect(abs(mae.w - truth.w) < abs(mse.w - truth.w))
  }

  @Test func mseMinimumIsLeastSquares() throws {
    let m = LineFitObjective(data: data, loss: .mse).minimum
    let ls = data.leastSquares
    #expect(m.w == ls.w && m.b == ls.b)
    let g = LineFitObjective(data: data, loss: .mse).gradient(w: m.w, b: m.b)
    #expect(abs(g.w) < 1e-12 && abs(g.b) < 1e-12)
  }
}

@Suite struct LineFitMinimumTests {
  @Test func maeMinimumEqualsTheBestLineThroughTwoPoints() throws {
    // A least-absolute-deviations line passes through two data points: try them all.
    let data = try LineData.tutorial(points: 30, seed: 11, outliers: 3)
    var best = Double.infinity
    for i in data.x.indices {
      for j in data.x.indices where data.x[j] != data.x[i] {
        let w = (data.y[j] - data.y[i]) / (data.x[j] - data.x[i])
        best = min(best, bruteForce(data, .mae, w: w, b: data.y[i] - w * data.x[i]))
      }
    }
    let m = LineFitObjective(data: data, loss: .mae).minimum
    #expect(abs(m.loss - best) < 1e-9)
  }

  @Test func huberMinimumHasZeroGradient() throws {
    let data = try LineData.tutorial(points: 100, seed: 5, outliers: 6)
    for delta in [0.1, 0.5, 1.0] {
      let f = LineFitObjective(data: data, loss: .huber, delta: delta)
      let m = f.minimum
      let g = f.gradient(w: m.w, b: m.b)
      #expect(abs(g.w) < 1e-12 && abs(g.b) < 1e-12, "δ = \(delta): \(g)")
    }
  }
}
