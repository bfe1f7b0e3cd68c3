import Foundation

/// Keras's fuzz factor ε: probabilities are clipped to [ε, 1 − ε].
public let kerasEpsilon = 1e-7

extension Loss {
  /// The loss of a batch (Keras 3 semantics): the mean over samples of each sample's loss.
  ///
  /// Each sample is one row. For `sparse-categorical-crossentropy` each row of `yTrue` holds one class
  /// index; for every other loss `yTrue` and `yPred` have the same shape.
  /// - Throws: on empty, ragged or mismatched input, non-finite numbers, or labels out of range.
  public func evaluate(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig = .init()
  ) throws(LossCoreError) -> LossResult {
    let prepared = try prepare(yTrue: yTrue, yPred: yPred, config: config)
    let perSample = zip(prepared.yTrue, yPred).map { sampleValue(y: $0, p: $1, config: config) }
    return LossResult(value: perSample.reduce(0, +) / Double(perSample.count), perSample: perSample)
  }

  /// The derivative of the batch value (``evaluate(yTrue:yPred:config:)``'s `value`) with respect to
  /// every prediction; same shape as `yPred`. Where Keras clips, the derivative is 0 outside the clip range;
  /// at kinks (|x| at 0, hinge at the margin) the one chosen is 0 or the left side, as documented per loss.
  public func gradient(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig = .init()
  ) throws(LossCoreError) -> [[Double]] {
    let prepared = try prepare(yTrue: yTrue, yPred: yPred, config: config)
    let n = Double(yPred.count)
    return zip(prepared.yTrue, yPred).map { y, p in
      sampleGradient(y: y, p: p, config: config).map { $0 / n }
    }
  }

  // MARK: - Validation

  private struct Prepared { var yTrue: [[Double]] }

