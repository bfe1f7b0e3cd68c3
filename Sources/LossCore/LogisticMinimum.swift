#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the logistic fit's loss is smallest, or why there is no such place.
public enum LogisticMinimum: Sendable, Equatable {
  /// A finite minimum at (w, b).
  case point(w: Double, b: Double, loss: Double)
  /// The smallest loss is taken on a whole region of (w, b) (hinge losses on separable data: every fit that puts
  /// each point at least 1 on its side has loss 0). (w, b) is the region's tip, the widest-margin fit.
  case flat(w: Double, b: Double, loss: Double)
  /// No finite minimum: the loss keeps falling towards `infimum` as w grows without bound in the sign of
  /// `direction` (separable data with cross-entropy or MSE on σ).
  case unbounded(direction: Double, infimum: Double)

  /// The point to mark on a map, if any.
  public var point: (w: Double, b: Double, loss: Double)? {
    switch self {
    case .point(let w, let b, let l), .flat(let w, let b, let l): (w, b, l)
    case .unbounded: nil
    }
  }
}

extension LogisticObjective {
  /// The exact minimum.
  ///
  /// - Cross-entropy on overlapping data is strictly convex: Newton's method with the exact Hessian
  ///   mean(σ(1 − σ)·[x², x; x, 1]) converges to it to rounding. On separable data it has no finite minimum.
  /// - MSE on σ is not convex: damped Newton (Levenberg–Marquardt) from the cross-entropy minimum and from
  ///   (0, 0), keeping the lower end point. On separable data it has no finite minimum either.
  /// - Focal cross-entropy (Keras clips p, so far out the loss flattens and is not convex): damped Newton from
  ///   the cross-entropy minimum, as for squared hinge. On separable data it has no finite minimum.
  /// - Hinge is convex and piecewise linear: for a fixed w the best b is an order statistic of the kinks, the
  ///   remaining convex function of w is minimised by golden-section search, and the result is moved to the
  ///   vertex (two points exactly on their margin) that it approaches. Squared hinge: damped Newton, exact
  ///   once the set of points inside their margin settles.
  /// - Both hinges on data with a gap between the classes are 0 on a whole region; its tip, the widest-margin
  ///   fit w = ±2/gap, b = −w·(middle of the gap), is given as ``LogisticMinimum/flat(w:b:loss:)``.
  public var minimum: LogisticMinimum {
    if case .separable(let direction, let gap) = data.separation {
      if fit.unboundedOnSeparableData { return .unbounded(direction: direction, infimum: 0) }
      if gap > 0 {
        // The lower class's largest x: the gap starts there.
        let lo = data.classRanges[direction > 0 ? 0 : 1].upperBound
        let w = direction * 2 / gap
        let b = -w * (lo + gap / 2)
        return .flat(w: w, b: b, loss: value(w: w, b: b))
      }
    }
    let m: (w: Double, b: Double)
    switch fit.minimum.kind {
    case .convexNewton:
      m = dampedNewton(from: (0, logitOfMeanLabel))
    case .newtonFromCrossEntropy(let alsoFromOrigin):
      let cross = with(loss: .binaryCrossentropy).dampedNewton(from: (0, logitOfMeanLabel))
      let candidates =
        [dampedNewton(from: cross)] + (alsoFromOrigin ? [dampedNewton(from: (0, 0))] : [])
      m = candidates.min { value(w: $0.w, b: $0.b) < value(w: $1.w, b: $1.b) }!
    case .hingeVertex:
      m = hingeMinimum()
    }
    return .point(w: m.w, b: m.b, loss: value(w: m.w, b: m.b))
  }

  /// log(p̄/(1 − p̄)) for the share p̄ of class 1: the best b when w = 0.
  private var logitOfMeanLabel: Double {
    let p = data.label.reduce(0, +) / Double(data.count)
    return log(p / (1 - p))
  }

