import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// The numbers the lessons quote, recomputed here (from the data, or with LossCore's objective and
/// descent), against the step's own setup: a text that drifts from its screen fails.
@Suite struct LessonNumbersTests {
  func step(_ lesson: String, _ i: Int) -> LessonStep { Lesson.named(lesson)!.steps[i] }

  func rounded(_ v: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", v) }

  func data(outliers: Int = 0) -> LineData { try! LineData.tutorial(outliers: outliers) }

  func descent(_ setup: Scenario, optimizer: OptimizerKind = .gd) -> Descent {
    let c = setup.contour!
    let objective = LineFitObjective(
      data: data(outliers: c.outliers ?? 0), loss: c.loss ?? .mse, delta: c.delta ?? 1)
    let start = c.start ?? Descent.defaultStart
    var d = Descent(
      objective: objective, optimizer: c.optimizer ?? optimizer,
      learningRate: c.rate ?? Descent.defaultLearningRate, w0: start.w, b0: start.b)
    d.run(steps: c.steps ?? 0)
    return d
  }

  func expectQuotes(
    _ text: String, _ quoted: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(text.contains(quoted), "\"\(quoted)\" not in: \(text)", sourceLocation: sourceLocation)
  }

  @Test func learningRateLesson() {
    // The plain-GD limit 2/λmax from the data's Hessian 2·[[mean x², mean x], [mean x, 1]].
    let x = data().x
    let mx = x.reduce(0, +) / Double(x.count)
    let mxx = x.map { $0 * $0 }.reduce(0, +) / Double(x.count)
    let lambdaMax = (mxx + 1) + ((mxx - 1) * (mxx - 1) + 4 * mx * mx).squareRoot()
    let limit = 2 / lambdaMax
    let slow = step("learning-rate", 0)
    let d1 = descent(slow.setup)
    #expect(slow.setup.contour?.rate == 0.05 && d1.trajectory.count == 21)
    expectQuotes(slow.text, "w = \(rounded(d1.current.w, 2))")
    let best = LineFitObjective(data: data(), loss: .mse).minimum
    expectQuotes(slow.text, "w = \(rounded(best.w, 2))")

    let good = step("learning-rate", 1)
    let d2 = descent(good.setup)
    #expect(good.setup.contour?.rate == 0.3 && d2.trajectory.count == 21)
    expectQuotes(good.text, "w = \(rounded(d2.current.w, 2))")
    expectQuotes(
      good.text, "from \(rounded(d2.trajectory[0].loss, 2)) to \(rounded(d2.current.loss, 3))")

    let large = step("learning-rate", 2)
    let d3 = descent(large.setup)
    #expect(large.setup.contour!.rate! > limit, "0.8 is above the limit, so it diverges")
    #expect(d3.isDiverging && d3.current.loss > d3.trajectory[0].loss)
    expectQuotes(large.text, rounded(limit, 3))
    expectQuotes(
      large.text, "from \(rounded(d3.trajectory[0].loss, 2)) to \(rounded(d3.current.loss, 1))")
    expectQuotes(large.text, "diverg")
    #expect(!large.text.contains("converges"))
  }

  @Test func mseVsMaeLesson() {
    let clean = LineFitObjective(data: data(), loss: .mse).minimum
    let mse = LineFitObjective(data: data(outliers: 5), loss: .mse).minimum
    let mae = LineFitObjective(data: data(outliers: 5), loss: .mae).minimum
    let cleanMAE = LineFitObjective(data: data(), loss: .mae).minimum
    let huber1 = LineFitObjective(data: data(outliers: 5), loss: .huber, delta: 1).minimum
    let huberHalf = LineFitObjective(data: data(outliers: 5), loss: .huber, delta: 0.5).minimum
    expectQuotes(
      step("mse-vs-mae", 0).text, "w = \(rounded(clean.w, 2)) and b = \(rounded(clean.b, 2))")
    expectQuotes(step("mse-vs-mae", 1).text, "w = \(rounded(mse.w, 2)), b = \(rounded(mse.b, 2))")
    expectQuotes(
      step("mse-vs-mae", 2).text, "from w = \(rounded(cleanMAE.w, 2)) to \(rounded(mae.w, 2))")
    let huber = step("mse-vs-mae", 3).text
    expectQuotes(huber, "w = \(rounded(huber1.w, 2)), b = \(rounded(huber1.b, 2))")
    expectQuotes(huber, "w = \(rounded(huberHalf.w, 2))")
    // "farther than MAE's" at δ = 1, "closer than MAE's" at δ = 0.5.
    #expect(abs(huber1.w - 2) > abs(mae.w - 2) && abs(huberHalf.w - 2) < abs(mae.w - 2))
  }

  @Test func momentumAndAdamLesson() {
    let s = step("momentum-and-adam", 1)
    let momentum = descent(s.setup, optimizer: .momentum)
    let peak = momentum.trajectory.max { $0.w < $1.w }!
    expectQuotes(s.text, "w = \(rounded(peak.w, 2)) at step \(peak.step)")
    #expect(momentum.current.w < peak.w, "it has swung back by the last step")
    let nesterov = descent(s.setup, optimizer: .nesterov)
    #expect(nesterov.trajectory.map(\.w).max()! < peak.w, "Nesterov overshoots less")

    let first = step("momentum-and-adam", 2)
    let rms = descent(Scenario.with(first.setup, steps: 1), optimizer: .rmsprop)
    let adam = descent(Scenario.with(first.setup, steps: 1), optimizer: .adam)
    let lr = first.setup.contour!.rate!
    #expect(abs((rms.current.w - rms.trajectory[0].w) - 10.0.squareRoot() * lr) < 1e-6)
    #expect(abs((adam.current.w - adam.trajectory[0].w) - lr) < 1e-6)
    expectQuotes(first.text, "lr = \(NumberText.short(lr)) for Adam")
    expectQuotes(first.text, "≈ \(rounded(10.0.squareRoot() * lr, 2)) for RMSprop")
  }

  @Test func confidentMistakesAndKLLessons() {
    expectQuotes(step("confident-mistakes", 0).text, rounded(-log(0.6), 2))
    expectQuotes(step("confident-mistakes", 1).text, rounded(-log(0.7), 2))
    expectQuotes(step("confident-mistakes", 2).text, rounded(-log(0.012), 2))
    let p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    let y = [1.0, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    let bce = zip(y, p).map { -($0 * log($1) + (1 - $0) * log(1 - $1)) }.reduce(0, +) / 10
    expectQuotes(step("confident-mistakes", 3).text, rounded(bce, 3) + " nats")
    for i in 0..<3 {
      #expect(
        step("confident-mistakes", i).setup.curves?.select == LossCurve(.binaryCrossentropy, target: 1, delta: 1))
    }

    func kl(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).map { $0 * log2($0 / $1) }.reduce(0, +)
    }
    let (pp, qq) = ([0.1, 0.4, 0.5], [0.8, 0.15, 0.05])
    let text = step("kl-asymmetry", 0).text
    expectQuotes(text, "KL(P‖Q) = \(rounded(kl(pp, qq), 3)) bits")
    expectQuotes(text, "KL(Q‖P) = \(rounded(kl(qq, pp), 3)) bits")
  }
}

