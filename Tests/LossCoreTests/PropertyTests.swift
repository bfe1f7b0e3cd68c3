import Foundation
import LossCore
import Testing

/// Properties that hold for every input, checked on thousands of seeded random cases (SplitMix64:
/// the same cases on every machine; a failure names its seed and round). The bounds come from
/// theory, not from our own output: Gibbs' inequality and Pinsker's bound for KL, log 2 for
/// Jensen–Shannon, the chain rule of cross-entropy, first-order descent for the optimizers, and
/// the per-point sum for MSE.
@Suite struct InformationPropertyTests {
  static let seed: UInt64 = 0x1F0_5EED

  /// KL(P‖Q) ≥ ½‖P − Q‖₁² (Pinsker, in nats): never negative, and zero only when P = Q.
  @Test func klIsNonNegativeAndZeroOnlyForEqualDistributions() {
    var rng = SplitMix64(seed: Self.seed)
    for round in 0..<5_000 {
      let n = rng.int(1...12)
      let p = rng.distribution(n, zeros: round % 3 == 0)
      let q = rng.distribution(n, zeros: round % 5 == 0)
      let context = "seed \(Self.seed) round \(round): p=\(p) q=\(q)"
      let kl = Distributions.kl(p, q, base: .nats)
      let l1 = zip(p, q).reduce(0) { $0 + abs($1.0 - $1.1) }
      #expect(kl >= 0.5 * l1 * l1 - 1e-12, "\(kl) < Pinsker \(0.5 * l1 * l1) — \(context)")
      if l1 > 1e-6 { #expect(kl > 0, "\(context)") }
      #expect(Distributions.kl(p, p, base: .nats) == 0, "\(context)")
      #expect(Distributions.kl(q, q, base: .bits) == 0, "\(context)")
    }
  }

  /// A zero in Q where P has mass makes KL infinite; a zero in P contributes nothing.
  @Test func klIsInfiniteExactlyWhenQMissesMassOfP() {
    var rng = SplitMix64(seed: Self.seed &+ 1)
    for round in 0..<2_000 {
      let n = rng.int(2...8)
      let p = rng.distribution(n, zeros: true)
      let q = rng.distribution(n, zeros: true)
      let misses = zip(p, q).contains { $0.0 > 0 && $0.1 == 0 }
      let kl = Distributions.kl(p, q, base: .nats)
      #expect(
        kl.isInfinite == misses && !kl.isNaN, "seed \(Self.seed &+ 1) round \(round): \(p) \(q)")
    }
  }

  /// 0 ≤ JS(P, Q) ≤ 1 bit (ln 2 nats), symmetric, and exactly 1 bit for disjoint supports.
  @Test func jensenShannonIsAtMostOneBit() {
    var rng = SplitMix64(seed: Self.seed &+ 2)
    for round in 0..<5_000 {
      let n = rng.int(1...12)
      let p = rng.distribution(n, zeros: round % 2 == 0)
      let q = rng.distribution(n, zeros: round % 3 == 0)
      let context = "seed \(Self.seed &+ 2) round \(round): p=\(p) q=\(q)"
      let bits = Distributions.report(p: p, q: q, base: .bits).jsDivergence
      let nats = Distributions.report(p: p, q: q, base: .nats).jsDivergence
      #expect(bits >= 0 && bits <= 1 + 1e-12, "JS = \(bits) bits — \(context)")
      #expect(nats <= log(2) + 1e-12, "JS = \(nats) nats — \(context)")
      #expect(
        abs(bits - Distributions.report(p: q, q: p, base: .bits).jsDivergence) <= 1e-12,
        "not symmetric — \(context)")
      #expect(abs(bits * log(2) - nats) <= 1e-12, "bits and nats disagree — \(context)")
    }
    // Disjoint supports: M puts half of each on its own categories, so JS = log 2 exactly.
    for n in 2...10 {
      var p = [Double](repeating: 0, count: n)
      var q = p
      for i in 0..<n {
        if i < n / 2 { p[i] = 1 / Double(n / 2) } else { q[i] = 1 / Double(n - n / 2) }
      }
      let js = Distributions.report(p: p, q: q, base: .bits).jsDivergence
      #expect(abs(js - 1) <= 1e-12, "n = \(n): \(js)")
    }
  }

  /// H(P, Q) = H(P) + KL(P‖Q) in every base, infinite on both sides together.
  @Test func crossEntropyIsEntropyPlusKL() {
    var rng = SplitMix64(seed: Self.seed &+ 3)
    for round in 0..<5_000 {
      let n = rng.int(1...12)
      let p = rng.distribution(n, zeros: round % 3 == 0)
      let q = rng.distribution(n, zeros: round % 4 == 0)
      let context = "seed \(Self.seed &+ 3) round \(round): p=\(p) q=\(q)"
      for base in LogBase.allCases {
        let h = Distributions.entropy(p, base: base)
        let cross = Distributions.crossEntropy(p, q, base: base)
        let kl = Distributions.kl(p, q, base: base)
        if kl.isInfinite {
          #expect(cross == .infinity, "\(base) — \(context)")
        } else {
          #expect(abs(cross - (h + kl)) <= 1e-12 * max(1, abs(cross)), "\(base) — \(context)")
        }
        #expect(h >= 0 && h <= base.log(Double(n)) + 1e-12, "H out of [0, log n] — \(context)")
      }
    }
  }
}

/// Each optimizer, fresh or part-way through, moves downhill on a convex quadratic when the
/// learning rate is small: first-order descent, which every rule here must satisfy.
@Suite struct OptimizerPropertyTests {
  static let seed: UInt64 = 0x0971_5EED

