extension Loss {
  /// Mean squared error, Keras 3's `MeanSquaredError`: (ŷ − y)², averaged over a sample's values.
  public static let meanSquaredError = Loss(
    id: "mean-squared-error", shortName: "mse", title: "Mean squared error",
    aliases: ["l2"], kerasClass: "MeanSquaredError", uses: [.eval, .curve, .lineFit],
    lowerBound: 0,
    form: .pointwise(
      .init(value: { t, x, _ in (x - t) * (x - t) }, derivative: { t, x, _ in 2 * (x - t) })),
    lineFit: .meanSquaredError,
    curve: CurveStyle("MSE", entries: [(1, false)]), unit: .squaredUnits)
}

extension Loss {
  /// Short for ``meanSquaredError``.
  public static var mse: Loss { .meanSquaredError }
}
