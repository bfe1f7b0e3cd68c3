import LossCore
import Testing

@Suite struct LossNameTests {
  @Test func kebabNamesAliasesAndKerasSpellings() throws {
    #expect(try Loss.named("binary-crossentropy") == .binaryCrossentropy)
    #expect(try Loss.named("bce") == .binaryCrossentropy)
    #expect(try Loss.named("BCE") == .binaryCrossentropy)
    #expect(try Loss.named("binary_crossentropy") == .binaryCrossentropy)
    #expect(try Loss.named("kl") == .klDivergence)
    #expect(try Loss.named("msle") == .meanSquaredLogarithmicError)
    for loss in Loss.allCases {
      #expect(try Loss.named(loss.rawValue) == loss)
      for alias in loss.aliases { #expect(try Loss.named(alias) == loss) }
    }
  }

  @Test func unknownNameSuggestsTheClosest() {
    #expect(throws: LossCoreError("unknown loss 'bcee'; did you mean 'bce'?")) {
      try Loss.named("bcee")
    }
    #expect(throws: LossCoreError("unknown loss 'hubber'; did you mean 'huber'?")) {
      try Loss.named("hubber")
    }
    #expect(throws: LossCoreError("unknown optimizer 'adamm'; did you mean 'adam'?")) {
      try OptimizerKind.named("adamm")
    }
  }

  @Test func badBatchesAreClearErrors() {
    #expect(throws: LossCoreError("y_true has 2 samples but y_pred has 1")) {
      try Loss.meanSquaredError.evaluate(yTrue: [[1], [2]], yPred: [[1]])
    }
    #expect(throws: LossCoreError("sample 1: y_true has 2 values but y_pred has 3")) {
      try Loss.meanSquaredError.evaluate(yTrue: [[1, 2]], yPred: [[1, 2, 3]])
    }
    #expect(throws: LossCoreError("y_true is empty")) {
      try Loss.meanSquaredError.evaluate(yTrue: [], yPred: [[1]])
    }
    #expect(throws: LossCoreError("y_true sample 1: class index 3 is not an integer in 0...2")) {
      try Loss.sparseCategoricalCrossentropy.evaluate(yTrue: [[3]], yPred: [[0.2, 0.3, 0.5]])
    }
    #expect(throws: LossCoreError("y_true sample 1: class index 0.5 is not an integer in 0...2")) {
      try Loss.sparseCategoricalCrossentropy.evaluate(yTrue: [[0.5]], yPred: [[0.2, 0.3, 0.5]])
    }
    #expect(throws: LossCoreError("y_true sample 2: label 2 is outside [0, 1]")) {
      try Loss.binaryCrossentropy.evaluate(yTrue: [[1], [2]], yPred: [[0.5], [0.5]])
    }
    #expect(throws: LossCoreError("y_pred sample 1: nan is not a finite number")) {
      try Loss.meanSquaredError.evaluate(yTrue: [[1]], yPred: [[.nan]])
    }
    #expect(throws: LossCoreError("delta must be a positive number, got 0")) {
      try Loss.huber.evaluate(yTrue: [[1]], yPred: [[1]], config: LossConfig(delta: 0))
    }
  }
}
