import ArgumentParser
import LossCore
import LossLabUI

/// The options only the logistic model has: separable data, and the focal loss's γ.
struct LogisticDataOptions: ParsableArguments {
  @Flag(
    help:
      "Logistic model: generate separable classes (a gap between them) instead of overlapping ones."
  )
  var separable = false

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Logistic model: the focal loss's focusing parameter γ, >= 0 (default 2, as Keras).",
      valueName: "GAMMA"))
  var gamma: Double?

  /// The γ given, checked (nil when none was).
  func checkedGamma() throws(LossCoreError) -> Double? {
    guard let gamma else { return nil }
    if let problem = LossParameter.gamma.problem(with: gamma) {
      throw LossCoreError("--" + problem)
    }
    return gamma
  }
}

/// The losses of the logistic fit: those of the loss list with a classification fit.
enum ClassificationLosses {
  /// `bce, mse, hinge, squared-hinge or focal`, for help texts.
  static var helpList: String {
    let names = ClassifyState.losses.map(\.shortName)
    return names.count < 2
      ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  /// Every name that selects one, for completion.
  static var names: [String] { LossList.current.names(for: .classificationFit) }

  /// The loss with this name.
  /// - Throws: `'mae' cannot fit a classifier; use bce, mse, …`, or a "did you mean" for a typo.
  static func named(_ name: String) throws(LossCoreError) -> Loss {
    try LossList.current.named(name, for: .classificationFit)
  }
}

/// Where the classification data comes from: the seeded generator (default) or a table whose y column
/// holds the labels.
enum ClassificationSource {
  /// The data the options describe. Generated data: `--points` (default 60) points from `--seed`,
  /// overlapping unless `separable`; a table: `--data` or `--dataset` with `--x` and `--y`.
  static func load(_ data: DataOptions, separable: Bool) throws(LossCoreError)
    -> ClassificationData
  {
    guard data.noise == nil, data.outliers == nil else {
      throw LossCoreError("--noise and --outliers belong to the line fit's data")
    }
    if let table = try data.table() {
      guard !separable else {
        throw LossCoreError("--separable generates data; leave it out with --data or --dataset")
      }
      return try ClassificationData(table: table)
    }
    let n = data.points ?? ClassificationData.defaultPoints
    let s = data.seed ?? ClassificationData.defaultSeed
    return separable
      ? try ClassificationData.separable(points: n, seed: s)
      : try ClassificationData.overlapping(points: n, seed: s)
  }
}

/// Applies the classification view's command-line options to its state in one go.
enum ClassifyOptions {
  /// - Parameters:
  ///   - losses: one loss, or two for side by side (`--loss bce --loss mse`).
  static func apply(
    to state: inout ClassifyState, fit: FitOptions, losses: [String],
    logistic: LogisticDataOptions
  ) throws {
    guard losses.count <= 2 else {
      throw LossCoreError("give one --loss, or two to see them side by side; got \(losses.count)")
    }
    let named = try losses.map { try ClassificationLosses.named($0) }
    if named.count == 2, named[0] == named[1] {
      throw LossCoreError(
        "side by side needs two different losses, got \(named[0].shortName) twice")
    }
    for (name, given) in [
      ("--schedule", fit.schedule != nil), ("--weight-decay", fit.weightDecay != nil),
    ]
    where given {
      throw LossCoreError("\(name) belongs to the contour view's line fit, not to classify")
    }
    var source: ClassDataSource? = nil
    if fit.data.isGiven || fit.data.x != nil || fit.data.y != nil || fit.data.sep != nil
      || logistic.separable
    {
      if let table = try fit.data.source() {
        guard !logistic.separable else {
          throw LossCoreError("--separable generates data; leave it out with --data or --dataset")
        }
        // Checked now, so that a bad label column is a clear error; kept with where it came from, so that a
        // saved scenario names the file or data set and its columns.
        _ = try ClassificationData(table: table.table)
        source = .table(table)
      } else {
        _ = try ClassificationSource.load(fit.data, separable: logistic.separable)
        source = .generated(
          points: fit.data.points ?? ClassificationData.defaultPoints,
          seed: fit.data.seed ?? ClassificationData.defaultSeed, separable: logistic.separable)
      }
    }
    let kind = try fit.optimizer.map { try $0.kind() }
    let gamma = try logistic.checkedGamma()
    if let lr = fit.lr, !(lr > 0 && lr.isFinite) {
      throw CommandFailure(message: "--lr must be a positive number, got \(short(lr))")
    }
    for (name, v) in [("--w0", fit.w0), ("--b0", fit.b0)] {
      if let v, !v.isFinite || abs(v) > 1e6 {
        throw CommandFailure(
          message: "\(name) must be a finite number within ±1e6, got \(short(v))")
      }
    }
    let w = try fit.wRange.map { try FitOptions.range($0, name: "--w-range") }
    let b = try fit.bRange.map { try FitOptions.range($0, name: "--b-range") }
    state.change { s in
      if let source { s.source = source }
      if let first = named.first { s.loss = first }
      if named.count == 2 { s.pair = named[1] }
      if let gamma { s.gamma = gamma }
      if let kind { s.optimizer = kind }
      if fit.standardize { s.standardized = true }
    }
    // Own data or z-scores: the start, rate and window follow the data; options given still win.
    if source?.isOwnData == true || fit.standardize { state.frameForData() }
    state.change { s in
      if let lr = fit.lr { s.learningRate = lr }
      if fit.w0 != nil || fit.b0 != nil { s.start = (fit.w0 ?? s.start.w, fit.b0 ?? s.start.b) }
      if let w { s.wRange = w }
      if let b { s.bRange = b }
    }
  }
}
