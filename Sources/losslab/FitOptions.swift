import ArgumentParser
import LossCore
import LossLabUI

/// Options of the contour view: the data, the descent settings and the (w, b) window.
struct FitOptions: ParsableArguments {
  @OptionGroup(title: "Data options")
  var data: DataOptions

  @Option(help: "The optimizer.")
  var optimizer: OptimizerName?

  @Option(parsing: .unconditional, help: "Learning rate (> 0; a schedule's initial rate).")
  var lr: Double?

  @Option(
    help: ArgumentHelp(
      "Learning-rate schedule, as for descend (e.g. cosine:decay_steps=40).",
      valueName: "NAME:key=value,…"))
  var schedule: String?

  @Option(
    name: .customLong("weight-decay"), parsing: .unconditional,
    help: "Decoupled weight decay (adamw's default is 0.004).")
  var weightDecay: Double?

  @Option(parsing: .unconditional, help: "Start w (use --w0=-1 or --w0 -1 for negative values).")
  var w0: Double?

  @Option(parsing: .unconditional, help: "Start b.")
  var b0: Double?

  @Flag(help: "Fit on z-scores of x, (x − mean)/sd (the z key switches back and forth).")
  var standardize = false

  @Option(
    name: .customLong("w-range"), parsing: .unconditional,
    help: ArgumentHelp("The w window, e.g. 0,4.", valueName: "LO,HI"))
  var wRange: String?

  @Option(
    name: .customLong("b-range"), parsing: .unconditional,
    help: ArgumentHelp("The b window, e.g. 1,5.", valueName: "LO,HI"))
  var bRange: String?

  /// Applies every option given to `contour`; options left out keep the view's defaults.
  /// Applies the options given (and the view's `--loss`/`--delta`, read by the caller) to `contour`
  /// in one go; what was not given keeps its value. The steps a scenario took are taken again.
  func apply(
    to contour: inout ContourState, loss lossName: String? = nil, delta: Double? = nil,
    tau: Double? = nil
  ) throws {
    var source: DataSource? = nil
    var outliers: Int? = nil
    if data.isGiven {
      if let table = try data.source() {
        (source, outliers) = (.table(table), 0)
      } else {
        _ = try data.load()  // validates every generator option
        source = .generated(
          points: data.points ?? 50, seed: data.seed ?? LineData.defaultSeed,
          noise: data.noise ?? 0.5)
        outliers = data.outliers ?? 0
      }
    }
    let loss = try lossName.map { name in
      do {
        return try LossName<LineFitUse>(name).resolve()
      } catch {
        throw CommandFailure(message: "\(error) (the contour view's losses)")
      }
    }
    if let tau, let problem = LossParameter.tau.problem(with: tau) {
      throw CommandFailure(message: "--tau: " + problem)
    }
    if let delta, !(delta > 0 && delta.isFinite) {
      throw CommandFailure(message: "--delta must be a positive number, got \(short(delta))")
    }
    let kind = try optimizer.map { try $0.kind() }
    if let lr, !(lr > 0 && lr.isFinite) {
      throw CommandFailure(message: "--lr must be a positive number, got \(short(lr))")
    }
    for (name, v) in [("--w0", w0), ("--b0", b0)] {
      if let v, !v.isFinite || abs(v) > 1e6 {
        throw CommandFailure(
          message: "\(name) must be a finite number within ±1e6, got \(short(v))")
      }
    }
    let parsedSchedule = try schedule.map { try LearningRateSchedule.parse($0) }
    if let weightDecay, !(weightDecay.isFinite && weightDecay >= 0) {
      throw CommandFailure(
        message: "--weight-decay must be a number >= 0, got \(short(weightDecay))")
    }
    let start = w0 == nil && b0 == nil ? nil : (w: w0 ?? contour.start.w, b: b0 ?? contour.start.b)
    let w = try wRange.map { try Self.range($0, name: "--w-range") }
    let b = try bRange.map { try Self.range($0, name: "--b-range") }
    guard
      source != nil || loss != nil || delta != nil || tau != nil || kind != nil || lr != nil
        || start != nil || w != nil || b != nil || parsedSchedule != nil || weightDecay != nil
        || standardize
    else { return }  // nothing given: a scenario's steps stay as they are
    let steps = contour.current.trajectory.count - 1
    contour.change {
      if let source { $0.source = source }
      if let outliers { $0.outliers = outliers }
      if let loss { $0.loss = loss }
      if let delta { $0.delta = delta }
      if let tau { $0.tau = tau }
      if let kind { $0.optimizer = kind }
      if standardize { $0.standardized = true }
    }
    // Own data (or z-scores): the start, rate and window follow the data; options given still win.
    if source.map({ if case .generated = $0 { false } else { true } }) == true || standardize {
      contour.frameForData()
    }
    contour.change {
      if let lr { $0.learningRate = lr }
      if let parsedSchedule { $0.schedule = parsedSchedule }
      if let weightDecay { $0.weightDecay = weightDecay }
      if let start { $0.start = start }
      if let w { $0.wRange = w }
      if let b { $0.bRange = b }
    }
    contour.restart()  // the path starts afresh, then takes the steps again
    for _ in 0..<steps { contour.step() }
  }

  static func range(_ text: String, name: String) throws -> ClosedRange<Double> {
    let v = try NumberList.parse(text, name: name)
    guard v.count == 1, v[0].count == 2, v[0][0] < v[0][1], abs(v[0][0]) <= 1e6, abs(v[0][1]) <= 1e6
    else {
      throw CommandFailure(
        message: "\(name) must be LO,HI with LO < HI (within ±1e6), got '\(text)'")
    }
    return v[0][0]...v[0][1]
  }
}
