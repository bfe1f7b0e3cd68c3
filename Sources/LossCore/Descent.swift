/// One point of a descent: the parameters after `step` updates, with the loss and gradient there.
public struct DescentStep: Sendable, Equatable {
  public var step: Int
  public var w: Double
  public var b: Double
  public var loss: Double
  public var gradW: Double
  public var gradB: Double

  public init(step: Int, w: Double, b: Double, loss: Double, gradW: Double, gradB: Double) {
    (self.step, self.w, self.b, self.loss, self.gradW, self.gradB) = (
      step, w, b, loss, gradW, gradB
    )
  }
}

/// A loss over (w, b) that a ``Descent`` can walk on: the line fit, the logistic fit.
public protocol DescentObjective: Sendable {
  /// The loss at (w, b).
  func value(w: Double, b: Double) -> Double
  /// The gradient (∂/∂w, ∂/∂b) at (w, b).
  func gradient(w: Double, b: Double) -> (w: Double, b: Double)
  /// The loss's name as the command line spells it (`mse`, `bce`, …), for exports.
  var lossName: String { get }
  /// The unit of the loss's values (nats, squared units, …), for readouts.
  var lossUnit: LossUnit { get }
  /// The loss and the gradient at (w, b) (an objective that can find both in one pass says so here).
  func valueAndGradient(w: Double, b: Double) -> (value: Double, gradient: (w: Double, b: Double))
}

extension DescentObjective {
  /// The loss and the gradient at (w, b), computed apart.
  public func valueAndGradient(w: Double, b: Double) -> (
    value: Double, gradient: (w: Double, b: Double)
  ) {
    (value(w: w, b: b), gradient(w: w, b: b))
  }
}

extension LineFitObjective: DescentObjective {
  public var lossName: String { loss.rawValue }
  public var lossUnit: LossUnit { loss.unit }
}

/// A descent in progress: the interactive view steps it one key press at a time, `losslab descend` runs it N times,
/// so both show the same numbers.
public struct Descent: Sendable {
  /// Default start: off to the lower left of the minimum near (2, 3), so the path curves visibly.
  public static let defaultStart = (w: 0.5, b: 1.5)
  /// Default learning rate for gd on the tutorial data (stable up to about 0.79 for MSE).
  public static let defaultLearningRate = 0.5
  /// Default number of steps for `losslab descend`.
  public static let defaultSteps = 40
  /// A step counts as a blow-up when a value (w, b, the loss or a gradient component) grows beyond this many
  /// times its size at the start (at least 1): relative, so a table whose gradients start at 1e13 (x around
  /// 1e9) is not taken for a blow-up, while a run that explodes still stops long before overflowing.
  public static let divergenceLimit = 1e12

  public let objective: any DescentObjective
  public private(set) var optimizer: Optimizer
  /// Every point so far; `[0]` is the start.
  public private(set) var trajectory: [DescentStep]
  /// Set when a step produced non-finite or absurdly large values; that step is not kept, and no further steps run.
  public private(set) var diverged = false
  /// The largest magnitude each of w, b, the loss and the two gradient components may reach (see
  /// `divergenceLimit`), fixed at the start.
  private var limits: Limits

  /// A descent on `objective` that has taken no step yet.
  ///
  /// - Parameters:
  ///   - objective: the loss surface over (w, b).
  ///   - optimizer: the update rule.
  ///   - learningRate: the rate of every step (the initial rate under a schedule).
  ///   - schedule: how the rate changes with the step; `learningRate` is its initial rate.
  ///   - weightDecay: Keras's `weight_decay`; nil takes the optimizer's default (0.004 for AdamW).
  ///   - w0: the starting slope.
  ///   - b0: the starting intercept.
  public init(
    objective: any DescentObjective, optimizer: OptimizerKind, learningRate: Double,
    schedule: LearningRateSchedule = .constant, weightDecay: Double? = nil, w0: Double,
    b0: Double
  ) {
    self.objective = objective
    self.optimizer = Optimizer(
      optimizer, learningRate: learningRate, schedule: schedule, weightDecay: weightDecay)
    let start = Self.point(objective, step: 0, w: w0, b: b0)
    trajectory = [start]
    limits = Limits(start: start)
    diverged = !limits.admit(start)
  }

  /// Blowing up: stopped as diverged, or the loss grew at each of the last three steps to above where it
  /// started (a rate too large for the surface). Momentum's brief overshoots do not count.
  public var isDiverging: Bool {
    if diverged { return true }
    let n = trajectory.count
    guard n >= 4 else { return false }
    let (l0, l1, l2, l3) = (
      trajectory[n - 4].loss, trajectory[n - 3].loss, trajectory[n - 2].loss, trajectory[n - 1].loss
    )
    return l1 > l0 && l2 > l1 && l3 > l2 && l3 > trajectory[0].loss
  }