  private func prepare(
    yTrue: [[Double]], yPred: [[Double]], config: LossConfig
  ) throws(LossCoreError) -> Prepared {
    guard !yTrue.isEmpty, !yTrue.contains(where: \.isEmpty) else {
      throw LossCoreError("y_true is empty")
    }
    guard !yPred.isEmpty, !yPred.contains(where: \.isEmpty) else {
      throw LossCoreError("y_pred is empty")
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
    guard config.delta.isFinite, config.delta > 0 else {
      throw LossCoreError("delta must be a positive number, got \(NumberText.short(config.delta))")
    }
    if self == .categoricalCrossentropy || self == .sparseCategoricalCrossentropy,
      !config.fromLogits
    {
      // p / Σp is 0/0 when the predictions sum to 0.
      for (i, row) in yPred.enumerated() where row.reduce(0, +) == 0 {
        throw LossCoreError(
          "y_pred sample \(i + 1) sums to 0; categorical cross-entropy needs probabilities")
      }
    }
    if self == .poisson {
      for (i, row) in yPred.enumerated() {
        if let bad = row.first(where: { $0 < 0 }) {
          throw LossCoreError(
            "y_pred sample \(i + 1): prediction \(NumberText.short(bad)) is negative; poisson needs predictions >= 0"
          )
        }
      }
    }
    if self == .sparseCategoricalCrossentropy {
      for (i, row) in yTrue.enumerated() {
        guard row.count == 1 else {
          throw LossCoreError(
            "y_true sample \(i + 1): sparse-categorical-crossentropy wants one class index per sample, got \(row.count) values"
          )
        }
        let label = row[0]
        guard label == label.rounded(), label >= 0, label < Double(width) else {
          throw LossCoreError(
            "y_true sample \(i + 1): class index \(NumberText.short(label)) is not an integer in 0...\(width - 1)"
          )
        }
      }
      return Prepared(yTrue: yTrue)
    }
    for (i, row) in yTrue.enumerated() where row.count != yPred[i].count {
      throw LossCoreError(
        "sample \(i + 1): y_true has \(row.count) values but y_pred has \(yPred[i].count)")
    }
    if self == .binaryCrossentropy || self == .categoricalCrossentropy {
      for (i, row) in yTrue.enumerated() {
        if let bad = row.first(where: { $0 < 0 || $0 > 1 }) {
          throw LossCoreError(
            "y_true sample \(i + 1): label \(NumberText.short(bad)) is outside [0, 1]")
        }
      }
    }
    if self == .hinge || self == .squaredHinge {
      // Keras: if every label of the batch is 0 or 1, they become −1 / +1.
      let binary = yTrue.allSatisfy { $0.allSatisfy { $0 == 0 || $0 == 1 } }
      if binary { return Prepared(yTrue: yTrue.map { $0.map { 2 * $0 - 1 } }) }
    }
    return Prepared(yTrue: yTrue)
  }

  // MARK: - One sample

  /// One sample's loss, inputs already validated (hinge labels already converted).
  private func sampleValue(y: [Double], p: [Double], config: LossConfig) -> Double {
    let k = Double(p.count)
    let eps = kerasEpsilon
    switch self {
    case .binaryCrossentropy:
      var sum = 0.0
      for (t, x) in zip(y, p) {
        if config.fromLogits {
          sum += -t * logSigmoid(x) - (1 - t) * logSigmoid(-x)
        } else {
          let q = clip(x, eps, 1 - eps)
          sum += -(t * log(q) + (1 - t) * log(1 - q))
        }
      }
      return sum / k
    case .categoricalCrossentropy:
      let logq = config.fromLogits ? logSoftmax(p) : normalizedClipped(p).map { log($0) }
      // Terms with t = 0 add nothing; skipping them avoids 0·(−∞) when a logit is far below the rest.
      return -zip(y, logq).reduce(0) { $1.0 == 0 ? $0 : $0 + $1.0 * $1.1 }
    case .sparseCategoricalCrossentropy:
      let label = Int(y[0])
      return config.fromLogits ? -logSoftmax(p)[label] : -log(normalizedClipped(p)[label])
    case .hinge:
      return zip(y, p).reduce(0) { $0 + max(1 - $1.0 * $1.1, 0) } / k
    case .squaredHinge:
      return zip(y, p).reduce(0) {
        let m = max(1 - $1.0 * $1.1, 0)
        return $0 + m * m
      } / k
    case .categoricalHinge:
      return max(categoricalHingeMargin(y, p).margin, 0)
    case .huber:
      let d = config.delta
      return zip(y, p).reduce(0) { s, e in
        let r = abs(e.1 - e.0)
        // d·(r − d/2) rather than Keras's d·r − d²/2, which is ∞ − ∞ when both overflow.
        return s + (r <= d ? 0.5 * r * r : d * (r - 0.5 * d))
      } / k
    case .logCosh:
      return zip(y, p).reduce(0) { s, e in s + logCoshStable(e.1 - e.0) } / k
    case .klDivergence:
      return zip(y, p).reduce(0) { s, e in
        let t = clip(e.0, eps, 1)
        let q = clip(e.1, eps, 1)
        return s + t * log(t / q)
      }
    case .meanSquaredError:
      return zip(y, p).reduce(0) { $0 + ($1.1 - $1.0) * ($1.1 - $1.0) } / k
    case .meanAbsoluteError:
      return zip(y, p).reduce(0) { $0 + abs($1.1 - $1.0) } / k
    case .meanAbsolutePercentageError:
      return 100 * zip(y, p).reduce(0) { $0 + abs(($1.0 - $1.1) / max(abs($1.0), eps)) } / k
    case .meanSquaredLogarithmicError:
      return zip(y, p).reduce(0) { s, e in
        let d = log(max(e.1, eps) + 1) - log(max(e.0, eps) + 1)
        return s + d * d
      } / k
    case .cosineSimilarity:
      let ny = l2Normalized(y)
      let np = l2Normalized(p)
      return -zip(ny, np).reduce(0) { $0 + $1.0 * $1.1 }
    case .poisson:
      let direct = zip(y, p).reduce(0) { $0 + $1.1 - $1.0 * log($1.1 + eps) } / k
      if !direct.isNaN { return direct }
      // One term overflowed to +∞ and another to −∞: sum the terms scaled by the largest magnitude.
      let scale = max(1, (y + p).map(abs).max()!)
      let scaled = zip(y, p).reduce(0) { $0 + $1.1 / scale - $1.0 / scale * log($1.1 + eps) }
      return scaled / k * scale
    }
  }

  /// d(sample loss)/d p for one sample.
  private func sampleGradient(y: [Double], p: [Double], config: LossConfig) -> [Double] {
    let k = Double(p.count)
    let eps = kerasEpsilon
    switch self {
    case .binaryCrossentropy:
      return zip(y, p).map { t, x in
        if config.fromLogits { return (sigmoid(x) - t) / k }
        guard x > eps, x < 1 - eps else { return 0 }
        return (-t / x + (1 - t) / (1 - x)) / k
      }
    case .categoricalCrossentropy, .sparseCategoricalCrossentropy:
      let target: [Double]
      if self == .sparseCategoricalCrossentropy {
        target = p.indices.map { $0 == Int(y[0]) ? 1 : 0 }
      } else {
        target = y
      }
      if config.fromLogits {
        let s = softmax(p)
        let total = target.reduce(0, +)
        return zip(target, s).map { total * $1 - $0 }
      }
      // q = p / Σp, clipped; dL/dq_j = −t_j / q_j where q_j is inside the clip range.
      let sum = p.reduce(0, +)
      let q = normalized(p)
      let g = zip(target, q).map { t, qj in qj > eps && qj < 1 - eps ? -t / qj : 0 }
      let gq = zip(g, q).reduce(0) { $0 + $1.0 * $1.1 }
      return g.map { ($0 - gq) / sum }
    case .hinge:
      return zip(y, p).map { t, x in 1 - t * x > 0 ? -t / k : 0 }
    case .squaredHinge:
      return zip(y, p).map { t, x in
        let m = 1 - t * x
        return m > 0 ? -2 * t * m / k : 0
      }
    case .categoricalHinge:
      let (margin, arg) = categoricalHingeMargin(y, p)
      guard margin > 0 else { return Array(repeating: 0, count: p.count) }
      return p.indices.map { j in (j == arg ? 1 - y[j] : 0) - y[j] }
    case .huber:
      let d = config.delta
      return zip(y, p).map { t, x in clip(x - t, -d, d) / k }
    case .logCosh:
      return zip(y, p).map { t, x in tanh(x - t) / k }
    case .klDivergence:
      return zip(y, p).map { t, x in
        guard x > eps, x < 1 else { return 0 }
        return -clip(t, eps, 1) / x
      }
    case .meanSquaredError:
      return zip(y, p).map { t, x in 2 * (x - t) / k }
    case .meanAbsoluteError:
      return zip(y, p).map { t, x in sign(x - t) / k }
    case .meanAbsolutePercentageError:
      return zip(y, p).map { t, x in 100 * sign(x - t) / max(abs(t), eps) / k }
    case .meanSquaredLogarithmicError:
      return zip(y, p).map { t, x in
        guard x > eps else { return 0 }
        let d = log(x + 1) - log(max(t, eps) + 1)
        return 2 * d / (x + 1) / k
      }
    case .cosineSimilarity:
      let u = l2Normalized(y)
      let squares = p.reduce(0) { $0 + $1 * $1 }
      guard squares > 1e-12 else { return u.map { -$0 / 1e-6 } }
      let r = squares.squareRoot()
      let n = p.map { $0 / r }
      let dot = zip(n, u).reduce(0) { $0 + $1.0 * $1.1 }
      return zip(u, n).map { -($0 - dot * $1) / r }
    case .poisson:
      return zip(y, p).map { t, x in (1 - t / (x + eps)) / k }
    }
  }
}

// MARK: - Helpers shared with the curves

@inline(__always) func clip(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
  min(max(x, lo), hi)
}

/// sign with sign(0) = 0.
@inline(__always) func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

func sigmoid(_ x: Double) -> Double { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

/// log(sigmoid(x)), stable for large |x|.
func logSigmoid(_ x: Double) -> Double { x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)) }

