import Foundation

/// The losses of the logistic fit p = σ(z), z = w·x + b, on a 0/1 label y, with Keras 3 semantics.
///
/// Every pointwise formula of the classification fit lives here: the value ℓ(z, y) and its derivative with
/// respect to the logit, ∂ℓ/∂z. The objective, its surface, the minimum search and the descent all use these.
public enum ClassificationLoss: String, CaseIterable, Sendable {
  /// Binary cross-entropy on the logit (Keras `from_logits=True`): softplus(z) − y·z, no clipping.
  case bce
  /// Mean squared error on the probability: (σ(z) − y)².
  case mse
  /// Hinge on the score with t = 2y − 1: max(0, 1 − t·z).
  case hinge
  /// Squared hinge on the score: max(0, 1 − t·z)².
  case squaredHinge = "squared-hinge"

  /// Other names accepted on the command line and in scenario files.
  public var aliases: [String] {
    switch self {
    case .bce: ["binary-crossentropy", "cross-entropy"]
    case .mse: ["mean-squared-error"]
    case .hinge: []
    case .squaredHinge: []
    }
  }

  /// A short title for panels and keys, e.g. `BCE (logits)`.
  public var title: String {
    switch self {
    case .bce: "BCE (logits)"
    case .mse: "MSE on σ"
    case .hinge: "hinge"
    case .squaredHinge: "squared hinge"
    }
  }

  /// What the loss is computed on, and how: one line for panels and `--help`.
  public var formula: String {
    switch self {
    case .bce: "−y·log σ(z) − (1−y)·log(1−σ(z))"
    case .mse: "(σ(z) − y)²"
    case .hinge: "max(0, 1 − t·z), t = 2y − 1"
    case .squaredHinge: "max(0, 1 − t·z)², t = 2y − 1"
    }
  }

  /// The derivative with respect to the logit, in words, e.g. `σ − y`.
  public var logitGradientFormula: String {
    switch self {
    case .bce: "σ − y"
    case .mse: "2(σ − y)·σ(1 − σ)"
    case .hinge: "−t if t·z < 1, else 0"
    case .squaredHinge: "−2t·max(0, 1 − t·z)"
    }
  }

  /// The loss with this name or alias (case and `_` versus `-` do not matter).
  /// - Throws: `unknown loss 'hnge'; did you mean 'hinge'?`
  public static func named(_ name: String) throws(LossCoreError) -> ClassificationLoss {
    let key = name.trimmingWhitespace.lowercased().replacingUnderscores
    for loss in allCases where loss.rawValue == key || loss.aliases.contains(key) { return loss }
    let names = allCases.map(\.rawValue)
    if let suggestion = closestName(to: key, among: names + allCases.flatMap(\.aliases)) {
      throw LossCoreError(
        "unknown classification loss '\(name)'; did you mean '\(suggestion)'? (known: \(names.joined(separator: ", ")))"
      )
    }
    throw LossCoreError(
      "unknown classification loss '\(name)'; known: \(names.joined(separator: ", "))")
  }

  /// ℓ(z, y) for one point.
  public func value(z: Double, y: Double) -> Double {
    switch self {
    case .bce:
      // max(z, 0) − y·z + log(1 + e^−|z|): the stable form of softplus(z) − y·z.
      return max(z, 0) - y * z + log1p(exp(-abs(z)))
    case .mse:
      let d = sigmoid(z) - y
      return d * d
    case .hinge:
      return max(0, 1 - (2 * y - 1) * z)
    case .squaredHinge:
      let m = max(0, 1 - (2 * y - 1) * z)
      return m * m
    }
  }

  /// ∂ℓ/∂z for one point.
  public func logitGradient(z: Double, y: Double) -> Double {
    switch self {
    case .bce:
      return sigmoid(z) - y
    case .mse:
      let s = sigmoid(z)
      return 2 * (s - y) * s * (1 - s)
    case .hinge:
      let t = 2 * y - 1
      return t * z < 1 ? -t : 0
    case .squaredHinge:
      let t = 2 * y - 1
      return -2 * t * max(0, 1 - t * z)
    }
  }

  /// ∂²ℓ/∂z² for one point (0 for hinge; squared hinge: 2 where 1 − t·z > 0).
  public func logitCurvature(z: Double, y: Double) -> Double {
    switch self {
    case .bce:
      let s = sigmoid(z)
      return s * (1 - s)
    case .mse:
      let s = sigmoid(z)
      let ds = s * (1 - s)
      return 2 * ds * (ds + (s - y) * (1 - 2 * s))
    case .hinge:
      return 0
    case .squaredHinge:
      return 1 - (2 * y - 1) * z > 0 ? 2 : 0
    }
  }

  /// Whether a descent on separable data has no finite place to stop (the loss falls all the way to +∞).
  public var unboundedOnSeparableData: Bool {
    switch self {
    case .bce, .mse: true
    case .hinge, .squaredHinge: false
    }
  }
}
