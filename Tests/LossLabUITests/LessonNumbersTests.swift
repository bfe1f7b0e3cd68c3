import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// The numbers the lessons claim, recomputed here independently (from the data with closed forms, or
/// with LossCore's objective and descent run outside the app), against the claims of the step's own
/// setup: a claim that drifts from the math fails. (`LessonClaimsTests` checks the same claims
/// against the app's state.)
@Suite struct LessonNumbersTests {
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

  @Test func learningRateLesson() {
    // The plain-GD limit 2/λmax from the data's Hessian 2·[[mean x², mean x], [mean x, 1]].
    let x = data().x
    let mx = x.reduce(0, +) / Double(x.count)
    let mxx = x.map { $0 * $0 }.reduce(0, +) / Double(x.count)
    let lambdaMax = (mxx + 1) + ((mxx - 1) * (mxx - 1) + 4 * mx * mx).squareRoot()
    let limit = 2 / lambdaMax
    let lr = "learning-rate"
    let d1 = descent(lessonStep(lr, 0).setup)
    #expect(lessonStep(lr, 0).setup.contour?.rate == 0.05 && d1.trajectory.count == 21)
    expectClaim(lr, 0, .descent(.finalW, nil), d1.current.w)
    expectClaim(lr, 0, .minimum(.mse, .w), LineFitObjective(data: data(), loss: .mse).minimum.w)
    #expect(claims(lr, 0, .converges(true, nil)))

    let d2 = descent(lessonStep(lr, 1).setup)
    expectClaim(lr, 1, .descent(.finalW, nil), d2.current.w)
    expectClaim(lr, 1, .descent(.startLoss, nil), d2.trajectory[0].loss)
    expectClaim(lr, 1, .descent(.finalLoss, nil), d2.current.loss)

    // Rate 0.8 is above the limit: the lesson claims it diverges, not that it converges.
    let large = lessonStep(lr, 2)
    let d3 = descent(large.setup)
    #expect(large.setup.contour!.rate! > limit)
    #expect(d3.isDiverging && d3.current.loss > d3.trajectory[0].loss)
    expectClaim(lr, 2, .gdRateLimit, limit)
    expectClaim(lr, 2, .descent(.finalLoss, nil), d3.current.loss)
    #expect(claims(lr, 2, .diverges(true, nil)) && claims(lr, 2, .converges(false, nil)))
    #expect(!large.expect.contains(.converges(true, nil)))
  }

  @Test func mseVsMaeLesson() {
    let m = "mse-vs-mae"
    let clean = LineFitObjective(data: data(), loss: .mse).minimum
    let mse = LineFitObjective(data: data(outliers: 5), loss: .mse).minimum
    let mae = LineFitObjective(data: data(outliers: 5), loss: .mae).minimum
    let cleanMAE = LineFitObjective(data: data(), loss: .mae).minimum
    let huber1 = LineFitObjective(data: data(outliers: 5), loss: .huber, delta: 1).minimum
    let huberHalf = LineFitObjective(data: data(outliers: 5), loss: .huber, delta: 0.5).minimum
    expectClaim(m, 0, .minimum(.mse, .w), clean.w)
    expectClaim(m, 0, .minimum(.mse, .b), clean.b)
    expectClaim(m, 0, .minimum(.mae, .w), cleanMAE.w)
    expectClaim(m, 1, .minimum(.mse, .w), mse.w)
    expectClaim(m, 1, .minimum(.mse, .b), mse.b)
    expectClaim(m, 2, .minimum(.mae, .w), mae.w)
    expectClaim(m, 3, .minimum(.huber, .w), huber1.w)
    expectClaim(m, 3, .minimum(.huber, .b), huber1.b)
    // "farther than MAE's" at δ = 1, "closer than MAE's" at δ = 0.5 (the task's solution halves δ).
    #expect(abs(huber1.w - 2) > abs(mae.w - 2) && abs(huberHalf.w - 2) < abs(mae.w - 2))
    guard case .task(let t) = lessonStep(m, 4).kind else {
      Issue.record("step 5 is the δ task")
      return
    }
    #expect(t.solution == [.character("d")] && t.done.contains(String(format: "%.2f", huberHalf.w)))
  }

  @Test func momentumAndAdamLesson() {
    let m = "momentum-and-adam"
    let s = lessonStep(m, 1)
    let momentum = descent(s.setup, optimizer: .momentum)
    let peak = momentum.trajectory.max { $0.w < $1.w }!
    expectClaim(m, 1, .descent(.peakW, .momentum), peak.w)
    expectClaim(m, 1, .descent(.peakStep, .momentum), Double(peak.step))
    #expect(momentum.current.w < peak.w, "it has swung back by the last step")
    let nesterov = descent(s.setup, optimizer: .nesterov)
    #expect(nesterov.trajectory.map(\.w).max()! < peak.w, "Nesterov overshoots less")

    // Keras: RMSprop's accumulator starts at 0 and takes (1 − ρ) = 10% of g², so the first step is
    // lr·g/√(0.1·g²) = √10·lr; Adam's bias correction makes its first step lr.
    let first = lessonStep(m, 2)
    let lr = first.setup.contour!.rate!
    let rms = descent(Scenario.with(first.setup, steps: 1), optimizer: .rmsprop)
    let adam = descent(Scenario.with(first.setup, steps: 1), optimizer: .adam)
    #expect(abs((rms.current.w - rms.trajectory[0].w) - 10.0.squareRoot() * lr) < 1e-6)
    #expect(abs((adam.current.w - adam.trajectory[0].w) - lr) < 1e-6)
    expectClaim(m, 2, .descent(.firstStepW, .adam), lr)
    expectClaim(m, 2, .descent(.firstStepW, .rmsprop), 10.0.squareRoot() * lr)
  }

  @Test func confidentMistakesAndKLLessons() {
    let c = "confident-mistakes"
    expectClaim(c, 0, .selectedValue, -log(0.6))
    expectClaim(c, 1, .selectedValue, -log(0.7))
    expectClaim(
      c, 2, .curveValue(LossCurve(.binaryCrossentropy, target: 1, delta: 1), at: 0.1), -log(0.1))
    expectClaim(c, 3, .selectedValue, -log(0.012))
    expectClaim(c, 3, .selectedSlope, -1 / 0.012)
    let p = [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3]
    let y = [1.0, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    let bce = zip(y, p).map { -($0 * log($1) + (1 - $0) * log(1 - $1)) }.reduce(0, +) / 10
    expectClaim(c, 4, .distribution(.meanBCE), bce)
    for i in [0, 1, 3] {
      #expect(claims(c, i, .selectedCurve(LossCurve(.binaryCrossentropy, target: 1, delta: 1))))
    }

    let (pp, qq) = ([0.1, 0.4, 0.5], [0.8, 0.15, 0.05])
    let k = "kl-asymmetry"
    expectClaim(k, 0, .distribution(.klPQ), klBits(pp, qq))
    expectClaim(k, 0, .distribution(.klQP), klBits(qq, pp))
    expectClaim(k, 1, .sharePQ("fox"), 0.5 * log2(0.5 / 0.05))
    expectClaim(k, 2, .distribution(.klPQ), klBits(qq, pp))
    #expect(claims(k, 0, .unit(.bits)))
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
