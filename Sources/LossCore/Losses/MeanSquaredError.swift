#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Mean squared error, Keras 3's `MeanSquaredError`: (ŷ − y)², averaged over a sample's values.
  public static let meanSquaredError = Loss(
    id: "mean-squared-error", shortName: "mse", title: "Mean squared error",
    aliases: ["l2"], kerasClass: "MeanSquaredError", uses: [.eval, .curve, .lineFit],
    lowerBound: 0,
    form: .pointwise(
      .init(value: { t, x, _ in (x - t) * (x - t) }, derivative: { t, x, _ in 2 * (x - t) })),
    lineFit: .meanSquaredError,
    classification: ClassificationFit(
      title: "MSE on σ", asciiTitle: "MSE on sigmoid",
      logitGradientFormula: "2(σ − y)·σ(1 − σ)",
      asciiLogitGradientFormula: "2(s-y)s(1-s), s = sigmoid",
      // Squared error on the probability σ(z), as Keras's MSE on a sigmoid output.
      value: { z, y, _ in
        let d = sigmoid(z) - y
        return d * d
      },
      derivative: { z, y, _ in
        let s = sigmoid(z)
        return 2 * (s - y) * s * (1 - s)
      },
      curvature: { z, y, _ in
        let s = sigmoid(z)
        let ds = s * (1 - s)
        return 2 * ds * (ds + (s - y) * (1 - 2 * s))
      },
      unboundedOnSeparableData: true, surface: .sigmoidSquared,
      minimum: ClassificationMinimum(kind: .newtonFromCrossEntropy(alsoFromOrigin: true))),
    curve: CurveStyle("MSE", entries: [(1, false)]), unit: .squaredUnits)
}

extension Loss {
  /// Short for ``meanSquaredError``.
  public static var mse: Loss { .meanSquaredError }
}
