/// One loss function, described once: its names, parameters, domain, bounds, uses, and how to compute it.
///
/// Every loss lives in a file of its own under `Sources/LossCore/Losses/` (e.g. `Huber.swift`) and is
/// listed once in ``LossList/standard``. `eval`, the curves view, the contour view's objective, the
/// command line (`--loss`, its help and completion) and the explanation cards all read that list, so a
/// new loss needs one new file and one line in the list. `Docs/architecture.md` shows the steps.
///
/// A description is an immutable class so that passing it around costs one reference count, however
/// many closures it holds. Two descriptions are equal when their ids are.
public final class Loss: Sendable, Hashable, CustomStringConvertible {
  /// The stable id: the kebab-case Keras name where there is one (`binary-crossentropy`). Scenario
  /// files, explanation cards and `--loss` use it.
  public let id: String
  /// The short name for curve specs and readouts (`bce`, `mse`, `huber`).
  public let shortName: String
  /// A human title for help text (`Binary cross-entropy`).
  public let title: String
  /// More names that select this loss (`bce`, `binary_crossentropy` is matched anyway).
  public let aliases: [String]
  /// The Keras 3 class this loss reproduces (`BinaryCrossentropy`), nil when Keras has none.
  public let kerasClass: String?
  /// The settings of ``LossConfig`` this loss reads.
  public let parameters: [LossParameter]
  /// Where the loss may be used.
  public let uses: LossUses
  /// The predictions the loss is meant for (without `from_logits`); curves are drawn there, and the
  /// property tests check values and derivatives there.
  public let domain: ValueRange
  /// The predictions `eval` accepts (wider than ``domain`` where Keras clips, e.g. BCE).
  public let accepted: ValueRange
  /// What the targets are.
  public let targets: TargetKind
  /// A documented lower bound of one sample's loss on ``domain`` (−∞ when there is none).
  public let lowerBound: Double
  /// How the loss is computed.
  public let form: Form
  /// Fast paths for fitting a line (`LineFitObjective`); nil means the generic per-point sums.
  public let lineFit: LineFitSpecialization?
  /// How the loss fits a binary classifier p = σ(w·x + b) (`LogisticObjective`); non-nil exactly when
  /// ``uses`` contains ``LossUse/classificationFit``.
  public let classification: ClassificationFit?
  /// How a curve of this loss is labelled.
  public let curve: CurveStyle
  /// The unit its values are in (nats for the cross-entropies, squared units for MSE, …).
  public let unit: LossUnit
  /// Checks on a whole batch beyond the domain and target kind (e.g. rows summing to 0), and target
  /// rewrites Keras does (hinge's 0/1 labels become −1/+1). Returns the targets to use.
  public let prepare:
    @Sendable (_ yTrue: [[Double]], _ yPred: [[Double]], _ config: LossConfig) throws(LossCoreError)
      -> [[Double]]

  /// How a loss turns a sample into a number.
  public enum Form: Sendable {
    /// One value per (target, prediction) pair; a sample's loss is the mean over its values.
    case pointwise(Pointwise)
    /// A sample's loss depends on the whole row (softmax, normalisation, sums).
    case vectorwise(Vectorwise)
  }

  /// A loss on single numbers.
  public struct Pointwise: Sendable {
    /// The loss of prediction `x` against target `y`.
    public var value: @Sendable (_ y: Double, _ x: Double, _ config: LossConfig) -> Double
    /// d value / dx (a one-sided or zero choice at kinks, documented per loss).
    public var derivative: @Sendable (_ y: Double, _ x: Double, _ config: LossConfig) -> Double
    /// Predictions where the derivative jumps (kinks, clip edges), so tests can stay away from them.
    public var kinks: @Sendable (_ y: Double, _ config: LossConfig) -> [Double]

    public init(
      value: @escaping @Sendable (Double, Double, LossConfig) -> Double,
      derivative: @escaping @Sendable (Double, Double, LossConfig) -> Double,
      kinks: @escaping @Sendable (Double, LossConfig) -> [Double] = { _, _ in [] }
    ) {
      self.value = value
      self.derivative = derivative
      self.kinks = kinks
    }
  }

