import Foundation
import LossCore
import Testing

@Suite struct DistributionsTests {
  let p = [0.10, 0.40, 0.50]
  let q = [0.80, 0.15, 0.05]

  @Test func klIsNonNegativeAndZeroOnItself() {
    let samples: [[Double]] = [p, q, [0.25, 0.25, 0.5], [1, 0, 0], [0.3, 0.3, 0.4]]
    for a in samples {
      for b in samples where !b.contains(0) {
        #expect(Distributions.kl(a, b, base: .nats) >= -1e-15)
      }
      #expect(Distributions.kl(a, a, base: .bits) == 0)
    }
  }

  /// Q within 1e-9 of P (what a normal fit that matches P leaves): the true KL, about Σ(p − q)²/2p ≈ 1e-18,
  /// is far below the sum's rounding error (≈ 1e-15), so KL reads exactly 0 both ways, never a negative
  /// −6e-19. A Q 1e-4 away keeps its KL, which the second-order formula predicts.
  @Test func klWithinRoundingOfZeroIsZero() {
    let p = [0.1, 0.4, 0.5]
    for scale in [1e-9, 3e-9, 1e-8] {
      let near = [0.1 * (1 - 7.8 * scale), 0.4 * (1 - 1.7 * scale), 0.0]
      let q = [near[0], near[1], 1 - near[0] - near[1]]
      for base in LogBase.allCases {
        #expect(Distributions.kl(p, q, base: base) == 0, "\(scale) \(base)")
        #expect(Distributions.kl(q, p, base: base) == 0, "\(scale) \(base)")
      }
    }
    let q = [0.1 + 1e-4, 0.4 - 3e-4, 0.5 + 2e-4]
    let secondOrder = zip(p, q).map { ($0 - $1) * ($0 - $1) / (2 * $0) }.reduce(0, +)
    let kl = Distributions.kl(p, q, base: .nats)
    #expect(kl > 0 && abs(kl - secondOrder) < 0.01 * secondOrder)
  }

  @Test func basesDifferByConstantFactors() {
    let bits = Distributions.kl(p, q, base: .bits)
    #expect(abs(Distributions.kl(p, q, base: .nats) - bits * log(2.0)) < 1e-12)
    #expect(abs(Distributions.kl(p, q, base: .dits) - bits * log10(2.0)) < 1e-12)
  }

  @Test func crossEntropyIsEntropyPlusKL() {
    let r = Distributions.report(p: p, q: q, base: .nats)
    #expect(abs(r.crossEntropyPQ - (r.entropyP + r.klPQ)) < 1e-12)
    #expect(abs(r.crossEntropyQP - (r.entropyQ + r.klQP)) < 1e-12)
    #expect(abs(r.contributionsPQ.reduce(0, +) - r.klPQ) < 1e-12)
    #expect(r.contributionsPQ[0] < 0)  // 0.1·log(0.1/0.8) is negative
  }

  @Test func zerosFollowInformationTheory() {
    // 0·log 0 = 0; q = 0 < p is infinite.
    #expect(Distributions.entropy([1, 0], base: .bits) == 0)
    #expect(Distributions.kl([0.5, 0.5], [1, 0], base: .bits) == .infinity)
    #expect(Distributions.kl([1, 0], [0.5, 0.5], base: .bits) == 1)
    let r = Distributions.report(p: [0.5, 0.5], q: [1, 0], base: .bits)
    #expect(r.jsDivergence.isFinite && r.jsDivergence > 0 && r.jsDivergence <= 1)
    #expect(r.contributionsPQ[1] == .infinity)
  }

  @Test func validation() throws {
    #expect(
      try Distributions.validated([2, 2, 4], name: "--p", normalize: true) == [0.25, 0.25, 0.5])
    #expect(throws: LossCoreError("--p: sums to 1.1, not 1 (use --normalize to rescale)")) {
      try Distributions.validated([0.5, 0.6], name: "--p", normalize: false)
    }
    #expect(throws: LossCoreError("--q: value 2 is negative (-0.1); probabilities must be >= 0")) {
      try Distributions.validated([1.1, -0.1], name: "--q", normalize: true)
    }
    #expect(throws: LossCoreError("--q: sums to 0, cannot normalize")) {
      try Distributions.validated([0, 0], name: "--q", normalize: true)
    }
    #expect(
      try Distributions.validated([0.3, 0.7 + 5e-7], name: "--p", normalize: false).count == 2)
  }
}

@Suite struct DistributionEditingTests {
  @Test func settingOneEntryRescalesTheOthersAndKeepsTheSumAtOne() {
    let p = Distributions.setting([0.1, 0.4, 0.5], index: 1, to: 0.7)
    #expect(p[1] == 0.7)
    #expect(abs(p[2] / p[0] - 5) < 1e-12, "the others keep their ratio")
    #expect(p.reduce(0, +) == 1)
    // All the rest at zero: the remainder is shared equally.
    #expect(Distributions.setting([1, 0, 0], index: 0, to: 0.4) == [0.4, 0.3, 0.3])
    #expect(Distributions.setting([0.3, 0.7], index: 0, to: 1) == [1, 0])
  }

  @Test func renormalizedSumsToOne() {
    for v in [[1.0, 2, 3], [0.1, 0.1, 0.1], [0, 0, 5], [1e-300, 3e-300]] {
      let r = Distributions.renormalized(v)
      #expect(abs(r.reduce(0, +) - 1) < 1e-15, "\(v)")
      #expect(r.allSatisfy { $0 >= 0 })
    }
    #expect(Distributions.renormalized([0, 0]) == [0.5, 0.5])
  }
}
