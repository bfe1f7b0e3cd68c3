import Foundation
import LossCore
import Testing

/// The mean loss by the textbook formulas, one point at a time: σ first, then the loss on it (not the stable
/// forms LossCore uses), for moderate logits where both are exact.
func textbookLoss(_ loss: Loss, _ data: ClassificationData, w: Double, b: Double)
  -> Double
{
  var s = 0.0
  for (x, y) in zip(data.x, data.label) {
    let z = w * x + b
    let p = 1 / (1 + exp(-z))
    let t = 2 * y - 1
    switch loss {
    case .bce: s += -(y * log(p) + (1 - y) * log(1 - p))
    case .mse: s += (p - y) * (p - y)
    case .hinge: s += max(0, 1 - t * z)
    case .squaredHinge: s += pow(max(0, 1 - t * z), 2)
    default:
      // Lin et al.'s focal loss with γ = 2, (1 − pₜ)²·BCE, with BCE on p clipped to [1e-7, 1 − 1e-7] as Keras
      // clips it (z reaches 18 here).
      let pt = y == 1 ? p : 1 - p
      let clipped = min(max(p, 1e-7), 1 - 1e-7)
      s += pow(1 - pt, 2) * (y == 1 ? -log(clipped) : -log(1 - clipped))
    }
  }
  return s / Double(data.count)
}

/// The mean focal loss with stable formulas (log1p of e^{−|s|}, no 1 − p), Keras's clip kept: what the surface is
/// checked against to rounding. (Keras's own arithmetic, which `value` follows, rounds 1 − p near the clip.)
func stableFocal(_ data: ClassificationData, w: Double, b: Double, gamma: Double) -> Double {
  var sum = 0.0
  let clip = log((1 - 1e-7) / 1e-7)
  for (x, y) in zip(data.x, data.label) {
    let z = w * x + b
    let s = y == 1 ? z : -z
    let e = exp(-abs(s))
    let m = s >= 0 ? e / (1 + e) : 1 / (1 + e)
    var bce = s >= 0 ? log1p(e) : log1p(e) - s
    if z > clip { bce = y == 1 ? -log(1 - 1e-7) : -log(1 - (1 - 1e-7)) }
    if z < -clip { bce = y == 1 ? -log(1e-7) : -log(1 - 1e-7) }
    sum += pow(m, gamma) * bce
  }
  return sum / Double(data.count)
}

/// The losses with a classification fit, as the classify view offers them.
let classificationLosses = LossList.standard.supporting(.classificationFit)

@Suite struct LogisticObjectiveTests {
  let overlapping = try! ClassificationData.overlapping()
  let separable = try! ClassificationData.separable()

  @Test func defaultDataIsTheDocumentedDraw() {
    var rng = SplitMix64(seed: 42)
    #expect(overlapping.count == 60)
    for i in 0..<60 {
      let u = Double(rng.next() >> 11) / 9_007_199_254_740_992  // 2^53
      #expect(overlapping.label[i] == Double(i % 2))
      #expect(overlapping.x[i] == (i % 2 == 0 ? -3 + 4 * u : -1 + 4 * u))
    }
    #expect(overlapping.separation == .overlapping)
    guard case .separable(let direction, let gap) = separable.separation else {
      Issue.record("the separable data overlaps")
      return
    }
    #expect(direction == 1 && gap >= 1)
  }

  @Test(arguments: classificationLosses)
  func valueMatchesTheTextbookFormula(_ loss: Loss) {
    let f = LogisticObjective(data: overlapping, loss: loss)
    for (w, b) in [(0.0, 0.0), (1.6, 0.2), (-5.0, 3.0), (4.0, -2.5)] {
      let expected = textbookLoss(loss, overlapping, w: w, b: b)
      // The textbook log(1 − p) loses digits as p nears 1 (z up to 18 here), hence 1e-9.
      #expect(abs(f.value(w: w, b: b) - expected) <= 1e-9 * max(1, expected))
    }
  }