  /// A loss on whole rows.
  public struct Vectorwise: Sendable {
    /// One sample's loss.
    public var value: @Sendable (_ y: [Double], _ p: [Double], _ config: LossConfig) -> Double
    /// d value / dp for one sample.
    public var gradient: @Sendable (_ y: [Double], _ p: [Double], _ config: LossConfig) -> [Double]
    /// Whether rows of targets and predictions are meant to be probability distributions (sum 1).
    public var rowsAreDistributions: Bool

    public init(
      value: @escaping @Sendable ([Double], [Double], LossConfig) -> Double,
      gradient: @escaping @Sendable ([Double], [Double], LossConfig) -> [Double],
      rowsAreDistributions: Bool = false
    ) {
      self.value = value
      self.gradient = gradient
      self.rowsAreDistributions = rowsAreDistributions
    }
  }

  public init(
    id: String, shortName: String? = nil, title: String, aliases: [String] = [],
    kerasClass: String? = nil, parameters: [LossParameter] = [], uses: LossUses,
    domain: ValueRange = .real, accepted: ValueRange = .real, targets: TargetKind = .real,
    lowerBound: Double, form: Form, lineFit: LineFitSpecialization? = nil,
    classification: ClassificationFit? = nil, curve: CurveStyle,
    unit: LossUnit = .nats,
    prepare:
      @escaping @Sendable ([[Double]], [[Double]], LossConfig) throws(LossCoreError) -> [[Double]] =
      {
        y, _, _ in y
      }
  ) {
    self.id = id
    self.shortName = shortName ?? id
    self.title = title
    self.aliases = aliases
    self.kerasClass = kerasClass
    self.parameters = parameters
    // The classification fit comes with its description: `classification:` adds the use.
    precondition(
      classification != nil || !uses.contains(.classificationFit),
      "\(id): the classification-fit use needs a `classification:` description")
    self.uses = classification == nil ? uses : uses.union([.classificationFit])
    self.domain = domain
    self.accepted = accepted
    self.targets = targets
    self.lowerBound = lowerBound
    self.form = form
    self.lineFit = lineFit
    self.classification = classification
    self.curve = curve
    self.unit = unit
    self.prepare = prepare
  }

  /// Every name that selects this loss: id, short name, aliases.
  public var names: [String] {
    var out = [id]
    for n in [shortName] + aliases where !out.contains(n) { out.append(n) }
    return out
  }

  /// The id, e.g. `huber`; also what `rawValue` used to be.
  public var rawValue: String { id }
  public var description: String { id }

  /// Whether `--from-logits` applies.
  public var acceptsLogits: Bool { parameters.contains(.fromLogits) }

  public func supports(_ use: LossUse) -> Bool { uses.contains(use) }

  public static func == (a: Loss, b: Loss) -> Bool { a.id == b.id }
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// Where a loss can be used.
public enum LossUse: String, Sendable, CaseIterable, Hashable {
  /// `losslab eval` on a batch.
  case eval
  /// A curve of the curves view (one prediction against one target).
  case curve
  /// The contour view's objective: fitting y = w·x + b to points.
  case lineFit = "line-fit"
  /// The classify view's objective: fitting p = σ(w·x + b) to 0/1 labels (``Loss/classification``).
  case classificationFit = "classification-fit"
}

/// The uses of a loss: a set of ``LossUse``, written as an array literal (`[.eval, .curve]`).
///
/// A bit set rather than `Set<LossUse>`: the losses are made at the start of most runs, and the first
/// `Set<LossUse>` made the runtime check `LossUse: Hashable` by searching every protocol conformance
/// in the binary (about 60 µs of a 3 ms `losslab render`).
public struct LossUses: Sendable, Hashable, ExpressibleByArrayLiteral {
  private var bits: UInt8

  public init(arrayLiteral uses: LossUse...) {
    bits = 0
    for use in uses { bits |= Self.bit(use) }
  }

  private init(bits: UInt8) { self.bits = bits }

  private static func bit(_ use: LossUse) -> UInt8 {
    switch use {
    case .eval: 1
    case .curve: 2
    case .lineFit: 4
    case .classificationFit: 8
    }
  }