  /// The latest point.
  public var current: DescentStep { trajectory[trajectory.count - 1] }

  /// One optimizer update from the current point (no-op once diverged).
  public mutating func step() {
    let objective = self.objective
    step { w, b in objective.valueAndGradient(w: w, b: b) }
  }

  /// One optimizer update from the current point, the new point's loss and gradient given by `evaluate`
  /// (which must return ``objective``'s `valueAndGradient`): a caller that reads more at that point, as the
  /// classify panel does, gets it from the same pass over the points. No-op once diverged.
  /// - Returns: whether the step was taken (false once diverged, or when this step diverges).
  @discardableResult
  public mutating func step(
    evaluating evaluate: (_ w: Double, _ b: Double) -> (
      value: Double, gradient: (w: Double, b: Double)
    )
  ) -> Bool {
    guard !diverged else { return false }
    let now = current
    var (w, b) = (now.w, now.b)
    optimizer.step(&w, &b, gradient: (now.gradW, now.gradB))
    let (loss, g) = evaluate(w, b)
    let next = DescentStep(
      step: now.step + 1, w: w, b: b, loss: loss, gradW: g.w, gradB: g.b)
    guard limits.admit(next) else {
      diverged = true
      return false
    }
    trajectory.append(next)
    return true
  }

  /// Runs `count` steps (stops early if diverged).
  public mutating func run(steps count: Int) {
    for _ in 0..<max(0, count) where !diverged { step() }
  }

  /// The rate used by step `k` (k ≥ 1): the schedule at k − 1, as Keras evaluates it before the update.
  public func rate(ofStep k: Int) -> Double {
    optimizer.schedule.rate(initial: optimizer.learningRate, step: max(0, k - 1))
  }

  /// The optimizer as it was after `k` steps (k = 0: fresh), replayed from the recorded gradients, so its
  /// numbers equal those of the run itself.
  public func optimizerState(afterStep k: Int) -> Optimizer {
    var o = Optimizer(
      optimizer.kind, learningRate: optimizer.learningRate, schedule: optimizer.schedule,
      weightDecay: optimizer.weightDecay)
    for s in trajectory.prefix(max(0, min(k, trajectory.count - 1))) {
      var (w, b) = (s.w, s.b)
      o.step(&w, &b, gradient: (s.gradW, s.gradB))
    }
    return o
  }

  /// The optimizer after each step: `[0]` fresh, `[k]` after step k (one replay for the whole run).
  public func optimizerStates() -> [Optimizer] {
    var o = optimizerState(afterStep: 0)
    var out = [o]
    out.reserveCapacity(trajectory.count)
    for s in trajectory.dropLast() {
      var (w, b) = (s.w, s.b)
      o.step(&w, &b, gradient: (s.gradW, s.gradB))
      out.append(o)
    }
    return out
  }

  /// This descent cut back to its first `k` steps, with the optimizer state it had then: stepping on
  /// continues from step k as if the later steps had never been taken.
  public func rewound(toStep k: Int) -> Descent {
    var d = self
    let keep = max(0, min(k, trajectory.count - 1))
    d.optimizer = optimizerState(afterStep: keep)
    d.trajectory = Array(trajectory.prefix(keep + 1))
    d.diverged = !limits.admit(d.trajectory[0])
    return d
  }

  private static func point(_ objective: any DescentObjective, step: Int, w: Double, b: Double)
    -> DescentStep
  {
    let (loss, g) = objective.valueAndGradient(w: w, b: b)
    return DescentStep(step: step, w: w, b: b, loss: loss, gradW: g.w, gradB: g.b)
  }

}

/// How large each value of a ``DescentStep`` may grow before the step counts as a blow-up: five numbers held
/// inline, so checking a step allocates nothing.
private struct Limits: Sendable {
  var w, b, loss, gradW, gradB: Double

  /// `Descent.divergenceLimit` times each value's size at `start` (at least 1).
  init(start s: DescentStep) {
    func limit(_ v: Double) -> Double { Descent.divergenceLimit * max(1, abs(v)) }
    (w, b, loss, gradW, gradB) = (
      limit(s.w), limit(s.b), limit(s.loss), limit(s.gradW), limit(s.gradB)
    )
  }

  /// Every value finite and within its limit.
  func admit(_ s: DescentStep) -> Bool {
    func ok(_ v: Double, _ limit: Double) -> Bool { v.isFinite && abs(v) < limit }
    return ok(s.w, w) && ok(s.b, b) && ok(s.loss, loss) && ok(s.gradW, gradW) && ok(s.gradB, gradB)
  }
}