  /// Gradient and exact Hessian of the mean loss, in centred coordinates (x − c), for conditioning.
  private func derivatives(w: Double, b: Double, centre: Double) -> (
    g: (Double, Double), h: (Double, Double, Double)
  ) {
    var gw = 0.0
    var gb = 0.0
    var hww = 0.0
    var hwb = 0.0
    var hbb = 0.0
    let (derivative, curvature) = (fit.derivative, fit.curvature)
    for (x, t) in zip(data.x, targets) {
      let u = x - centre
      let z = w * x + b
      let g = derivative(z, t, config)
      let h = curvature(z, t, config)
      gw += g * u
      gb += g
      hww += h * u * u
      hwb += h * u
      hbb += h
    }
    let n = Double(data.count)
    return ((gw / n, gb / n), (hww / n, hwb / n, hbb / n))
  }

  /// Levenberg–Marquardt on the exact Hessian: a Newton step when it lowers the loss, a shorter, more
  /// gradient-like one when it does not. Works in (w, b′ = b + w·c) so that w and b′ are not entangled.
  func dampedNewton(from start: (w: Double, b: Double)) -> (w: Double, b: Double) {
    let c = sorted.centre
    var w = start.w
    var b = start.b
    var f = value(w: w, b: b)
    var lambda = 1e-6
    for _ in 0..<200 {
      let (g, h) = derivatives(w: w, b: b, centre: c)
      let gradientSize = max(abs(g.0), abs(g.1))
      if gradientSize == 0 { break }
      var accepted = false
      for _ in 0..<60 {
        let a = h.0 + lambda
        let d = h.2 + lambda
        let det = a * d - h.1 * h.1
        guard det > 0, det.isFinite else {
          lambda = max(lambda * 10, 1e-12)
          continue
        }
        let dw = -(d * g.0 - h.1 * g.1) / det
        let dbShifted = -(a * g.1 - h.1 * g.0) / det
        // b′ = b + w·c moves by dbShifted, so b moves by dbShifted − dw·c.
        let nw = w + dw
        let nb = b + dbShifted - dw * c
        let nf = value(w: nw, b: nb)
        if nf <= f {
          let moved = nw != w || nb != b
          (w, b) = (nw, nb)
          let improved = nf < f
          f = nf
          lambda = max(lambda / 10, 1e-15)
          accepted = moved && improved
          break
        }
        lambda *= 10
      }
      if !accepted { break }
      if !(abs(w) < 1e12) { break }
    }
    return (w, b)
  }

  /// The hinge minimum: golden-section search over w of the best b's loss, then the nearest vertex.
  private func hingeMinimum() -> (w: Double, b: Double) {
    let n1 = Int(data.label.reduce(0, +))
    func bestB(_ w: Double) -> Double {
      // The subgradient in b is #{kinks −1 − w·x of class 0 below b} − #{kinks 1 − w·x of class 1 above b}:
      // it turns non-negative at the n1-th smallest kink.
      var kinks = zip(data.x, data.label).map { x, y in (y == 1 ? 1 : -1) - w * x }
      return quickselect(&kinks, max(0, n1 - 1))
    }
    let spread = max(1e-12, data.xRange.upperBound - data.xRange.lowerBound)
    let w0 = minimizeConvex(start: 0) { w in self.value(w: w, b: bestB(w)) }
    let b0 = bestB(w0)
    var best = (w: w0, b: b0, f: value(w: w0, b: b0))
    // The vertices among the points closest to their margin at (w0, b0).
    let residuals = zip(data.x, data.label).map { x, y -> (Double, Double, Double) in
      let t = y == 1 ? 1.0 : -1.0
      return (abs(1 - t * (w0 * x + b0)), x, t)
    }
    let near = residuals.sorted { $0.0 < $1.0 }.prefix(8)
    for (i, p) in near.enumerated() {
      for q in near.dropFirst(i + 1) where abs(p.1 - q.1) > 1e-12 * spread {
        // w·x_p + b = t_p and w·x_q + b = t_q.
        let w = (p.2 - q.2) / (p.1 - q.1)
        let b = p.2 - w * p.1
        let f = value(w: w, b: b)
        if f < best.f { best = (w, b, f) }
      }
    }
    return (best.w, best.b)
  }
}
