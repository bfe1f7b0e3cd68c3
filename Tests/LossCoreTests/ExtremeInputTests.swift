import Foundation
import LossCore
import Testing

/// Issue 9 follow-up: extreme but finite input gives a value, ±inf, or a clear error — never NaN.
/// One test per cause that used to produce NaN.
@Suite struct ExtremeInputTests {
  func eval(
    _ loss: Loss, _ yTrue: [[Double]], _ yPred: [[Double]], config: LossConfig = .init()
  ) throws -> LossResult {
    try loss.evaluate(yTrue: yTrue, yPred: yPred, config: config)
  }

  func gradient(
    _ loss: Loss, _ yTrue: [[Double]], _ yPred: [[Double]], config: LossConfig = .init()
  ) throws -> [Double] {
    try loss.gradient(yTrue: yTrue, yPred: yPred, config: config).flatMap { $0 }
  }

  /// log-softmax of [1e308, −1e308] is [0, −inf]; the label-0 term used to be 0·(−inf) = NaN.
  @Test func crossEntropyFromLogitsSkipsZeroLabels() throws {
    let logits = LossConfig(fromLogits: true)
    #expect(
      try eval(.categoricalCrossentropy, [[1, 0]], [[1e308, -1e308]], config: logits).value == 0)
    // The other way round the right class is infinitely unlikely: +inf, not NaN.
    #expect(
      try eval(.categoricalCrossentropy, [[0, 1]], [[1e308, -1e308]], config: logits).value
        == .infinity)
    let g = try gradient(.categoricalCrossentropy, [[1, 0]], [[1e308, -1e308]], config: logits)
    #expect(g == [0, 0])
  }

  /// Predictions summing to 0 made p / Σp = 0/0; now an error naming the sample.
  @Test func crossEntropyOfPredictionsSummingToZeroIsAnError() throws {
    #expect(
      throws: LossCoreError(
        "y_pred sample 2 sums to 0; categorical cross-entropy needs probabilities")
    ) {
      try eval(.categoricalCrossentropy, [[1, 0], [1, 0]], [[0.5, 0.5], [0, 0]])
    }
    #expect(
      throws: LossCoreError(
        "y_pred sample 1 sums to 0; categorical cross-entropy needs probabilities")
    ) {
      try eval(.sparseCategoricalCrossentropy, [[1]], [[1, -1]])
    }
    // Logits may sum to 0: softmax([0, 0]) = [½, ½].
    #expect(
      abs(
        try eval(.sparseCategoricalCrossentropy, [[1]], [[0, 0]], config: .init(fromLogits: true))
          .value - log(2.0)) < 1e-15)
  }

  /// Huge probabilities overflow Σp to inf; the shares are still ½ each, so the loss is ln 2.
  @Test func crossEntropyOfHugePredictionsUsesTheirShares() throws {
    let value = try eval(.categoricalCrossentropy, [[1, 0]], [[1e308, 1e308]]).value
    #expect(abs(value - log(2.0)) < 1e-15)
    let g = try gradient(.categoricalCrossentropy, [[1, 0]], [[1e308, 1e308]])
    #expect(g.allSatisfy { $0.isFinite })
  }

  /// y·p was 1e616 − 1e616 = inf − inf. By hand: y·p = 0 and max((1 − y)·p) ≈ 1e616, so the
  /// loss overflows to +inf.
  @Test func categoricalHingeOverflowsToInfinityNotNaN() throws {
    let y: [[Double]] = [[1e308, -1e308]]
    let p: [[Double]] = [[1e308, 1e308]]
    #expect(try eval(.categoricalHinge, y, p).value == .infinity)
    // The derivative of the margin with respect to p_1 (the max) is (1 − y_1) − y_1 = 1 + 2e308 → inf.
    let g = try gradient(.categoricalHinge, y, p)
    #expect(!g.contains { $0.isNaN }, "\(g)")
    #expect(g[0] == -1e308)  // −y_0
    // Here the plain form is also inf − inf, but y·p ≈ 1e616 beats max((1 − y)·p) = 2e308: the margin
    // is about −1e616 and the loss 0.
    #expect(try eval(.categoricalHinge, [[1e308, -1]], [[1e308, 1e308]]).value == 0)
    #expect(try gradient(.categoricalHinge, [[1e308, -1]], [[1e308, 1e308]]) == [0, 0])
  }

  /// δ|e| − ½δ² was inf − inf for δ = 1e308.
  @Test func huberWithAHugeDeltaOverflowsToInfinity() throws {
    let config = LossConfig(delta: 1e308)
    #expect(try eval(.huber, [[1e308]], [[-1e308]], config: config).value == .infinity)
    // Inside δ it is ½e²: ½·(1e154)² = 5e307.
    #expect(try eval(.huber, [[0]], [[1e154]], config: config).value == 5e307)
    // Ordinary input keeps the textbook value: |e| = 3 > δ = 1 gives 1·3 − ½ = 2.5.
    #expect(try eval(.huber, [[0]], [[3]]).value == 2.5)
    // The curves view's Huber has the same fix.
    let curve = LossCurve(.huber, target: 0, delta: 1e300)
    #expect(curve.value(at: 1e308) == .infinity)
  }

  /// log of a negative prediction is undefined: an error instead of Keras's NaN.
  @Test func poissonRejectsNegativePredictions() throws {
    #expect(
      throws: LossCoreError(
        "y_pred sample 2: prediction -1 is negative; poisson needs predictions >= 0")
    ) {
      try eval(.poisson, [[1], [1]], [[1], [-1]])
    }
    #expect(throws: Never.self) { try eval(.poisson, [[1]], [[0]]) }
  }

  /// One term overflowing to −inf and another to +inf: the sum is done scaled, giving the sign of
  /// the true total. By hand: (1e308 − 1e308·ln 1e308) + (0 − 1e308·ln 1e-7) ≈ −7.09e310 + 1.61e309 < 0.
  @Test func poissonWithOpposingOverflowsHasTheTrueSign() throws {
    let r = try eval(.poisson, [[1e308, 1e308]], [[1e308, 0]])
    #expect(r.value == -.infinity)
  }

  /// Σy² of huge labels overflowed, so y normalized to [0, 0] and the similarity read 0 instead of −1.
  @Test func cosineSimilarityOfHugeVectors() throws {
    let value = try eval(.cosineSimilarity, [[1e308, 1e308]], [[1, 1]]).value
    #expect(abs(value + 1) < 1e-15)
    // Opposite directions: +1.
    let opposite = try eval(.cosineSimilarity, [[1e200, 0]], [[-3, 0]]).value
    #expect(abs(opposite - 1) < 1e-15)
  }

  /// The sum of [1e308, 1e308] overflowed, so --normalize gave [0, 0] and an entropy of 0.
  @Test func normalizeHugeEntries() throws {
    let p = try Distributions.validated([1e308, 1e308], name: "--p", normalize: true)
    #expect(p == [0.5, 0.5])
    #expect(Distributions.entropy(p, base: .bits) == 1)
    let q = try Distributions.validated([1e308, 1e308, 1e308], name: "--q", normalize: true)
    #expect(q.allSatisfy { abs($0 - 1.0 / 3) < 1e-15 })
  }

  /// Noise or data so large that the sums of squares overflow gave NaN gradients in `descend`.
  @Test func lineDataRejectsValuesThatOverflowTheSums() throws {
    #expect(
      throws: LossCoreError(
        "noise must be at most 1e100 (larger values overflow the loss), got 1e308")
    ) {
      try LineData.tutorial(noise: 1e308)
    }
    #expect(try LineData.tutorial(noise: 1e100).y.allSatisfy { abs($0) <= 1e100 + 10 })
    #expect(
      throws: LossCoreError(
        "d.csv:3: 'x' (column 1): '-2e100' is too large; x and y must be within ±1e100")
    ) {
      try LineData.csv(text: "x,y\n0,1e100\n-2e100,1\n", source: "d.csv")
    }
    let ok = try LineData.csv(text: "0,1e100\n-1e100,1\n", source: "d.csv")
    #expect(ok.x == [0, -1e100])
  }
}
