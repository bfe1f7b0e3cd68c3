extension Loss {
  /// Squared hinge, Keras 3's `SquaredHinge`: max(1 − y·ŷ, 0)², averaged over a sample's values, with
  /// the hinge's label rule (0/1 become −1/+1).
  public static let squaredHinge = Loss(
    id: "squared-hinge", title: "Squared hinge loss", aliases: ["sq-hinge"],
    kerasClass: "SquaredHinge", uses: [.eval, .curve, .classificationFit], targets: .signedLabel,
    lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, _ in
          let m = max(1 - t * x, 0)
          return m * m
        },
        derivative: { t, x, _ in
          let m = 1 - t * x
          return m > 0 ? -2 * t * m : 0
        })),
    classification: ClassificationFit(
      title: "squared hinge", logitGradientFormula: "−2t·max(0, 1 − t·z)",
      asciiLogitGradientFormula: "-2t*max(0, 1 - t*z)", labels: .signed,
      value: { z, t, _ in
        let m = max(0, 1 - t * z)
        return m * m
      },
      derivative: { z, t, _ in -2 * t * max(0, 1 - t * z) },
      curvature: { z, t, _ in 1 - t * z > 0 ? 2 : 0 },
      unboundedOnSeparableData: false, surface: .squaredHinge),
    curve: CurveStyle("squared hinge", panel: "sq.hinge", entries: [(1, false)]),
    unit: .squaredMargin,
    prepare: signedLabels)
}