  /// Every cell of the fast surface against the per-point sum, on windows with w of both signs, w = 0 exactly,
  /// cells far out where σ saturates, and a window wide enough that some columns take the fallback.
  @Test(
    arguments: classificationLosses, [false, true])
  func surfaceMatchesBruteForce(_ loss: Loss, separableData: Bool) {
    let data = separableData ? separable : overlapping
    let f = LogisticObjective(data: data, loss: loss)
    let windows: [(ClosedRange<Double>, ClosedRange<Double>, Int)] = [
      (-6...6, -5...5, 25), (-2...2, -1...1, 21), (-300...300, -30...30, 9),
    ]
    for (wRange, bRange, columns) in windows {
      let grid = f.surface(columns: columns, rows: 13, w: wRange, b: bRange)
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          // Focal: the series against the stable sum; the columns too far out for it (|w·x| > 690) fall back
          // to the per-point sum in Keras's arithmetic.
          let expected = f.value(w: grid.x(i), b: grid.y(j))
          let stable =
            loss == .binaryFocalCrossentropy
            ? stableFocal(data, w: grid.x(i), b: grid.y(j), gamma: f.gamma) : expected
          #expect(
            min(abs(grid[i, j] - expected), abs(grid[i, j] - stable)) <= 1e-12 * max(1, expected),
            "(\(grid.x(i)), \(grid.y(j))): \(grid[i, j]) vs \(expected)")
        }
      }
    }
  }

  @Test(arguments: classificationLosses)
  func surfaceMatchesOnBigData(_ loss: Loss) throws {
    let data = try ClassificationData.overlapping(points: 5000, seed: 7)
    let f = LogisticObjective(data: data, loss: loss)
    let grid = f.surface(columns: 7, rows: 9, w: -4...8, b: -6...6)
    for i in 0..<grid.columns {
      for j in 0..<grid.rows {
        let expected = f.value(w: grid.x(i), b: grid.y(j))
        #expect(abs(grid[i, j] - expected) <= 1e-12 * max(1, expected))
      }
    }
  }

  /// Columns run on both cores; the grid is the one the columns give one after the other, bit for bit.
  @Test(arguments: classificationLosses)
  func parallelSurfaceEqualsTheSerialOne(_ loss: Loss) throws {
    let f = LogisticObjective(
      data: try ClassificationData.overlapping(points: 3000, seed: 5), loss: loss)
    for (w, b) in [(-6.0...6.0, -5.0...5.0), (-40.0...40.0, -60.0...60.0)] {
      let both = f.surface(columns: 37, rows: 23, w: w, b: b)
      let one = f.surface(columns: 37, rows: 23, w: w, b: b, parallel: false)
      #expect(both.values == one.values)
    }
  }

  /// The series surfaces (MSE on σ, focal for several γ: 0, fractional, integer) against the per-point sum, on
  /// windows where only the series' near ends take part, where Keras's clip does (|z| far beyond 16), and where
  /// columns fall back to the per-point sum (|w·x| beyond 690). Focal's per-point sum follows Keras's arithmetic
  /// (1 − p after p), whose rounding near the clip reaches ~1e-11 of the mean, so the series is held to the
  /// stable sum and the fallback columns to Keras's, both to 1e-12.
  @Test(arguments: [-1.0, 0, 0.5, 1, 2, 3.7, 5])
  func seriesSurfacesMatchThePerPointSum(gamma: Double) throws {
    let loss: Loss = gamma < 0 ? .mse : .binaryFocalCrossentropy
    for data in [
      overlapping, separable, try ClassificationData.overlapping(points: 700, seed: 11),
      try ClassificationData(x: [-2, -2, 0, 0, 0, 1, 3, 3], label: [0, 1, 0, 1, 1, 0, 1, 1]),
    ] {
      let f = LogisticObjective(data: data, loss: loss, config: LossConfig(gamma: max(gamma, 0)))
      let windows: [(ClosedRange<Double>, ClosedRange<Double>)] = [
        (-6...6, -5...5), (-0.5...0.5, -3...3), (-30...30, -40...40), (-400...400, -30...30),
      ]
      for (wRange, bRange) in windows {
        let grid = f.surface(columns: 17, rows: 15, w: wRange, b: bRange)
        for i in 0..<grid.columns {
          for j in 0..<grid.rows {
            let expected = f.value(w: grid.x(i), b: grid.y(j))
            let stable =
              loss == .binaryFocalCrossentropy
              ? stableFocal(data, w: grid.x(i), b: grid.y(j), gamma: f.gamma) : expected
            #expect(
              min(abs(grid[i, j] - expected), abs(grid[i, j] - stable)) <= 1e-12 * max(1, expected),
              "γ=\(gamma) (\(grid.x(i)), \(grid.y(j))): \(grid[i, j]) vs \(expected)")
          }
        }
      }
    }
  }

  /// Dense data and dense rows, where focal's points near the boundary are summed by Taylor blocks
  /// (whole-number γ) rather than one by one: the surface is still the stable per-point sum to 1e-12, with a
  /// window where every point is near the boundary, and the default one.
  @Test(arguments: [0.0, 1, 2, 4])
  func focalTaylorBlocksAreThePerPointSum(gamma: Double) throws {
    let data = try ClassificationData.overlapping(points: 20_000, seed: 3)
    let f = LogisticObjective(
      data: data, loss: .binaryFocalCrossentropy, config: LossConfig(gamma: gamma))
    // Rows at most 1/4 apart (the blocks are one row spacing wide), as on screen.
    for (w, b, rows) in [(-0.8...0.8, -2.0...2.0, 41), (-6.0...6.0, -5.0...5.0, 81)] {
      let grid = f.surface(columns: 5, rows: rows, w: w, b: b)
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          let stable = stableFocal(data, w: grid.x(i), b: grid.y(j), gamma: gamma)
          #expect(
            abs(grid[i, j] - stable) <= 1e-12 * max(1, stable),
            "γ=\(gamma) (\(grid.x(i)), \(grid.y(j))): \(grid[i, j]) vs \(stable)")
        }
      }
    }
  }

  @Test(arguments: classificationLosses)
  func gradientEqualsFiniteDifferences(_ loss: Loss) {
    let f = LogisticObjective(data: overlapping, loss: loss)
    for (w, b) in [(0.3, 0.1), (1.6, 0.2), (-5.0, 3.0), (4.0, -2.5)] {
      // Keras's focal arithmetic computes 1 − p after p, which carries ~1e-11 of rounding noise into the mean
      // near p = 1: a wider step keeps it out of the difference quotient.
      let h = loss == .binaryFocalCrossentropy ? 1e-4 : 1e-6
      let g = f.gradient(w: w, b: b)
      let dw = (f.value(w: w + h, b: b) - f.value(w: w - h, b: b)) / (2 * h)
      let db = (f.value(w: w, b: b + h) - f.value(w: w, b: b - h)) / (2 * h)
      #expect(abs(g.w - dw) < 1e-6 && abs(g.b - db) < 1e-6, "(\(w), \(b))")
    }
  }

  @Test func logitGradientIsTheDocumentedFormula() {
    let (w, b) = (-5.0, 3.0)
    for loss in [Loss.bce, .mse] {
      let f = LogisticObjective(data: overlapping, loss: loss)
      var mean = 0.0
      var wrong = 0
      for (x, y) in zip(overlapping.x, overlapping.label) {
        let s = 1 / (1 + exp(-(w * x + b)))
        mean += loss == .bce ? s - y : 2 * (s - y) * s * (1 - s)
        if (s > 0.5) != (y == 1) { wrong += 1 }
      }
      let got = f.logitGradient(w: w, b: b)
      #expect(abs(got.mean - mean / 60) < 1e-15)
      #expect(abs(got.mean - f.gradient(w: w, b: b).b) < 1e-15)  // ∂L/∂b is the mean logit gradient
      #expect(got.wrong == wrong)
    }
    // Far out on the plateau the wrong points pull hard under cross-entropy and hardly at all under MSE.
    let bce = LogisticObjective(data: overlapping, loss: .bce).logitGradient(w: -5, b: 3)
    let mse = LogisticObjective(data: overlapping, loss: .mse).logitGradient(w: -5, b: 3)
    #expect(bce.wrongMeanAbsolute > 0.9)
    #expect(mse.wrongMeanAbsolute < 0.05)
    #expect(mse.wrongSaturated > mse.wrong / 2)
  }

  @Test func accuracyCountsTheRightSide() throws {
    let data = try ClassificationData(x: [-2, -1, 1, 2], label: [0, 1, 0, 1])
    let f = LogisticObjective(data: data, loss: .bce)
    #expect(f.accuracy(w: 1, b: 0) == 0.5)  // −1 and 1 are on the wrong side
    #expect(f.accuracy(w: -1, b: 0) == 0.5)
    #expect(f.accuracy(w: 1, b: 1.5) == 0.75)  // z = −0.5, 0.5, 2.5, 3.5: only x = 1 (class 0) is wrong
  }
}

