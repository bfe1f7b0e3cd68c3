extension Loss {
  /// Mean absolute error, Keras 3's `MeanAbsoluteError`: |ŷ − y|, averaged over a sample's values. The
  /// derivative is sign(ŷ − y), 0 at the kink.
  public static let meanAbsoluteError = Loss(
    id: "mean-absolute-error", shortName: "mae", title: "Mean absolute error",
    aliases: ["l1"], kerasClass: "MeanAbsoluteError", uses: [.eval, .curve, .lineFit],
    lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, _ in abs(x - t) }, derivative: { t, x, _ in sign(x - t) },
        kinks: { t, _ in [t] })),
    lineFit: .meanAbsoluteError,
    curve: CurveStyle("MAE", entries: [(1, false)]), unit: .unitsOfY)
}

extension Loss {
  /// Short for ``meanAbsoluteError``.
  public static var mae: Loss { .meanAbsoluteError }
}
