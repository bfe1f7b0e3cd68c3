import Foundation

extension Loss {
  /// Binary focal cross-entropy, Keras 3's `BinaryFocalCrossentropy`: BCE (clipped as BCE is) times the
  /// focal factor (1 − pₜ)^γ, pₜ = y·p + (1 − y)·(1 − p) on the unclipped p, times α·y + (1 − α)·(1 − y)
  /// when class balancing is on; averaged over a sample's values. With `from_logits`, p = σ(x) first
  /// and BCE is still clipped (Keras does the same). γ = 0 without balancing is plain BCE.
  public static let binaryFocalCrossentropy = Loss(
    id: "binary-focal-crossentropy", shortName: "focal", title: "Binary focal cross-entropy",
    aliases: ["bfce", "focal-bce"], kerasClass: "BinaryFocalCrossentropy",
    parameters: [.gamma, .alpha, .applyClassBalancing, .fromLogits],
    uses: [.eval, .curve, .classificationFit], domain: .unit, targets: .probability,
    lowerBound: 0,
    form: .pointwise(.init(value: focalValue, derivative: focalDerivative, kinks: focalKinks)),
    curve: CurveStyle("focal BCE", panel: "focal", entries: [(0, false), (1, false)]))
}

@Sendable private func focalValue(_ t: Double, _ x: Double, _ c: LossConfig) -> Double {
  let p = c.fromLogits ? sigmoid(x) : x
  let q = clip(p, kerasEpsilon, 1 - kerasEpsilon)
  let bce = -(t * log(q) + (1 - t) * log(1 - q))
  let pt = t * p + (1 - t) * (1 - p)
  let weight = c.applyClassBalancing ? t * c.alpha + (1 - t) * (1 - c.alpha) : 1
  return weight * pow(1 - pt, c.gamma) * bce
}

/// d/dx of w·(1 − pₜ)^γ·bce(p): the focal factor's slope −γ(1 − pₜ)^(γ−1)·(2y − 1) times bce, plus the
/// factor times bce's slope (0 where clipped); times σ′(x) = p(1 − p) with logits.
@Sendable private func focalDerivative(_ t: Double, _ x: Double, _ c: LossConfig) -> Double {
  let p = c.fromLogits ? sigmoid(x) : x
  let q = clip(p, kerasEpsilon, 1 - kerasEpsilon)
  let bce = -(t * log(q) + (1 - t) * log(1 - q))
  let dbce = p > kerasEpsilon && p < 1 - kerasEpsilon ? -t / p + (1 - t) / (1 - p) : 0
  let m = 1 - (t * p + (1 - t) * (1 - p))
  let factor = pow(m, c.gamma)
  let dfactor = c.gamma == 0 ? 0 : -c.gamma * pow(m, c.gamma - 1) * (2 * t - 1)
  let weight = c.applyClassBalancing ? t * c.alpha + (1 - t) * (1 - c.alpha) : 1
  let d = weight * (dfactor * bce + factor * dbce)
  return c.fromLogits ? d * p * (1 - p) : d
}

@Sendable private func focalKinks(_ t: Double, _ c: LossConfig) -> [Double] {
  if c.fromLogits { return [] }
  // The clip edges, and where 1 − pₜ = 0 (a kink of (1 − pₜ)^γ for γ < 1... and of |·| for soft labels).
  return [kerasEpsilon, 1 - kerasEpsilon, t]
}
