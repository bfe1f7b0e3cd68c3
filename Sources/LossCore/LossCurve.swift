import Foundation

/// One-variable shapes for the curves view: a loss as a function of a single prediction `x` for a fixed target.
///
/// For hinge and squared hinge the target is a label ±1 (a target 0 counts as −1, like Keras's 0/1 rule), so with
/// target +1 the curve is drawn against the margin. Outside the domain (BCE outside [0, 1], log at x ≤ 0) the
/// value is NaN. BCE clips like Keras, so it stays finite (≈ 16.1) at 0 and 1.
public struct LossCurve: Hashable, Sendable {
  /// Which shape.
  public enum Kind: String, CaseIterable, Sendable {
    case negLog, log, bce, hinge, squaredHinge, mse, mae, huber, logCosh
  }

  public var kind: Kind
  /// The target label y (ignored by log and −log).
  public var target: Double
  /// Huber's δ (ignored by the others).
  public var delta: Double

  public init(_ kind: Kind, target: Double = 0, delta: Double = 1) {
    self.kind = kind
    self.target = target
    self.delta = delta
  }

  /// The hinge label: ±1, with 0 meaning −1.
  private var label: Double { target == 0 ? -1 : (target > 0 ? 1 : -1) }

  /// The curve's value at prediction `x` (NaN outside ``naturalDomain``).
  public func value(at x: Double) -> Double {
    guard x.isFinite, naturalDomain.map({ $0.contains(x) }) ?? true else { return .nan }
    switch kind {
    case .negLog: return x > 0 ? -Foundation.log(x) : .nan
    case .log: return x > 0 ? Foundation.log(x) : .nan
    case .bce:
      let p = clip(x, kerasEpsilon, 1 - kerasEpsilon)
      return -(target * Foundation.log(p) + (1 - target) * Foundation.log(1 - p))
    case .hinge: return max(1 - label * x, 0)
    case .squaredHinge:
      let m = max(1 - label * x, 0)
      return m * m
    case .mse: return (x - target) * (x - target)
    case .mae: return abs(x - target)
    case .huber:
      let r = abs(x - target)
      return r <= delta ? 0.5 * r * r : delta * (r - 0.5 * delta)  // not δr − δ²/2: ∞ − ∞ for huge δ
    case .logCosh: return logCoshStable(x - target)
    }
  }

  /// d value / dx at `x` (NaN outside the domain; 0 at the kinks of MAE and hinge, and where BCE is clipped).
  public func slope(at x: Double) -> Double {
    guard x.isFinite, naturalDomain.map({ $0.contains(x) }) ?? true else { return .nan }
    switch kind {
    case .negLog: return x > 0 ? -1 / x : .nan
    case .log: return x > 0 ? 1 / x : .nan
    case .bce:
      guard x > kerasEpsilon, x < 1 - kerasEpsilon else { return 0 }
      return -target / x + (1 - target) / (1 - x)
    case .hinge: return 1 - label * x > 0 ? -label : 0
    case .squaredHinge:
      let m = 1 - label * x
      return m > 0 ? -2 * label * m : 0
    case .mse: return 2 * (x - target)
    case .mae: return sign(x - target)
    case .huber: return clip(x - target, -delta, delta)
    case .logCosh: return tanh(x - target)
    }
  }

  /// Where the curve is defined; nil means everywhere. (log and −log: x > 0, shown as 0...∞.)
  public var naturalDomain: ClosedRange<Double>? {
    switch kind {
    case .negLog, .log: 0...Double.infinity
    case .bce: 0...1
    default: nil
    }
  }

  /// A label for legends, e.g. "BCE (y=0)", "−log(x)", "hinge (y=+1)", "Huber (δ=1)".
  public var name: String { makeName(minus: "\u{2212}", delta: "\u{03B4}") }

  /// The same label in ASCII: "-log(x)", "Huber (d=1)".
  public var asciiName: String { makeName(minus: "-", delta: "d") }

  private func makeName(minus: String, delta deltaSymbol: String) -> String {
    let y = NumberText.short(target).replacingOccurrences(of: "-", with: minus)
    let signedLabel = label > 0 ? "+1" : "\(minus)1"
    let targetPart = target == 0 ? "" : "y=\(y), "
    switch kind {
    case .negLog: return "\(minus)log(x)"
    case .log: return "log(x)"
    case .bce: return "BCE (y=\(y))"
    case .hinge: return "hinge (y=\(signedLabel))"
    case .squaredHinge: return "squared hinge (y=\(signedLabel))"
    case .mse: return "MSE (y=\(y))"
    case .mae: return "MAE (y=\(y))"
    case .huber: return "Huber (\(targetPart)\(deltaSymbol)=\(NumberText.short(delta)))"
    case .logCosh: return target == 0 ? "log-cosh" : "log-cosh (y=\(y))"
    }
  }
}

extension Loss {
  /// The loss of one sample holding one prediction `x` against `target` (for the sparse cross-entropy, class 0 of a
  /// one-class sample), so any loss can be drawn as a curve; NaN where the input is rejected (e.g. a BCE label
  /// outside [0, 1]). Hinge labels follow Keras: a target of 0 or 1 becomes −1 or +1.
  public func value(prediction x: Double, target: Double, config: LossConfig = .init()) -> Double {
    let y = self == .sparseCategoricalCrossentropy ? 0 : target
    return (try? evaluate(yTrue: [[y]], yPred: [[x]], config: config).value) ?? .nan
  }
}