/// log cosh(e) computed as |e| + log1p(exp(−2|e|)) − log 2 (no overflow).
func logCoshStable(_ e: Double) -> Double {
  let a = abs(e)
  return a + log1p(exp(-2 * a)) - log(2.0)
}

func logSoftmax(_ x: [Double]) -> [Double] {
  let m = x.max()!
  let lse = m + log(x.reduce(0) { $0 + exp($1 - m) })
  return x.map { $0 - lse }
}

func softmax(_ x: [Double]) -> [Double] { logSoftmax(x).map { exp($0) } }

/// p / Σp clipped to [ε, 1 − ε], as Keras's categorical cross-entropies do.
func normalizedClipped(_ p: [Double]) -> [Double] {
  normalized(p).map { clip($0, kerasEpsilon, 1 - kerasEpsilon) }
}

/// p / Σp (Σp must not be 0). When the sum overflows, the entries are first divided by the largest
/// magnitude, so huge entries still give the right shares instead of all 0.
func normalized(_ p: [Double]) -> [Double] {
  let sum = p.reduce(0, +)
  if sum.isFinite { return p.map { $0 / sum } }
  let largest = p.map(abs).max()!
  let scaled = p.map { $0 / largest }
  let scaledSum = scaled.reduce(0, +)
  return scaled.map { $0 / scaledSum }
}

/// Keras's categorical hinge before the max with 0: max_j((1 − y_j)·p_j) − Σ y_j·p_j + 1, and the j
/// of that max. When the plain form is ∞ − ∞, y and p are scaled down first, so the result is ±∞ at
/// worst, never NaN.
func categoricalHingeMargin(_ y: [Double], _ p: [Double]) -> (margin: Double, arg: Int) {
  let negs = zip(y, p).map { (1 - $0) * $1 }
  let neg = negs.max()!
  let pos = zip(y, p).reduce(0) { $0 + $1.0 * $1.1 }
  let margin = neg - pos + 1
  if !margin.isNaN { return (margin, negs.firstIndex(of: neg)!) }
  // |(1 − y)/sy| ≤ 2 and |p/sp| ≤ 1, so every scaled term is finite.
  let sy = max(1, y.map(abs).max()!)
  let sp = max(1, p.map(abs).max()!)
  let scaledNegs = zip(y, p).map { (1 - $0) / sy * ($1 / sp) }
  let scaledNeg = scaledNegs.max()!
  let scaledPos = zip(y, p).reduce(0) { $0 + $1.0 / sy * ($1.1 / sp) }
  let scaledMargin = scaledNeg - scaledPos + 1 / sy / sp
  return (scaledMargin * sy * sp, scaledNegs.firstIndex(of: scaledNeg)!)
}

/// x / √max(Σx², 1e-12), as Keras's `l2_normalize`. When Σx² overflows (|x| near 1e154 or more), x is
/// first divided by its largest magnitude, so the result is still a unit vector instead of all 0.
func l2Normalized(_ x: [Double]) -> [Double] {
  let squares = x.reduce(0) { $0 + $1 * $1 }
  if squares.isInfinite {
    let largest = x.map(abs).max()!
    return l2Normalized(x.map { $0 / largest })
  }
  let norm = max(squares, 1e-12).squareRoot()
  return x.map { $0 / norm }
}
