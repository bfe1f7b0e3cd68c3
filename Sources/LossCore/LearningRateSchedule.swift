#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A learning-rate schedule as Keras 3 defines it: the rate for an optimizer step from the step count.
///
/// Keras calls the schedule with the optimizer's `iterations` before the update, so the first step uses
/// `rate(initial:step: 0)`, the t-th step `rate(initial:step: t − 1)`. `initial` is Keras's
/// `initial_learning_rate` (`--lr`); ``piecewise(boundaries:values:)`` ignores it, its `values` are the rates.
public enum LearningRateSchedule: Sendable, Equatable {
  /// The initial rate at every step.
  case constant
  /// ExponentialDecay: lr·rateᵖ, p = step/decay_steps (floored when `staircase`).
  case exponential(decaySteps: Double, decayRate: Double, staircase: Bool)
  /// PiecewiseConstantDecay: values[0] while step ≤ boundaries[0], values[i] while
  /// boundaries[i−1] < step ≤ boundaries[i], the last value after the last boundary.
  case piecewise(boundaries: [Double], values: [Double])
  /// PolynomialDecay: (lr − end)·(1 − p)^power + end, p = min(step, decay_steps)/decay_steps; with `cycle` the
  /// decay length grows to the next multiple of decay_steps instead.
  case polynomial(decaySteps: Double, endLearningRate: Double, power: Double, cycle: Bool)
  /// InverseTimeDecay: lr / (1 + rate·p), p = step/decay_steps (floored when `staircase`).
  case inverseTime(decaySteps: Double, decayRate: Double, staircase: Bool)
  /// CosineDecay: a linear warmup from lr to `warmupTarget` over `warmupSteps` (when a target is given), then
  /// target·((1 − α)·½(1 + cos(π·min(s, decay_steps)/decay_steps)) + α).
  case cosine(decaySteps: Double, alpha: Double, warmupTarget: Double?, warmupSteps: Double)
  /// CosineDecayRestarts (SGDR): cosine decay over `firstDecaySteps`, then restarts, each period t_mul times the
  /// last and each peak m_mul times the last.
  case cosineRestarts(firstDecaySteps: Double, tMul: Double, mMul: Double, alpha: Double)

  /// The command-line names, in the app's cycle order.
  public static let names = [
    "constant", "exponential", "piecewise", "polynomial", "inverse-time", "cosine",
    "cosine-restarts",
  ]

  /// The command-line name (`exponential`, `inverse-time`, …).
  public var name: String {
    switch self {
    case .constant: "constant"
    case .exponential: "exponential"
    case .piecewise: "piecewise"
    case .polynomial: "polynomial"
    case .inverseTime: "inverse-time"
    case .cosine: "cosine"
    case .cosineRestarts: "cosine-restarts"
    }
  }

  /// The Keras class this schedule reproduces.
  public var kerasName: String {
    switch self {
    case .constant: "a constant learning_rate"
    case .exponential: "ExponentialDecay"
    case .piecewise: "PiecewiseConstantDecay"
    case .polynomial: "PolynomialDecay"
    case .inverseTime: "InverseTimeDecay"
    case .cosine: "CosineDecay"
    case .cosineRestarts: "CosineDecayRestarts"
    }
  }

