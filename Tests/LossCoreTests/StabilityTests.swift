import Foundation
import LossCore
import Testing

@Suite struct StabilityBoundTests {
  /// Runs `kind` at `factor` × its bound on the tutorial MSE and reports whether it converged to the minimum
  /// (loss within 1e-9 of it) or blew up.
  func outcome(_ kind: OptimizerKind, factor: Double, steps: Int) throws -> (
    converged: Bool, diverged: Bool
  ) {
    let data = try LineData.tutorial()
    let objective = LineFitObjective(data: data, loss: .mse)
    let lambda = MSECurvature(data: data).eigenvalues.largest
    let bound = try #require(StabilityBound.rate(for: kind, largestCurvature: lambda))
    var d = Descent(
      objective: objective, optimizer: kind, learningRate: factor * bound, w0: 0.5, b0: 1.5)
    d.run(steps: steps)
    let best = objective.minimum.loss
    return (!d.diverged && abs(d.current.loss - best) < 1e-9, d.diverged)
  }

  @Test(arguments: [OptimizerKind.gd, .momentum, .nesterov])
  func justBelowTheBoundConvergesJustAboveDiverges(_ kind: OptimizerKind) throws {
    let below = try outcome(kind, factor: 0.99, steps: 40_000)
    #expect(below.converged && !below.diverged)
    let above = try outcome(kind, factor: 1.01, steps: 40_000)
    #expect(above.diverged)
  }

  @Test func boundsFollowTheirFormulas() throws {
    let c = MSECurvature(data: try LineData.tutorial())
    let lambda = c.eigenvalues.largest
    #expect(StabilityBound.rate(for: .gd, largestCurvature: lambda) == c.stabilityLimit)
    #expect(abs(c.heavyBallLimit() - 3.8 / lambda) < 1e-15)
    #expect(StabilityBound.rate(for: .momentum, largestCurvature: lambda) == c.heavyBallLimit())
    #expect(StabilityBound.rate(for: .adam, largestCurvature: lambda) == nil)
  }

  @Test func huberInsideItsQuadraticRegionHasHalfTheMSECurvature() throws {
    // Every residual within δ: the Huber Hessian is ½ of MSE's, so its bound is twice MSE's 2/λmax.
    let data = try LineData.tutorial()
    let m = LineFitObjective(data: data, loss: .mse).minimum
    let h = HuberCurvature(data: data, delta: 10, w: m.w, b: m.b)
    #expect(h.inside == data.x.count)
    #expect(abs(h.stabilityLimit - 2 * MSECurvature(data: data).stabilityLimit) < 1e-12)
    // Far from the data no point is inside: no curvature, no bound.
    let far = HuberCurvature(data: data, delta: 0.5, w: 0, b: 100)
    #expect(far.inside == 0 && far.stabilityLimit == .infinity)
  }
}

@Suite struct DivergenceForensicsTests {
  func descent(
    _ kind: OptimizerKind, rate: Double, steps: Int, start: (w: Double, b: Double) = (0.5, 1.5)
  ) throws -> Descent {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var d = Descent(
      objective: objective, optimizer: kind, learningRate: rate, w0: start.w, b0: start.b)
    d.run(steps: steps)
    return d
  }

  @Test func tooLargeARateIsTracedToTheStiffDirection() throws {
    let data = try LineData.tutorial()
    let curvature = MSECurvature(data: data)
    let lambda = curvature.eigenvalues.largest
    // Start mostly off along the flat direction, a little along the stiff one. At 1.2× the bound the stiff
    // error grows by |1 − 2.4| = 1.4 per step with flipping sign; first the flat error's shrinking wins.
    let m = LineFitObjective(data: data, loss: .mse).minimum
    let (stiff, flat) = curvature.eigenvectors
    let start = (w: m.w + flat.w + 1e-3 * stiff.w, b: m.b + flat.b + 1e-3 * stiff.b)
    let d = try descent(.gd, rate: 1.2 * 2 / lambda, steps: 30, start: start)
    let report = try #require(d.divergence(largestCurvature: lambda))
    #expect(!report.nonFinite && report.step == 30)
    // The loss first fell (the flat direction's error shrinks), then rose from its lowest point on.
    let losses = d.trajectory.map(\.loss)
    let lowest = losses.indices.min { losses[$0] < losses[$1] }!
    #expect(report.riseStart == lowest && lowest > 0)
    #expect(report.oscillating == ["w", "b"])
    #expect(abs(report.rate / report.bound!.rate - 1.2) < 1e-12)
    #expect(report.message.hasPrefix("loss rose for \(30 - lowest) steps from step \(lowest); "))
    #expect(
      report.message.hasSuffix(
        "rate \(String(format: "%.6g", report.rate)) is 1.20× the stable bound 2/λmax = \(String(format: "%.6g", 2 / lambda))"
      ))
  }

  @Test func aConvergingRunHasNoReport() throws {
    let d = try descent(.momentum, rate: 0.2, steps: 60)
    #expect(d.divergence() == nil)
  }

  @Test func nonFiniteIsReportedEvenWithoutARise() throws {
    let d = try descent(.gd, rate: 1e9, steps: 5)
    let report = try #require(d.divergence())
    #expect(report.nonFinite && report.bound == nil)
    #expect(d.current.step == 0)
    #expect(
      report.message == "values became non-finite after step 0; it blew up in one step; rate 1e+09")
  }

  @Test func aSteadyRunawayDoesNotOscillate() {
    let steps = (0..<5).map {
      DescentStep(step: $0, w: Double($0), b: 0, loss: Double($0), gradW: -1, gradB: 0.5)
    }
    #expect(Descent.oscillatingForTesting(steps).isEmpty)
  }
}
