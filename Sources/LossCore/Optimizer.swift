#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The optimizers of `losslab descend` and the contour view, with Keras 3 update rules and defaults.
public enum OptimizerKind: String, CaseIterable, Sendable {
  /// Plain gradient descent (Keras SGD): θ ← θ − lr·g.
  case gd
  /// SGD with momentum 0.9: m ← 0.9m − lr·g; θ ← θ + m.
  case momentum
  /// SGD with Nesterov momentum 0.9: m ← 0.9m − lr·g; θ ← θ + 0.9m − lr·g.
  case nesterov
  /// Adagrad: a starts at 0.1; a ← a + g²; θ ← θ − lr·g/√(a + ε), ε = 1e-7.
  case adagrad
  /// RMSprop, ρ = 0.9: v ← ρv + (1 − ρ)g²; θ ← θ − lr·g/√(v + ε), ε = 1e-7.
  case rmsprop
  /// Adam, β₁ = 0.9, β₂ = 0.999, ε = 1e-7, with Keras's bias correction folded into the rate.
  case adam
  /// AdamW: θ ← θ − lr·wd·θ (decoupled weight decay, wd = 0.004 by default), then Adam's update.
  case adamw
  /// Nadam, β₁ = 0.9, β₂ = 0.999: Adam with Nesterov momentum and Keras's momentum schedule
  /// μₜ = β₁(1 − ½·0.96ᵗ).
  case nadam
  /// Adamax, β₁ = 0.9, β₂ = 0.999: Adam with the infinity norm u ← max(β₂u, |g|) in place of √v.
  case adamax
  /// Adadelta, ρ = 0.95: the step is g scaled by RMS(past steps)/RMS(gradients), times lr.
  case adadelta
  /// Lion, β₁ = 0.9, β₂ = 0.99: θ ← θ − lr·sign(β₁m + (1 − β₁)g); m ← β₂m + (1 − β₂)g.
  case lion

  /// The optimizer with this name (case-insensitive; `sgd` means `gd`).
  /// - Throws: `unknown optimizer 'adamm'; did you mean 'adam'?`
  public static func named(_ name: String) throws(LossCoreError) -> OptimizerKind {
    let key = name.trimmingWhitespace.lowercased()
    if key == "sgd" { return .gd }
    if let kind = OptimizerKind(rawValue: key) { return kind }
    if let suggestion = closestName(to: key, among: allCases.map(\.rawValue)) {
      throw LossCoreError("unknown optimizer '\(name)'; did you mean '\(suggestion)'?")
    }
    throw LossCoreError(
      "unknown optimizer '\(name)'; known: \(allCases.map(\.rawValue).joined(separator: ", "))")
  }

  /// The names of the optimizer's state per parameter, as `descend --json` writes them under `"slots"`.
  public var slotNames: [String] {
    switch self {
    case .gd: []
    case .momentum, .nesterov: ["velocity"]
    case .adagrad, .rmsprop: ["accumulator"]
    case .adam, .adamw, .nadam: ["m", "v"]
    case .adamax: ["m", "u"]
    case .adadelta: ["accumulated_grad", "accumulated_delta"]
    case .lion: ["m"]
    }
  }

  /// The weight decay Keras uses when none is given: 0.004 for AdamW, none for the rest.
  public var defaultWeightDecay: Double? { self == .adamw ? 0.004 : nil }

  /// The comma-separated names, for help texts.
  public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// An optimizer with its state (momentum, accumulators, step count), for any number of parameters.
///
/// Every step follows Keras 3's `apply_gradients`: the rate is the schedule's value at the current
/// `iterations` (before the step), weight decay (if any) first shrinks each parameter by rate·wd·θ, then the
/// optimizer's own update runs.
public struct Optimizer: Sendable, Equatable {
  public let kind: OptimizerKind
  /// The initial learning rate (Keras's `learning_rate`, or a schedule's `initial_learning_rate`).
  public let learningRate: Double
  public let schedule: LearningRateSchedule
  /// Decoupled weight decay (Keras's `weight_decay`), nil for none.
  public let weightDecay: Double?
  /// Steps taken so far.
  public private(set) var iterations = 0
  /// The state per parameter, one array per name of `kind.slotNames`, empty before the first step.
  public private(set) var slots: [[Double]] = []
  /// Nadam's running product of its momentum factors μ₁·μ₂·…·μₜ (1 before the first step).
  public private(set) var uProduct = 1.0

  public static let momentumCoefficient = 0.9
  public static let epsilon = 1e-7
  public static let beta1 = 0.9
  public static let beta2 = 0.999
  public static let rmspropRho = 0.9
  public static let adadeltaRho = 0.95
  public static let lionBeta2 = 0.99
  public static let adagradInitial = 0.1

  /// An optimizer that has taken no step yet.
  ///
  /// - Parameters:
  ///   - kind: the update rule.
  ///   - learningRate: the rate of every step (the initial rate under a schedule).
  ///   - schedule: how the rate changes with the step.
  ///   - weightDecay: nil takes the kind's default (0.004 for AdamW, none otherwise).
  public init(
    _ kind: OptimizerKind, learningRate: Double, schedule: LearningRateSchedule = .constant,
    weightDecay: Double? = nil
  ) {
    self.kind = kind
    self.learningRate = learningRate
    self.schedule = schedule
    self.weightDecay = weightDecay ?? kind.defaultWeightDecay
  }

