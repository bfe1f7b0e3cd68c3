#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Kullback-Leibler divergence, Keras 3's `KLDivergence`: Σ t·log(t / q) with t = y and q = p both
  /// clipped to [ε, 1]; summed over the row (not averaged). The gradient is 0 where p is clipped.
  public static let klDivergence = Loss(
    id: "kl-divergence", shortName: "kl", title: "Kullback-Leibler divergence",
    aliases: ["kld"], kerasClass: "KLDivergence", uses: [.eval], domain: .unit, lowerBound: 0,
    form: .vectorwise(
      .init(
        value: { y, p, _ in
          zip(y, p).reduce(0) { s, e in
            let t = clip(e.0, kerasEpsilon, 1)
            let q = clip(e.1, kerasEpsilon, 1)
            return s + t * log(t / q)
          }
        },
        gradient: { y, p, _ in
          zip(y, p).map { t, x in
            guard x > kerasEpsilon, x < 1 else { return 0 }
            return -clip(t, kerasEpsilon, 1) / x
          }
        },
        rowsAreDistributions: true)),
    curve: CurveStyle("KL"))
}
