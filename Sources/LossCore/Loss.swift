/// The loss functions, with Keras 3 semantics. The raw value is the kebab-case name used on the command line.
public enum Loss: String, CaseIterable, Sendable {
  case binaryCrossentropy = "binary-crossentropy"
  case categoricalCrossentropy = "categorical-crossentropy"
  case sparseCategoricalCrossentropy = "sparse-categorical-crossentropy"
  case hinge = "hinge"
  case squaredHinge = "squared-hinge"
  case categoricalHinge = "categorical-hinge"
  case huber = "huber"
  case logCosh = "log-cosh"
  case klDivergence = "kl-divergence"
  case meanSquaredError = "mean-squared-error"
  case meanAbsoluteError = "mean-absolute-error"
  case meanAbsolutePercentageError = "mean-absolute-percentage-error"
  case meanSquaredLogarithmicError = "mean-squared-logarithmic-error"
  case cosineSimilarity = "cosine-similarity"
  case poisson = "poisson"

  /// Short names that also select this loss (e.g. `bce`).
  public var aliases: [String] {
    switch self {
    case .binaryCrossentropy: ["bce"]
    case .categoricalCrossentropy: ["cce"]
    case .sparseCategoricalCrossentropy: ["scce"]
    case .klDivergence: ["kl"]
    case .meanSquaredError: ["mse"]
    case .meanAbsoluteError: ["mae"]
    case .meanAbsolutePercentageError: ["mape"]
    case .meanSquaredLogarithmicError: ["msle"]
    default: []
    }
  }

  /// Whether `--from-logits` applies (the cross-entropies).
  public var acceptsLogits: Bool {
    switch self {
    case .binaryCrossentropy, .categoricalCrossentropy, .sparseCategoricalCrossentropy: true
    default: false
    }
  }

  /// Every accepted name: kebab names first, then aliases.
  public static var allNames: [String] { allCases.map(\.rawValue) + allCases.flatMap(\.aliases) }

  /// The loss with this name or alias. Case and `_` versus `-` do not matter (`binary_crossentropy` works).
  ///
  /// - Throws: `unknown loss 'bcee'; did you mean 'bce'?` for names that match nothing.
  public static func named(_ name: String) throws(LossCoreError) -> Loss {
    let key = name.trimmingWhitespace.lowercased().replacingUnderscores
    for loss in allCases where loss.rawValue == key || loss.aliases.contains(key) { return loss }
    if let suggestion = closestName(to: key, among: allNames) {
      throw LossCoreError("unknown loss '\(name)'; did you mean '\(suggestion)'?")
    }
    throw LossCoreError(
      "unknown loss '\(name)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))")
  }
}

/// Options that change how some losses are computed.
public struct LossConfig: Sendable, Hashable {
  /// Huber's threshold δ between the quadratic and the linear part.
  public var delta = 1.0
  /// Cross-entropies only: predictions are logits (sigmoid / softmax applied first, no clipping).
  public var fromLogits = false

  public init(delta: Double = 1.0, fromLogits: Bool = false) {
    self.delta = delta
    self.fromLogits = fromLogits
  }
}

/// The value of a loss on a batch: the mean over samples, and each sample's own loss.
public struct LossResult: Sendable, Equatable {
  public var value: Double
  public var perSample: [Double]

  public init(value: Double, perSample: [Double]) {
    self.value = value
    self.perSample = perSample
  }
}

extension String {
  var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