@Suite struct LogisticMinimumTests {
  let overlapping = try! ClassificationData.overlapping()
  let separable = try! ClassificationData.separable()

  /// The smallest value on a fine grid around `m`: nothing may be lower than the minimum.
  func gridMinimum(_ f: LogisticObjective, around m: (w: Double, b: Double), radius: Double)
    -> Double
  {
    f.surface(
      columns: 201, rows: 201, w: (m.w - radius)...(m.w + radius),
      b: (m.b - radius)...(m.b + radius)
    ).values.min()!
  }

  @Test(arguments: [Loss.bce, .mse, .squaredHinge, .binaryFocalCrossentropy])
  func smoothMinimaHaveZeroGradient(_ loss: Loss) throws {
    let f = LogisticObjective(data: overlapping, loss: loss)
    guard case .point(let w, let b, let value) = f.minimum else {
      Issue.record("\(loss): \(f.minimum)")
      return
    }
    let g = f.gradient(w: w, b: b)
    #expect(abs(g.w) < 1e-10 && abs(g.b) < 1e-10)
    #expect(value == f.value(w: w, b: b))
    #expect(gridMinimum(f, around: (w, b), radius: 3) >= value - 1e-15)
    #expect(gridMinimum(f, around: (w, b), radius: 0.01) >= value - 1e-15)
  }

