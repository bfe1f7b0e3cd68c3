import Foundation
import LossCore
import Testing

@Suite struct StepInspectionTests {
  func descent(_ kind: OptimizerKind, steps: Int = 4, weightDecay: Double? = nil) throws -> Descent
  {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .huber)
    var d = Descent(
      objective: objective, optimizer: kind, learningRate: 0.2,
      schedule: .exponential(decaySteps: 2, decayRate: 0.5, staircase: false),
      weightDecay: weightDecay, w0: 0.5, b0: 1.5)
    d.run(steps: steps)
    return d
  }

  /// The last number of the first line starting with `prefix` after the line `header`.
  func number(_ lines: [String], after header: String, _ prefix: String) throws -> Double {
    let start = try #require(lines.firstIndex { $0.hasPrefix(header) })
    let line = try #require(lines[start...].first { $0.hasPrefix(prefix) })
    let text = try #require(line.split(separator: " ").last)
    return try #require(Double(text), "\(line)")
  }

  /// The written-out step Δ is computed from the formula it shows; it must take the parameter from its value
  /// before the step (after any weight decay) to its value after, for every optimizer.
  @Test(arguments: OptimizerKind.allCases)
  func writtenStepMovesTheParameterAsTheRunDid(_ kind: OptimizerKind) throws {
    let d = try descent(kind, weightDecay: kind == .gd ? 0.05 : nil)
    for k in 1...3 {
      let lines = d.inspection(ofStep: k)
      #expect(lines[0].hasPrefix("step \(k)  \(kind.rawValue)  rate "))
      let rate = try #require(Double(lines[0].split(separator: " ")[4]))
      #expect(abs(rate - 0.2 * pow(0.5, Double(k - 1) / 2)) < 1e-6)
      for (name, before, after) in [
        ("w", d.trajectory[k - 1].w, d.trajectory[k].w),
        ("b", d.trajectory[k - 1].b, d.trajectory[k].b),
      ] {
        let g = try number(lines, after: "\(name): g", "\(name): g")
        let want = name == "w" ? d.trajectory[k - 1].gradW : d.trajectory[k - 1].gradB
        #expect(abs(g - want) <= 1e-5 * abs(want))
        var start = before
        if d.optimizer.weightDecay != nil {
          start = try number(lines, after: "\(name): g", "  decay")
        }
        let delta = try number(lines, after: "\(name): g", "  Δ")
        // The text has six significant digits.
        #expect(abs(start + delta - after) <= 1e-5 * max(abs(start), abs(delta)), "\(lines)")
        #expect(abs(start + delta - after) <= 1e-3 * abs(after - before), "\(lines)")
      }
    }
  }

  @Test func adamWShowsItsDecayAndAdamItsBiasCorrection() throws {
    let lines = try descent(.adamw).inspection(ofStep: 2)
    #expect(lines.contains { $0.hasPrefix("  decay w − rate·0.004·w = ") })
    #expect(lines.contains { $0.hasPrefix("  m_hat = m/(1 − 0.9^2) = ") })
    #expect(lines.contains { $0.hasPrefix("  v_hat = v/(1 − 0.999^2) = ") })
    #expect(lines[0] == "step 2  adamw  rate 0.141421  (exponential at 1)")
  }

  @Test func adamSlotsFollowTheirDefinitions() throws {
    // m and v are exponential averages of g and g², starting at 0.
    let d = try descent(.adam, steps: 3)
    let states = d.optimizerStates()
    var (m, v) = (0.0, 0.0)
    for k in 1...3 {
      let g = d.trajectory[k - 1].gradW
      m = 0.9 * m + 0.1 * g
      v = 0.999 * v + 0.001 * g * g
      #expect(abs(states[k].slot("m")![0] - m) < 1e-12 && abs(states[k].slot("v")![0] - v) < 1e-12)
    }
  }

  /// The loss line says what the loss is measured in: squared units of y for the squared error and Huber
  /// (δ·|e| − δ²/2 is squared too), y's unit for MAE, nats for cross-entropy on a logistic fit.
  @Test func lossLineSaysItsUnit() throws {
    let data = try LineData.tutorial()
    for (loss, unit) in [
      (Loss.mse, "squared units"), (.huber, "squared units"), (.mae, "units of y"),
    ] {
      var d = Descent(
        objective: LineFitObjective(data: data, loss: loss), optimizer: .gd, learningRate: 0.1,
        w0: 0.5, b0: 1.5)
      d.run(steps: 2)
      let last = try #require(d.inspection(ofStep: 2).last)
      #expect(
        last.hasPrefix("loss ")
          && last.hasSuffix(" → \(String(format: "%.6g", d.trajectory[2].loss)) \(unit)"), "\(last)"
      )
    }
    var logistic = Descent(
      objective: LogisticObjective(data: try ClassificationData.overlapping(), loss: .bce),
      optimizer: .gd, learningRate: 0.1, w0: 0, b0: 0)
    logistic.run(steps: 1)
    #expect(logistic.inspection(ofStep: 1).last?.hasSuffix(" nats") == true)
  }

  @Test func stepsNotTakenAreNamed() throws {
    let d = try descent(.gd, steps: 2)
    #expect(d.inspection(ofStep: 3) == ["step 3 has not been taken (steps 1 to 2 have)"])
    #expect(d.inspection(ofStep: 0).count == 1)
  }

  @Test(arguments: [OptimizerKind.momentum, .nadam, .adadelta, .lion])
  func rewindingThenSteppingRetakesTheSameSteps(_ kind: OptimizerKind) throws {
    let full = try descent(kind, steps: 8)
    var again = full.rewound(toStep: 3)
    #expect(again.trajectory == Array(full.trajectory.prefix(4)))
    again.run(steps: 5)
    #expect(again.trajectory == full.trajectory)
    #expect(again.optimizer == full.optimizer)
  }
}
