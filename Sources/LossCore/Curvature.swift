#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A vector in the (w, b) plane: a point, a step or a direction.
public struct WBVector: Sendable, Equatable, Hashable {
  public var w: Double
  public var b: Double

  public init(w: Double, b: Double) {
    self.w = w
    self.b = b
  }

  /// The Euclidean length √(w² + b²), without overflow.
  public var length: Double { hypot(w, b) }
}

/// A symmetric 2 × 2 matrix [[ww, wb], [wb, bb]] over (w, b), with its eigen-decomposition.
///
/// The eigenvalues come from the trace and the determinant: λ₁ = t/2 + √((ww − bb)²/4 + wb²) (no cancellation,
/// both terms add up when λ₁ ≥ 0) and λ₂ = det/λ₁. A caller that knows the determinant more accurately than
/// ww·bb − wb² (for MSE it is 4·Var(x), from centred sums) passes it in; that keeps λ₂ right even when λ₁/λ₂ is
/// 10¹⁶ and ww·bb − wb² would cancel to zero or below.
public struct SymmetricMatrix2: Sendable, Equatable {
  public let ww: Double
  public let wb: Double
  public let bb: Double
  /// ww·bb − wb², or the value given to ``init(ww:wb:bb:determinant:)``.
  public let determinant: Double

  public init(ww: Double, wb: Double, bb: Double, determinant: Double? = nil) {
    (self.ww, self.wb, self.bb) = (ww, wb, bb)
    self.determinant = determinant ?? (ww * bb - wb * wb)
  }

  /// ww + bb.
  public var trace: Double { ww + bb }

  /// The eigenvalues, largest first.
  public var eigenvalues: (largest: Double, smallest: Double) {
    let half = 0.5 * (ww - bb)
    let radius = hypot(half, wb)
    let mid = 0.5 * (ww + bb)
    if mid >= 0 {
      let large = mid + radius
      return (large, large == 0 ? 0 : determinant / large)
    }
    let small = mid - radius
    return (determinant / small, small)
  }

  /// Unit eigenvectors, for the largest eigenvalue first; the second is the first turned a quarter counter-clockwise.
  /// Each is oriented with w ≥ 0 (and b > 0 when w = 0). A multiple of the identity has every direction as an
  /// eigenvector; then the axes (1, 0) and (0, 1) are returned.
  public var eigenvectors: (largest: WBVector, smallest: WBVector) {
    let lambda = eigenvalues.largest
    // (A − λI)v = 0 gives v ∝ (wb, λ − ww) and v ∝ (λ − bb, wb); the longer of the two is the better rounded.
    let first = WBVector(w: wb, b: lambda - ww)
    let second = WBVector(w: lambda - bb, b: wb)
    var v = first.length >= second.length ? first : second
    let length = v.length
    guard length > 0, length.isFinite else {
      return (WBVector(w: 1, b: 0), WBVector(w: 0, b: 1))
    }
    v = WBVector(w: v.w / length, b: v.b / length)
    if v.w < 0 || (v.w == 0 && v.b < 0) { v = WBVector(w: -v.w, b: -v.b) }
    return (v, WBVector(w: -v.b, b: v.w))
  }

  /// λmax/λmin: how stretched the quadratic's ellipses are (1 for circles). Infinite when λmin ≤ 0.
  public var conditionNumber: Double {
    let (large, small) = eigenvalues
    return small > 0 ? large / small : .infinity
  }

  /// The product with a vector.
  public func apply(_ v: WBVector) -> WBVector {
    WBVector(w: ww * v.w + wb * v.b, b: wb * v.w + bb * v.b)
  }
}

/// The curvature of the line fit's MSE over (w, b), and what it says about learning rates.
///
/// MSE(w, b) = mean((w·x + b − y)²) is a quadratic, so its Hessian is the same everywhere:
/// H = (2/N)·[[Σx², Σx], [Σx, N]] = 2·[[mean(x²), mean(x)], [mean(x), 1]], and depends on x alone.
/// Plain gradient descent θ ← θ − η·∇MSE multiplies the error along each eigenvector of H by (1 − η·λ), so it
/// converges exactly when |1 − η·λ| < 1 for both eigenvalues: η < 2/λmax, the ``stabilityLimit``. The slowest
/// direction shrinks by (1 − η·λmin) per step, which is why a large ``conditionNumber`` means a slow descent, and why
/// standardizing x (mean 0, variance 1, so H = 2·I) helps.
///
/// Example, the tutorial data (50 points evenly spaced on [0, 1]): λmax ≈ 2.536, the limit is ≈ 0.788 and the
/// default rate is 0.5.
public struct MSECurvature: Sendable, Equatable {
  /// The number of points N.
  public let count: Int
  /// mean(x).
  public let meanX: Double
  /// The population variance of x, Σ(x − x̄)²/N.
  public let varianceX: Double
  /// The Hessian of MSE over (w, b).
  public let hessian: SymmetricMatrix2

