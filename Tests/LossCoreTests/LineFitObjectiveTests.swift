import LossCore
import Testing

/// The losses that fit a line, from the list.
let lineFitLosses = LossList.standard.supporting(.lineFit)

/// Straightforward per-point sums to compare the fast paths against, written out per loss.
func bruteForce(
  _ data: LineData, _ loss: Loss, w: Double, b: Double, delta: Double = 1, tau: Double = 0.5
) -> Double {
  var s = 0.0
  for (x, y) in zip(data.x, data.y) {
    let r = w * x + b - y
    switch loss.id {
    case "mean-squared-error": s += r * r
    case "mean-absolute-error": s += abs(r)
    case "huber": s += abs(r) <= delta ? 0.5 * r * r : delta * abs(r) - 0.5 * delta * delta
    case "quantile": s += r <= 0 ? tau * -r : (1 - tau) * r  // y − ŷ = −r
    default: Issue.record("no brute force for \(loss.id)")
    }
  }
  return s / Double(data.x.count)
}

@Suite struct LineFitObjectiveTests {
  let data = try! LineData.tutorial(points: 200, seed: 3, outliers: 4)

  @Test(arguments: lineFitLosses)
  func valueMatchesBruteForce(_ loss: Loss) {
    let f = LineFitObjective(data: data, loss: loss, config: LossConfig(delta: 0.8, tau: 0.8))
    for (w, b) in [(0.0, 0.0), (2.0, 3.0), (-1.5, 7.25), (3.9, 1.1)] {
      let expected = bruteForce(data, loss, w: w, b: b, delta: 0.8, tau: 0.8)
      #expect(abs(f.value(w: w, b: b) - expected) <= 1e-12 * max(1, expected))
    }
  }

  @Test(arguments: lineFitLosses)
  func surfaceMatchesBruteForce(_ loss: Loss) {
    let f = LineFitObjective(data: data, loss: loss, config: LossConfig(delta: 0.6, tau: 0.3))
    let grid = f.surface(columns: 23, rows: 17, w: 0...4, b: 1...5)
    #expect(grid.columns == 23 && grid.rows == 17)
    for i in 0..<grid.columns {
      for j in 0..<grid.rows {
        let expected = bruteForce(data, loss, w: grid.x(i), b: grid.y(j), delta: 0.6, tau: 0.3)
        #expect(abs(grid[i, j] - expected) <= 1e-10 * max(1, expected), "(\(i), \(j))")
      }
    }
  }

  @Test func surfaceHandlesPointsOutsideTheWindow() {
    // Every c = y − w·x lies far above or below the rows: all cells use only the linear branches.
    let far = LineData(x: [0, 1, 2], y: [100, -100, 50])
    for loss in [Loss.mae, .huber, .quantile] {
      let grid = LineFitObjective(data: far, loss: loss).surface(
        columns: 3, rows: 4, w: -1...1, b: 0...1)
      for i in 0..<3 {
        for j in 0..<4 {
          #expect(abs(grid[i, j] - bruteForce(far, loss, w: grid.x(i), b: grid.y(j))) < 1e-9)
        }
      }
    }
  }

