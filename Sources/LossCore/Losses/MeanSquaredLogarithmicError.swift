#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Mean squared logarithmic error, Keras 3's `MeanSquaredLogarithmicError`:
  /// (log(max(ŷ, ε) + 1) − log(max(y, ε) + 1))², averaged over a sample's values; the derivative is 0
  /// where ŷ ≤ ε.
  public static let meanSquaredLogarithmicError = Loss(
    id: "mean-squared-logarithmic-error", shortName: "msle",
    title: "Mean squared logarithmic error", kerasClass: "MeanSquaredLogarithmicError",
    uses: [.eval], domain: .nonNegative, lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, _ in
          let d = log(max(x, kerasEpsilon) + 1) - log(max(t, kerasEpsilon) + 1)
          return d * d
        },
        derivative: { t, x, _ in
          guard x > kerasEpsilon else { return 0 }
          let d = log(x + 1) - log(max(t, kerasEpsilon) + 1)
          return 2 * d / (x + 1)
        },
        kinks: { _, _ in [kerasEpsilon] })),
    curve: CurveStyle("MSLE"), unit: .squaredLogUnits)
}
