#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
    classification: ClassificationFit(
      title: "focal (logits)", logitGradientFormula: "t·(1−pₜ)^γ·(γpₜ·log pₜ − (1−pₜ))",
      asciiLogitGradientFormula: "t(1-pt)^g (g pt log pt - (1-pt))",
      value: { z, y, c in classBalance(y, c) * focalLogitValue(z: z, y: y, gamma: c.gamma) },
      derivative: { z, y, c in classBalance(y, c) * focalLogitGradient(z: z, y: y, gamma: c.gamma)
      },
      valueAndDerivative: { z, y, c in
        let (value, derivative) = focalLogitValueAndGradient(z: z, y: y, gamma: c.gamma)
        let balance = classBalance(y, c)
        return (balance * value, balance * derivative)
      },
      curvature: { z, y, c in classBalance(y, c) * focalLogitCurvature(z: z, y: y, gamma: c.gamma)
      },
      unboundedOnSeparableData: true, surface: .focal),
    curve: CurveStyle("focal BCE", panel: "focal", entries: [(0, false), (1, false)]))
}

@Sendable private func focalValue(_ t: Double, _ x: Double, _ c: LossConfig) -> Double {
  let p = c.fromLogits ? sigmoid(x) : x
  let q = clip(p, kerasEpsilon, 1 - kerasEpsilon)
  let bce = -(t * log(q) + (1 - t) * log(1 - q))
  let pt = t * p + (1 - t) * (1 - p)
  return classBalance(t, c) * pow(1 - pt, c.gamma) * bce
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
  let d = classBalance(t, c) * (dfactor * bce + factor * dbce)
  return c.fromLogits ? d * p * (1 - p) : d
}

@Sendable private func focalKinks(_ t: Double, _ c: LossConfig) -> [Double] {
  if c.fromLogits { return [] }
  // The clip edges, and where 1 − pₜ = 0 (a kink of (1 − pₜ)^γ for γ < 1... and of |·| for soft labels).
  return [kerasEpsilon, 1 - kerasEpsilon, t]
}

/// Keras's class balancing: α·y + (1 − α)·(1 − y) when it is on, else 1.
@inline(__always) func classBalance(_ y: Double, _ c: LossConfig) -> Double {
  c.applyClassBalancing ? y * c.alpha + (1 - y) * (1 - c.alpha) : 1
}

// MARK: The classification fit: focal cross-entropy on the logit z

/// Keras's arithmetic, step by step (so that values agree with Keras to rounding, clip edges included):
/// p = σ(z); BCE on clip(p, ε, 1 − ε); pₜ = y·p + (1 − y)(1 − p); (1 − pₜ)^γ·BCE.
func focalLogitValue(z: Double, y: Double, gamma: Double) -> Double {
  let p = sigmoid(z)
  let q = clip(p, kerasEpsilon, 1 - kerasEpsilon)
  let bce = -(y * log(q) + (1 - y) * log(1 - q))
  let m = 1 - (y * p + (1 - y) * (1 - p))
  return focalPower(m, gamma) * bce
}

/// m^γ with the common cases exact and cheap (γ = 0, 1, 2).
@inline(__always)
func focalPower(_ m: Double, _ gamma: Double) -> Double {
  if gamma == 2 { return m * m }
  if gamma == 0 { return 1 }
  if gamma == 1 { return m }
  return pow(m, gamma)
}

/// What the focal loss's derivatives read at one point: q = pₜ = σ(t·z), m = 1 − q, m^γ, and Keras's BCE where
/// it clips p (nil inside the clip, where the BCE is −log q).
private struct FocalPoint {
  var q: Double
  var m: Double
  var mg: Double
  var clippedBCE: Double?

  init(z: Double, y: Double, gamma: Double) {
    let p = sigmoid(z)
    q = y * p + (1 - y) * (1 - p)
    m = 1 - q
    mg = focalPower(m, gamma)
    let clipped = clip(p, kerasEpsilon, 1 - kerasEpsilon)
    clippedBCE = clipped == p ? nil : -(y * log(clipped) + (1 - y) * log(1 - clipped))
  }
}

/// d/dz of the focal loss. With s = t·z (t = 2y − 1), q = σ(s) = pₜ and m = 1 − q:
/// unclipped, ℓ = −m^γ·log q and dℓ/ds = m^γ·(γ·q·log q − m); where Keras clips p (q < ε or q > 1 − ε),
/// BCE is a constant B and dℓ/ds = −γ·B·m^γ·q. Then dℓ/dz = t·dℓ/ds.
func focalLogitGradient(z: Double, y: Double, gamma: Double) -> Double {
  let f = FocalPoint(z: z, y: y, gamma: gamma)
  let t = 2 * y - 1
  if let bce = f.clippedBCE { return t * (-gamma * bce * f.mg * f.q) }
  return t * f.mg * (gamma * f.q * log(f.q) - f.m)
}

/// ``focalLogitValue(z:y:gamma:)`` and ``focalLogitGradient(z:y:gamma:)`` together, bit for bit, from one σ(z)
/// and one `log`. With a 0/1 label Keras's BCE inside the clip is −log pₜ exactly (the other term is
/// 0·log(·) = −0, which adds nothing), and that is the log q the gradient needs; other labels take the two
/// functions apart.
func focalLogitValueAndGradient(z: Double, y: Double, gamma: Double) -> (Double, Double) {
  guard y == 0 || y == 1 else {
    return (focalLogitValue(z: z, y: y, gamma: gamma), focalLogitGradient(z: z, y: y, gamma: gamma))
  }
  let p = sigmoid(z)
  let q = y == 1 ? p : 1 - p
  let m = 1 - q
  let mg = focalPower(m, gamma)
  let t = 2 * y - 1
  let clipped = clip(p, kerasEpsilon, 1 - kerasEpsilon)
  guard clipped == p else {
    let bce = -(y * log(clipped) + (1 - y) * log(1 - clipped))
    return (mg * bce, t * (-gamma * bce * mg * q))
  }
  let logQ = log(q)
  return (mg * -logQ, t * mg * (gamma * q * logQ - m))
}

/// d²/dz² of the focal loss (= d²ℓ/ds²): unclipped m^γ·q·(γ·log q·(m − γq) + (2γ + 1)·m); clipped
/// γ·B·m^γ·q·(γq − m).
func focalLogitCurvature(z: Double, y: Double, gamma: Double) -> Double {
  let f = FocalPoint(z: z, y: y, gamma: gamma)
  if let bce = f.clippedBCE { return gamma * bce * f.mg * f.q * (gamma * f.q - f.m) }
  return f.mg * f.q * (gamma * log(f.q) * (f.m - gamma * f.q) + (2 * gamma + 1) * f.m)
}
