extension Loss {
  /// Mean absolute percentage error, Keras 3's `MeanAbsolutePercentageError`:
  /// 100·|y − ŷ| / max(|y|, ε), averaged over a sample's values. The derivative at ŷ = y is 0.
  public static let meanAbsolutePercentageError = Loss(
    id: "mean-absolute-percentage-error", shortName: "mape",
    title: "Mean absolute percentage error", kerasClass: "MeanAbsolutePercentageError",
    uses: [.eval], lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, _ in 100 * abs((t - x) / max(abs(t), kerasEpsilon)) },
        derivative: { t, x, _ in 100 * sign(x - t) / max(abs(t), kerasEpsilon) },
        kinks: { t, _ in [t] })),
    curve: CurveStyle("MAPE"), unit: .percent)
}
