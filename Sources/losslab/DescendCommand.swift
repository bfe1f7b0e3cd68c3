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
      rmsprop (ρ 0.9, ε 1e-7), adam (β₁ 0.9, β₂ 0.999, ε 1e-7), adamw (adam with weight decay 0.004), \
      nadam, adamax (β₁ 0.9, β₂ 0.999), adadelta (ρ 0.95), lion (β₁ 0.9, β₂ 0.99).
      Schedules follow Keras 3 too: the rate of step t is the schedule at t − 1, with --lr as the initial rate. \
      Keys are Keras's argument names: exponential (decay_steps, decay_rate, staircase), piecewise (boundaries, \
      values), polynomial (decay_steps, end_learning_rate, power, cycle), inverse-time (decay_steps, decay_rate, \
      staircase), cosine (decay_steps, alpha, warmup_target, warmup_steps), cosine-restarts (first_decay_steps, \
      t_mul, m_mul, alpha). Lists take '/', flags true or false.
      Default data: 50 points, x evenly spaced on [0, 1], y = 2x + 3 + U(−0.5, 0.5) from SplitMix64 seeded \
      with \(LineData.defaultSeed). A run that blows up stops, prints the steps so far and exits with status 1.

      Examples:
        losslab descend
        losslab descend --steps 5 --json
        losslab descend --optimizer adam --lr 0.1 --w0=-1 --b0 4 --steps 50
        losslab descend --loss mae --outliers 5 --csv
        losslab descend --data points.csv --loss huber --delta 0.5
        losslab descend --optimizer adamw --lr 0.2 --weight-decay 0.01 --inspect 3
        losslab descend --schedule cosine:decay_steps=40,warmup_steps=5,warmup_target=0.5 --json
        losslab descend --schedule piecewise:boundaries=10/20,values=0.3/0.1/0.03
      """)

  @Option(help: "mse, mae or huber.", completion: .list(FitLoss.allCases.map(\.rawValue)))
  var loss: String = "mse"

  @Option(parsing: .unconditional, help: "Huber's threshold δ.")
  var delta: Double = 1

  @Option(help: "The optimizer.")
  var optimizer = OptimizerName(.gd)

  @Option(
    name: .customLong("lr"), parsing: .unconditional,
    help: "Learning rate (a schedule's initial rate).")
  var learningRate: Double = Descent.defaultLearningRate

  @Option(
    help: ArgumentHelp(
      "Learning-rate schedule, e.g. exponential:decay_steps=10,decay_rate=0.5 (see above).",
      valueName: "NAME:key=value,…"))
  var schedule: String?

  @Option(
    name: .customLong("weight-decay"), parsing: .unconditional,
    help:
      "Decoupled weight decay (Keras's weight_decay; adamw's default is 0.004, the others' none).")
  var weightDecay: Double?

  @Option(
    help: "Print the optimizer's update for step N with its numbers, instead of the trajectory.")
  var inspect: Int?

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
      "Print {\"optimizer\": …, \"loss\": …, \"learning_rate\": …, \"schedule\": …, \"weight_decay\": …, \"trajectory\": [{\"step\": 0, \"w\": …, \"b\": …, \"loss\": …, \"grad_w\": …, \"grad_b\": …, \"rate\": …, \"slots\": {…}}, …]}: rate is the one step k used (null at 0), slots the optimizer state after it."
  )
  var json = false

  @Flag(
    help:
      "Print CSV: step,w,b,loss,grad_w,grad_b,rate, then two columns per optimizer slot (m_w,m_b,v_w,v_b for adam)."
  )
  var csv = false

  func run() throws {
    guard !(json && csv) else { throw LossCoreError("choose one of --json and --csv") }
    guard inspect == nil || !(json || csv) else {
      throw LossCoreError("--inspect prints text; leave out --json and --csv")
    }
    guard let fitLoss = FitLoss(rawValue: loss.lowercased()) else {
      let hint = closestName(to: loss, among: FitLoss.allCases.map(\.rawValue)).map {
        "; did you mean '\($0)'?"
      }
      throw LossCoreError("unknown loss '\(loss)'" + (hint ?? "; descend supports mse, mae, huber"))
    }
    let kind = try optimizer.kind()
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
    if let weightDecay, !(weightDecay.isFinite && weightDecay >= 0) {
      throw LossCoreError("--weight-decay must be a number >= 0, got \(short(weightDecay))")
    }
    let parsedSchedule = try schedule.map { try LearningRateSchedule.parse($0) } ?? .constant
    if let inspect, !(1...steps).contains(inspect) {
      throw LossCoreError(
        "--inspect must be a step between 1 and --steps (\(steps)), got \(inspect)")
    }
    let objective = LineFitObjective(data: try data.load(), loss: fitLoss, delta: delta)
    var descent = Descent(
      objective: objective, optimizer: kind, learningRate: learningRate, schedule: parsedSchedule,
      weightDecay: weightDecay, w0: w0, b0: b0)
    descent.run(steps: inspect ?? steps)
    if let inspect {
      if inspect < descent.trajectory.count {
        print(descent.inspection(ofStep: inspect).joined(separator: "\n"))
      } else {
        throw CommandFailure(
          message:
            "descent diverged after step \(descent.current.step), before step \(inspect); try a smaller --lr"
        )
      }
      return
    }
    print(render(descent))
    if descent.diverged {
      let lambda = fitLoss == .mse ? MSECurvature(data: objective.data).eigenvalues.largest : nil
      let why = descent.divergence(largestCurvature: lambda).map { ": " + $0.details } ?? ""
      throw CommandFailure(
        message:
          "descent diverged after step \(descent.current.step) (values became non-finite or larger than 1e12)"
          + why + "; try a smaller --lr")
    }
  }

  private func render(_ descent: Descent) -> String {
    let trajectory = descent.trajectory
    if json { return descent.exportJSON() }
    if csv { return descent.exportCSV() }
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
