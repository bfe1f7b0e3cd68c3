extension Loss {
  /// Huber loss, Keras 3's `Huber`: ½r² for |r| ≤ δ, δ·(|r| − δ/2) beyond, r = ŷ − y, averaged over a
  /// sample's values. Written δ·(|r| − δ/2) rather than Keras's δ|r| − δ²/2, which is ∞ − ∞ when both
  /// terms overflow. The derivative is clip(r, −δ, δ).
  public static let huber = Loss(
    id: "huber", title: "Huber loss", aliases: ["smooth-l1"], kerasClass: "Huber",
    parameters: [.delta], uses: [.eval, .curve, .lineFit], lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, c in huberValue(x - t, delta: c.delta) },
        derivative: { t, x, c in clip(x - t, -c.delta, c.delta) },
        kinks: { t, c in [t - c.delta, t + c.delta] })),
    lineFit: .huber,
    curve: CurveStyle("Huber", omitsZeroTarget: true, entries: [(1, false)]), unit: .squaredUnits)
}

/// Huber's value at residual r: ½r² within δ, δ·(|r| − δ/2) beyond.
@inline(__always) func huberValue(_ r: Double, delta d: Double) -> Double {
  let a = abs(r)
  return a <= d ? 0.5 * a * a : d * (a - 0.5 * d)
}
