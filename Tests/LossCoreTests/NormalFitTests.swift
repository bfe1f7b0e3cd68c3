import Foundation
import LossCore
import Testing

/// The single-peaked Q of the distributions view's `f` / `F` keys: a normal discretised over the
/// positions 0..<n, fitted to P by minimising KL(P‖Q) or KL(Q‖P).
@Suite struct NormalFitTests {
  /// The distributions view's two-peaked preset: peaks at 2 (0.34) and 6 (0.24).
  let twoPeaks = [0.005, 0.12, 0.34, 0.12, 0.01, 0.08, 0.24, 0.08, 0.005]

  /// Mean and variance over the positions 0..<n.
  func moments(_ v: [Double]) -> (mean: Double, variance: Double) {
    let mean = v.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
    let second = v.enumerated().reduce(0) { $0 + Double($1.offset * $1.offset) * $1.element }
    return (mean, second - mean * mean)
  }

  /// The brute-force answer: the lowest divergence on a grid of step `h` over the fit's box.
  func gridMinimum(
    _ p: [Double], _ direction: KLDirection, h: Double
  ) -> (value: Double, mu: Double, sigma: Double) {
    var best = (value: Double.infinity, mu: 0.0, sigma: 0.0)
    var mu = -Double(p.count)
    while mu <= 2 * Double(p.count) - 1 {
      var sigma = NormalFitting.sigmaMin
      while sigma <= NormalFitting.sigmaMax(count: p.count) {
        // Written out here, independently of `NormalFitting.divergence`.
        let w = (0..<p.count).map { exp(-0.5 * pow((Double($0) - mu) / sigma, 2)) }
        let z = w.reduce(0, +)
        let q = w.map { $0 / z }
        let v =
          direction == .forward
          ? zip(p, q).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
          : zip(q, p).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * log($1.0 / $1.1) : 0) }
        if v < best.value { best = (v, mu, sigma) }
        sigma += h
      }
      mu += h
    }
    return best
  }

  @Test func theForwardFitMatchesPsMeanAndVariance() throws {
    // The discretised normal is an exponential family in (i, i²): the minimiser of KL(P‖Q) has
    // exactly P's first two moments over the positions, whatever P is (inside the σ box).
    let ps: [[Double]] = [
      twoPeaks,
      [0.1, 0.4, 0.5],
      [0.05, 0.1, 0.2, 0.3, 0.2, 0.1, 0.05],
      [0.3, 0.25, 0.2, 0.1, 0.1, 0.05],
      [0, 0.2, 0.5, 0.3, 0],
    ]
    for p in ps {
      let fit = try NormalFitting.fit(p: p, direction: .forward)
      let (mp, vp) = moments(p)
      let (mq, vq) = moments(fit.q)
      #expect(abs(mq - mp) < 1e-6, "mean \(mq) vs \(mp) for \(p)")
      #expect(abs(vq - vp) < 1e-6, "variance \(vq) vs \(vp) for \(p)")
    }
  }

  @Test func aPThatIsADiscretisedNormalIsRecoveredAndFarFromTheEndsMatchesTheContinuousMoments()
    throws
  {
    // P itself from the family: both fits find its own μ and σ, with divergence 0.
    let p = DiscreteNormal(mu: 3.3, sigma: 1.25).probabilities(count: 9)
    for direction in KLDirection.allCases {
      let fit = try NormalFitting.fit(p: p, direction: direction)
      #expect(abs(fit.normal.mu - 3.3) < 1e-5 && abs(fit.normal.sigma - 1.25) < 1e-5)
      #expect(fit.divergenceNats < 1e-12)
    }
    // A P far from the ends: μ and σ of the KL(P‖Q) fit are P's mean and standard deviation up to
    // the discretisation (a normal sampled at integers with σ ≥ 1 has nearly its own moments).
    let wide = [0.0, 0.0, 0.02, 0.1, 0.2, 0.35, 0.2, 0.1, 0.03, 0.0, 0.0, 0.0]
    let fit = try NormalFitting.fit(p: wide, direction: .forward)
    let (m, v) = moments(wide)
    #expect(abs(fit.normal.mu - m) < 1e-3)
    #expect(abs(fit.normal.sigma - v.squareRoot()) < 0.02)
  }

  @Test(arguments: KLDirection.allCases)
  func noPointOfAFineGridBeatsTheFit(direction: KLDirection) throws {
    // The last P is U-shaped: its variance (3.53) is more than the uniform's (35/12), which no normal
    // reaches, so the fit ends on the edge of the (μ, σ) box; no grid point does better there either.
    for p in [twoPeaks, [0.2, 0.1, 0.05, 0.05, 0.1, 0.5], [0.3, 0.3, 0.1, 0.05, 0.05, 0.2]] {
      let fit = try NormalFitting.fit(p: p, direction: direction)
      let grid = gridMinimum(p, direction, h: 0.025)
      #expect(fit.divergenceNats <= grid.value + 1e-12, "\(direction) \(p)")
      #expect(grid.value - fit.divergenceNats < 1e-3, "\(direction) \(p)")
      // Inside the box the grid's best point is next to the fit's (on its edge the valley may be flat).
      if fit.normal.sigma < NormalFitting.sigmaMax(count: p.count) - 0.1 {
        #expect(
          abs(grid.mu - fit.normal.mu) < 0.03 && abs(grid.sigma - fit.normal.sigma) < 0.03,
          "\(direction) \(p)")
      }
    }
  }

  @Test func onTwoPeaksOneFitCoversBothAndTheOtherSitsOnTheTallerPeak() throws {
    let forward = try NormalFitting.fit(p: twoPeaks, direction: .forward)
    let reverse = try NormalFitting.fit(p: twoPeaks, direction: .reverse)
    // Mass covering: centred between the peaks (at 2 and 6) and wide enough to reach both.
    #expect(forward.normal.mu > 3 && forward.normal.mu < 5 && forward.normal.sigma > 2)
    #expect(forward.q[2] > 0.1 && forward.q[6] > 0.1)
    // Mode seeking: on the taller peak at 2, narrow, next to nothing at the other peak.
    #expect(abs(reverse.normal.mu - 2) < 0.1 && reverse.normal.sigma < 1)
    #expect(reverse.q[6] < 1e-6)
    // Each fit is the better one in its own divergence, and pays for it in the other.
    let fwdOfReverse = NormalFitting.divergence(
      p: twoPeaks, normal: reverse.normal, direction: .forward)
    let revOfForward = NormalFitting.divergence(
      p: twoPeaks, normal: forward.normal, direction: .reverse)
    #expect(forward.divergenceNats < fwdOfReverse)
    #expect(reverse.divergenceNats < revOfForward)
    #expect(fwdOfReverse > 5)  // nats: Q leaves the peak at 6 almost nothing
  }

  @Test func divergenceAgreesWithTheDistributionsKL() {
    let normal = DiscreteNormal(mu: 2.7, sigma: 1.9)
    let q = normal.probabilities(count: twoPeaks.count)
    #expect(abs(q.reduce(0, +) - 1) < 1e-15)
    #expect(
      abs(
        NormalFitting.divergence(p: twoPeaks, normal: normal, direction: .forward)
          - Distributions.kl(twoPeaks, q, base: .nats)) < 1e-12)
    #expect(
      abs(
        NormalFitting.divergence(p: twoPeaks, normal: normal, direction: .reverse)
          - Distributions.kl(q, twoPeaks, base: .nats)) < 1e-12)
  }

  @Test func unitsAreTheSameNumberInAnotherBase() throws {
    let fit = try NormalFitting.fit(p: twoPeaks, direction: .reverse)
    #expect(abs(fit.divergence(base: .nats) - fit.divergenceNats) < 1e-15)
    #expect(abs(fit.divergence(base: .bits) - fit.divergenceNats / log(2)) < 1e-12)
    #expect(
      abs(fit.divergence(base: .bits) - Distributions.kl(fit.q, twoPeaks, base: .bits)) < 1e-9)
  }

  @Test func aZeroInPMakesTheReverseFitImpossibleAndSaysWhere() {
    let error = #expect(throws: LossCoreError.self) {
      try NormalFitting.fit(p: [0.5, 0.5, 0], direction: .reverse)
    }
    #expect(error?.message.contains("category 3") == true)
    // The forward fit is fine: P's zero costs nothing in KL(P‖Q).
    #expect((try? NormalFitting.fit(p: [0.5, 0.5, 0], direction: .forward)) != nil)
    #expect(throws: LossCoreError.self) { try NormalFitting.fit(p: [1], direction: .forward) }
  }

  @Test func equalPeaksGiveTheSameAnswerEveryTime() throws {
    // Two equal peaks: two equally good reverse fits; the search is deterministic.
    let p = [0.02, 0.2, 0.26, 0.04, 0.26, 0.2, 0.02]
    let a = try NormalFitting.fit(p: p, direction: .reverse)
    let b = try NormalFitting.fit(p: p, direction: .reverse)
    #expect(a == b)
  }
}
