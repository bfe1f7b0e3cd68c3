import ArgumentParser
import Foundation
import LossCore

/// `losslab descend`: gradient descent on the line fit y = w·x + b, printed step by step.
struct Descend: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit y = w·x + b by gradient descent and print the trajectory.",
    discussion: """
      Losses are Keras's means without a ½: MSE = mean(r²), MAE = mean(|r|), Huber = mean(½r² or δ|r| − ½δ²), \
      r = w·x + b − y. (The classic tutorial uses 1/(2m)·Σr², half of this MSE, so its gradients are half ours.)
      Gradients: MSE mean(2r·x), mean(2r); MAE mean(sign(r)·x), mean(sign(r)); Huber mean(clip(r, −δ, δ)·x), …
      Optimizers follow Keras 3: gd (SGD), momentum (0.9), nesterov, adagrad (accumulator 0.1, ε 1e-7), \
      rmsprop (ρ 0.9, ε 1e-7), adam (β₁ 0.9, β₂ 0.999, ε 1e-7).
      Default data: 50 points, x evenly spaced on [0, 1], y = 2x + 3 + U(−0.5, 0.5) from SplitMix64 seeded \
      with \(LineData.defaultSeed). A run that blows up stops, prints the steps so far and exits with status 1.

      Examples:
        losslab descend
        losslab descend --steps 5 --json
        losslab descend --optimizer adam --lr 0.1 --w0=-1 --b0 4 --steps 50
        losslab descend --loss mae --outliers 5 --csv
        losslab descend --data points.csv --loss huber --delta 0.5
      """)

  @Option(help: "mse, mae or huber.")
  var loss: String = "mse"

  @Option(parsing: .unconditional, help: "Huber's threshold δ.")
  var delta: Double = 1

  @Option(help: "gd, momentum, nesterov, adagrad, rmsprop or adam.")
  var optimizer: String = "gd"

  @Option(name: .customLong("lr"), parsing: .unconditional, help: "Learning rate.")
  var learningRate: Double = Descent.defaultLearningRate

  @Option(parsing: .unconditional, help: "Starting slope w.")
  var w0: Double = Descent.defaultStart.w

  @Option(parsing: .unconditional, help: "Starting intercept b.")
  var b0: Double = Descent.defaultStart.b

  @Option(help: "Number of optimizer steps.")
  var steps: Int = Descent.defaultSteps

  @OptionGroup(title: "Data options")
  var data: DataOptions

  @Flag(
    help:
      "Print {\"trajectory\": [{\"step\": 0, \"w\": …, \"b\": …, \"loss\": …, \"grad_w\": …, \"grad_b\": …}, …]}."
  )
  var json = false

  @Flag(help: "Print CSV: step,w,b,loss,grad_w,grad_b.")
  var csv = false

  func run() throws {
    guard !(json && csv) else { throw LossCoreError("choose one of --json and --csv") }
    guard let fitLoss = FitLoss(rawValue: loss.lowercased()) else {
      let hint = closestName(to: loss, among: FitLoss.allCases.map(\.rawValue)).map {
        "; did you mean '\($0)'?"
      }
      throw LossCoreError("unknown loss '\(loss)'" + (hint ?? "; descend supports mse, mae, huber"))
    }
    let kind = try OptimizerKind.named(optimizer)
    guard learningRate.isFinite, learningRate > 0 else {
      throw LossCoreError("--lr must be a positive number, got \(short(learningRate))")
    }
    guard delta.isFinite, delta > 0 else {
      throw LossCoreError("--delta must be a positive number, got \(short(delta))")
    }
    guard w0.isFinite, b0.isFinite else {
      throw LossCoreError("--w0 and --b0 must be finite numbers")
    }
    guard (0...1_000_000).contains(steps) else {
      throw LossCoreError("--steps must be between 0 and 1000000, got \(steps)")
    }
    let objective = LineFitObjective(data: try data.load(), loss: fitLoss, delta: delta)
    var descent = Descent(
      objective: objective, optimizer: kind, learningRate: learningRate, w0: w0, b0: b0)
    descent.run(steps: steps)
    print(render(descent.trajectory))
    if descent.diverged {
      let last = descent.current
      throw CommandFailure(
        message:
          "descent diverged after step \(last.step) (values became non-finite or larger than 1e12); "
          + "try a smaller --lr")
    }
  }

  private func render(_ trajectory: [DescentStep]) -> String {
    if json {
      let items = trajectory.map { s in
        "{\"step\": \(s.step), \"w\": \(jsonNumber(s.w)), \"b\": \(jsonNumber(s.b)), \"loss\": \(jsonNumber(s.loss)), "
          + "\"grad_w\": \(jsonNumber(s.gradW)), \"grad_b\": \(jsonNumber(s.gradB))}"
      }
      return "{\"trajectory\": [\n  " + items.joined(separator: ",\n  ") + "\n]}"
    }
    if csv {
      let lines = trajectory.map { s in
        "\(s.step),\(plain(s.w)),\(plain(s.b)),\(plain(s.loss)),\(plain(s.gradW)),\(plain(s.gradB))"
      }
      return (["step,w,b,loss,grad_w,grad_b"] + lines).joined(separator: "\n")
    }
    func cell(_ v: Double) -> String { " " + String(format: "%12.6g", v) }
    let header =
      "step"
      + ["w", "b", "loss", "grad_w", "grad_b"].map {
        String(repeating: " ", count: 13 - $0.count) + $0
      }.joined()
    let lines = trajectory.map { s in
      String(repeating: " ", count: max(0, 4 - String(s.step).count)) + String(s.step)
        + [s.w, s.b, s.loss, s.gradW, s.gradB].map(cell).joined()
    }
    return ([header] + lines).joined(separator: "\n")
  }
}
