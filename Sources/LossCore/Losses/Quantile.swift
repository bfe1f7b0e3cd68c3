extension Loss {
  /// The quantile (pinball) loss with τ ∈ (0, 1): τ·r for r = y − ŷ ≥ 0, (τ − 1)·r otherwise, averaged
  /// over a sample's values. Under-predictions cost τ per unit and over-predictions 1 − τ, so the best
  /// constant prediction is the τ-quantile of the targets; τ = 0.5 is half the mean absolute error.
  /// Keras has no such loss. The derivative at r = 0 is taken as 0.
  public static let quantile = Loss(
    id: "quantile", title: "Quantile (pinball) loss", aliases: ["pinball"], parameters: [.tau],
    uses: [.eval, .curve, .lineFit], lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, c in
          let r = t - x
          return r >= 0 ? c.tau * r : (c.tau - 1) * r
        },
        derivative: { t, x, c in x < t ? -c.tau : (x > t ? 1 - c.tau : 0) },
        kinks: { t, _ in [t] })),
    lineFit: .quantile,
    curve: CurveStyle("quantile", panel: "quant", entries: [(1, false)]), unit: .unitsOfY)
}
