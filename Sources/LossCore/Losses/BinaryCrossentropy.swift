#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Binary cross-entropy, Keras 3's `BinaryCrossentropy`: −(y·log q + (1 − y)·log(1 − q)) with q the
  /// prediction clipped to [ε, 1 − ε], averaged over a sample's values. With `from_logits`, q = σ(x)
  /// computed as log-sigmoid, without clipping. The derivative is 0 where the clip holds.
  public static let binaryCrossentropy = Loss(
    id: "binary-crossentropy", shortName: "bce", title: "Binary cross-entropy",
    kerasClass: "BinaryCrossentropy", parameters: [.fromLogits],
    uses: [.eval, .curve, .classificationFit], domain: .unit, targets: .probability,
    lowerBound: 0,
    form: .pointwise(
      .init(
        value: { t, x, c in
          if c.fromLogits { return -t * logSigmoid(x) - (1 - t) * logSigmoid(-x) }
          let q = clip(x, kerasEpsilon, 1 - kerasEpsilon)
          return -(t * log(q) + (1 - t) * log(1 - q))
        },
        derivative: { t, x, c in
          if c.fromLogits { return sigmoid(x) - t }
          guard x > kerasEpsilon, x < 1 - kerasEpsilon else { return 0 }
          return -t / x + (1 - t) / (1 - x)
        },
        kinks: { _, c in c.fromLogits ? [] : [kerasEpsilon, 1 - kerasEpsilon] })),
    classification: ClassificationFit(
      title: "BCE (logits)", logitGradientFormula: "σ − y",
      asciiLogitGradientFormula: "sigmoid - y",
      // Keras `from_logits=True`, no clipping: softplus(z) − y·z in its stable form
      // max(z, 0) − y·z + log(1 + e^−|z|).
      value: { z, y, _ in max(z, 0) - y * z + log1p(exp(-abs(z))) },
      derivative: { z, y, _ in sigmoid(z) - y },
      // Both from one e^−|z|: σ(z) is 1/(1 + e) for z ≥ 0 and e/(1 + e) below, as `sigmoid` computes it.
      valueAndDerivative: { z, y, _ in
        let e = exp(-abs(z))
        let s = z >= 0 ? 1 / (1 + e) : e / (1 + e)
        return (max(z, 0) - y * z + log1p(e), s - y)
      },
      curvature: { z, _, _ in
        let s = sigmoid(z)
        return s * (1 - s)
      },
      unboundedOnSeparableData: true, surface: .softplus, minimum: .convexNewton),
    curve: CurveStyle(
      "BCE", entries: [(0, true), (1, true)],
      card: { t in t == 0 ? "bce-0" : (t == 1 ? "bce-1" : "bce") }))
}

extension Loss {
  /// Short for ``binaryCrossentropy``.
  public static var bce: Loss { .binaryCrossentropy }
}
