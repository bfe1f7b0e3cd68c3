#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Keras's fuzz factor ε: probabilities are clipped to [ε, 1 − ε].
public let kerasEpsilon = 1e-7

// Numerical helpers shared by the loss descriptions.

@inline(__always) func clip(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
  min(max(x, lo), hi)
}

/// sign with sign(0) = 0.
@inline(__always) func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

/// The logistic function σ(x) = 1 / (1 + e⁻ˣ), computed without overflow for large |x|.
///
/// - Parameter x: a logit.
/// - Returns: a probability in [0, 1].
public func sigmoid(_ x: Double) -> Double {
  x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
}

/// log(sigmoid(x)), stable for large |x|.
func logSigmoid(_ x: Double) -> Double { x >= 0 ? -log1p(exp(-x)) : x - log1p(exp(x)) }

/// log cosh(e) computed as |e| + log1p(exp(−2|e|)) − log 2 (no overflow).
func logCoshStable(_ e: Double) -> Double {
  let a = abs(e)
  return a + log1p(exp(-2 * a)) - log(2.0)
}

func logSoftmax(_ x: [Double]) -> [Double] {
  let m = x.max()!
  let lse = m + log(x.reduce(0) { $0 + exp($1 - m) })
  return x.map { $0 - lse }
}

func softmax(_ x: [Double]) -> [Double] { logSoftmax(x).map { exp($0) } }

/// p / Σp clipped to [ε, 1 − ε], as Keras's categorical cross-entropies do.
func normalizedClipped(_ p: [Double]) -> [Double] {
  normalized(p).map { clip($0, kerasEpsilon, 1 - kerasEpsilon) }
}

/// p / Σp (Σp must not be 0). When the sum overflows, the entries are first divided by the largest
/// magnitude, so huge entries still give the right shares instead of all 0.
func normalized(_ p: [Double]) -> [Double] {
  let sum = p.reduce(0, +)
  if sum.isFinite { return p.map { $0 / sum } }
  let largest = p.map(abs).max()!
  let scaled = p.map { $0 / largest }
  let scaledSum = scaled.reduce(0, +)
  return scaled.map { $0 / scaledSum }
}

/// Keras's categorical hinge before the max with 0: max_j((1 − y_j)·p_j) − Σ y_j·p_j + 1, and the j
/// of that max. When the plain form is ∞ − ∞, y and p are scaled down first, so the result is ±∞ at
/// worst, never NaN.
func categoricalHingeMargin(_ y: [Double], _ p: [Double]) -> (margin: Double, arg: Int) {
  let negs = zip(y, p).map { (1 - $0) * $1 }
  let neg = negs.max()!
  let pos = zip(y, p).reduce(0) { $0 + $1.0 * $1.1 }
  let margin = neg - pos + 1
  if !margin.isNaN { return (margin, negs.firstIndex(of: neg)!) }
  // |(1 − y)/sy| ≤ 2 and |p/sp| ≤ 1, so every scaled term is finite.
  let sy = max(1, y.map(abs).max()!)
  let sp = max(1, p.map(abs).max()!)
  let scaledNegs = zip(y, p).map { (1 - $0) / sy * ($1 / sp) }
  let scaledNeg = scaledNegs.max()!
  let scaledPos = zip(y, p).reduce(0) { $0 + $1.0 / sy * ($1.1 / sp) }
  let scaledMargin = scaledNeg - scaledPos + 1 / sy / sp
  return (scaledMargin * sy * sp, scaledNegs.firstIndex(of: scaledNeg)!)
}

/// x · min(1/√Σx², 1/ε) with ε = 1e-7, as Keras 3's `normalize` (what its cosine similarity uses): a
/// unit vector, or x·10⁷ when |x| < 10⁻⁷ (so 0 stays 0). When Σx² overflows (|x| near 1e154 or more), x is
/// first divided by its largest magnitude, so the result is still a unit vector instead of all 0.
func l2Normalized(_ x: [Double]) -> [Double] {
  let squares = x.reduce(0) { $0 + $1 * $1 }
  if squares.isInfinite {
    let largest = x.map(abs).max()!
    return l2Normalized(x.map { $0 / largest })
  }
  let scale = min(1 / squares.squareRoot(), 1 / kerasEpsilon)
  return x.map { $0 * scale }
}
