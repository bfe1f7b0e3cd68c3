import LossCore
import Testing

/// A batch for finite-difference checks: values away from kinks and clip edges for the given loss.
struct GradientCase: CustomTestStringConvertible, Sendable {
  var loss: Loss
  var yTrue: [[Double]]
  var yPred: [[Double]]
  var config = LossConfig()
  var testDescription: String { "\(loss.rawValue)\(config.fromLogits ? " logits" : "")" }
}

let gradientCases: [GradientCase] = [
  GradientCase(
    loss: .binaryCrossentropy, yTrue: [[1, 0], [0.3, 1]], yPred: [[0.6, 0.2], [0.45, 0.9]]),
  GradientCase(
    loss: .binaryCrossentropy, yTrue: [[1, 0], [0.3, 1]], yPred: [[0.6, -2], [1.5, 0.1]],
    config: LossConfig(fromLogits: true)),
  GradientCase(
    loss: .categoricalCrossentropy, yTrue: [[0, 1, 0], [0.2, 0.3, 0.5]],
    yPred: [[0.2, 0.7, 0.1], [1, 2, 3]]),
  GradientCase(
    loss: .categoricalCrossentropy, yTrue: [[0, 1, 0], [0.2, 0.3, 0.5]],
    yPred: [[0.2, -0.7, 1], [1, 2, 3]],
    config: LossConfig(fromLogits: true)),
  GradientCase(
    loss: .sparseCategoricalCrossentropy, yTrue: [[1], [2]], yPred: [[0.2, 0.7, 0.1], [1, 2, 3]]),
  GradientCase(
    loss: .sparseCategoricalCrossentropy, yTrue: [[1], [2]], yPred: [[0.2, -0.7, 1], [1, 2, 3]],
    config: LossConfig(fromLogits: true)),
  GradientCase(loss: .hinge, yTrue: [[0, 1], [1, 0]], yPred: [[0.3, -0.8], [0.5, 0.2]]),
  GradientCase(
    loss: .squaredHinge, yTrue: [[-1, 1], [1, -1]], yPred: [[0.3, -0.8], [0.5, 0.2]]),
  GradientCase(
    loss: .categoricalHinge, yTrue: [[0, 1, 0], [1, 0, 0]],
    yPred: [[0.2, 0.7, 0.1], [0.5, 0.3, 0.2]]),
  GradientCase(loss: .huber, yTrue: [[1, 2, 3]], yPred: [[1.2, 4, -1]]),
  GradientCase(
    loss: .huber, yTrue: [[1, 2, 3]], yPred: [[1.2, 4, -1]], config: LossConfig(delta: 0.5)),
  GradientCase(loss: .logCosh, yTrue: [[0, 1], [2, 3]], yPred: [[0.5, -1], [2.2, 10]]),
  GradientCase(
    loss: .klDivergence, yTrue: [[0.2, 0.8], [0.5, 0.5]], yPred: [[0.3, 0.7], [0.9, 0.1]]),
  GradientCase(loss: .meanSquaredError, yTrue: [[1, 1, 1]], yPred: [[1.5, 2, 3]]),
  GradientCase(loss: .meanAbsoluteError, yTrue: [[1.1, 2, 1.7]], yPred: [[1, 1.7, 1.5]]),
  GradientCase(loss: .meanAbsolutePercentageError, yTrue: [[1, -2, 4]], yPred: [[1.5, 1, 3]]),
  GradientCase(loss: .meanSquaredLogarithmicError, yTrue: [[1, 2, 0.5]], yPred: [[0.5, 3, 2]]),
  GradientCase(
    loss: .cosineSimilarity, yTrue: [[1, 0, 1], [0, 1, 1]],
    yPred: [[0.5, 0.2, 0.5], [1, -1, 0.3]]),
  GradientCase(loss: .poisson, yTrue: [[1, 2, 0]], yPred: [[0.5, 3, 0.2]]),
]

@Suite struct LossGradientTests {
  @Test(arguments: gradientCases)
  func gradientEqualsCentralDifferences(_ c: GradientCase) throws {
    let g = try c.loss.gradient(yTrue: c.yTrue, yPred: c.yPred, config: c.config)
    #expect(g.count == c.yPred.count)
    var largest = 0.0
    for i in c.yPred.indices {
      for j in c.yPred[i].indices {
        let h = 1e-6 * max(1, abs(c.yPred[i][j]))
        var up = c.yPred
        var down = c.yPred
        up[i][j] += h
        down[i][j] -= h
        let fUp = try c.loss.evaluate(yTrue: c.yTrue, yPred: up, config: c.config).value
        let fDown = try c.loss.evaluate(yTrue: c.yTrue, yPred: down, config: c.config).value
        let numeric = (fUp - fDown) / (2 * h)
        largest = max(largest, abs(numeric))
        #expect(
          abs(g[i][j] - numeric) <= 1e-5 * max(1, abs(numeric)),
          "[\(i)][\(j)]: \(g[i][j]) vs \(numeric)")
      }
    }
    #expect(largest > 0, "the case should have a non-zero gradient somewhere")
  }

  @Test func gradientIsZeroWhereBCEClips() throws {
    let g = try Loss.binaryCrossentropy.gradient(yTrue: [[1, 0]], yPred: [[0, 1]])
    #expect(g == [[0, 0]])
  }

  @Test func maeGradientAtZeroResidualIsZero() throws {
    let g = try Loss.meanAbsoluteError.gradient(yTrue: [[2, 1]], yPred: [[2, 3]])
    #expect(g == [[0, 0.5]])
  }
}
