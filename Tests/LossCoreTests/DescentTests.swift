import LossCore
import Testing

@Suite struct DescentTests {
  @Test func startIsStepZeroWithLossAndGradient() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    let d = Descent(objective: objective, optimizer: .gd, learningRate: 0.3, w0: 0.5, b0: 1.5)
    #expect(d.trajectory.count == 1)
    let s = d.trajectory[0]
    #expect(s.step == 0 && s.w == 0.5 && s.b == 1.5)
    #expect(s.loss == objective.value(w: 0.5, b: 1.5))
    let g = objective.gradient(w: 0.5, b: 1.5)
    #expect(s.gradW == g.w && s.gradB == g.b)
  }

  @Test func defaultsConvergeAlongACurvedPath() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var d = Descent(
      objective: objective, optimizer: .gd, learningRate: Descent.defaultLearningRate,
      w0: Descent.defaultStart.w, b0: Descent.defaultStart.b)
    d.run(steps: Descent.defaultSteps)
    #expect(!d.diverged && d.trajectory.count == Descent.defaultSteps + 1)
    let m = objective.minimum
    let end = d.current
    #expect(abs(end.w - m.w) < 0.1 && abs(end.b - m.b) < 0.1)
    #expect(end.loss < d.trajectory[0].loss / 10)
    // Curved: b first overshoots above its final value, then comes back down while w keeps growing.
    let highestB = d.trajectory.map(\.b).max()!
    #expect(highestB > m.b + 0.1)
    // The whole path stays in the view's window w ∈ [0, 4], b ∈ [1, 5].
    for s in d.trajectory { #expect((0...4).contains(s.w) && (1...5).contains(s.b)) }
  }

  /// A step whose new point the caller evaluates (as the classify panel does, to read more in the same pass)
  /// is the plain step, and says whether it was taken.
  @Test func stepEvaluatingTheObjectiveIsThePlainStep() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .huber)
    var plain = Descent(objective: objective, optimizer: .adam, learningRate: 0.3, w0: 0.5, b0: 1.5)
    var given = plain
    var asked: [(Double, Double)] = []
    for _ in 0..<20 {
      plain.step()
      let taken = given.step { w, b in
        asked.append((w, b))
        return objective.valueAndGradient(w: w, b: b)
      }
      #expect(taken)
    }
    #expect(plain.trajectory == given.trajectory)
    #expect(asked.count == 20 && asked[19] == (given.current.w, given.current.b))
    var blown = Descent(objective: objective, optimizer: .gd, learningRate: 1, w0: 0.5, b0: 1.5)
    #expect(!blown.step { _, _ in (.nan, (0, 0)) })
    #expect(blown.diverged && blown.trajectory.count == 1)
    var called = false
    #expect(
      !blown.step { _, _ in
        called = true
        return (0, (0, 0))
      })
    #expect(!called)
  }

  @Test func blowUpStopsAndKeepsTheStepsSoFar() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var d = Descent(objective: objective, optimizer: .gd, learningRate: 50, w0: 0.5, b0: 1.5)
    d.run(steps: 100)
    #expect(d.diverged)
    #expect(d.trajectory.count > 1 && d.trajectory.count < 101)
    #expect(d.trajectory.allSatisfy { $0.loss.isFinite && abs($0.w) < Descent.divergenceLimit })
    let kept = d.trajectory.count
    d.step()
    #expect(d.trajectory.count == kept)
  }
}

@Suite struct DivergingTests {
  @Test func aTooLargeRateIsFlaggedBeforeItOverflows() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var d = Descent(objective: objective, optimizer: .gd, learningRate: 1.2, w0: 0.5, b0: 1.5)
    d.run(steps: 10)
    #expect(!d.diverged, "still finite after 10 steps")
    #expect(d.isDiverging)
  }

  @Test func aGoodRateAndMomentumOvershootAreNotFlagged() throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    for kind in OptimizerKind.allCases {
      var d = Descent(objective: objective, optimizer: kind, learningRate: 0.1, w0: 0.5, b0: 1.5)
      for _ in 0..<60 {
        d.step()
        #expect(!d.isDiverging, "\(kind) at step \(d.current.step)")
      }
    }
  }
}
