/// Evaluating any described loss on a batch: validation, per-sample values, gradients.
extension Loss {
  /// The loss of a batch (Keras 3 semantics): the mean over samples of each sample's loss.
  ///
  /// Each sample is one row. For class-index targets (sparse categorical cross-entropy) each row of
  /// `yTrue` holds one class index, or `yTrue` is one row with one index per prediction row (the flat
  /// form Keras users type, `1,0,2`); for every other loss `yTrue` and `yPred` have the same shape.
  /// - Throws: on empty, ragged or mismatched input, non-finite numbers, parameters out of range, or
  ///   targets and predictions the loss does not accept.
  public func evaluate(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig = .init()
  ) throws(LossCoreError) -> LossResult {
    let y = try validated(yTrue: yTrue, yPred: yPred, config: config)
    var perSample: [Double] = []
    perSample.reserveCapacity(y.count)
    for (t, p) in zip(y, yPred) { perSample.append(sampleValue(y: t, p: p, config: config)) }
    return LossResult(value: perSample.reduce(0, +) / Double(perSample.count), perSample: perSample)
  }

  /// The derivative of the batch value (``evaluate(yTrue:yPred:config:)``'s `value`) with respect to
  /// every prediction; same shape as `yPred`. Where Keras clips, the derivative is 0 outside the clip
  /// range; at kinks (|x| at 0, hinge at the margin) the one chosen is 0 or one side, as each loss's
  /// file documents.
  public func gradient(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig = .init()
  ) throws(LossCoreError) -> [[Double]] {
    let y = try validated(yTrue: yTrue, yPred: yPred, config: config)
    let n = Double(yPred.count)
    return zip(y, yPred).map { t, p in
      sampleGradient(y: t, p: p, config: config).map { $0 / n }
    }
  }

  /// The loss of one sample holding one prediction `x` against `target` (for class-index targets,
  /// class 0 of a one-class sample), so any loss can be drawn as a curve; NaN where the input is
  /// rejected (e.g. a BCE label outside [0, 1]). Hinge labels follow Keras: 0 or 1 become −1 or +1.
  public func value(prediction x: Double, target: Double, config: LossConfig = .init()) -> Double {
    let y = targets == .classIndex ? 0 : target
    return (try? evaluate(yTrue: [[y]], yPred: [[x]], config: config).value) ?? .nan
  }

  // MARK: - One sample

  /// One sample's loss; inputs already validated and prepared.
  func sampleValue(y: [Double], p: [Double], config: LossConfig) -> Double {
    switch form {
    case .pointwise(let f):
      var sum = 0.0
      for (t, x) in zip(y, p) { sum += f.value(t, x, config) }
      return sum / Double(p.count)
    case .vectorwise(let f):
      return f.value(y, p, config)
    }
  }

  /// d(sample loss)/dp for one sample; inputs already validated and prepared.
  func sampleGradient(y: [Double], p: [Double], config: LossConfig) -> [Double] {
    switch form {
    case .pointwise(let f):
      let k = Double(p.count)
      return zip(y, p).map { f.derivative($0, $1, config) / k }
    case .vectorwise(let f):
      return f.gradient(y, p, config)
    }
  }

  // MARK: - Validation

  /// Checks the batch and the parameters this loss reads; returns the targets to compute with.
  func validated(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig
  ) throws(LossCoreError) -> [[Double]] {
    guard !yTrue.isEmpty, !yTrue.contains(where: \.isEmpty) else {
      throw LossCoreError("y_true is empty")
    }
    guard !yPred.isEmpty, !yPred.contains(where: \.isEmpty) else {
      throw LossCoreError("y_pred is empty")
    }
    var yTrue = yTrue
    if targets == .classIndex, yTrue.count == 1, yPred.count > 1, yTrue[0].count == yPred.count {
      yTrue = yTrue[0].map { [$0] }  // the flat form: one class index per prediction row
    }
    guard yTrue.count == yPred.count else {
      throw LossCoreError("y_true has \(yTrue.count) samples but y_pred has \(yPred.count)")
    }
    let width = yPred[0].count
    for (i, row) in yPred.enumerated() where row.count != width {
      throw LossCoreError("y_pred sample \(i + 1) has \(row.count) values, sample 1 has \(width)")
    }
    for (name, rows) in [("y_true", yTrue), ("y_pred", yPred)] {
      for (i, row) in rows.enumerated() {
        if let bad = row.first(where: { !$0.isFinite }) {
          throw LossCoreError(
            "\(name) sample \(i + 1): \(NumberText.short(bad)) is not a finite number")
        }
      }
    }
    for parameter in parameters {
      if let v = parameter.value(in: config), let problem = parameter.problem(with: v) {
        throw LossCoreError(problem)
      }
    }
    if !(config.fromLogits && acceptsLogits) {
      for (i, row) in yPred.enumerated() {
        if let bad = row.first(where: { !accepted.contains($0) }) {
          let reason =
            accepted == .nonNegative
            ? "is negative; \(id) needs predictions >= 0"
            : "is outside \(accepted), where \(id) is defined"
          throw LossCoreError("y_pred sample \(i + 1): prediction \(NumberText.short(bad)) \(reason)")
        }
      }
    }
    switch targets {
    case .classIndex:
      for (i, row) in yTrue.enumerated() {
        guard row.count == 1 else {
          throw LossCoreError(
            "y_true sample \(i + 1): \(id) wants one class index per sample, got \(row.count) values"
          )
        }
        let label = row[0]
        guard label == label.rounded(), label >= 0, label < Double(width) else {
          throw LossCoreError(
            "y_true sample \(i + 1): class index \(NumberText.short(label)) is not an integer in 0...\(width - 1)"
          )
        }
      }
    default:
      for (i, row) in yTrue.enumerated() where row.count != yPred[i].count {
        throw LossCoreError(
          "sample \(i + 1): y_true has \(row.count) values but y_pred has \(yPred[i].count)")
      }
    }
    if targets == .probability {
      for (i, row) in yTrue.enumerated() {
        if let bad = row.first(where: { $0 < 0 || $0 > 1 }) {
          throw LossCoreError(
            "y_true sample \(i + 1): label \(NumberText.short(bad)) is outside [0, 1]")
        }
      }
    }
    return try prepare(yTrue, yPred, config)
  }
}
