#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A normal distribution discretised over the positions 0, 1, …, count − 1 of a row of categories:
/// `q[i] ∝ exp(−(i − μ)² / (2σ²))`, scaled to sum to 1.
///
/// This is the single-peaked Q the distributions view fits to a P (`f` and `F`). It is an exponential
/// family with sufficient statistics i and i², so the Q that minimises KL(P‖Q) has exactly P's mean
/// and variance over the positions (moment matching); μ and σ themselves differ from those moments
/// only by the discretisation and the cut at the ends.
public struct DiscreteNormal: Sendable, Hashable {
  /// The centre, in category positions (0 is the first category).
  public var mu: Double
  /// The spread, in category positions (> 0).
  public var sigma: Double

  public init(mu: Double, sigma: Double) {
    self.mu = mu
    self.sigma = sigma
  }

  /// log q[i] for i in 0..<count, computed with a log-sum-exp so no term underflows to log 0.
  public func logProbabilities(count: Int) -> [Double] {
    let e = (0..<count).map { i in
      let z = (Double(i) - mu) / sigma
      return -0.5 * z * z
    }
    let top = e.max() ?? 0
    let logZ = top + libmLog(e.reduce(0) { $0 + libmExp($1 - top) })
    return e.map { $0 - logZ }
  }

  /// q[0..<count], summing to 1.
  public func probabilities(count: Int) -> [Double] {
    Distributions.renormalized(logProbabilities(count: count).map { libmExp($0) })
  }
}

/// Which divergence a fit minimises.
public enum KLDirection: String, Sendable, CaseIterable {
  /// KL(P‖Q): Q pays where P has mass and Q has little, so the fit covers all of P (mass covering).
  case forward = "p||q"
  /// KL(Q‖P): Q pays where Q has mass and P has little, so the fit sits on one peak (mode seeking).
  case reverse = "q||p"

  /// "KL(P‖Q)" or "KL(Q‖P)", with `parallel` between the letters ("‖", or "||" in ASCII).
  public func name(parallel: String = "‖") -> String {
    self == .forward ? "KL(P\(parallel)Q)" : "KL(Q\(parallel)P)"
  }
}

/// A fitted single-peaked Q: its parameters, its probabilities and the divergence it reached.
public struct NormalFit: Sendable, Hashable {
  public var normal: DiscreteNormal
  /// The fitted Q over the categories (sums to 1).
  public var q: [Double]
  public var direction: KLDirection
  /// The minimised divergence, in nats.
  public var divergenceNats: Double

  /// The minimised divergence in `base`'s unit.
  public func divergence(base: LogBase) -> Double {
    divergenceNats * base.log(libmExp(1))
  }
}

/// Fits a `DiscreteNormal` Q to a distribution P by minimising KL(P‖Q) or KL(Q‖P).
///
/// The search is deterministic: every point of a grid over μ ∈ [−count, 2·count − 1] and log σ ∈
/// [log σmin, log σmax] is evaluated, a Nelder–Mead simplex is started from each of the three lowest
/// grid points that no neighbour undercuts, and the best result wins. KL(Q‖P) usually has one local minimum per peak of
/// P; starting from each one finds the best of them.
public enum NormalFitting {
  /// The smallest σ a fit may use, in positions: narrower normals put almost all their mass on one
  /// category and their far probabilities underflow.
  public static let sigmaMin = 0.3

  /// The largest σ a fit may use: `count` positions, by then Q is nearly uniform over the row.
  public static func sigmaMax(count: Int) -> Double { Double(max(count, 2)) }

  /// The divergence `direction` between P and the normal with these parameters, in nats
  /// (+∞ for KL(Q‖P) when P has a zero: every normal Q is positive everywhere).
  public static func divergence(
    p: [Double], normal: DiscreteNormal, direction: KLDirection
  ) -> Double {
    let logQ = normal.logProbabilities(count: p.count)
    var sum = 0.0
    switch direction {
    case .forward:
      for (pi, lq) in zip(p, logQ) where pi > 0 { sum += pi * (libmLog(pi) - lq) }
    case .reverse:
      for (pi, lq) in zip(p, logQ) {
        guard pi > 0 else { return .infinity }
        sum += libmExp(lq) * (lq - libmLog(pi))
      }
    }
    return max(0, sum)
  }

