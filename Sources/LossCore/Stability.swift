#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The largest stable learning rate of an optimizer on a quadratic with largest curvature λmax.
///
/// On a quadratic every eigen-direction of the Hessian evolves on its own. Plain descent multiplies the error along
/// an eigenvector with eigenvalue λ by (1 − ηλ) per step: stable while ηλ < 2. Heavy-ball momentum β (Keras's
/// `SGD(momentum=β)`: m ← βm − ηg, θ ← θ + m) follows e' = (1 + β − ηλ)e − βe₋₁, whose roots stay inside the unit
/// circle while ηλ < 2(1 + β). Keras's Nesterov form (θ ← θ + βm − ηg with the new m) is stable while
/// ηλ < 2(1 + β)/(1 + 2β). Adaptive optimizers rescale each step by their own state, so no fixed bound applies.
public enum StabilityBound {
  /// The bound on η for `kind` given λmax (nil for the adaptive optimizers, whose steps are not η·g).
  public static func rate(for kind: OptimizerKind, largestCurvature lambda: Double) -> Double? {
    guard lambda > 0 else { return nil }
    let beta = Optimizer.momentumCoefficient
    switch kind {
    case .gd: return 2 / lambda
    case .momentum: return 2 * (1 + beta) / lambda
    case .nesterov: return 2 * (1 + beta) / ((1 + 2 * beta) * lambda)
    default: return nil
    }
  }

  /// The formula of ``rate(for:largestCurvature:)`` as text (`2/λmax`, `2(1 + β)/λmax`, …), nil when none applies.
  public static func formula(for kind: OptimizerKind) -> String? {
    switch kind {
    case .gd: "2/λmax"
    case .momentum: "2(1 + β)/λmax"
    case .nesterov: "2(1 + β)/((1 + 2β)·λmax)"
    default: nil
    }
  }
}

extension MSECurvature {
  /// The heavy-ball bound 2(1 + β)/λmax: SGD with momentum β converges on MSE for rates below it.
  public func heavyBallLimit(momentum beta: Double = Optimizer.momentumCoefficient) -> Double {
    2 * (1 + beta) / eigenvalues.largest
  }
}

/// The curvature of the Huber line fit where it is quadratic.
///
/// Huber's per-point loss is ½r² while |r| ≤ δ and linear beyond, so its Hessian at (w, b) is
/// (1/N)·Σ over the points with |r| ≤ δ of [[x², x], [x, 1]] — half of MSE's, counting only those points — and it
/// jumps as points cross |r| = δ. There is no single curvature, but inside the quadratic region around the
/// minimum plain descent is stable below 2/λmax of this matrix.
public struct HuberCurvature: Sendable, Equatable {
  /// The Hessian at the point it was taken (zero when no point is inside the quadratic region).
  public let hessian: SymmetricMatrix2
  /// How many points have |r| ≤ δ there.
  public let inside: Int
  /// All points.
  public let count: Int

  /// At (w, b) for `data` and threshold `delta`.
  public init(data: LineData, delta: Double, w: Double, b: Double) {
    var (sxx, sx, n) = (0.0, 0.0, 0)
    for (x, y) in zip(data.x, data.y) where abs(w * x + b - y) <= delta {
      sxx += x * x
      sx += x
      n += 1
    }
    let total = Double(max(1, data.x.count))
    hessian = SymmetricMatrix2(ww: sxx / total, wb: sx / total, bb: Double(n) / total)
    inside = n
    count = data.x.count
  }

  /// 2/λmax in the quadratic region (infinite when no point is inside it).
  public var stabilityLimit: Double {
    let lambda = hessian.eigenvalues.largest
    return lambda > 0 ? 2 / lambda : .infinity
  }
}