  /// The rate the next step will use: the schedule at `iterations`.
  public var currentRate: Double { schedule.rate(initial: learningRate, step: iterations) }

  /// The state named `name` (one of `kind.slotNames`), nil before the first step.
  public func slot(_ name: String) -> [Double]? {
    guard let i = kind.slotNames.firstIndex(of: name), i < slots.count else { return nil }
    return slots[i]
  }

  /// Applies one update to `params` for the gradient at `params` (same count).
  public mutating func step(_ params: inout [Double], gradient: [Double]) {
    let now = begin(count: params.count)
    for i in params.indices { update(&params[i], gradient: gradient[i], slot: i, now) }
  }

  /// Applies one update to two parameters, the line fit's (w, b), without building arrays: the same numbers as
  /// `step(_:gradient:)` on `[w, b]`.
  public mutating func step(_ w: inout Double, _ b: inout Double, gradient: (w: Double, b: Double))
  {
    let now = begin(count: 2)
    update(&w, gradient: gradient.w, slot: 0, now)
    update(&b, gradient: gradient.b, slot: 1, now)
  }

  /// What one step shares across its parameters.
  private struct StepTerms {
    var lr: Double
    var t: Double
    /// Nadam's momentum factors μₜ and μₜ₊₁.
    var uT: Double
    var uNext: Double
  }

  /// Starts a step over `count` parameters: makes the slots on the first step, reads the rate, counts the step
  /// and moves Nadam's product of momentum factors (once per step, before any parameter, as Keras's
  /// `_backend_update_step` does).
  private mutating func begin(count: Int) -> StepTerms {
    if slots.first?.count != count {
      slots = kind.slotNames.map { _ in Array(repeating: 0, count: count) }
      if kind == .adagrad { slots[0] = Array(repeating: Self.adagradInitial, count: count) }
    }
    let lr = currentRate
    iterations += 1
    let t = Double(iterations)
    let b1 = Self.beta1
    let uT = b1 * (1 - 0.5 * pow(0.96, t))
    let uNext = b1 * (1 - 0.5 * pow(0.96, t + 1))
    if kind == .nadam { uProduct *= uT }
    return StepTerms(lr: lr, t: t, uT: uT, uNext: uNext)
  }

  /// Updates parameter `i` (its state in `slots[…][i]`) for gradient `g`: weight decay first, then the rule.
  private mutating func update(_ p: inout Double, gradient g: Double, slot i: Int, _ now: StepTerms)
  {
    let (lr, t, uT, uNext) = (now.lr, now.t, now.uT, now.uNext)
    let eps = Self.epsilon
    let (b1, b2) = (Self.beta1, Self.beta2)
    if let wd = weightDecay { p = p - p * wd * lr }
    switch kind {
    case .gd:
      p -= lr * g
    case .momentum:
      slots[0][i] = Self.momentumCoefficient * slots[0][i] - lr * g
      p += slots[0][i]
    case .nesterov:
      let mu = Self.momentumCoefficient
      slots[0][i] = mu * slots[0][i] - lr * g
      p += mu * slots[0][i] - lr * g
    case .adagrad:
      slots[0][i] += g * g
      p -= lr * g / (slots[0][i] + eps).squareRoot()
    case .rmsprop:
      let rho = Self.rmspropRho
      slots[0][i] = rho * slots[0][i] + (1 - rho) * g * g
      p -= lr * g / (slots[0][i] + eps).squareRoot()
    case .adam, .adamw:
      slots[0][i] += (g - slots[0][i]) * (1 - b1)
      slots[1][i] += (g * g - slots[1][i]) * (1 - b2)
      let alpha = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
      p -= slots[0][i] * alpha / (slots[1][i].squareRoot() + eps)
    case .nadam:
      slots[0][i] += (g - slots[0][i]) * (1 - b1)
      slots[1][i] += (g * g - slots[1][i]) * (1 - b2)
      let mHat = uNext * slots[0][i] / (1 - uProduct * uNext) + (1 - uT) * g / (1 - uProduct)
      let vHat = slots[1][i] / (1 - pow(b2, t))
      p -= mHat * lr / (vHat.squareRoot() + eps)
    case .adamax:
      slots[0][i] += (g - slots[0][i]) * (1 - b1)
      slots[1][i] = max(b2 * slots[1][i], abs(g))
      p -= lr * slots[0][i] / ((1 - pow(b1, t)) * (slots[1][i] + eps))
    case .adadelta:
      let rho = Self.adadeltaRho
      slots[0][i] = rho * slots[0][i] + (1 - rho) * g * g
      let delta = -((slots[1][i] + eps).squareRoot() * g) / (slots[0][i] + eps).squareRoot()
      slots[1][i] = rho * slots[1][i] + (1 - rho) * delta * delta
      p += lr * delta
    case .lion:
      let direction = slots[0][i] * b1 + g * (1 - b1)
      p -= lr * (direction > 0 ? 1 : direction < 0 ? -1 : 0)
      slots[0][i] = slots[0][i] * Self.lionBeta2 + g * (1 - Self.lionBeta2)
    }
  }
}