  /// f(θ) = ½ Σ aᵢ(θᵢ − cᵢ)², aᵢ ∈ [0.1, 10]; ∇f = a·(θ − c).
  struct Quadratic {
    var a: [Double]
    var c: [Double]
    func value(_ t: [Double]) -> Double {
      zip(a, zip(t, c)).reduce(0) { $0 + 0.5 * $1.0 * ($1.1.0 - $1.1.1) * ($1.1.0 - $1.1.1) }
    }
    func gradient(_ t: [Double]) -> [Double] { zip(a, zip(t, c)).map { $0 * ($1.0 - $1.1) } }
  }

  @Test(arguments: OptimizerKind.allCases)
  func stepsLowerAQuadraticForASmallRate(kind: OptimizerKind) {
    var rng = SplitMix64(seed: Self.seed &+ UInt64(OptimizerKind.allCases.firstIndex(of: kind)!))
    for round in 0..<500 {
      let n = rng.int(1...5)
      let f = Quadratic(
        a: (0..<n).map { _ in rng.uniform(0.1...10) }, c: (0..<n).map { _ in rng.uniform(-5...5) })
      // Start at least 0.5 from the minimum in every coordinate: 10 steps of rate 1e-3 move each
      // coordinate by far less than that, whatever the optimizer's step size rule.
      var theta = f.c.map { $0 + (rng.uniform(0.5...20)) * (rng.int(0...1) == 0 ? -1 : 1) }
      var optimizer = Optimizer(kind, learningRate: 1e-3)
      var loss = f.value(theta)
      for step in 1...10 {
        optimizer.step(&theta, gradient: f.gradient(theta))
        let next = f.value(theta)
        #expect(
          next < loss,
          "\(kind) seed \(Self.seed) round \(round) step \(step): \(loss) → \(next), a=\(f.a) c=\(f.c)"
        )
        loss = next
      }
    }
  }
}

/// The MSE surface from centred sufficient statistics (O(1) per cell) equals the plain per-point
/// mean of squared residuals, within the rounding of that sum.
@Suite struct MSEStatisticsPropertyTests {
  static let seed: UInt64 = 0x3_5EED

  @Test func surfaceValueAndGradientMatchTheBruteForceSums() {
    var rng = SplitMix64(seed: Self.seed)
    for round in 0..<300 {
      let n = rng.int(2...60)
      let scale = [0.01, 1, 100, 1e4][rng.int(0...3)]
      let offset = [0, 1, 1e3][rng.int(0...2)]
      let x = (0..<n).map { _ in offset + scale * rng.uniform(-1...1) }
      let (w0, b0) = (rng.uniform(-3...3), rng.uniform(-3...3))
      let y = x.map { w0 * $0 + b0 + rng.uniform(-1...1) * scale }
      let objective = LineFitObjective(data: LineData(x: x, y: y), loss: .mse)
      let wRange = -4.0...(-4 + rng.uniform(0.1...8))
      let bRange = -4.0...(-4 + rng.uniform(0.1...8))
      let grid = objective.surface(columns: 7, rows: 5, w: wRange, b: bRange)
      let context = "seed \(Self.seed) round \(round): n=\(n) scale=\(scale) offset=\(offset)"
      for i in 0..<grid.columns {
        for j in 0..<grid.rows {
          let (w, b) = (grid.x(i), grid.y(j))
          var sum = 0.0
          var size = 0.0  // Σ(|wx| + |b| + |y|)²: what the rounding error of either way scales with
          var gw = 0.0
          var gb = 0.0
          for (xi, yi) in zip(x, y) {
            let r = w * xi + b - yi
            sum += r * r
            gw += 2 * r * xi
            gb += 2 * r
            let m = abs(w * xi) + abs(b) + abs(yi)
            size += m * m
          }
          let brute = sum / Double(n)
          let tolerance = 1e-12 * size / Double(n) + 1e-300
          #expect(
            abs(grid[i, j] - brute) <= tolerance,
            "(\(w), \(b)) \(grid[i, j]) vs \(brute) — \(context)")
          #expect(abs(objective.value(w: w, b: b) - brute) <= tolerance, "\(context)")
          let g = objective.gradient(w: w, b: b)
          let gTolerance =
            1e-12 * (size / Double(n)).squareRoot() * (x.map { abs($0) }.max()! + 1) * 4
          #expect(abs(g.w - gw / Double(n)) <= gTolerance * 10, "∂w at (\(w), \(b)) — \(context)")
          #expect(abs(g.b - gb / Double(n)) <= gTolerance, "∂b at (\(w), \(b)) — \(context)")
        }
      }
    }
  }
}

extension SplitMix64 {
  mutating func uniform(_ r: ClosedRange<Double>) -> Double {
    r.lowerBound + (r.upperBound - r.lowerBound) * nextUnit()
  }

  /// A random probability vector of `n` entries (normalised exponentials, so mass is spread out
  /// or concentrated); with `zeros`, some entries are exactly 0 (at least one stays positive).
  mutating func distribution(_ n: Int, zeros: Bool) -> [Double] {
    var v = (0..<n).map { _ in -log(1 - nextUnit()) * pow(10, uniform(-3...0)) }
    if zeros {
      for i in 0..<n where int(0...2) == 0 { v[i] = 0 }
      if v.allSatisfy({ $0 == 0 }) { v[int(0...n - 1)] = 1 }
    }
    let s = v.reduce(0, +)
    return v.map { $0 / s }
  }
}