  @Test func hingeMinimumIsAVertexNothingBeats() {
    let f = LogisticObjective(data: overlapping, loss: .hinge)
    guard case .point(let w, let b, let value) = f.minimum else {
      Issue.record("\(f.minimum)")
      return
    }
    #expect(gridMinimum(f, around: (w, b), radius: 3) >= value - 1e-14)
    #expect(gridMinimum(f, around: (w, b), radius: 1e-3) >= value - 1e-14)
    // At a vertex at least two points sit exactly on their margin t·(w·x + b) = 1.
    let onMargin = zip(overlapping.x, overlapping.label).filter { x, y in
      abs((2 * y - 1) * (w * x + b) - 1) < 1e-9
    }
    #expect(onMargin.count >= 2)
  }

  @Test func crossEntropyMinimumAgreesWithTheGradientOfAnotherSeed() throws {
    let data = try ClassificationData.overlapping(points: 400, seed: 9)
    let f = LogisticObjective(data: data, loss: .bce)
    let m = try #require(f.minimum.point)
    // The optimum of logistic regression matches the mean label: Σσ(z) = Σy.
    let sumSigma = data.x.reduce(0) { $0 + 1 / (1 + exp(-(m.w * $1 + m.b))) }
    #expect(abs(sumSigma - data.label.reduce(0, +)) < 1e-9)
  }

  @Test(arguments: [Loss.bce, .mse, .binaryFocalCrossentropy])
  func separableDataHasNoFiniteMinimum(_ loss: Loss) {
    let f = LogisticObjective(data: separable, loss: loss)
    #expect(f.minimum == .unbounded(direction: 1, infimum: 0))
    // Along the boundary in the middle of the gap, a larger w always gives a lower loss.
    var last = Double.infinity
    for w in [1.0, 2, 4, 8, 16, 32] {
      let v = f.value(w: w, b: -w * 0.0)
      #expect(v < last)
      last = v
    }
  }

