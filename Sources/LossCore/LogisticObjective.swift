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
    pointSums(w: w, b: b, .value).value / Double(data.count)
  }

  /// The gradient (∂/∂w, ∂/∂b) = (mean(ℓ′(z)·x), mean(ℓ′(z))), ℓ′ = ∂ℓ/∂z.
  public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
    let s = pointSums(w: w, b: b, .gradient)
    let n = Double(data.count)
    return (s.gradW / n, s.gradB / n)
  }

  /// The mean loss and its gradient from one pass over the points (each sum in the same order as
  /// ``value(w:b:)`` and ``gradient(w:b:)``, so the numbers are the same).
  public func valueAndGradient(w: Double, b: Double) -> (
    value: Double, gradient: (w: Double, b: Double)
  ) {
    let m = measure(w: w, b: b, parallel: true)
    return (m.value, m.gradient)
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
    measure(w: w, b: b).logitGradient
  }

  /// The fraction of points on the right side of the boundary: class 1 where σ(w·x + b) > ½ (z > 0), class 0
  /// elsewhere (Keras `binary_accuracy` at threshold 0.5).
  public func accuracy(w: Double, b: Double) -> Double {
    var right = 0
    for (x, y) in zip(data.x, data.label) where (w * x + b > 0) == (y == 1) { right += 1 }
    return Double(right) / Double(data.count)
  }

  /// Everything a descent step and the classify panel read at one (w, b): the mean loss, its gradient, the
  /// accuracy and the logit-gradient summary.
  public struct Measurement: Sendable {
    public var value: Double
    public var gradient: (w: Double, b: Double)
    /// As ``LogisticObjective/accuracy(w:b:)``.
    public var accuracy: Double
    /// As ``LogisticObjective/logitGradient(w:b:)``.
    public var logitGradient: LogitGradient
  }

  /// The loss, gradient, accuracy and logit-gradient summary at (w, b) from one pass over the points, each
  /// σ(z) and `log` computed once per point (``ClassificationFit/valueAndDerivative``). The numbers equal
  /// those of ``value(w:b:)``, ``gradient(w:b:)``, ``accuracy(w:b:)`` and ``logitGradient(w:b:)``.
  /// - Parameters:
  ///   - w: The slope of the logit w·x + b.
  ///   - b: The intercept of the logit.
  ///   - parallel: Fixed runs of ``chunk`` points are summed on all cores and added in order, so the
  ///     result is the same bit for bit with `false` (one core).
  public func measure(w: Double, b: Double, parallel: Bool = true) -> Measurement {
    let s = pointSums(w: w, b: b, .everything, parallel: parallel)
    let n = Double(data.count)
    return Measurement(
      value: s.value / n, gradient: (s.gradW / n, s.gradB / n),
      accuracy: Double(data.count - s.wrong) / n,
      logitGradient: LogitGradient(
        mean: s.gradB / n, meanAbsolute: s.absolute / n, wrong: s.wrong,
        wrongSaturated: s.wrongSaturated,
        wrongMeanAbsolute: s.wrong > 0 ? s.wrongAbsolute / Double(s.wrong) : 0))
  }

  /// Points per run of the per-point sums: fixed, so the sums (each run's, then the runs' in order) do not
  /// depend on the number of cores; the default 60 points are one run.
  public static let chunk = 2048

  /// Per-point sums over a run of points.
  struct PointSums {
    var value = 0.0
    var gradW = 0.0
    var gradB = 0.0
    var absolute = 0.0
    var wrongAbsolute = 0.0
    var wrong = 0
    var wrongSaturated = 0

    mutating func add(_ o: PointSums) {
      value += o.value
      gradW += o.gradW
      gradB += o.gradB
      absolute += o.absolute
      wrongAbsolute += o.wrongAbsolute
      wrong += o.wrong
      wrongSaturated += o.wrongSaturated
    }
  }

  /// Which sums a pass computes.
  enum Reading {
    case value, gradient, everything
  }

  /// The sums over all points, run by run (on all cores when there are several runs).
  func pointSums(w: Double, b: Double, _ reading: Reading, parallel: Bool = true) -> PointSums {
    let count = data.count
    let size = Self.chunk
    let runs = (count + size - 1) / size
    if runs <= 1 { return runSums(w: w, b: b, reading, 0..<count) }
    return withUnsafeTemporaryAllocation(of: PointSums.self, capacity: runs) { parts in
      nonisolated(unsafe) let out = parts.baseAddress!
      Parallel.forEach(runs, parallel: parallel) { k in
        let start = k * size
        (out + k).initialize(
          to: runSums(w: w, b: b, reading, start..<Swift.min(count, start + size)))
      }
      var total = PointSums()
      for k in 0..<runs { total.add(parts[k]) }
      parts.baseAddress!.deinitialize(count: runs)
      return total
    }
  }

  /// The sums over the points in `range`, in order.
  private func runSums(w: Double, b: Double, _ reading: Reading, _ range: Range<Int>) -> PointSums {
    var s = PointSums()
    let config = self.config
    data.x.withUnsafeBufferPointer { xs in
      targets.withUnsafeBufferPointer { ts in
        switch reading {
        case .value:
          let value = fit.value
          for i in range { s.value += value(w * xs[i] + b, ts[i], config) }
        case .gradient:
          let derivative = fit.derivative
          for i in range {
            let g = derivative(w * xs[i] + b, ts[i], config)
            s.gradW += g * xs[i]
            s.gradB += g
          }
        case .everything:
          let both = fit.valueAndDerivative
          data.label.withUnsafeBufferPointer { ys in
            for i in range {
              let z = w * xs[i] + b
              let (v, g) = both(z, ts[i], config)
              s.value += v
              s.gradW += g * xs[i]
              s.gradB += g
              s.absolute += abs(g)
              if (z > 0) != (ys[i] == 1) {
                s.wrong += 1
                s.wrongAbsolute += abs(g)
                let p = sigmoid(z)
                if p * (1 - p) < 0.01 { s.wrongSaturated += 1 }
              }
            }
          }
        }
      }
    }
    return s
  }
}

extension LogisticObjective: DescentObjective {
  public var lossName: String { loss.rawValue }
  public var lossUnit: LossUnit { loss.unit }
}