  /// Thresholds that coincide and points that sit on them: rows 1/8 apart with δ a multiple of that step (every
  /// b − δ is another row's b + δ), δ between and beyond the rows, and points at x = 0 whose c = y is a row's b
  /// for every w. An odd number of points (the kernels take two at a time).
  @Test(arguments: [0.25, 0.1875, 0.03, 1.0, 50.0])
  func surfaceMatchesBruteForceWhereThresholdsCoincide(delta: Double) throws {
    var d = try LineData.tutorial(points: 301, seed: 17, outliers: 2)
    for k in 0..<17 {
      d.x.append(0)
      d.y.append(Double(k) / 8)
    }
    d.x.append(0.5)
    d.y.append(0.75)  // c = 0.75 − w/2: on a row for every w that is a multiple of 1/4
    for loss in [Loss.mae, .huber, .quantile] {
      let f = LineFitObjective(data: d, loss: loss, config: LossConfig(delta: delta, tau: 0.3))
      let grid = f.surface(columns: 17, rows: 17, w: 0...4, b: 0...2)
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          let expected = bruteForce(d, loss, w: grid.x(i), b: grid.y(j), delta: delta, tau: 0.3)
          #expect(
            abs(grid[i, j] - expected) <= 1e-12 * max(1, expected),
            "\(loss.id) δ \(delta) (\(i), \(j))")
        }
      }
    }
  }

  /// MSE's surface is written row by row in one go: every cell is the O(1) value at its (w, b), bit for bit,
  /// at the grid's own coordinates.
  @Test func mseSurfaceIsTheValueAtEveryCell() {
    let f = LineFitObjective(data: data, loss: .mse)
    let grid = f.surface(columns: 31, rows: 19, w: -1.5...4.25, b: 0.5...6)
    for i in 0..<grid.columns {
      for j in 0..<grid.rows {
        #expect(
          grid[i, j].bitPattern == f.value(w: grid.x(i), b: grid.y(j)).bitPattern, "(\(i), \(j))")
      }
    }
  }

  /// Many points against many rows, with a window that cuts through the data: the cells agree with the per-point
  /// sums to rounding.
  @Test func surfaceOfManyPointsMatchesBruteForce() throws {
    let d = try LineData.tutorial(points: 4001, seed: 23, outliers: 5)
    for loss in [Loss.mae, .huber] {
      let f = LineFitObjective(data: d, loss: loss, config: LossConfig(delta: 0.4))
      let grid = f.surface(columns: 29, rows: 61, w: 1...3, b: 2.5...3.5)
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          let expected = bruteForce(d, loss, w: grid.x(i), b: grid.y(j), delta: 0.4)
          #expect(abs(grid[i, j] - expected) <= 1e-12 * max(1, expected), "\(loss.id) (\(i), \(j))")
        }
      }
    }
  }

  @Test(arguments: lineFitLosses)
  func gradientEqualsFiniteDifferences(_ loss: Loss) {
    let f = LineFitObjective(data: data, loss: loss, delta: 0.8)
    for (w, b) in [(0.5, 1.5), (2.2, 2.7), (-1.0, 4.0)] {
      let g = f.gradient(w: w, b: b)
      let h = 1e-6
      let gw = (f.value(w: w + h, b: b) - f.value(w: w - h, b: b)) / (2 * h)
      let gb = (f.value(w: w, b: b + h) - f.value(w: w, b: b - h)) / (2 * h)
      #expect(abs(g.w - gw) < 1e-6 && abs(g.b - gb) < 1e-6, "\(loss) at (\(w), \(b))")
    }
  }

  @Test(arguments: lineFitLosses)
  func minimumIsNotBeatenByNearbyPoints(_ loss: Loss) {
    let f = LineFitObjective(data: data, loss: loss, config: LossConfig(delta: 0.8, tau: 0.8))
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

@Suite struct QuantileLineFitTests {
  let data = try! LineData.tutorial(points: 60, seed: 9, outliers: 3)

  @Test func halfTauIsHalfTheMAE() {
    let q = LineFitObjective(data: data, loss: .quantile, config: LossConfig(tau: 0.5))
    let mae = LineFitObjective(data: data, loss: .mae)
    for (w, b) in [(0.0, 0.0), (2.0, 3.0), (-1.5, 7.25)] {
      #expect(abs(q.value(w: w, b: b) - mae.value(w: w, b: b) / 2) < 1e-13)
      let (gq, gm) = (q.gradient(w: w, b: b), mae.gradient(w: w, b: b))
      #expect(abs(gq.w - gm.w / 2) < 1e-13 && abs(gq.b - gm.b / 2) < 1e-13)
    }
    let grid = q.surface(columns: 9, rows: 7, w: 0...4, b: 1...5)
    let maeGrid = mae.surface(columns: 9, rows: 7, w: 0...4, b: 1...5)
    for (a, m) in zip(grid.values, maeGrid.values) { #expect(abs(a - m / 2) < 1e-12) }
    #expect(abs(q.minimum.loss - mae.minimum.loss / 2) < 1e-12)
  }

  /// With w fixed at 0 the fit is a constant, and the best constant is a τ-quantile of y: for every
  /// τ, the share of points strictly below the fitted line is at most τ and the share at or below it at
  /// least τ.
  @Test(arguments: [0.1, 0.25, 0.5, 0.9])
  func minimumIsTheTauQuantileFit(_ tau: Double) {
    let f = LineFitObjective(data: data, loss: .quantile, config: LossConfig(tau: tau))
    let m = f.minimum
    let n = Double(data.x.count)
    let residuals = zip(data.x, data.y).map { m.w * $0 + m.b - $1 }  // ŷ − y
    let above = Double(residuals.filter { $0 < -1e-9 }.count)  // points above the line
    let below = Double(residuals.filter { $0 > 1e-9 }.count)
    // Optimality of the pinball loss: at most (1 − τ)·n points above, at most τ·n below, plus the
    // (at least two) points the line passes through.
    #expect(
      above <= (1 - tau) * n + 1e-9 && below <= tau * n + 1e-9,
      "τ \(tau): \(above) above, \(below) below")
    // And the line beats a fine grid around it.
    let grid = f.surface(columns: 61, rows: 61, w: (m.w - 1)...(m.w + 1), b: (m.b - 1)...(m.b + 1))
    #expect(m.loss <= grid.finiteRange!.lowerBound + 1e-12)
  }

  @Test func constantDataFitsTheTauQuantile() {
    // All x equal: only b matters, and every b in [9, 10] (the 0.9-quantiles of y = 1...10) is best,
    // with loss (0.9·1 + 0.1·(8 + 7 + … + 0)) / 10 = 0.45 at b = 9.
    let d = LineData(x: Array(repeating: 0, count: 10), y: (1...10).map(Double.init))
    let f = LineFitObjective(data: d, loss: .quantile, config: LossConfig(tau: 0.9))
    let m = f.minimum
    #expect((9...10).contains(m.b))
    #expect(abs(m.loss - 0.45) < 1e-12)
  }
}
