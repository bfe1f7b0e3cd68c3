extension Loss {
  /// Hinge loss, Keras 3's `Hinge`: max(1 − y·ŷ, 0), averaged over a sample's values, for labels ±1
  /// (a batch of only 0/1 labels becomes −1/+1 first, as Keras does). The derivative at the margin is 0.
  public static let hinge = Loss(
    id: "hinge", title: "Hinge loss", kerasClass: "Hinge",
    uses: [.eval, .curve, .classificationFit], targets: .signedLabel, lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, _ in max(1 - t * x, 0) },
        derivative: { t, x, _ in 1 - t * x > 0 ? -t : 0 },
        kinks: { t, _ in t == 0 ? [] : [1 / t] })),
    classification: ClassificationFit(
      title: "hinge", logitGradientFormula: "−t if t·z < 1, else 0",
      asciiLogitGradientFormula: "-t if t*z < 1, else 0", labels: .signed,
      // On the score z with t = ±1.
      value: { z, t, _ in max(0, 1 - t * z) },
      derivative: { z, t, _ in t * z < 1 ? -t : 0 },
      curvature: { _, _, _ in 0 },
      unboundedOnSeparableData: false, surface: .hinge, minimum: .hingeVertex),
    curve: CurveStyle("hinge", entries: [(1, true)]), unit: .margin,
    prepare: signedLabels)
}

/// Keras's hinge rule: if every label of the batch is 0 or 1, they become −1 / +1.
@Sendable func signedLabels(
  _ yTrue: [[Double]], _ yPred: [[Double]], _ config: LossConfig
) throws(LossCoreError) -> [[Double]] {
  let binary = yTrue.allSatisfy { $0.allSatisfy { $0 == 0 || $0 == 1 } }
  return binary ? yTrue.map { $0.map { 2 * $0 - 1 } } : yTrue
}
