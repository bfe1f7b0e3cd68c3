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
    curve: CurveStyle("squared hinge", panel: "sq.hinge", entries: [(1, false)]),
    unit: .squaredMargin,
    prepare: signedLabels)
}
