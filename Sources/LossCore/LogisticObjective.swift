#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The mean loss of the logistic fit p = σ(w·x + b) over labelled points, as a function of (w, b).
///
/// Values and gradients are exact per-point sums (O(points)). The surface over a (w, b) window uses the
/// points sorted by x, built once here; see ``surface(columns:rows:w:b:parallel:)``.
public struct LogisticObjective: Sendable {
  public let data: ClassificationData
  /// The loss, one that supports ``LossUse/classificationFit``.
  public let loss: Loss
  /// Its classification specialisation (``Loss/classification``).
  public let fit: ClassificationFit
  /// The loss's settings: focal's γ, α and class balancing.
  public let config: LossConfig
  /// The loss's target for each point (the labels after ``ClassificationFit/labels``).
  let targets: [Double]
  let sorted: SortedClasses
  /// The saturated-point series of the surface (MSE on σ and focal only).
  let series: SaturatedSeries?

  /// The default start of a descent on the default data.
  public static let defaultStart = (w: -5.0, b: 3.0)
  /// The default learning rate (plain gradient descent).
  public static let defaultLearningRate = 1.0
  /// The default (w, b) window of the surface.
  public static let defaultWindow = (w: -6.0...6.0, b: -5.0...5.0)

  /// The mean `loss` over `data` as a function of (w, b).
  /// - Parameters:
  ///   - data: the labelled points.
  ///   - loss: a loss with a classification fit (from `LossList.current.supporting(.classificationFit)`);
  ///     one without is a programming error.
  ///   - config: the loss's settings (focal's γ ≥ 0, α and class balancing; Keras's defaults).
  public init(data: ClassificationData, loss: Loss, config: LossConfig = LossConfig()) {
    self.init(data: data, loss: loss, config: config, sorted: SortedClasses(data))
  }

  /// The same data with another loss (and settings, if given; the sorted copy is shared, not rebuilt).
  public func with(loss: Loss, config: LossConfig? = nil) -> LogisticObjective {
    LogisticObjective(data: data, loss: loss, config: config ?? self.config, sorted: sorted)
  }

  init(data: ClassificationData, loss: Loss, config: LossConfig, sorted: SortedClasses) {
    guard let fit = loss.classification else {
      preconditionFailure("\(loss.id) cannot fit a classifier")
    }
    (self.data, self.loss, self.fit, self.config, self.sorted) = (data, loss, fit, config, sorted)
    let labels = fit.labels
    targets = labels == .zeroOne ? data.label : data.label.map { labels.target($0) }
    series = SaturatedSeries(fit.surface, config: config)
  }

  /// Focal's γ (the settings' γ; other losses ignore it).
  public var gamma: Double { config.gamma }

  /// The mean loss at (w, b): mean over points of ℓ(w·x + b, t).
  public func value(w: Double, b: Double) -> Double {
    var s = 0.0
    let (value, config) = (fit.value, self.config)
    data.x.withUnsafeBufferPointer { xs in
      targets.withUnsafeBufferPointer { ts in
        for i in 0..<xs.count { s += value(w * xs[i] + b, ts[i], config) }
      }
    }
    return s / Double(data.count)
  }

  /// The gradient (∂/∂w, ∂/∂b) = (mean(ℓ′(z)·x), mean(ℓ′(z))), ℓ′ = ∂ℓ/∂z.
  public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
    valueAndGradient(w: w, b: b, withValue: false).gradient
  }

  /// The mean loss and its gradient from one pass over the points (each sum in the same order as
  /// ``value(w:b:)`` and ``gradient(w:b:)``, so the numbers are the same).
  public func valueAndGradient(w: Double, b: Double) -> (
    value: Double, gradient: (w: Double, b: Double)
  ) {
    valueAndGradient(w: w, b: b, withValue: true)
  }

  private func valueAndGradient(w: Double, b: Double, withValue: Bool) -> (
    value: Double, gradient: (w: Double, b: Double)
  ) {
    var s = 0.0
    var gw = 0.0
    var gb = 0.0
    let (value, derivative, config) = (fit.value, fit.derivative, self.config)
    data.x.withUnsafeBufferPointer { xs in
      targets.withUnsafeBufferPointer { ts in
        for i in 0..<xs.count {
          let z = w * xs[i] + b
          if withValue { s += value(z, ts[i], config) }
          let g = derivative(z, ts[i], config)
          gw += g * xs[i]
          gb += g
        }
      }
    }
    let n = Double(data.count)
    return (s / n, (gw / n, gb / n))
  }

  /// What the points say about the logit at (w, b): the per-point derivative ℓ′ = ∂ℓ/∂z, averaged.
  public struct LogitGradient: Sendable, Equatable {
    /// mean(ℓ′), which is also ∂L/∂b.
    public var mean: Double
    /// mean(|ℓ′|): how hard the points pull, whatever the direction.
    public var meanAbsolute: Double
    /// The points on the wrong side of the boundary (σ > ½ for class 0, σ ≤ ½ for class 1).
    public var wrong: Int
    /// Wrong points whose σ is saturated (σ(1 − σ) < 0.01, i.e. |z| > 4.6): for MSE on σ they barely pull.
    public var wrongSaturated: Int
    /// mean(|ℓ′|) over the wrong points only (0 when there are none).
    public var wrongMeanAbsolute: Double
  }

  /// The logit-gradient summary at (w, b).
  public func logitGradient(w: Double, b: Double) -> LogitGradient {
    var mean = 0.0
    var absolute = 0.0
    var wrong = 0
    var saturated = 0
    var wrongAbsolute = 0.0
    for ((x, y), t) in zip(zip(data.x, data.label), targets) {
      let z = w * x + b
      let g = fit.derivative(z, t, config)
      mean += g
      absolute += abs(g)
      if (z > 0) != (y == 1) {
        wrong += 1
        wrongAbsolute += abs(g)
        let s = sigmoid(z)
        if s * (1 - s) < 0.01 { saturated += 1 }
      }
    }
    let n = Double(data.count)
    return LogitGradient(
      mean: mean / n, meanAbsolute: absolute / n, wrong: wrong, wrongSaturated: saturated,
      wrongMeanAbsolute: wrong > 0 ? wrongAbsolute / Double(wrong) : 0)
  }

  /// The fraction of points on the right side of the boundary: class 1 where σ(w·x + b) > ½ (z > 0), class 0
  /// elsewhere (Keras `binary_accuracy` at threshold 0.5).
  public func accuracy(w: Double, b: Double) -> Double {
    var right = 0
    for (x, y) in zip(data.x, data.label) where (w * x + b > 0) == (y == 1) { right += 1 }
    return Double(right) / Double(data.count)
  }
}

extension LogisticObjective: DescentObjective {
  public var lossName: String { loss.rawValue }
  public var lossUnit: LossUnit { loss.unit }
}
