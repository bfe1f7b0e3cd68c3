#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Poisson loss, Keras 3's `Poisson`: ŷ − y·log(ŷ + ε), averaged over a sample's values, for
  /// predictions ≥ 0. Its minimum over ŷ is y − y·log y (at ŷ ≈ y), which has no bound below as y grows,
  /// so the documented lower bound is −∞.
  public static let poisson = Loss(
    id: "poisson", title: "Poisson loss", kerasClass: "Poisson", uses: [.eval],
    domain: .nonNegative, accepted: .nonNegative, lowerBound: -.infinity,
    form: .vectorwise(.init(value: poissonValue, gradient: poissonGradient)),
    curve: CurveStyle("Poisson"), unit: .unitsOfY)
}

/// The mean over the row; summed as a whole row so that one +∞ term and one −∞ term can be rescaled.
@Sendable private func poissonValue(_ y: [Double], _ p: [Double], _ c: LossConfig) -> Double {
  let k = Double(p.count)
  let eps = kerasEpsilon
  let direct = zip(y, p).reduce(0) { $0 + $1.1 - $1.0 * log($1.1 + eps) } / k
  if !direct.isNaN { return direct }
  // One term overflowed to +∞ and another to −∞: sum the terms scaled by the largest magnitude.
  let scale = max(1, (y + p).map(abs).max()!)
  let scaled = zip(y, p).reduce(0) { $0 + $1.1 / scale - $1.0 / scale * log($1.1 + eps) }
  return scaled / k * scale
}

@Sendable private func poissonGradient(_ y: [Double], _ p: [Double], _ c: LossConfig) -> [Double] {
  let k = Double(p.count)
  return zip(y, p).map { t, x in (1 - t / (x + kerasEpsilon)) / k }
}