  /// The normal Q that minimises `direction` for P (which must have at least two categories and sum
  /// to 1). Throws when no normal gives a finite KL(Q‖P): P has a zero, and every normal is positive
  /// everywhere.
  public static func fit(p: [Double], direction: KLDirection) throws(LossCoreError) -> NormalFit {
    guard p.count >= 2 else {
      throw LossCoreError("a normal fit needs at least 2 categories, found \(p.count)")
    }
    if direction == .reverse, let i = p.firstIndex(of: 0) {
      throw LossCoreError(
        "KL(Q||P) is infinite for every normal Q: P gives category \(i + 1) probability 0, and a normal is never 0"
      )
    }
    let n = p.count
    // μ may lie beyond the ends: a P that falls away from its first category is best fitted by the
    // tail of a normal centred to the left of it.
    let muRange = -Double(n)...(2 * Double(n) - 1)
    let sRange = libmLog(sigmaMin)...libmLog(sigmaMax(count: n))
    func clamp(_ x: Double, _ r: ClosedRange<Double>) -> Double {
      min(max(x, r.lowerBound), r.upperBound)
    }
    func f(_ v: SIMD2<Double>) -> Double {
      divergence(
        p: p,
        normal: DiscreteNormal(mu: clamp(v.x, muRange), sigma: libmExp(clamp(v.y, sRange))),
        direction: direction)
    }

    // A grid, then a simplex from each of the three lowest grid points that no neighbour undercuts
    // (KL(Q‖P) has a low point per peak of P; plateaus far off give many equal ones, hence the cap).
    let gm = 12 * n - 3  // steps of 1/4 position
    let gs = 25
    var grid = [Double](repeating: 0, count: gm * gs)
    func point(_ i: Int, _ j: Int) -> SIMD2<Double> {
      SIMD2(
        muRange.lowerBound + (muRange.upperBound - muRange.lowerBound) * Double(i) / Double(gm - 1),
        sRange.lowerBound + (sRange.upperBound - sRange.lowerBound) * Double(j) / Double(gs - 1))
    }
    for i in 0..<gm { for j in 0..<gs { grid[i * gs + j] = f(point(i, j)) } }
    var candidates: [(value: Double, index: Int)] = []
    for i in 0..<gm {
      for j in 0..<gs {
        let v = grid[i * gs + j]
        var lowest = true
        for di in -1...1 {
          for dj in -1...1 where di != 0 || dj != 0 {
            let a = i + di
            let b = j + dj
            guard a >= 0, a < gm, b >= 0, b < gs else { continue }
            if grid[a * gs + b] < v { lowest = false }
          }
        }
        if lowest { candidates.append((v, i * gs + j)) }
      }
    }
    candidates.sort { ($0.value, $0.index) < ($1.value, $1.index) }
    var starts: [(i: Int, j: Int)] = []
    for c in candidates where starts.count < 3 {
      let (i, j) = (c.index / gs, c.index % gs)
      if starts.allSatisfy({ abs($0.i - i) > 2 || abs($0.j - j) > 2 }) { starts.append((i, j)) }
    }
    let step = SIMD2(
      (muRange.upperBound - muRange.lowerBound) / Double(gm - 1),
      (sRange.upperBound - sRange.lowerBound) / Double(gs - 1))
    var best: (v: SIMD2<Double>, f: Double)? = nil
    for s in starts {
      let r = nelderMead(f, start: point(s.i, s.j), step: step)
      if best == nil || r.f < best!.f { best = r }
    }
    let v = best!.v
    let normal = DiscreteNormal(mu: clamp(v.x, muRange), sigma: libmExp(clamp(v.y, sRange)))
    return NormalFit(
      normal: normal, q: normal.probabilities(count: n), direction: direction,
      divergenceNats: divergence(p: p, normal: normal, direction: direction))
  }

  /// A Nelder–Mead simplex search in two variables (reflection 1, expansion 2, contraction ½,
  /// shrink ½), stopped when the simplex is smaller than 1e-10 in both coordinates (or after 2000 steps).
  static func nelderMead(
    _ f: (SIMD2<Double>) -> Double, start: SIMD2<Double>, step: SIMD2<Double>
  ) -> (v: SIMD2<Double>, f: Double) {
    var s = [start, start + SIMD2(step.x, 0), start + SIMD2(0, step.y)]
    var fs = s.map(f)
    for _ in 0..<2000 {
      let order = [0, 1, 2].sorted { fs[$0] < fs[$1] }
      s = order.map { s[$0] }
      fs = order.map { fs[$0] }
      let spread = SIMD2(
        max(abs(s[1].x - s[0].x), abs(s[2].x - s[0].x)),
        max(abs(s[1].y - s[0].y), abs(s[2].y - s[0].y)))
      if spread.x < 1e-10 && spread.y < 1e-10 { break }
      let centre = (s[0] + s[1]) / 2
      let r = centre + (centre - s[2])
      let fr = f(r)
      if fr < fs[0] {
        let e = centre + 2 * (centre - s[2])
        let fe = f(e)
        if fe < fr { (s[2], fs[2]) = (e, fe) } else { (s[2], fs[2]) = (r, fr) }
      } else if fr < fs[1] {
        (s[2], fs[2]) = (r, fr)
      } else {
        let c = fr < fs[2] ? centre + 0.5 * (r - centre) : centre + 0.5 * (s[2] - centre)
        let fc = f(c)
        if fc < min(fr, fs[2]) {
          (s[2], fs[2]) = (c, fc)
        } else {
          for k in 1...2 {
            s[k] = s[0] + 0.5 * (s[k] - s[0])
            fs[k] = f(s[k])
          }
        }
      }
    }
    let i = [0, 1, 2].min { fs[$0] < fs[$1] }!
    return (s[i], fs[i])
  }
}
