import ArgumentParser
import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Descend {
  /// `descend --model logistic`: the classify view's fit, step by step, with the accuracy at each step.
  func runLogistic() throws {
    guard !(json && csv) else { throw LossCoreError("choose one of --json and --csv") }
    guard inspect == nil, schedule == nil, weightDecay == nil, !standardize else {
      throw LossCoreError(
        "--inspect, --schedule, --weight-decay and --standardize belong to the line model")
    }
    let kind = try optimizer.kind()
    let rate = learningRate ?? LogisticObjective.defaultLearningRate
    guard rate.isFinite, rate > 0 else {
      throw LossCoreError("--lr must be a positive number, got \(short(rate))")
    }
    let w0 = self.w0 ?? LogisticObjective.defaultStart.w
    let b0 = self.b0 ?? LogisticObjective.defaultStart.b
    guard w0.isFinite, b0.isFinite else {
      throw LossCoreError("--w0 and --b0 must be finite numbers")
    }
    guard (0...1_000_000).contains(steps) else {
      throw LossCoreError("--steps must be between 0 and 1000000, got \(steps)")
    }
    let classLoss = try ClassificationLosses.named(loss ?? "bce")
    let points = try ClassificationSource.load(data, separable: logistic.separable)
    let fit = LogisticObjective(data: points, loss: classLoss, config: try focalConfig(classLoss))
    var descent = Descent(
      objective: fit, optimizer: kind, learningRate: rate, w0: w0, b0: b0)
    descent.run(steps: steps)
    print(renderLogistic(descent.trajectory) { fit.accuracy(w: $0, b: $1) })
    if case .separable(let direction, _) = points.separation, fit.fit.unboundedOnSeparableData {
      printError(
        "note: the classes are separable, so \(fit.fit.title) has no finite minimum: "
          + "w grows without bound (towards \(direction > 0 ? "+" : "-")inf) for as long as the descent runs"
      )
    }
    if descent.diverged {
      throw CommandFailure(
        message:
          "descent diverged after step \(descent.current.step) (values became non-finite or grew 1e12-fold); try a smaller --lr"
      )
    }
  }

  /// γ, α and class balancing for `loss`: each only for a loss that reads it (`--gamma belongs to --loss
  /// binary-focal-crossentropy`), checked, and α only with `--apply-class-balancing`.
  private func focalConfig(_ loss: Loss) throws(LossCoreError) -> LossConfig {
    var config = LossConfig()
    let given: [(LossParameter, String, Double?)] = [
      (.gamma, "--gamma", try logistic.checkedGamma()), (.alpha, "--alpha", alpha),
      (.applyClassBalancing, "--apply-class-balancing", applyClassBalancing ? 1 : nil),
    ]
    for (parameter, option, value) in given {
      guard let value else { continue }
      guard loss.parameters.contains(parameter) else {
        let users = LossList.current.supporting(.classificationFit).filter {
          $0.parameters.contains(parameter)
        }
        throw LossCoreError(
          "\(option) belongs to --loss \(users.map(\.id).joined(separator: " or "))")
      }
      if let problem = parameter.problem(with: value) { throw LossCoreError("--" + problem) }
      config = parameter.set(value, in: config)
    }
    if alpha != nil, !applyClassBalancing {
      throw LossCoreError("--alpha weighs the classes only with --apply-class-balancing")
    }
    config.applyClassBalancing = applyClassBalancing
    return config
  }

  private func renderLogistic(
    _ trajectory: [DescentStep], accuracy: (Double, Double) -> Double
  ) -> String {
    if json {
      let items = trajectory.map { s in
        "{\"step\": \(s.step), \"w\": \(jsonNumber(s.w)), \"b\": \(jsonNumber(s.b)), \"loss\": \(jsonNumber(s.loss)), "
          + "\"grad_w\": \(jsonNumber(s.gradW)), \"grad_b\": \(jsonNumber(s.gradB)), "
          + "\"accuracy\": \(jsonNumber(accuracy(s.w, s.b)))}"
      }
      return "{\"model\": \"logistic\", \"trajectory\": [\n  " + items.joined(separator: ",\n  ")
        + "\n]}"
    }
    if csv {
      let lines = trajectory.map { s in
        "\(s.step),\(exact(s.w)),\(exact(s.b)),\(exact(s.loss)),\(exact(s.gradW)),\(exact(s.gradB)),\(exact(accuracy(s.w, s.b)))"
      }
      return (["step,w,b,loss,grad_w,grad_b,accuracy"] + lines).joined(separator: "\n")
    }
    func cell(_ v: Double) -> String { " " + String(cFormat: "%12.6g", v) }
    let header =
      "step"
      + ["w", "b", "loss", "grad_w", "grad_b", "accuracy"].map {
        String(repeating: " ", count: 13 - $0.count) + $0
      }.joined()
    let lines = trajectory.map { s in
      String(repeating: " ", count: max(0, 4 - String(s.step).count)) + String(s.step)
        + [s.w, s.b, s.loss, s.gradW, s.gradB, accuracy(s.w, s.b)].map(cell).joined()
    }
    return ([header] + lines).joined(separator: "\n")
  }
}