  /// From the x values of the data (at least one). Sums are centred, so x ≈ 10⁴ ± 1 keeps its small λmin.
  public init(x: [Double]) {
    let n = Double(x.count)
    let mean = x.isEmpty ? 0 : x.reduce(0, +) / n
    var sxx = 0.0
    for xi in x {
      let d = xi - mean
      sxx += d * d
    }
    self.init(count: x.count, meanX: mean, varianceX: x.isEmpty ? 0 : sxx / n)
  }

  /// From the data's x values.
  public init(data: LineData) { self.init(x: data.x) }

  /// From summary statistics: N, mean(x) and the population variance of x.
  public init(count: Int, meanX: Double, varianceX: Double) {
    self.count = count
    self.meanX = meanX
    self.varianceX = varianceX
    // mean(x²) = Var(x) + mean(x)²; det = 4·(mean(x²) − mean(x)²) = 4·Var(x), exactly, from centred sums.
    hessian = SymmetricMatrix2(
      ww: 2 * (varianceX + meanX * meanX), wb: 2 * meanX, bb: 2, determinant: 4 * varianceX)
  }

  /// λmax and λmin of the Hessian (λmin = 0 when all x are equal).
  public var eigenvalues: (largest: Double, smallest: Double) { hessian.eigenvalues }

  /// Unit eigenvectors in (w, b): the steepest direction (λmax) first, the flattest (λmin) second.
  public var eigenvectors: (largest: WBVector, smallest: WBVector) { hessian.eigenvectors }

  /// λmax/λmin (infinite when all x are equal).
  public var conditionNumber: Double { hessian.conditionNumber }

  /// 2/λmax: plain gradient descent on MSE converges for rates below this and diverges above it.
  public var stabilityLimit: Double { 2 / eigenvalues.largest }

  /// The rate that converges fastest for plain gradient descent, 2/(λmax + λmin): both extreme directions then shrink
  /// by the same factor (κ − 1)/(κ + 1) per step.
  public var optimalRate: Double {
    let (large, small) = eigenvalues
    return 2 / (large + small)
  }

  /// The default learning rate: the largest 1-2-5 value (…, 0.1, 0.2, 0.5, 1, 2, 5, …) strictly below
  /// ``stabilityLimit``. 0.5 for the tutorial data.
  public var defaultLearningRate: Double { LearningRate.largestNice(below: stabilityLimit) }

  /// The same data with x standardized (z-scores, mean 0 and variance 1): H = 2·I, condition number 1, limit 1.
  /// All x equal cannot be standardized; then `self` is returned.
  public var standardized: MSECurvature {
    varianceX > 0 ? MSECurvature(count: count, meanX: 0, varianceX: 1) : self
  }
}

/// Learning-rate helpers.
public enum LearningRate {
  /// The largest number of the form m·10ᵏ, m ∈ {1, 2, 5}, strictly below `limit`: 0.5 below 0.788, 0.2 below 0.5,
  /// 1e-5 below 1.3e-5. The value is the Double nearest the decimal (as `Double("5e-1")`), so it prints as typed.
  /// Returns 0 for a limit that is not positive, and 1e300 for an infinite one.
  public static func largestNice(below limit: Double) -> Double {
    guard limit > 0, !limit.isNaN else { return 0 }
    guard limit.isFinite else { return 1e300 }
    // log10 rounds, and 1-2-5 values are not exact in binary: try the decade each side of the estimate.
    let estimate = Int(log10(limit).rounded(.down))
    var best = 0.0
    for e in (estimate - 1)...(estimate + 1) {
      for m in [1, 2, 5] {
        guard let v = Double("\(m)e\(e)"), v < limit, v > best else { continue }
        best = v
      }
    }
    return best
  }
}
