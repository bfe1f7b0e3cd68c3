import ArgumentParser
import LossCore

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `losslab descend`: gradient descent on the line fit y = w·x + b, printed step by step (or on the logistic
/// fit p = σ(w·x + b) with `--model logistic`, see DescendLogistic.swift).
struct Descend: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit y = w·x + b by gradient descent and print the trajectory.",
    discussion: """
      Losses are Keras's means without a ½: MSE = mean(r²), MAE = mean(|r|), Huber = mean(½r² or δ(|r| − ½δ)), \
      quantile = mean(τ·(y − ŷ) above the line, (1 − τ)·(ŷ − y) below), r = w·x + b − y. (The classic tutorial uses 1/(2m)·Σr², half of this MSE, so its gradients are half ours.)
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
      With --data (a CSV table) or --dataset the start is the "predict the mean" line, w = 0 and b = mean(y).
      The default rate is the largest 1-2-5 value below the plain-GD stability limit of MSE, 2/λmax, where \
      λmax is the largest eigenvalue of the Hessian (2/N)·[[Σx², Σx], [Σx, N]] (0.5 for the tutorial data, \
      whose limit is 0.788). The header lines (starting with #) give the data, the limit and the condition \
      number λmax/λmin; --standardize runs on z-scores of x and converts the line back to the original units.

      --model logistic fits p = σ(w·x + b) to points labelled 0 or 1 (the classify view's model):
      --loss bce (cross-entropy on the logit, Keras from_logits=True; logit gradient σ − y), mse (squared
      error on σ; logit gradient 2(σ − y)·σ(1 − σ)), hinge or squared-hinge (on the score, labels 2y − 1), \
      binary-focal-crossentropy (focal, Keras BinaryFocalCrossentropy(from_logits=True): BCE on the clipped \
      σ(z) times (1 − pₜ)^γ, --gamma default 2).
      Default data: \(ClassificationData.defaultPoints) points from SplitMix64 seeded with \
      \(ClassificationData.defaultSeed), class 0 on [−3, 1), class 1 on [−1, 3); start \
      (\(short(LogisticObjective.defaultStart.w)), \(short(LogisticObjective.defaultStart.b))), rate \
      \(short(LogisticObjective.defaultLearningRate)). --separable puts a gap between the classes, and then \
      cross-entropy has no finite minimum: w grows without bound. A --data table's y column holds 0/1 or \
      -1/1 labels. The output adds the accuracy at each step.

      Examples:
        losslab descend
        losslab descend --steps 5 --json
        losslab descend --optimizer adam --lr 0.1 --w0=-1 --b0 4 --steps 50
        losslab descend --loss mae --outliers 5 --csv
        losslab descend --data points.csv --loss huber --delta 0.5
        losslab descend --dataset iris --x sepal_length --y petal_length --standardize
        losslab descend --optimizer adamw --lr 0.2 --weight-decay 0.01 --inspect 3
        losslab descend --schedule cosine:decay_steps=40,warmup_steps=5,warmup_target=0.5 --json
        losslab descend --schedule piecewise:boundaries=10/20,values=0.3/0.1/0.03
        losslab descend --model logistic --loss mse --steps 100
        losslab descend --model logistic --loss binary-focal-crossentropy --gamma 1 --optimizer adam --lr 0.1
        losslab descend --model logistic --separable --steps 200 --csv
        losslab descend --model logistic --data cells.csv --x size --y malignant
      """)

  @Option(
    help: ArgumentHelp(
      "line: "
        + LossName<LineFitUse>.allValueStrings.joined(separator: ", ")
        + " (default mse); logistic: \(ClassificationLosses.helpList) (default bce)."),
    completion: .list(
      LossList.current.names(for: .lineFit)
        + ClassificationLosses.names.filter { !LossList.current.names(for: .lineFit).contains($0) })
  )
  var loss: String?

  @Option(help: "line (y = w·x + b) or logistic (p = σ(w·x + b) on 0/1 labels).")
  var model: String = "line"

  @OptionGroup(title: "Logistic model options")
  var logistic: LogisticDataOptions

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Logistic model, focal loss: the weight α of class 1 with --apply-class-balancing (default 0.25, as Keras).",
      valueName: "ALPHA"))
  var alpha: Double?

  @Flag(
    help:
      "Logistic model, focal loss: weight class 1 by α and class 0 by 1 − α (Keras's apply_class_balancing)."
  )
  var applyClassBalancing = false

  @Option(parsing: .unconditional, help: "Huber's threshold δ.")
  var delta: Double = 1

  @Option(parsing: .unconditional, help: "The quantile loss's τ, in (0, 1).")
  var tau: Double = 0.5

  @Option(help: "The optimizer.")
  var optimizer = OptimizerName(.gd)

  @Option(
    name: .customLong("lr"), parsing: .unconditional,
    help:
      "Learning rate, a schedule's initial rate (default: the largest 1-2-5 value below the MSE limit 2/λmax)."
  )
  var learningRate: Double?

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

  @Option(
    parsing: .unconditional,
    help:
      "Starting slope w (default \(short(Descent.defaultStart.w)); 0 with own data or --standardize)."
  )
  var w0: Double?

  @Option(
    parsing: .unconditional,
    help:
      "Starting intercept b (default \(short(Descent.defaultStart.b)); mean(y) with own data or --standardize)."
  )
  var b0: Double?

  @Flag(
    help: "Fit on z-scores of x, (x − mean)/sd; the header shows the line in the original units.")
  var standardize = false

  @Option(help: "Number of optimizer steps.")
  var steps: Int = Descent.defaultSteps

  @OptionGroup(title: "Data options")
  var data: DataOptions

  @Flag(
    help:
      "Print {\"stability_limit\": …, \"condition_number\": …, (with a table: \"data\", \"x_column\", \"y_column\", \"points\", \"skipped_lines\"), \"optimizer\": …, \"loss\": …, \"learning_rate\": …, \"schedule\": …, \"weight_decay\": …, \"trajectory\": [{\"step\": 0, \"w\": …, \"b\": …, \"loss\": …, \"grad_w\": …, \"grad_b\": …, \"rate\": …, \"slots\": {…}}, …]}: rate is the one step k used (null at 0), slots the optimizer state after it."
  )
  var json = false

  @Flag(
    help:
      "Print CSV: step,w,b,loss,grad_w,grad_b,rate, then two columns per optimizer slot (m_w,m_b,v_w,v_b for adam)."
  )
  var csv = false

  func run() throws {
    switch model.lowercased() {
    case "line":
      for (given, option) in [
        (logistic.separable, "--separable"), (logistic.gamma != nil, "--gamma"),
      ]
      where given {
        throw LossCoreError("\(option) belongs to --model logistic")
      }
    case "logistic":
      try runLogistic()
      return
    default:
      let hint = closestName(to: model, among: ["line", "logistic"]).map {
        "; did you mean '\($0)'?"
      }
      throw LossCoreError("unknown model '\(model)'" + (hint ?? "; use line or logistic"))
    }
    let loss = self.loss ?? "mse"
    guard !(json && csv) else { throw LossCoreError("choose one of --json and --csv") }
    guard inspect == nil || !(json || csv) else {
      throw LossCoreError("--inspect prints text; leave out --json and --csv")
    }
    let fitLoss = try LossName<LineFitUse>(loss).resolve()
    if let problem = LossParameter.tau.problem(with: tau) {
      throw LossCoreError("--tau: " + problem)
    }
    let kind = try optimizer.kind()
    if let learningRate, !(learningRate.isFinite && learningRate > 0) {
      throw LossCoreError("--lr must be a positive number, got \(short(learningRate))")
    }
    guard delta.isFinite, delta > 0 else {
      throw LossCoreError("--delta must be a positive number, got \(short(delta))")
    }
    guard w0?.isFinite ?? true, b0?.isFinite ?? true else {
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
    let table = try data.table()
    var points = try table?.data ?? data.load()
    let original = MSECurvature(data: points)
    var scaling: Standardization? = nil
    if standardize {
      guard let s = Standardization(x: points.x) else {
        throw LossCoreError("--standardize: every x is the same, so there is no spread to scale by")
      }
      points = s.apply(to: points)
      scaling = s
    }
    let curvature = MSECurvature(data: points)
    let rate = learningRate ?? curvature.defaultLearningRate
    let meanModel = table != nil || standardize
    let meanY = points.y.reduce(0, +) / Double(points.y.count)
    let start = (
      w: w0 ?? (meanModel ? 0 : Descent.defaultStart.w),
      b: b0 ?? (meanModel ? meanY : Descent.defaultStart.b)
    )
    let objective = LineFitObjective(
      data: points, loss: fitLoss, config: LossConfig(delta: delta, tau: tau))
    var descent = Descent(
      objective: objective, optimizer: kind, learningRate: rate, schedule: parsedSchedule,
      weightDecay: weightDecay, w0: start.w, b0: start.b)
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
    let run = Run(
      table: table, points: points.x.count, original: original, curvature: curvature,
      scaling: scaling, optimizer: kind, rate: rate, descent: descent)
    print(render(run))
    if csv, let table, let note = table.skippedSummary() {
      StandardStreams.error("losslab: note: \(table.source): \(note)\n")
    }
    if descent.diverged {
      let lambda = fitLoss == .mse ? MSECurvature(data: objective.data).eigenvalues.largest : nil
      let why = descent.divergence(largestCurvature: lambda).map { ": " + $0.details } ?? ""
      throw CommandFailure(
        message:
          "descent diverged after step \(descent.current.step) (values became non-finite or grew 1e12-fold)"
          + why + "; try a smaller --lr")
    }
  }

  /// What a run prints besides the steps.
  private struct Run {
    var table: DataTable?
    var points: Int
    var original: MSECurvature
    var curvature: MSECurvature
    var scaling: Standardization?
    var optimizer: OptimizerKind
    var rate: Double
    var descent: Descent

    /// The last point's line in the original units of x.
    var fitted: (w: Double, b: Double) {
      let last = descent.current
      return scaling?.original(w: last.w, b: last.b) ?? (last.w, last.b)
    }
  }

  /// The `#` lines above the table: the data, the rate against the limit, the scaling.
  private func header(_ run: Run) -> [String] {
    func g(_ v: Double) -> String { String(cFormat: "%.4g", v) }
    var lines: [String] = []
    if let t = run.table {
      var line = "# data: \(t.source), x \(t.xName), y \(t.yName): \(run.points) points"
      if let skipped = t.skippedSummary() { line += "; " + skipped }
      lines.append(line)
    } else {
      lines.append("# data: generated, \(run.points) points")
    }
    if let s = run.scaling {
      lines.append(
        "# x standardized: z = (x − \(g(s.mean)))/\(g(s.deviation)); condition number "
          + "\(g(run.original.conditionNumber)) → \(g(run.curvature.conditionNumber))")
    }
    // Under a schedule the rate changes with the step (the rate column); piecewise ignores --lr.
    let schedule = run.descent.optimizer.schedule
    var rate = "lr \(g(run.rate))"
    if schedule != .constant {
      if case .piecewise = schedule {
        rate = "schedule \(schedule.description)"
      } else {
        rate = "lr \(g(run.rate)) under schedule \(schedule.description)"
      }
    }
    lines.append(
      "# \(run.optimizer.rawValue), \(rate); MSE stability limit 2/λmax = \(g(run.curvature.stabilityLimit))"
        + " (plain gradient descent diverges above it); condition number \(g(run.curvature.conditionNumber))"
    )
    return lines
  }

  /// JSON fields put before the export's own: the limit, and what was read.
  private func jsonFields(_ run: Run) -> [String] {
    var fields = [
      "\"stability_limit\": \(jsonNumber(run.curvature.stabilityLimit))",
      "\"condition_number\": \(jsonNumber(run.curvature.conditionNumber))",
    ]
    if let t = run.table {
      fields.append("\"data\": \(jsonString(t.source))")
      fields.append("\"x_column\": \(t.xColumn)")
      fields.append("\"y_column\": \(t.yColumn)")
      fields.append("\"points\": \(run.points)")
      fields.append(
        "\"skipped_lines\": [\(t.skippedLines.map(String.init).joined(separator: ", "))]")
    }
    if let s = run.scaling {
      let line = run.fitted
      fields.append(
        "\"standardize\": {\"mean\": \(jsonNumber(s.mean)), \"sd\": \(jsonNumber(s.deviation)), "
          + "\"condition_number_before\": \(jsonNumber(run.original.conditionNumber))}")
      fields.append(
        "\"original_line\": {\"w\": \(jsonNumber(line.w)), \"b\": \(jsonNumber(line.b))}")
    }
    return fields
  }

  private func render(_ run: Run) -> String {
    let descent = run.descent
    let trajectory = descent.trajectory
    if json {
      // The export is one object; our fields go first, inside it.
      let export = descent.exportJSON()
      return "{" + jsonFields(run).joined(separator: ", ") + ", " + export.dropFirst()
    }
    if csv { return descent.exportCSV() }
    func cell(_ v: Double) -> String {
      let t = NumberText.short(v, significant: 6)
      return String(repeating: " ", count: max(1, 13 - t.count)) + t
    }
    // A rate column only when the rate changes from step to step: the one step k used (blank at 0).
    let scheduled = descent.optimizer.schedule != .constant
    let header =
      "step"
      + ["w", "b", "loss", "grad_w", "grad_b"].map {
        String(repeating: " ", count: 13 - $0.count) + $0
      }.joined() + (scheduled ? String(repeating: " ", count: 9) + "rate" : "")
    let lines = trajectory.map { s in
      String(repeating: " ", count: max(0, 4 - String(s.step).count)) + String(s.step)
        + [s.w, s.b, s.loss, s.gradW, s.gradB].map(cell).joined()
        + (scheduled && s.step > 0 ? cell(descent.rate(ofStep: s.step)) : "")
    }
    var footer: [String] = []
    if run.scaling != nil {
      let line = run.fitted
      footer.append(
        "# in the original units: y = \(String(cFormat: "%.6g", line.w))·x + \(String(cFormat: "%.6g", line.b))"
      )
    }
    return (self.header(run) + [header] + lines + footer).joined(separator: "\n")
  }
}
