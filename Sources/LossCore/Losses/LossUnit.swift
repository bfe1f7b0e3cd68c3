/// The unit a loss's values are in, so a screen can say what a number like 0.357 measures.
///
/// Cross-entropies count information in nats (Keras uses the natural logarithm); squared errors
/// are in the square of the target's unit; absolute errors and quantile losses in the target's
/// unit; hinge losses in units of the margin (a score times a ±1 label has no unit of its own).
public enum LossUnit: String, Sendable, Hashable, CaseIterable {
  /// Natural-log information: the cross-entropies, KL divergence, focal loss, −log.
  case nats
  /// The square of y's unit: MSE, and Huber (δ·|e| − δ²/2 in its tails is squared too).
  case squaredUnits
  /// y's own unit: MAE, the quantile (pinball) loss, log-cosh (≈ |e| − log 2 for large errors),
  /// Poisson.
  case unitsOfY
  /// Percent of y: MAPE.
  case percent
  /// Squared differences of log(1 + y): MSLE.
  case squaredLogUnits
  /// Units of the margin y·ŷ: hinge, categorical hinge.
  case margin
  /// The square of the margin: squared hinge.
  case squaredMargin
  /// A pure number: cosine similarity, between −1 and 1.
  case none

  /// How the unit is written after a value: "nats", "squared units", "units of y".
  public var label: String {
    switch self {
    case .nats: "nats"
    case .squaredUnits: "squared units"
    case .unitsOfY: "units of y"
    case .percent: "%"
    case .squaredLogUnits: "squared log units"
    case .margin: "margin units"
    case .squaredMargin: "squared margin units"
    case .none: "no unit"
    }
  }

  /// A short form for a narrow column: "nats", "units²", "units".
  public var short: String {
    switch self {
    case .nats: "nats"
    case .squaredUnits: "units²"
    case .unitsOfY: "units"
    case .percent: "%"
    case .squaredLogUnits: "log²"
    case .margin: "margin"
    case .squaredMargin: "margin²"
    case .none: ""
    }
  }
}