  /// Whether `use` is one of them.
  public func contains(_ use: LossUse) -> Bool { bits & Self.bit(use) != 0 }

  /// These uses and `other`'s.
  public func union(_ other: LossUses) -> LossUses { LossUses(bits: bits | other.bits) }

  /// The uses, in ``LossUse``'s order.
  public var all: [LossUse] { LossUse.allCases.filter { contains($0) } }
}

/// A setting a loss reads from ``LossConfig``.
public enum LossParameter: String, Sendable, CaseIterable, Hashable {
  /// Huber's threshold δ > 0.
  case delta
  /// The quantile τ ∈ (0, 1).
  case tau
  /// Focal loss's focusing power γ ≥ 0.
  case gamma
  /// Focal loss's class-1 weight α ∈ [0, 1] (used with class balancing).
  case alpha
  /// Focal loss: weight class 1 by α and class 0 by 1 − α.
  case applyClassBalancing = "apply-class-balancing"
  /// Predictions are logits.
  case fromLogits = "from-logits"

  /// The command-line option, e.g. `--tau`.
  public var option: String { "--" + rawValue }

  /// The symbol in labels (`δ`) and its ASCII form (`d`); nil for flags.
  public var symbol: (unicode: String, ascii: String)? {
    switch self {
    case .delta: ("\u{03B4}", "d")
    case .tau: ("\u{03C4}", "t")
    case .gamma: ("\u{03B3}", "g")
    case .alpha: ("\u{03B1}", "a")
    case .applyClassBalancing, .fromLogits: nil
    }
  }

  /// The numeric value in `config` (nil for flags).
  public func value(in config: LossConfig) -> Double? {
    switch self {
    case .delta: config.delta
    case .tau: config.tau
    case .gamma: config.gamma
    case .alpha: config.alpha
    case .applyClassBalancing, .fromLogits: nil
    }
  }

  /// `config` with this numeric parameter set to `v` (flags are left alone).
  public func set(_ v: Double, in config: LossConfig) -> LossConfig {
    var c = config
    switch self {
    case .delta: c.delta = v
    case .tau: c.tau = v
    case .gamma: c.gamma = v
    case .alpha: c.alpha = v
    case .applyClassBalancing, .fromLogits: break
    }
    return c
  }

  /// One step down or up for interactive keys: δ halves or doubles within 1/8...8, τ moves by 0.1
  /// within 0.1...0.9, γ by 0.5 within 0...5, α by 0.05 within 0...1.
  public func stepped(_ v: Double, up: Bool) -> Double {
    switch self {
    case .delta: return min(max(up ? v * 2 : v / 2, 0.125), 8)
    case .tau: return min(max(((up ? v + 0.1 : v - 0.1) * 10).rounded() / 10, 0.1), 0.9)
    case .gamma: return min(max(up ? v + 0.5 : v - 0.5, 0), 5)
    case .alpha: return min(max(((up ? v + 0.05 : v - 0.05) * 20).rounded() / 20, 0), 1)
    case .applyClassBalancing, .fromLogits: return v
    }
  }

  /// Checks a value from the command line or a file: the one-line reason it is refused, or nil.
  public func problem(with v: Double) -> String? {
    switch self {
    case .delta:
      v.isFinite && v > 0 ? nil : "delta must be a positive number, got \(NumberText.short(v))"
    case .tau:
      v > 0 && v < 1 ? nil : "tau must lie strictly between 0 and 1, got \(NumberText.short(v))"
    case .gamma:
      v.isFinite && v >= 0 ? nil : "gamma must be a number >= 0, got \(NumberText.short(v))"
    case .alpha:
      v >= 0 && v <= 1 ? nil : "alpha must lie in [0, 1], got \(NumberText.short(v))"
    case .applyClassBalancing, .fromLogits: nil
    }
  }
}

/// An interval of real numbers, each end open or closed.
public struct ValueRange: Sendable, Hashable, CustomStringConvertible {
  public var lower: Double
  public var upper: Double
  public var lowerOpen: Bool
  public var upperOpen: Bool

