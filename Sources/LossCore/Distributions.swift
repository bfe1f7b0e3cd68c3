#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The base of the logarithm: bits (2), nats (e) or dits (10). The raw value is the command-line spelling.
public enum LogBase: String, CaseIterable, Sendable {
  case bits = "2"
  case nats = "e"
  case dits = "10"

  /// The unit's name: "bits", "nats", "dits".
  public var unit: String {
    switch self {
    case .bits: "bits"
    case .nats: "nats"
    case .dits: "dits"
    }
  }

  /// log in this base.
  public func log(_ x: Double) -> Double {
    switch self {
    case .bits: libmLog2(x)
    case .nats: libmLog(x)
    case .dits: libmLog10(x)
    }
  }
}

/// Everything the distributions view and `losslab kl` show about two distributions P and Q.
public struct DistributionReport: Sendable, Equatable {
  public var entropyP: Double
  public var entropyQ: Double
  /// H(P, Q) = −Σ p·log q.
  public var crossEntropyPQ: Double
  /// H(Q, P) = −Σ q·log p.
  public var crossEntropyQP: Double
  public var klPQ: Double
  public var klQP: Double
  /// Jensen–Shannon divergence: ½KL(P‖M) + ½KL(Q‖M), M = (P + Q)/2.
  public var jsDivergence: Double
  /// √(JS divergence), a metric.
  public var jsDistance: Double
  /// Each category's signed share p·log(p/q) of KL(P‖Q) (0 where p = 0, +∞ where q = 0 < p).
  public var contributionsPQ: [Double]
  public var base: LogBase
}

/// Information-theory quantities of discrete distributions (no Keras clipping): 0·log 0 = 0, and
/// a zero in Q where P > 0 makes KL and cross-entropy +∞.
public enum Distributions {
  /// Checks a distribution: non-empty, finite, non-negative, and summing to 1 within 1e-6 — or, with
  /// `normalize`, rescales it to sum to 1 (it must still be non-negative with a positive sum).
  public static func validated(
    _ v: [Double], name: String, normalize: Bool
  ) throws(LossCoreError) -> [Double] {
    guard !v.isEmpty else { throw LossCoreError("\(name): empty distribution") }
    for (i, x) in v.enumerated() {
      guard x.isFinite else {
        throw LossCoreError("\(name): value \(i + 1) is not a finite number")
      }
      guard x >= 0 else {
        throw LossCoreError(
          "\(name): value \(i + 1) is negative (\(NumberText.short(x))); probabilities must be >= 0"
        )
      }
    }
    let sum = v.reduce(0, +)
    if normalize {
      // Divide by the largest entry first: the plain sum of huge entries overflows to ∞.
      let largest = v.max()!
      guard largest > 0 else { throw LossCoreError("\(name): sums to 0, cannot normalize") }
      if sum.isFinite { return v.map { $0 / sum } }
      let scaled = v.map { $0 / largest }
      let scaledSum = scaled.reduce(0, +)
      return scaled.map { $0 / scaledSum }
    }
    guard abs(sum - 1) <= 1e-6 else {
      throw LossCoreError(
        "\(name): sums to \(NumberText.short(sum)), not 1 (use --normalize to rescale)")
    }
    return v
  }

  /// H(P) = −Σ p·log p.
  public static func entropy(_ p: [Double], base: LogBase) -> Double {
    0 - p.reduce(0) { $0 + xlogy($1, $1, base) }
  }

  /// H(P, Q) = −Σ p·log q; +∞ when some q = 0 < p. P and Q must have the same count.
  public static func crossEntropy(_ p: [Double], _ q: [Double], base: LogBase) -> Double {
    0 - zip(p, q).reduce(0) { $0 + xlogy($1.0, $1.1, base) }
  }

  /// KL(P‖Q) = Σ p·log(p/q); +∞ when some q = 0 < p. P and Q must have the same count.
  ///
  /// A sum within its own rounding error of zero is 0: for Q within about 1e-8 of P (a normal fit that
  /// matches P) the terms cancel to ±1e-16, below what double precision can tell from zero, and KL is never
  /// negative.
  public static func kl(_ p: [Double], _ q: [Double], base: LogBase) -> Double {
    var sum = 0.0
    var size = 0.0
    var count = 0
    for (pi, qi) in zip(p, q) where pi != 0 {
      if qi == 0 { return .infinity }
      let term = pi * base.log(pi / qi)
      sum += term
      // The ratio's rounding moves the log by about ε (p·ε in the term), the log and the product
      // each add ε·|term|.
      size += pi * base.log(M_E) + 2 * abs(term)
      count += 1
    }
    // Each addition adds at most ε times the running size.
    let roundingError = Double(count + 2) * Double.ulpOfOne * size
    return abs(sum) <= roundingError ? 0 : sum
  }

  /// The terms p·log(p/q) of KL(P‖Q), signed.
  public static func contributions(_ p: [Double], _ q: [Double], base: LogBase) -> [Double] {
    zip(p, q).map { pi, qi in
      if pi == 0 { return 0 }
      if qi == 0 { return .infinity }
      return pi * base.log(pi / qi)
    }
  }

  /// All quantities at once. P and Q must have the same count (validate them first).
  public static func report(p: [Double], q: [Double], base: LogBase) -> DistributionReport {
    let m = zip(p, q).map { ($0 + $1) / 2 }
    let js = max(0, 0.5 * kl(p, m, base: base) + 0.5 * kl(q, m, base: base))
    return DistributionReport(
      entropyP: entropy(p, base: base), entropyQ: entropy(q, base: base),
      crossEntropyPQ: crossEntropy(p, q, base: base),
      crossEntropyQP: crossEntropy(q, p, base: base),
      klPQ: kl(p, q, base: base), klQP: kl(q, p, base: base),
      jsDivergence: js, jsDistance: js.squareRoot(),
      contributionsPQ: contributions(p, q, base: base), base: base)
  }

  /// x·log y with 0·log y = 0 (also for y = 0), and −∞ for x > 0 = y.
  private static func xlogy(_ x: Double, _ y: Double, _ base: LogBase) -> Double {
    if x == 0 { return 0 }
    if y == 0 { return -.infinity }
    return x * base.log(y)
  }

  // MARK: Editing a distribution (the distributions view)

  /// `v` with `v[i] = x` and the other entries rescaled so the sum is exactly 1.
  public static func setting(_ v: [Double], index i: Int, to x: Double) -> [Double] {
    var out = v
    let others = v.indices.filter { $0 != i }
    let rest = others.reduce(0) { $0 + v[$1] }
    out[i] = x
    guard !others.isEmpty else { return [1] }
    let target = 1 - x
    if rest > 0 {
      for j in others { out[j] = v[j] / rest * target }
    } else {
      for j in others { out[j] = target / Double(others.count) }
    }
    // Put the rounding error on the largest other entry so the sum is 1 to the last bit.
    let sum = out.reduce(0, +)
    if let big = others.max(by: { out[$0] < out[$1] }) {
      out[big] = max(0, out[big] + (1 - sum))
    }
    return out
  }

  /// `v` scaled to sum to exactly 1 (uniform when it sums to 0), the rounding error put on its largest entry.
  public static func renormalized(_ v: [Double]) -> [Double] {
    let s = v.reduce(0, +)
    guard s > 0 else { return Array(repeating: 1 / Double(v.count), count: v.count) }
    var out = v.map { $0 / s }
    let err = 1 - out.reduce(0, +)
    if let big = out.indices.max(by: { out[$0] < out[$1] }) { out[big] += err }
    return out
  }
}
