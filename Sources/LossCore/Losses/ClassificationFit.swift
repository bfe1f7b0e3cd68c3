/// How a loss fits the binary classifier p = σ(z), z = w·x + b, to labelled points: the loss's
/// specialisation for ``LossUse/classificationFit``, as ``LineFitSpecialization`` is for line fits.
///
/// A loss that supports the classification fit passes one of these as `classification:` in its own file
/// (e.g. `Hinge.swift`). ``LogisticObjective`` reads everything from it: the pointwise value and its
/// derivatives with respect to the logit (or score) z, how the 0/1 labels map to the loss's targets, the
/// fast surface, how its minimum is found and what the classify view prints about it.
public struct ClassificationFit: Sendable {
  /// How 0/1 labels become the loss's targets.
  public enum Labels: Sendable, Hashable {
    /// The label itself, 0 or 1.
    case zeroOne
    /// t = 2y − 1, i.e. −1 or +1, as Keras's hinge losses convert a batch of 0/1 labels.
    case signed

    /// The target for label `y` (0 or 1).
    @inline(__always)
    public func target(_ y: Double) -> Double { self == .signed ? 2 * y - 1 : y }
  }

  /// A pointwise function of the logit z, the target t (after ``Labels``) and the loss's settings.
  public typealias Pointwise = @Sendable (_ z: Double, _ t: Double, _ config: LossConfig) -> Double
  /// ℓ and ∂ℓ/∂z at one point together (a loss whose two share work, e.g. σ(z) and a `log`, computes it once).
  public typealias PointwisePair =
    @Sendable (_ z: Double, _ t: Double, _ config: LossConfig) -> (
      value: Double, derivative: Double
    )

  /// A short title for panels and keys, e.g. `BCE (logits)`, and its ASCII form.
  public var title: String
  public var asciiTitle: String
  /// ∂ℓ/∂z in words, e.g. `σ − y`, and its ASCII form.
  public var logitGradientFormula: String
  public var asciiLogitGradientFormula: String
  /// How labels map to targets.
  public var labels: Labels
  /// ℓ(z, t).
  public var value: Pointwise
  /// ∂ℓ/∂z.
  public var derivative: Pointwise
  /// ℓ and ∂ℓ/∂z together, the same numbers as ``value`` and ``derivative`` bit for bit: what a descent
  /// step and the panel's readouts read, in one pass over the points.
  public var valueAndDerivative: PointwisePair
  /// ∂²ℓ/∂z² (for the exact Newton steps of the minimum search; 0 where ℓ is piecewise linear).
  public var curvature: Pointwise
  /// Whether, on separable data, the loss keeps falling as w grows without bound (cross-entropy, MSE on
  /// σ), rather than reaching 0 on a flat region (the hinges).
  public var unboundedOnSeparableData: Bool
  /// How the loss surface over a (w, b) window is sampled.
  public var surface: ClassificationSurface
  /// How the exact minimum is found.
  public var minimum: ClassificationMinimum

  public init(
    title: String, asciiTitle: String? = nil, logitGradientFormula: String,
    asciiLogitGradientFormula: String? = nil, labels: Labels = .zeroOne,
    value: @escaping Pointwise, derivative: @escaping Pointwise,
    valueAndDerivative: PointwisePair? = nil, curvature: @escaping Pointwise,
    unboundedOnSeparableData: Bool, surface: ClassificationSurface = .perPoint,
    minimum: ClassificationMinimum = .dampedNewton
  ) {
    self.title = title
    self.asciiTitle = asciiTitle ?? title
    self.logitGradientFormula = logitGradientFormula
    self.asciiLogitGradientFormula = asciiLogitGradientFormula ?? logitGradientFormula
    self.labels = labels
    self.value = value
    self.derivative = derivative
    self.valueAndDerivative =
      valueAndDerivative ?? { z, t, c in (value(z, t, c), derivative(z, t, c)) }
    self.curvature = curvature
    self.unboundedOnSeparableData = unboundedOnSeparableData
    self.surface = surface
    self.minimum = minimum
  }
}

/// How a classification loss's surface over (w, b) is computed (see `LogisticSurface.swift`).
///
/// ``perPoint`` sums the pointwise value at every cell; the losses of the standard list attach exact fast
/// paths that read the points sorted by x with prefix sums.
public struct ClassificationSurface: Sendable {
  enum Kind: Sendable {
    /// Σ ℓ per point and cell.
    case perPoint
    /// Hinge (power 1) or squared hinge (power 2): polynomials in z on each side of the kink, from prefix
    /// sums of x and x².
    case hinge(power: Int)
    /// Cross-entropy on the logit: e^{w·x} once per column, one `log` per cell.
    case softplus
    /// Power series for the saturated points (MSE on σ, focal), the rest one by one.
    case saturated(SaturatedSeries.Near)
  }

  let kind: Kind

  /// Every cell sums the loss over every point: right for any loss, O(points) per cell.
  public static let perPoint = ClassificationSurface(kind: .perPoint)
  static let hinge = ClassificationSurface(kind: .hinge(power: 1))
  static let squaredHinge = ClassificationSurface(kind: .hinge(power: 2))
  static let softplus = ClassificationSurface(kind: .softplus)
  static let sigmoidSquared = ClassificationSurface(kind: .saturated(.sigmoidSquared))
  static let focal = ClassificationSurface(kind: .saturated(.focal))
}

/// How a classification loss's exact minimum is found (see `LogisticMinimum.swift`).
public struct ClassificationMinimum: Sendable {
  enum Kind: Sendable {
    /// Damped Newton from w = 0 and the best b there (strictly convex losses: cross-entropy).
    case convexNewton
    /// Damped Newton from the cross-entropy minimum, and also from (0, 0) when `alsoFromOrigin` (keeping
    /// the lower end).
    case newtonFromCrossEntropy(alsoFromOrigin: Bool)
    /// Piecewise linear and convex (hinge): golden-section search over w, then the nearest vertex.
    case hingeVertex
  }

  let kind: Kind

  /// Damped Newton (Levenberg–Marquardt on the exact Hessian) from the cross-entropy minimum: for any smooth
  /// loss.
  public static let dampedNewton = ClassificationMinimum(
    kind: .newtonFromCrossEntropy(alsoFromOrigin: false))
  static let convexNewton = ClassificationMinimum(kind: .convexNewton)
  static let hingeVertex = ClassificationMinimum(kind: .hingeVertex)
}
