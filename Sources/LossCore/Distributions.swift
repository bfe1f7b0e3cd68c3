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
    kl(p, count: min(p.count, q.count), base: base) { q[$0] }
  }

  /// `kl` of the first `count` values of `p` against q given one value at a time (the mixture
  /// (P + Q)/2 in `report`, with no array made). A closure rather than a lazy sequence: the lazy
  /// zip's iterator made the runtime check a conformance when the distributions view first drew,
  /// and that first check searches every conformance in the binary.
  static func kl(_ p: [Double], count n: Int, base: LogBase, q: (Int) -> Double) -> Double {
    var sum = 0.0
    var size = 0.0
    var count = 0
    for i in 0..<n where p[i] != 0 {
      let (pi, qi) = (p[i], q(i))
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
    var terms: [Double] = []
    contributions(p, q, base: base, into: &terms)
    return terms
  }

  /// `contributions` written into `terms` (emptied first, its storage kept).
  public static func contributions(
    _ p: [Double], _ q: [Double], base: LogBase, into terms: inout [Double]
  ) {
    terms.removeAll(keepingCapacity: true)
    terms.reserveCapacity(min(p.count, q.count))
    for (pi, qi) in zip(p, q) {
      if pi == 0 {
        terms.append(0)
      } else if qi == 0 {
        terms.append(.infinity)
      } else {
        terms.append(pi * base.log(pi / qi))
      }
    }
  }

  /// All quantities at once. P and Q must have the same count (validate them first).
  public static func report(p: [Double], q: [Double], base: LogBase) -> DistributionReport {
    var r = DistributionReport(
      entropyP: 0, entropyQ: 0, crossEntropyPQ: 0, crossEntropyQP: 0, klPQ: 0, klQP: 0,
      jsDivergence: 0, jsDistance: 0, contributionsPQ: [], base: base)
    report(p: p, q: q, base: base, into: &r)
    return r
  }

  /// `report(p:q:base:)` written into `r`, whose contributions array keeps its storage: a view
  /// that reports every frame (a bar edit) allocates nothing for it.
  public static func report(
    p: [Double], q: [Double], base: LogBase, into r: inout DistributionReport
  ) {
    // M = (P + Q)/2, one value at a time.
    func mixture(_ i: Int) -> Double { (p[i] + q[i]) / 2 }
    let n = min(p.count, q.count)
    let js = max(
      0,
      0.5 * kl(p, count: n, base: base, q: mixture) + 0.5 * kl(q, count: n, base: base, q: mixture))
    r.entropyP = entropy(p, base: base)
    r.entropyQ = entropy(q, base: base)
    r.crossEntropyPQ = crossEntropy(p, q, base: base)
    r.crossEntropyQP = crossEntropy(q, p, base: base)
    r.klPQ = kl(p, q, base: base)
    r.klQP = kl(q, p, base: base)
    r.jsDivergence = js
    r.jsDistance = js.squareRoot()
    contributions(p, q, base: base, into: &r.contributionsPQ)
    r.base = base
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
    set(&out, index: i, to: x)
    return out
  }

  /// Sets `v[i] = x` and rescales the other entries so the sum is exactly 1, in place (what
  /// `setting` returns). A single entry becomes 1.
  public static func set(_ v: inout [Double], index i: Int, to x: Double) {
    guard v.count > 1 else {
      v = [1]
      return
    }
    var rest = 0.0
    for j in v.indices where j != i { rest += v[j] }
    v[i] = x
    let target = 1 - x
    let others = Double(v.count - 1)
    for j in v.indices where j != i {
      v[j] = rest > 0 ? v[j] / rest * target : target / others
    }
    // Put the rounding error on the largest other entry (the first of equals) so the sum is 1 to
    // the last bit.
    let sum = v.reduce(0, +)
    var big = -1
    for j in v.indices where j != i && (big < 0 || v[big] < v[j]) { big = j }
    v[big] = max(0, v[big] + (1 - sum))
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
