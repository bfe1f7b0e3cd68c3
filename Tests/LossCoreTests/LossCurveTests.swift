import Foundation
import LossCore
import Testing

@Suite struct LossCurveTests {
  @Test func valuesMatchTheBatchLossForOnePrediction() throws {
    let pairs: [(LossCurve, Loss, LossConfig)] = [
      (LossCurve(.binaryCrossentropy, target: 0), .binaryCrossentropy, .init()),
      (LossCurve(.binaryCrossentropy, target: 1), .binaryCrossentropy, .init()),
      (LossCurve(.hinge, target: 1), .hinge, .init()),
      (LossCurve(.squaredHinge, target: -1), .squaredHinge, .init()),
      (LossCurve(.mse, target: 0.5), .meanSquaredError, .init()),
      (LossCurve(.mae, target: 0.5), .meanAbsoluteError, .init()),
      (LossCurve(.huber, target: 0, delta: 0.7), .huber, LossConfig(delta: 0.7)),
      (LossCurve(.logCosh, target: 0.2), .logCosh, .init()),
    ]
    for (curve, loss, config) in pairs {
      for x in [0.0, 0.05, 0.3, 0.5, 0.9, 1.0] {
        let expected = try loss.evaluate(yTrue: [[curve.target]], yPred: [[x]], config: config)
          .value
        #expect(abs(curve.value(at: x) - expected) < 1e-12, "\(curve.asciiName) at \(x)")
      }
    }
  }

  @Test func logShapes() {
    #expect(abs(LossCurve(.negativeLog).value(at: 0.5) - log(2.0)) < 1e-15)
    #expect(abs(LossCurve(.logarithm).value(at: M_E) - 1) < 1e-15)
    #expect(LossCurve(.logarithm).value(at: 0).isNaN)
    #expect(LossCurve(.negativeLog).value(at: -1).isNaN)
    #expect(LossCurve(.binaryCrossentropy, target: 1).value(at: 1.5).isNaN)
    #expect(LossCurve(.binaryCrossentropy, target: 1).value(at: -0.1).isNaN)
    #expect(LossCurve(.hinge, target: 1).value(at: -1) == 2)
    #expect(LossCurve(.hinge, target: 0).value(at: -1) == 0)  // 0 counts as −1
  }

  @Test func slopesEqualFiniteDifferences() {
    let curves: [LossCurve] = [
      LossCurve(.negativeLog), LossCurve(.logarithm), LossCurve(.binaryCrossentropy, target: 0),
      LossCurve(.binaryCrossentropy, target: 1),
      LossCurve(.hinge, target: 1), LossCurve(.squaredHinge, target: 1),
      LossCurve(.mse, target: 0.2),
      LossCurve(.mae, target: 0.2), LossCurve(.huber, delta: 0.3), LossCurve(.logCosh),
    ]
    for curve in curves {
      for x in [0.13, 0.41, 0.77] {
        let h = 1e-6
        let numeric = (curve.value(at: x + h) - curve.value(at: x - h)) / (2 * h)
        #expect(
          abs(curve.slope(at: x) - numeric) < 1e-6 * max(1, abs(numeric)),
          "\(curve.asciiName) at \(x)")
      }
    }
  }

  @Test func names() {
    #expect(LossCurve(.binaryCrossentropy, target: 0).name == "BCE (y=0)")
    #expect(LossCurve(.negativeLog).name == "\u{2212}log(x)")
    #expect(LossCurve(.negativeLog).asciiName == "-log(x)")
    #expect(LossCurve(.hinge, target: 1).name == "hinge (y=+1)")
    #expect(LossCurve(.huber).name == "Huber (\u{03B4}=1)")
    #expect(LossCurve(.huber, delta: 0.5).asciiName == "Huber (d=0.5)")
    #expect(LossCurve(.binaryCrossentropy).domain == .unit)
    #expect(LossCurve(.mse).domain == .real)
  }
}

@Suite struct SinglePredictionTests {
  @Test func anyLossAsACurve() {
    #expect(
      abs(Loss.binaryCrossentropy.value(prediction: 0.3, target: 0) - 0.35667494393873245) < 1e-15)
    #expect(Loss.meanSquaredError.value(prediction: -1, target: 2) == 9)
    #expect(Loss.hinge.value(prediction: -0.5, target: 1) == 1.5)
    #expect(abs(Loss.poisson.value(prediction: 2, target: 1) - (2 - log(2 + 1e-7))) < 1e-15)
    #expect(Loss.binaryCrossentropy.value(prediction: 0.5, target: 3).isNaN)
    #expect(Loss.meanSquaredError.value(prediction: .infinity, target: 0).isNaN)
  }
}
