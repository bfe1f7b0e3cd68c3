import Foundation

/// The mean loss of the logistic fit p = σ(w·x + b) over labelled points, as a function of (w, b).
///
/// Values and gradients are exact per-point sums (O(points)). The surface over a (w, b) window uses the
/// points sorted by x, built once here; see ``surface(columns:rows:w:b:parallel:)``.
public struct LogisticObjective: Sendable {
  public let data: ClassificationData
  public let loss: ClassificationLoss
  /// The focal loss's focusing parameter γ (read only by ``ClassificationLoss/focal``).
  public let gamma: Double
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
  ///   - loss: the classification loss.
  ///   - gamma: focal's γ, ≥ 0 (default 2, the loss list's).
  public init(
    data: ClassificationData, loss: ClassificationLoss,
    gamma: Double = ClassificationLoss.defaultGamma
  ) {
    self.data = data
    self.loss = loss
    self.gamma = gamma
    self.sorted = SortedClasses(data)
    self.series = SaturatedSeries(loss: loss, gamma: gamma)
  }

  /// The same data with another loss (and γ, if given; the sorted copy is shared, not rebuilt).
  public func with(loss: ClassificationLoss, gamma: Double? = nil) -> LogisticObjective {
    LogisticObjective(data: data, loss: loss, gamma: gamma ?? self.gamma, sorted: sorted)
  }

  init(data: ClassificationData, loss: ClassificationLoss, gamma: Double, sorted: SortedClasses) {
    (self.data, self.loss, self.gamma, self.sorted) = (data, loss, gamma, sorted)
    self.series = SaturatedSeries(loss: loss, gamma: gamma)
  }

  /// The mean loss at (w, b): mean over points of ℓ(w·x + b, y).
  public func value(w: Double, b: Double) -> Double {
    var s = 0.0
    let (loss, gamma) = (self.loss, self.gamma)
    data.x.withUnsafeBufferPointer { xs in
      data.label.withUnsafeBufferPointer { ys in
        for i in 0..<xs.count { s += loss.value(z: w * xs[i] + b, y: ys[i], gamma: gamma) }
      }
    }
    return s / Double(data.count)
  }

  /// The gradient (∂/∂w, ∂/∂b) = (mean(ℓ′(z)·x), mean(ℓ′(z))), ℓ′ = ∂ℓ/∂z.
  public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
    var gw = 0.0
    var gb = 0.0
    let (loss, gamma) = (self.loss, self.gamma)
    data.x.withUnsafeBufferPointer { xs in
      data.label.withUnsafeBufferPointer { ys in
        for i in 0..<xs.count {
          let g = loss.logitGradient(z: w * xs[i] + b, y: ys[i], gamma: gamma)
          gw += g * xs[i]
          gb += g
        }
      }
    }
    let n = Double(data.count)
    return (gw / n, gb / n)
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
    for (x, y) in zip(data.x, data.label) {
      let z = w * x + b
      let g = loss.logitGradient(z: z, y: y, gamma: gamma)
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
}
