import LossCore
import Testing

/// One Keras 3 reference value: `keras.losses.<Class>(**kwargs)(y_true, y_pred)` in float64 (JAX backend,
/// float64 kept throughout), written here so the tests need no Python.
struct KerasCase: CustomTestStringConvertible, Sendable {
  var loss: String
  var yTrue: String
  var yPred: String
  var expected: Double
  var config: LossConfig

  init(
    _ loss: String, _ yTrue: String, _ yPred: String, _ expected: Double, delta: Double = 1.0,
    gamma: Double = 2, alpha: Double = 0.25, applyClassBalancing: Bool = false,
    fromLogits: Bool = false
  ) {
    (self.loss, self.yTrue, self.yPred, self.expected) = (loss, yTrue, yPred, expected)
    config = LossConfig(
      delta: delta, gamma: gamma, alpha: alpha, applyClassBalancing: applyClassBalancing,
      fromLogits: fromLogits)
  }

  var testDescription: String {
    "\(loss) y=\(yTrue) ŷ=\(yPred)\(config.fromLogits ? " logits" : "")"
  }
}

let kerasCases: [KerasCase] = [
  KerasCase("binary-crossentropy", "0", "0.3", 0.35667494393873245),
  KerasCase("binary-crossentropy", "1;1", "0.6;0.7", 0.4337502838523616),
  KerasCase("binary-crossentropy", "1,0,1,0", "0,1,1,0", 8.059047875610753),
  KerasCase("binary-crossentropy", "1,0", "1e-9,0.99999999", 16.1180956512215),
  KerasCase("binary-crossentropy", "0.25,1", "0.5,0.012", 2.557997904877041),
  KerasCase("binary-crossentropy", "1,0,1", "2.5,-3,0.1", 0.25729124864662084, fromLogits: true),
  KerasCase("binary-crossentropy", "1,0", "-40,50", 45.0, fromLogits: true),
  KerasCase(
    "categorical-crossentropy", "0,1,0;1,0,0", "0.2,0.7,0.1;0.5,0.3,0.2", 0.5249110622493388),
  KerasCase("categorical-crossentropy", "0,1,0", "2,3,5", 1.203972804325936),
  KerasCase("categorical-crossentropy", "1,0,0;0,0.5,0.5", "0,1,0;0.2,0.8,0", 12.144357626047292),
  KerasCase(
    "categorical-crossentropy", "0,1,0;0.3,0.3,0.4", "1,2,-1;0,30,-30", 16.67450610838414,
    fromLogits: true),
  KerasCase(
    "sparse-categorical-crossentropy", "1;0", "0.2,0.7,0.1;0.5,0.3,0.2", 0.5249110622493388),
  KerasCase("sparse-categorical-crossentropy", "2", "0.5,0.5,0", 16.11809565095832),
  KerasCase(
    "sparse-categorical-crossentropy", "2;0", "1,2,-1;0,30,-30", 16.67450610838414, fromLogits: true
  ),
  KerasCase("hinge", "0,1;1,0", "0.3,-0.8;1.5,0.2", 1.075),
  KerasCase("hinge", "-1,1", "0.5,2", 0.75),
  KerasCase("hinge", "2,0.5", "0.2,1", 0.55),
  KerasCase("squared-hinge", "0,1;1,0", "0.3,-0.8;1.5,0.2", 1.5925000000000002),
  KerasCase("squared-hinge", "-1,1", "0.5,2", 1.125),
  KerasCase("squared-hinge", "2,0.5", "0.2,1", 0.305),
  KerasCase("categorical-hinge", "0,1,0;1,0,0", "0.2,0.7,0.1;0.5,0.3,0.2", 0.65),
  KerasCase("categorical-hinge", "0,0,1", "0.1,0.1,3", 0.0),
  KerasCase("huber", "1,2,3", "1.2,4,-1", 1.6733333333333331),
  KerasCase("huber", "1,2,3", "1.2,4,-1", 0.9233333333333333, delta: 0.5),
  KerasCase("huber", "0;5", "1;0", 4.25, delta: 2.0),
  KerasCase("log-cosh", "0,1;2,3", "0.5,-1;2,10", 1.9379927263211423),
  KerasCase("log-cosh", "0", "1000", 999.3068528194401),
  KerasCase("kl-divergence", "0.2,0.8;0.5,0.5", "0.3,0.7;0.9,0.1", 0.26827885812198804),
  KerasCase("kl-divergence", "0,1", "1,0", 16.118094039148755),
  KerasCase("kl-divergence", "0.5,0.5", "1.5,-1", 7.365900644919215),
  KerasCase("mean-squared-error", "1,1,1", "1,2,3", 1.6666666666666665),
  KerasCase("mean-squared-error", "0.5;-2", "1.5;3", 13.0),
  KerasCase("mean-absolute-error", "1.1,2,1.7", "1,1.7,1.5", 0.2),
  KerasCase("mean-absolute-error", "1,1,1", "1,3,3", 1.3333333333333333),
  KerasCase("mean-absolute-percentage-error", "1,2,0", "1.5,1,0.1", 33333366.666666668),
  KerasCase("mean-absolute-percentage-error", "-4;2", "1;2.5", 75.0),
  KerasCase("mean-squared-logarithmic-error", "1,2,-1", "0.5,3,-2", 0.055173983206767786),
  KerasCase("mean-squared-logarithmic-error", "0;10", "1e-9;7", 0.05070638943165807),
  KerasCase("cosine-similarity", "1,0,1;0,1,1", "0.5,0.5,0.5;1,-1,0", -0.15824829046386302),
  KerasCase("cosine-similarity", "0,0", "1,2", -0.0),
  KerasCase("cosine-similarity", "3,-4", "-1e-8,2", 0.800000003),
  KerasCase("poisson", "1,2,0", "0.5,3,0", 0.6653074455190269),
  KerasCase("poisson", "4;0.5", "2;1e-9", 3.6407418694064),
]

@Suite struct KerasReferenceTests {
  @Test(arguments: kerasCases)
  func matchesKeras(_ c: KerasCase) throws {
    let loss = try Loss.named(c.loss)
    let yTrue = try NumberList.parse(c.yTrue, name: "y_true")
    let yPred = try NumberList.parse(c.yPred, name: "y_pred")
    let result = try loss.evaluate(yTrue: yTrue, yPred: yPred, config: c.config)
    #expect(abs(result.value - c.expected) <= 1e-9 * max(1, abs(c.expected)), "got \(result.value)")
  }

  @Test func everyKerasLossHasAReferenceValue() {
    let covered = Set((kerasCases + kerasFocalCosineCases).map(\.loss))
    for loss in LossList.standard.losses where loss.kerasClass != nil {
      #expect(covered.contains(loss.id), "\(loss.id)")
    }
  }

  @Test func perSampleValuesAverageToTheBatchValue() throws {
    let result = try Loss.binaryCrossentropy.evaluate(yTrue: [[1], [1]], yPred: [[0.6], [0.7]])
    #expect(result.perSample.count == 2)
    #expect(abs(result.perSample[0] - 0.5108256237659907) < 1e-12)  // −ln 0.6
    #expect(abs(result.perSample[1] - 0.35667494393873245) < 1e-12)  // −ln 0.7
    #expect(abs(result.value - (result.perSample[0] + result.perSample[1]) / 2) < 1e-15)
  }
}
