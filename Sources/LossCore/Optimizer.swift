import Foundation

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
}

/// An optimizer with its state (momentum, accumulators, step count), for any number of parameters.
public struct Optimizer: Sendable {
  public let kind: OptimizerKind
  public let learningRate: Double
  /// Steps taken so far.
  public private(set) var iterations = 0
  private var first: [Double] = []  // momentum / Adam m
  private var second: [Double] = []  // Adagrad accumulator / RMSprop / Adam v

  public static let momentumCoefficient = 0.9
  public static let epsilon = 1e-7

  public init(_ kind: OptimizerKind, learningRate: Double) {
    self.kind = kind
    self.learningRate = learningRate
  }

  /// Applies one update to `params` for the gradient at `params` (same count).
  public mutating func step(_ params: inout [Double], gradient: [Double]) {
    if first.count != params.count {
      first = Array(repeating: 0, count: params.count)
      second = Array(repeating: kind == .adagrad ? 0.1 : 0, count: params.count)
    }
    iterations += 1
    let lr = learningRate
    let eps = Self.epsilon
    let mu = Self.momentumCoefficient
    let t = Double(iterations)
    for i in params.indices {
      let g = gradient[i]
      switch kind {
      case .gd:
        params[i] -= lr * g
      case .momentum:
        first[i] = mu * first[i] - lr * g
        params[i] += first[i]
      case .nesterov:
        first[i] = mu * first[i] - lr * g
        params[i] += mu * first[i] - lr * g
      case .adagrad:
        second[i] += g * g
        params[i] -= lr * g / (second[i] + eps).squareRoot()
      case .rmsprop:
        second[i] = 0.9 * second[i] + 0.1 * g * g
        params[i] -= lr * g / (second[i] + eps).squareRoot()
      case .adam:
        let beta1 = 0.9
        let beta2 = 0.999
        first[i] += (g - first[i]) * (1 - beta1)
        second[i] += (g * g - second[i]) * (1 - beta2)
        let alpha = lr * (1 - pow(beta2, t)).squareRoot() / (1 - pow(beta1, t))
        params[i] -= alpha * first[i] / (second[i].squareRoot() + eps)
      }
    }
  }
}
