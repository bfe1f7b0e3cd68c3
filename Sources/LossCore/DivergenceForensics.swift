#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Why a descent is blowing up: where the loss began to rise, which parameter oscillates, and how the rate
/// compares with the stable bound.
public struct DivergenceReport: Sendable, Equatable {
  /// The step the report was made at (the last one kept).
  public var step: Int
  /// The last step before the rise: the lowest loss of the run that ended in the blow-up. Rewind here.
  public var riseStart: Int
  /// True when the next step produced non-finite or absurdly large values (and was not kept).
  public var nonFinite: Bool
  /// The parameters ("w", "b") whose gradient changed sign at every step since `riseStart`.
  public var oscillating: [String]
  /// The rate of the last step.
  public var rate: Double
  /// The optimizer's stable bound on this surface and its formula, when one applies.
  public var bound: (rate: Double, formula: String)?

  public static func == (a: Self, b: Self) -> Bool {
    a.step == b.step && a.riseStart == b.riseStart && a.nonFinite == b.nonFinite
      && a.oscillating == b.oscillating && a.rate == b.rate && a.bound?.rate == b.bound?.rate
      && a.bound?.formula == b.bound?.formula
  }

  /// One line for the app's status, e.g. `loss rose for 4 steps from step 3; w and b oscillate (gradient signs
  /// flip every step); rate 0.9 is 1.14× the stable bound 2/λmax = 0.788`.
  public var message: String {
    nonFinite ? "values became non-finite after step \(step); " + details : details
  }

  /// ``message`` without the non-finite note: where the rise began, what oscillates, the rate and its bound.
  public var details: String {
    var parts: [String] = []
    let rise = step - riseStart
    parts.append(
      rise > 0
        ? "loss rose for \(rise) step\(rise == 1 ? "" : "s") from step \(riseStart)"
        : "it blew up in one step")
    switch oscillating.count {
    case 0 where step >= 2: parts.append("no parameter oscillates (it runs away steadily)")
    case 0: break
    case 1: parts.append("\(oscillating[0]) oscillates (its gradient flips sign every step)")
    default:
      parts.append(
        "\(oscillating.joined(separator: " and ")) oscillate (gradient signs flip every step)")
    }
    if let bound {
      let ratio = rate / bound.rate
      parts.append(
        "rate \(g6(rate)) is \(String(cFormat: "%.2f", ratio))× the stable bound \(bound.formula) = \(g6(bound.rate))"
      )
    } else {
      parts.append("rate \(g6(rate))")
    }
    return parts.joined(separator: "; ")
  }
}

extension Descent {
  /// Rising for this many steps in a row counts as blowing up.
  public static let risingSteps = 3

  /// A report when the descent is blowing up — the loss rose at each of the last `k` steps, or the next step
  /// was non-finite — else nil. `largestCurvature` (λmax, for MSE) gives the stable bound of gd and momentum.
  public func divergence(risingSteps k: Int = Descent.risingSteps, largestCurvature: Double? = nil)
    -> DivergenceReport?
  {
    let n = trajectory.count
    var start = n - 1
    while start > 0, trajectory[start].loss > trajectory[start - 1].loss { start -= 1 }
    let rising = n - 1 - start
    guard diverged || rising >= max(1, k) else { return nil }
    let last = trajectory[n - 1]
    let bound = largestCurvature.flatMap { lambda in
      StabilityBound.rate(for: optimizer.kind, largestCurvature: lambda).map {
        ($0, StabilityBound.formula(for: optimizer.kind)!)
      }
    }
    return DivergenceReport(
      step: last.step, riseStart: trajectory[start].step, nonFinite: diverged,
      oscillating: Self.oscillating(Array(trajectory[max(0, min(start, n - 4))...])),
      rate: rate(ofStep: max(1, last.step)), bound: bound)
  }

  /// The parameters whose gradient changes sign at every step of `steps` (at least three points).
  static func oscillating(_ steps: [DescentStep]) -> [String] {
    guard steps.count >= 3 else { return [] }
    func flips(_ g: [Double]) -> Bool {
      zip(g, g.dropFirst()).allSatisfy { $0 * $1 < 0 }
    }
    var out: [String] = []
    if flips(steps.map(\.gradW)) { out.append("w") }
    if flips(steps.map(\.gradB)) { out.append("b") }
    return out
  }
}

extension Descent {
  /// The parameters ("w", "b") whose gradient changed sign at each of the last steps; for tests.
  public static func oscillatingForTesting(_ steps: [DescentStep]) -> [String] {
    oscillating(steps)
  }
}
