import LossCore
import Testing

/// The worked numbers of the source articles (rounded as printed there).
@Suite struct WorkedNumbersTests {
  func value(_ loss: Loss, _ y: [[Double]], _ p: [[Double]]) throws -> Double {
    try loss.evaluate(yTrue: y, yPred: p).value
  }

  @Test func binaryCrossentropySingles() throws {
    #expect(abs(try value(.binaryCrossentropy, [[0]], [[0.3]]) - 0.35667) < 5e-6)
    #expect(abs(try value(.binaryCrossentropy, [[1]], [[0.6]]) - 0.51) < 5e-3)
    #expect(abs(try value(.binaryCrossentropy, [[1]], [[0.7]]) - 0.36) < 5e-3)
    #expect(abs(try value(.binaryCrossentropy, [[1]], [[0.012]]) - 4.42) < 5e-3)
  }

  @Test func tenLabelsAsOneSampleOrTenSamples() throws {
    let y: [Double] = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    let p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    let one = try value(.binaryCrossentropy, [y], [p])
    let ten = try value(.binaryCrossentropy, y.map { [$0] }, p.map { [$0] })
    #expect(abs(one - 0.247) < 5e-4)
    #expect(abs(ten - one) < 1e-15)
  }

  @Test func meanAbsoluteError() throws {
    #expect(abs(try value(.meanAbsoluteError, [[1.1, 2, 1.7]], [[1, 1.7, 1.5]]) - 0.2) < 1e-12)
  }

  @Test func squaredAgainstAbsoluteErrorSums() throws {
    // Sums over three labels [1, 1, 1]: [1, 2, 3] → 5 and 3; [1, 3, 3] → 8 and 4.
    #expect(abs(3 * (try value(.meanSquaredError, [[1, 1, 1]], [[1, 2, 3]])) - 5) < 1e-12)
    #expect(abs(3 * (try value(.meanAbsoluteError, [[1, 1, 1]], [[1, 2, 3]])) - 3) < 1e-12)
    #expect(abs(3 * (try value(.meanSquaredError, [[1, 1, 1]], [[1, 3, 3]])) - 8) < 1e-12)
    #expect(abs(3 * (try value(.meanAbsoluteError, [[1, 1, 1]], [[1, 3, 3]])) - 4) < 1e-12)
  }

  @Test func distributionsInBits() throws {
    let r = Distributions.report(p: [0.10, 0.40, 0.50], q: [0.80, 0.15, 0.05], base: .bits)
    #expect(abs(r.klPQ - 1.927) < 5e-4)
    #expect(abs(r.klQP - 2.022) < 5e-4)
    #expect(abs(r.entropyP - 1.361) < 5e-4)
    #expect(abs(r.entropyQ - 0.884) < 5e-4)
    #expect(abs(r.crossEntropyPQ - 3.288) < 5e-4)
    #expect(abs(r.crossEntropyQP - 2.906) < 5e-4)
    #expect(abs(r.jsDivergence - 0.420) < 5e-4)
    #expect(abs(r.jsDistance - 0.648) < 5e-4)
    let nats = Distributions.kl([0.10, 0.40, 0.50], [0.80, 0.15, 0.05], base: .nats)
    #expect(abs(nats - 1.33568) < 5e-6)
  }

  @Test func threeOutcomesInformationAndEntropy() {
    let p = [0.7, 0.2, 0.1]
    let info = p.map { -LogBase.nats.log($0) }
    for (got, want) in zip(info, [0.36, 1.61, 2.30]) { #expect(abs(got - want) < 5e-3) }
    #expect(abs(Distributions.entropy(p, base: .nats) - 0.802) < 5e-4)
  }
}