  @Test(arguments: [Loss.hinge, .squaredHinge])
  func hingesAreFlatAtZeroOnSeparableData(_ loss: Loss) {
    let f = LogisticObjective(data: separable, loss: loss)
    guard case .flat(let w, let b, let value) = f.minimum else {
      Issue.record("\(f.minimum)")
      return
    }
    #expect(value == 0)
    // The tip: the closest points of the two classes sit exactly on their margins.
    let x0 = zip(separable.x, separable.label).filter { $1 == 0 }.map(\.0).max()!
    let x1 = zip(separable.x, separable.label).filter { $1 == 1 }.map(\.0).min()!
    #expect(abs(w * x1 + b - 1) < 1e-12 && abs(w * x0 + b + 1) < 1e-12)
    // Beyond the tip the whole region is 0; a smaller w is not.
    #expect(f.value(w: w * 2, b: b * 2) == 0)
    #expect(f.value(w: w * 0.9, b: b * 0.9) > 0)
  }

  @Test func classesTouchingAtOnePointStillHaveNoFiniteCrossEntropyMinimum() throws {
    let data = try ClassificationData(x: [-2, -1, 0, 0, 1, 2], label: [0, 0, 0, 1, 1, 1])
    #expect(data.separation == .separable(direction: 1, gap: 0))
    #expect(
      LogisticObjective(data: data, loss: .bce).minimum == .unbounded(direction: 1, infimum: 0))
    // Hinge has a finite minimum there: no fit puts both x = 0 points beyond their margins.
    let hinge = LogisticObjective(data: data, loss: .hinge).minimum
    guard case .point = hinge else {
      Issue.record("\(hinge)")
      return
    }
  }

  @Test func reversedClassesGrowWTowardsMinusInfinity() throws {
    let data = try ClassificationData(x: [-2, -1, 1, 2], label: [1, 1, 0, 0])
    #expect(data.separation == .separable(direction: -1, gap: 2))
    #expect(
      LogisticObjective(data: data, loss: .bce).minimum == .unbounded(direction: -1, infimum: 0))
    guard case .flat(let w, let b, _) = LogisticObjective(data: data, loss: .hinge).minimum else {
      Issue.record("no flat region")
      return
    }
    #expect(w == -1 && b == 0)
  }
}

@Suite struct ClassificationDataTests {
  func table(_ text: String, x: String? = nil, y: String? = nil) throws -> ClassificationData {
    try ClassificationData(
      table: DataTable.parse(Array(text.utf8), source: "t.csv", options: TableOptions(x: x, y: y)))
  }

  @Test func tableColumnsByNameOrNumber() throws {
    let text = "# cells\nsize,smooth,malignant\n1.5,0.2,1\n-0.5,0.3,0\n\"2\",0.1,1\n"
    let byName = try table(text, x: "size", y: "malignant")
    #expect(byName.x == [1.5, -0.5, 2] && byName.label == [1, 0, 1])
    let byNumber = try table(text, x: "2", y: "3")
    #expect(byNumber.x == [0.2, 0.3, 0.1])
  }

  @Test func plusMinusOneLabelsBecomeClasses() throws {
    #expect(try table("1,-1\n2,1\n3,-1\n").label == [0, 1, 0])
  }

  @Test(arguments: [
    (
      "x,y\n1,0\n2,0.5\n", "t.csv: data row 2, 'y' (column 2): label 0.5 is not 0 or 1 (or -1 or 1)"
    ),
    (
      "x,y\n1,0\n2,-1\n3,1\n",
      "t.csv: labels mix 0 (t.csv: data row 1, 'y' (column 2)) and -1 (t.csv: data row 2, 'y' (column 2)); use 0/1 or -1/1 throughout"
    ),
    (
      "x,y\n1,1\n2,1\n",
      "t.csv: needs points of both classes (0 and 1), but every label is 1; the fit would push b without bound"
    ),
  ])
  func badLabelsSayWhatIsWrong(_ text: String, _ message: String) {
    #expect(throws: LossCoreError(message)) { try table(text) }
  }
}
