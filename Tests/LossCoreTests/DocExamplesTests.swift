import Foundation
import LossCore
import Testing

/// The examples of the DocC articles (Sources/LossCore/LossCore.docc), run as written, with the
/// values the articles print checked against the formulas they quote.
@Suite struct DocExamplesTests {
  @Test func landingPage() throws {
    let bce = try Loss.named("bce")
    let result = try bce.evaluate(yTrue: [[0]], yPred: [[0.3]])
    #expect(abs(result.value - -log(0.7)) < 1e-12)
  }

  @Test func losses() throws {
    #expect(try Loss.named("mse") == .meanSquaredError)
    #expect(throws: LossCoreError.self) { try Loss.named("hubber") }
    let r = try Loss.meanSquaredError.evaluate(yTrue: [[1, 2]], yPred: [[-1, 2]])
    #expect(r.value == 2)
    #expect(r.perSample == [2])
    let huber = try Loss.huber.evaluate(
      yTrue: [[0, 0]], yPred: [[-1, 2]], config: LossConfig(delta: 1))
    #expect(huber.value == (0.5 + 1.5) / 2)
    let g = try Loss.meanSquaredError.gradient(yTrue: [[1, 2]], yPred: [[-1, 2]])
    #expect(g == [[-2, 0]])
    let curve = LossCurve(.binaryCrossentropy, target: 0)
    #expect(abs(curve.value(at: 0.3) - -log(0.7)) < 1e-12)
    #expect(abs(curve.slope(at: 0.3) - 1 / 0.7) < 1e-6)
  }

  @Test func distributions() throws {
    let p = try Distributions.validated([0.1, 0.4, 0.5], name: "P", normalize: false)
    let q = try Distributions.validated([8, 1.5, 0.5], name: "Q", normalize: true)
    #expect(zip(q, [0.8, 0.15, 0.05]).allSatisfy { abs($0 - $1) < 1e-15 })
    func kl(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).reduce(0) { $0 + $1.0 * log2($1.0 / $1.1) }
    }
    let h = -p.reduce(0) { $0 + $1 * log2($1) }
    #expect(abs(Distributions.entropy(p, base: .bits) - h) < 1e-12)
    #expect(abs(Distributions.kl(p, q, base: .bits) - kl(p, q)) < 1e-12)
    #expect(abs(Distributions.kl(q, p, base: .bits) - kl(q, p)) < 1e-12)
    let report = Distributions.report(p: p, q: q, base: .bits)
    #expect(abs(report.crossEntropyPQ - (h + kl(p, q))) < 1e-12)
    let m = zip(p, q).map { ($0 + $1) / 2 }
    #expect(abs(report.jsDivergence - (kl(p, m) + kl(q, m)) / 2) < 1e-12)
    #expect(abs(report.contributionsPQ[0] - 0.1 * log2(0.1 / 0.8)) < 1e-12)
  }

  @Test func lineFitSurfaces() throws {
    let data = try LineData.tutorial()
    #expect(data.x.count == 50)
    #expect(try LineData.tutorial(outliers: 5).x.count == 55)
    let objective = LineFitObjective(data: data, loss: .mse)
    let byHand = zip(data.x, data.y).reduce(0) { $0 + pow(0.5 * $1.0 + 1.5 - $1.1, 2) } / 50
    #expect(abs(objective.value(w: 0.5, b: 1.5) - byHand) < 1e-12)
    let g = objective.gradient(w: 0.5, b: 1.5)
    let gb = zip(data.x, data.y).reduce(0) { $0 + 2 * (0.5 * $1.0 + 1.5 - $1.1) } / 50
    #expect(abs(g.b - gb) < 1e-12)
    let best = objective.minimum
    #expect(abs(best.w - data.leastSquares.w) < 1e-9)
    let grid = objective.surface(columns: 80, rows: 40, w: 0...4, b: 1...5)
    let levels = ContourLines.levels(for: try #require(grid.finiteRange), count: 6)
    #expect(!levels.isEmpty)
    #expect(!ContourLines.segments(grid, level: levels[0]).isEmpty)
  }

  @Test func optimizers() throws {
    var adam = Optimizer(.adam, learningRate: 0.1)
    var theta = [0.5, 1.5]
    adam.step(&theta, gradient: [-2.5, -4.45])
    // Adam's first step is lr·m̂/(√v̂ + ε) = lr·sign(g) up to ε.
    #expect(abs(theta[0] - 0.6) < 1e-6 && abs(theta[1] - 1.6) < 1e-6)
    #expect(try OptimizerKind.named("rmsprop") == .rmsprop)

    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var descent = Descent(
      objective: objective, optimizer: .gd, learningRate: 0.5, w0: 0.5, b0: 1.5)
    descent.run(steps: 3)
    var (w, b) = (0.5, 1.5)
    for _ in 0..<3 {
      let g = objective.gradient(w: w, b: b)
      (w, b) = (w - 0.5 * g.w, b - 0.5 * g.b)
    }
    #expect(abs(descent.current.loss - objective.value(w: w, b: b)) < 1e-12)
    #expect(descent.trajectory.count == 4)
    #expect(!descent.isDiverging)
  }
}