  public init(_ lower: Double, _ upper: Double, lowerOpen: Bool = false, upperOpen: Bool = false) {
    (self.lower, self.upper, self.lowerOpen, self.upperOpen) = (lower, upper, lowerOpen, upperOpen)
  }

  /// Every finite number.
  public static let real = ValueRange(-.infinity, .infinity, lowerOpen: true, upperOpen: true)
  /// [0, 1]: probabilities.
  public static let unit = ValueRange(0, 1)
  /// (0, ∞).
  public static let positive = ValueRange(0, .infinity, lowerOpen: true, upperOpen: true)
  /// [0, ∞).
  public static let nonNegative = ValueRange(0, .infinity, upperOpen: true)

  public func contains(_ x: Double) -> Bool {
    (lowerOpen ? x > lower : x >= lower) && (upperOpen ? x < upper : x <= upper)
  }

  public var description: String {
    "\(lowerOpen ? "(" : "[")\(NumberText.short(lower)), \(NumberText.short(upper))\(upperOpen ? ")" : "]")"
  }
}

/// What the targets (`y_true`) of a loss are.
public enum TargetKind: Sendable, Hashable {
  /// Any finite number.
  case real
  /// A probability in [0, 1] per value (a 0/1 label, or a soft one).
  case probability
  /// A label ±1; Keras turns a batch of only 0/1 labels into −1/+1.
  case signedLabel
  /// One class index per sample, an integer in 0..<k for k predictions.
  case classIndex
  /// A shape of the prediction alone (curves only): the target is ignored.
  case none
}

/// How the curves view names a curve of this loss and which targets it offers.
public struct CurveStyle: Sendable {
  /// The legend name, e.g. `BCE`, `Huber`, `−log(x)`, and its ASCII form.
  public var symbol: String
  public var asciiSymbol: String
  /// The shorter name for the side panel (`sq.hinge`), if different.
  public var panelSymbol: String?
  /// Whether a target of 0 is left out of the label (`Huber (δ=1)`, `log-cosh`).
  public var omitsZeroTarget: Bool
  /// The curves view's entries for this loss: one per target, and whether it shows at first. Empty
  /// for losses without a curve.
  public var entries: [(target: Double, visible: Bool)]
  /// The target a new curve gets: the first entry's, else 1.
  public var defaultTarget: Double { entries.first?.target ?? 1 }
  /// The explanation card for a target, when it differs per target (BCE: `bce-0`, `bce-1`).
  public var card: (@Sendable (_ target: Double) -> String?)?

  public init(
    _ symbol: String, ascii: String? = nil, panel: String? = nil, omitsZeroTarget: Bool = false,
    entries: [(target: Double, visible: Bool)] = [], card: (@Sendable (Double) -> String?)? = nil
  ) {
    self.symbol = symbol
    self.asciiSymbol = ascii ?? symbol
    self.panelSymbol = panel
    self.omitsZeroTarget = omitsZeroTarget
    self.entries = entries
    self.card = card
  }
}

/// Options that change how some losses are computed; each loss reads the ones in its ``Loss/parameters``.
public struct LossConfig: Sendable, Hashable {
  /// Huber's threshold δ between the quadratic and the linear part.
  public var delta = 1.0
  /// The quantile loss's τ: under-predictions cost τ per unit, over-predictions 1 − τ.
  public var tau = 0.5
  /// Focal cross-entropy's focusing power γ (Keras default 2).
  public var gamma = 2.0
  /// Focal cross-entropy's class-1 weight α when class balancing is on (Keras default 0.25).
  public var alpha = 0.25
  /// Focal cross-entropy: weight each value by α (label 1) or 1 − α (label 0).
  public var applyClassBalancing = false
  /// Predictions are logits (sigmoid / softmax applied first).
  public var fromLogits = false

  public init(
    delta: Double = 1.0, tau: Double = 0.5, gamma: Double = 2.0, alpha: Double = 0.25,
    applyClassBalancing: Bool = false, fromLogits: Bool = false
  ) {
    self.delta = delta
    self.tau = tau
    self.gamma = gamma
    self.alpha = alpha
    self.applyClassBalancing = applyClassBalancing
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
