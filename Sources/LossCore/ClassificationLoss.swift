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
  /// Binary focal cross-entropy on the logit (Keras 3 `BinaryFocalCrossentropy(from_logits=True)`, no class
  /// balancing): p = σ(z), then (1 − pₜ)^γ times BCE on p clipped to [1e-7, 1 − 1e-7], pₜ = y·p + (1 − y)(1 − p).
  /// γ comes from the loss list's parameter (default 2); γ = 0 is BCE on the clipped probability.
  case focal = "binary-focal-crossentropy"

  /// The focusing parameter γ of ``focal`` when none is given: the loss list's default.
  public static let defaultGamma = LossConfig().gamma

  /// The unit of its values: nats for the cross-entropies, squared probability (squared units of
  /// the 0/1 label) for MSE on σ, margin units for the hinges.
  public var unit: LossUnit {
    if self == .mse { return .squaredUnits }
    if self == .hinge { return .margin }
    if self == .squaredHinge { return .squaredMargin }
    return .nats
  }

  /// Other names accepted on the command line and in scenario files.
  public var aliases: [String] {
    switch self {
    case .bce: ["binary-crossentropy", "cross-entropy"]
    case .mse: ["mean-squared-error"]
    case .hinge: []
    case .squaredHinge: []
    case .focal: ["focal", "bfce", "focal-bce", "binary-focal-cross-entropy"]
    }
  }

  /// A short title for panels and keys, e.g. `BCE (logits)`.
  public var title: String {
    switch self {
    case .bce: "BCE (logits)"
    case .mse: "MSE on σ"
    case .hinge: "hinge"
    case .squaredHinge: "squared hinge"
    case .focal: "focal (logits)"
    }
  }

  /// The short name for status lines and readouts (`bce`, `focal`).
  public var shortName: String { self == .focal ? "focal" : rawValue }

  /// Whether the loss reads the focusing parameter γ.
  public var hasGamma: Bool { self == .focal }

  /// What the loss is computed on, and how: one line for panels and `--help`.
  public var formula: String {
    switch self {
    case .bce: "−y·log σ(z) − (1−y)·log(1−σ(z))"
    case .mse: "(σ(z) − y)²"
    case .hinge: "max(0, 1 − t·z), t = 2y − 1"
    case .squaredHinge: "max(0, 1 − t·z)², t = 2y − 1"
    case .focal: "−(1 − pₜ)^γ·log pₜ, pₜ = σ(t·z), p clipped"
    }
  }

  /// The derivative with respect to the logit, in words, e.g. `σ − y`.
  public var logitGradientFormula: String {
    switch self {
    case .bce: "σ − y"
    case .mse: "2(σ − y)·σ(1 − σ)"
    case .hinge: "−t if t·z < 1, else 0"
    case .squaredHinge: "−2t·max(0, 1 − t·z)"
    case .focal: "t·(1−pₜ)^γ·(γpₜ·log pₜ − (1−pₜ))"
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

  /// ℓ(z, y) for one point (`gamma`: focal's γ, ignored by the other losses).
  public func value(z: Double, y: Double, gamma: Double = defaultGamma) -> Double {
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
    case .focal:
      return Self.focalValue(z: z, y: y, gamma: gamma)
    }
  }

  /// ∂ℓ/∂z for one point.
  public func logitGradient(z: Double, y: Double, gamma: Double = defaultGamma) -> Double {
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
    case .focal:
      return Self.focalLogitGradient(z: z, y: y, gamma: gamma)
    }
  }

  /// ∂²ℓ/∂z² for one point (0 for hinge; squared hinge: 2 where 1 − t·z > 0).
  public func logitCurvature(z: Double, y: Double, gamma: Double = defaultGamma) -> Double {
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
    case .focal:
      return Self.focalLogitCurvature(z: z, y: y, gamma: gamma)
    }
  }

  /// Whether a descent on separable data has no finite place to stop (the loss falls all the way to +∞).
  public var unboundedOnSeparableData: Bool {
    switch self {
    case .bce, .mse, .focal: true
    case .hinge, .squaredHinge: false
    }
  }
}

// MARK: Focal cross-entropy on the logit

extension ClassificationLoss {
  /// Keras's arithmetic, step by step (so that values agree with Keras to rounding, clip edges included):
  /// p = σ(z); BCE on clip(p, ε, 1 − ε); pₜ = y·p + (1 − y)(1 − p); (1 − pₜ)^γ·BCE.
  static func focalValue(z: Double, y: Double, gamma: Double) -> Double {
    let p = sigmoid(z)
    let q = clip(p, kerasEpsilon, 1 - kerasEpsilon)
    let bce = -(y * log(q) + (1 - y) * log(1 - q))
    let m = 1 - (y * p + (1 - y) * (1 - p))
    return power(m, gamma) * bce
  }

  /// m^γ with the common cases exact and cheap (γ = 0, 1, 2).
  @inline(__always)
  static func power(_ m: Double, _ gamma: Double) -> Double {
    if gamma == 2 { return m * m }
    if gamma == 0 { return 1 }
    if gamma == 1 { return m }
    return pow(m, gamma)
  }

  /// What the focal loss's derivatives read at one point: q = pₜ = σ(t·z), m = 1 − q, m^γ, and Keras's BCE where
  /// it clips p (nil inside the clip, where the BCE is −log q).
  private struct FocalPoint {
    var q: Double
    var m: Double
    var mg: Double
    var clippedBCE: Double?

    init(z: Double, y: Double, gamma: Double) {
      let p = sigmoid(z)
      q = y * p + (1 - y) * (1 - p)
      m = 1 - q
      mg = ClassificationLoss.power(m, gamma)
      let clipped = clip(p, kerasEpsilon, 1 - kerasEpsilon)
      clippedBCE = clipped == p ? nil : -(y * log(clipped) + (1 - y) * log(1 - clipped))
    }
  }

  /// d/dz of the focal loss. With s = t·z (t = 2y − 1), q = σ(s) = pₜ and m = 1 − q:
  /// unclipped, ℓ = −m^γ·log q and dℓ/ds = m^γ·(γ·q·log q − m); where Keras clips p (q < ε or q > 1 − ε),
  /// BCE is a constant B and dℓ/ds = −γ·B·m^γ·q. Then dℓ/dz = t·dℓ/ds.
  static func focalLogitGradient(z: Double, y: Double, gamma: Double) -> Double {
    let f = FocalPoint(z: z, y: y, gamma: gamma)
    let t = 2 * y - 1
    if let bce = f.clippedBCE { return t * (-gamma * bce * f.mg * f.q) }
    return t * f.mg * (gamma * f.q * log(f.q) - f.m)
  }

  /// d²/dz² of the focal loss (= d²ℓ/ds²): unclipped m^γ·q·(γ·log q·(m − γq) + (2γ + 1)·m); clipped
  /// γ·B·m^γ·q·(γq − m).
  static func focalLogitCurvature(z: Double, y: Double, gamma: Double) -> Double {
    let f = FocalPoint(z: z, y: y, gamma: gamma)
    if let bce = f.clippedBCE { return gamma * bce * f.mg * f.q * (gamma * f.q - f.m) }
    return f.mg * f.q * (gamma * log(f.q) * (f.m - gamma * f.q) + (2 * gamma + 1) * f.m)
  }
}
