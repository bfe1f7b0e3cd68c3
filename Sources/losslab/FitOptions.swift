import ArgumentParser
import LossCore
import LossLabUI

/// Options of the contour view: the data, the descent settings and the (w, b) window.
struct FitOptions: ParsableArguments {
  @OptionGroup(title: "Data options")
  var data: DataOptions

  @Option(help: "Optimizer: gd, momentum, nesterov, adagrad, rmsprop, adam.")
  var optimizer: String?

  @Option(parsing: .unconditional, help: "Learning rate (> 0).")
  var lr: Double?

  @Option(parsing: .unconditional, help: "Start w (use --w0=-1 or --w0 -1 for negative values).")
  var w0: Double?

  @Option(parsing: .unconditional, help: "Start b.")
  var b0: Double?

  @Option(
    name: .customLong("w-range"), parsing: .unconditional,
    help: ArgumentHelp("The w window, e.g. 0,4.", valueName: "LO,HI"))
  var wRange: String?

  @Option(
    name: .customLong("b-range"), parsing: .unconditional,
    help: ArgumentHelp("The b window, e.g. 1,5.", valueName: "LO,HI"))
  var bRange: String?

  /// Applies every option given to `contour`; options left out keep the view's defaults.
  /// Whether any option of this group was given.
  var isEmpty: Bool {
    data.data == nil && data.points == nil && data.seed == nil && data.noise == nil
      && data.outliers == nil
      && optimizer == nil && lr == nil && w0 == nil && b0 == nil && wRange == nil && bRange == nil
  }

  func apply(to contour: inout ContourState) throws {
    guard !isEmpty else { return }  // keep e.g. a scenario's steps as they are
    var source = contour.source
    var outliers = contour.outliers
    if data.data != nil || data.points != nil || data.seed != nil || data.noise != nil
      || data.outliers != nil
    {
      let loaded = try data.load()  // validates every data option
      if data.data != nil {
        source = .points(loaded)
        outliers = 0
      } else {
        source = .generated(
          points: data.points ?? 50, seed: data.seed ?? LineData.defaultSeed,
          noise: data.noise ?? 0.5)
        outliers = data.outliers ?? 0
      }
    }
    var optimizerKind = contour.optimizer
    if let optimizer { optimizerKind = try OptimizerKind.named(optimizer) }
    var rate = contour.learningRate
    if let lr {
      guard lr > 0, lr.isFinite else {
        throw CommandFailure(message: "--lr must be a positive number, got \(short(lr))")
      }
      rate = lr
    }
    for (name, v) in [("--w0", w0), ("--b0", b0)] {
      if let v, !v.isFinite || abs(v) > 1e6 {
        throw CommandFailure(
          message: "\(name) must be a finite number within ±1e6, got \(short(v))")
      }
    }
    let start = (w: w0 ?? contour.start.w, b: b0 ?? contour.start.b)
    let w = try wRange.map { try Self.range($0, name: "--w-range") } ?? contour.wRange
    let b = try bRange.map { try Self.range($0, name: "--b-range") } ?? contour.bRange
    // One new state, so the data and its minima are computed once; then the steps a scenario took
    // are taken again under the new settings.
    let steps = contour.current.trajectory.count - 1
    let comparing = contour.comparing
    contour = ContourState(
      source: source, outliers: outliers, loss: contour.loss, delta: contour.delta,
      optimizer: optimizerKind,
      learningRate: rate, start: start, wRange: w, bRange: b)
    if comparing { contour.comparing = true }
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