extension Scenario {
  /// `s` with its contour steps replaced.
  static func with(_ s: Scenario, steps: Int) -> Scenario {
    var out = s
    out.contour?.steps = steps
    return out
  }
}

/// The line-fit cards quote the same minima as the lesson; recomputed with LossCore's objective.
@Suite struct LineFitCardNumbersTests {
  @Test func fitCardsQuoteTheMinima() throws {
    func r(_ v: Double) -> String { String(format: "%.2f", v) }
    let clean = try LineData.tutorial()
    let dirty = try LineData.tutorial(outliers: 5)
    let mae = LineFitObjective(data: dirty, loss: .mae).minimum
    let maeClean = LineFitObjective(data: clean, loss: .mae).minimum
    let mse = LineFitObjective(data: dirty, loss: .mse).minimum
    let mseClean = LineFitObjective(data: clean, loss: .mse).minimum
    let huberHalf = LineFitObjective(data: dirty, loss: .huber, delta: 0.5).minimum
    let huber1 = LineFitObjective(data: dirty, loss: .huber, delta: 1).minimum
    let maeCard = try #require(Explanations.named("fit-mae")).whenToUse
    #expect(maeCard.contains("w from \(r(maeClean.w)) to \(r(mae.w))"), "\(maeCard)")
    #expect(maeCard.contains("from \(r(mseClean.w)) to \(r(mse.w))"), "\(maeCard)")
    let huberCard = try #require(Explanations.named("fit-huber")).whenToUse
    #expect(huberCard.contains("delta 0.5 puts the fit at w = \(r(huberHalf.w))"), "\(huberCard)")
    #expect(huberCard.contains("clean w = \(r(mseClean.w)) than MAE's \(r(mae.w))"), "\(huberCard)")
    #expect(huberCard.contains("delta 1 gives \(r(huber1.w))"), "\(huberCard)")
  }
}