  /// The rate at `step` (Keras's `schedule(step)`), for the initial rate `initial`.
  public func rate(initial: Double, step: Int) -> Double {
    let s = Double(step)
    switch self {
    case .constant:
      return initial
    case .exponential(let n, let r, let staircase):
      var p = s / n
      if staircase { p = p.rounded(.down) }
      return initial * pow(r, p)
    case .piecewise(let boundaries, let values):
      if s <= boundaries[0] { return values[0] }
      for i in 1..<boundaries.count where s <= boundaries[i] { return values[i] }
      return values[values.count - 1]
    case .polynomial(let n, let end, let power, let cycle):
      var steps = n
      var t = s
      if cycle {
        steps = n * (s == 0 ? 1 : (s / n).rounded(.up))
      } else {
        t = min(s, n)
      }
      return (initial - end) * pow(1 - t / steps, power) + end
    case .inverseTime(let n, let r, let staircase):
      var p = s / n
      if staircase { p = p.rounded(.down) }
      return initial / (1 + r * p)
    case .cosine(let n, let alpha, let target, let warmup):
      func decay(_ t: Double, from lr: Double) -> Double {
        lr * ((1 - alpha) * (0.5 * (1 + cos(Double.pi * (t / n)))) + alpha)
      }
      guard let target else { return decay(min(s, n), from: initial) }
      let t = min(s, n + warmup)
      if t < warmup { return (target - initial) * (t / warmup) + initial }
      return decay(t - warmup, from: target)
    case .cosineRestarts(let n, let tMul, let mMul, let alpha):
      var fraction = s / n
      let restart: Double
      if tMul == 1 {
        restart = fraction.rounded(.down)
        fraction -= restart
      } else {
        restart = (log(1 - fraction * (1 - tMul)) / log(tMul)).rounded(.down)
        let done = (1 - pow(tMul, restart)) / (1 - tMul)
        fraction = (fraction - done) / pow(tMul, restart)
      }
      let cosine = 0.5 * pow(mMul, restart) * (1 + cos(Double.pi * fraction))
      return initial * ((1 - alpha) * cosine + alpha)
    }
  }

  /// The schedule as `--schedule` takes it, every argument spelled out (`constant` for none); parsing it gives
  /// the same schedule back.
  public var description: String {
    func n(_ v: Double) -> String { NumberText.short(v) }
    func list(_ v: [Double]) -> String { v.map(n).joined(separator: "/") }
    switch self {
    case .constant:
      return "constant"
    case .exponential(let steps, let rate, let staircase):
      return "exponential:decay_steps=\(n(steps)),decay_rate=\(n(rate)),staircase=\(staircase)"
    case .piecewise(let boundaries, let values):
      return "piecewise:boundaries=\(list(boundaries)),values=\(list(values))"
    case .polynomial(let steps, let end, let power, let cycle):
      return
        "polynomial:decay_steps=\(n(steps)),end_learning_rate=\(n(end)),power=\(n(power)),cycle=\(cycle)"
    case .inverseTime(let steps, let rate, let staircase):
      return "inverse-time:decay_steps=\(n(steps)),decay_rate=\(n(rate)),staircase=\(staircase)"
    case .cosine(let steps, let alpha, let target, let warmup):
      var text = "cosine:decay_steps=\(n(steps)),alpha=\(n(alpha))"
      if let target { text += ",warmup_target=\(n(target)),warmup_steps=\(n(warmup))" }
      return text
    case .cosineRestarts(let steps, let tMul, let mMul, let alpha):
      return
        "cosine-restarts:first_decay_steps=\(n(steps)),t_mul=\(n(tMul)),m_mul=\(n(mMul)),alpha=\(n(alpha))"
    }
  }

  /// A schedule of the kind `name` with round numbers that show its shape over `steps` steps (Keras's defaults
  /// otherwise), for the app's schedule cycle. Piecewise steps down to initial/3 and initial/10 at a third and two
  /// thirds of the way.
  public static func example(named name: String, steps: Int = 40, initial: Double)
    -> LearningRateSchedule
  {
    let n = Double(max(steps, 8))
    switch name {
    case "exponential": return .exponential(decaySteps: n / 4, decayRate: 0.5, staircase: false)
    case "piecewise":
      return .piecewise(
        boundaries: [(n / 3).rounded(), (2 * n / 3).rounded()],
        values: [initial, initial / 3, initial / 10])
    case "polynomial":
      return .polynomial(decaySteps: n, endLearningRate: 0.0001, power: 1, cycle: false)
    case "inverse-time": return .inverseTime(decaySteps: n / 8, decayRate: 1, staircase: false)
    case "cosine": return .cosine(decaySteps: n, alpha: 0, warmupTarget: nil, warmupSteps: 0)
    case "cosine-restarts":
      return .cosineRestarts(firstDecaySteps: n / 4, tMul: 2, mMul: 1, alpha: 0)
    default: return .constant
    }
  }
}
