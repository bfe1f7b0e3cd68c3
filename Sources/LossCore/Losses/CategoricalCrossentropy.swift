#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Categorical cross-entropy, Keras 3's `CategoricalCrossentropy`: −Σ yⱼ·log qⱼ with q = p / Σp
  /// clipped to [ε, 1 − ε]; with `from_logits`, log q = log-softmax(p). Rows of p must not sum to 0.
  public static let categoricalCrossentropy = Loss(
    id: "categorical-crossentropy", shortName: "cce", title: "Categorical cross-entropy",
    kerasClass: "CategoricalCrossentropy", parameters: [.fromLogits],
    uses: [.eval], domain: .unit, targets: .probability, lowerBound: 0,
    form: .vectorwise(
      .init(
        value: { y, p, c in
          let logq = c.fromLogits ? logSoftmax(p) : normalizedClipped(p).map { log($0) }
          // Terms with y = 0 add nothing; skipping them avoids 0·(−∞) when a logit is far below the rest.
          return -zip(y, logq).reduce(0) { $1.0 == 0 ? $0 : $0 + $1.0 * $1.1 }
        },
        gradient: { y, p, c in crossentropyGradient(target: y, p: p, fromLogits: c.fromLogits) },
        rowsAreDistributions: true)),
    curve: CurveStyle("CCE"),
    prepare: rowsMustNotSumToZero)
}

/// d/dp of −Σ tⱼ·log qⱼ. Logits: Σt·softmax(p) − t. Probabilities: q = p / Σp, clipped;
/// dL/dqⱼ = −tⱼ / qⱼ inside the clip range, then through the normalisation.
func crossentropyGradient(target: [Double], p: [Double], fromLogits: Bool) -> [Double] {
  if fromLogits {
    let s = softmax(p)
    let total = target.reduce(0, +)
    return zip(target, s).map { total * $1 - $0 }
  }
  let sum = p.reduce(0, +)
  let q = normalized(p)
  let eps = kerasEpsilon
  let g = zip(target, q).map { t, qj in qj > eps && qj < 1 - eps ? -t / qj : 0 }
  let gq = zip(g, q).reduce(0) { $0 + $1.0 * $1.1 }
  return g.map { ($0 - gq) / sum }
}

/// Without logits, p / Σp is 0/0 when a row sums to 0.
@Sendable func rowsMustNotSumToZero(
  _ yTrue: [[Double]], _ yPred: [[Double]], _ config: LossConfig
) throws(LossCoreError) -> [[Double]] {
  if !config.fromLogits {
    for (i, row) in yPred.enumerated() where row.reduce(0, +) == 0 {
      throw LossCoreError(
        "y_pred sample \(i + 1) sums to 0; categorical cross-entropy needs probabilities")
    }
  }
  return yTrue
}
