/// One loss as a function of a single prediction `x` for a fixed target: a curve of the curves view.
///
/// Pointwise losses use their own value and derivative; a vector-wise loss is evaluated on a one-value
/// sample. Outside the loss's domain (BCE outside [0, 1], log at x ≤ 0), or for a target the loss does
/// not accept, the value is NaN. BCE clips like Keras, so it stays finite (≈ 16.1) at 0 and 1. Hinge
/// labels follow Keras: a target 0 means −1.
public struct LossCurve: Hashable, Sendable {
  public var loss: Loss
  /// The target y (ignored by shapes without a target, such as log and −log).
  public var target: Double
  /// The loss's parameters (δ, τ, γ, …).
  public var config: LossConfig

  /// A curve of `loss` against `target`.
  public init(_ loss: Loss, target: Double = 0, config: LossConfig = .init()) {
    self.loss = loss
    self.target = target
    self.config = config
  }

  /// A curve with Huber's δ set.
  public init(_ loss: Loss, target: Double = 0, delta: Double) {
    self.init(loss, target: target, config: LossConfig(delta: delta))
  }

  /// Huber's δ.
  public var delta: Double {
    get { config.delta }
    set { config.delta = newValue }
  }

  /// The numeric parameter shown in the label and stepped by the view's keys (δ, τ, γ), if any.
  public var parameter: LossParameter? { loss.parameters.first { $0.symbol != nil } }

  /// Where the curve is drawn: the loss's domain, or every number for logits.
  public var domain: ValueRange {
    config.fromLogits && loss.acceptsLogits ? .real : loss.domain
  }

  /// The target the loss computes with: hinge labels 0 become −1.
  private var effectiveTarget: Double {
    loss.targets == .signedLabel && target == 0 ? -1 : target
  }

  /// Whether the target and parameters are ones the loss accepts.
  private var acceptable: Bool {
    if loss.targets == .probability, !(0...1).contains(target) { return false }
    for p in loss.parameters {
      if let v = p.value(in: config), p.problem(with: v) != nil { return false }
    }
    return true
  }

  /// The curve's value at prediction `x` (NaN outside ``domain``).
  public func value(at x: Double) -> Double {
    guard x.isFinite, domain.contains(x), acceptable else { return .nan }
    switch loss.form {
    case .pointwise(let f): return f.value(effectiveTarget, x, config)
    case .vectorwise: return loss.value(prediction: x, target: effectiveTarget, config: config)
    }
  }

  /// d value / dx at `x` (NaN outside the domain; at kinks and where Keras clips, the loss's choice).
  public func slope(at x: Double) -> Double {
    guard x.isFinite, domain.contains(x), acceptable else { return .nan }
    switch loss.form {
    case .pointwise(let f): return f.derivative(effectiveTarget, x, config)
    case .vectorwise:
      let y = loss.targets == .classIndex ? 0 : effectiveTarget
      return (try? loss.gradient(yTrue: [[y]], yPred: [[x]], config: config))?[0][0] ?? .nan
    }
  }

  /// A label for legends, e.g. "BCE (y=0)", "−log(x)", "hinge (y=+1)", "Huber (δ=1)", "quantile (y=1, τ=0.9)".
  public var name: String { makeName(minus: "\u{2212}", ascii: false) }

  /// The same label in ASCII: "-log(x)", "Huber (d=1)".
  public var asciiName: String { makeName(minus: "-", ascii: true) }

  /// The target as a label shows it: "0", "−1", and for hinge labels "+1" / "−1".
  public func targetText(minus: String) -> String {
    if loss.targets == .signedLabel {
      let t = effectiveTarget
      if t == 1 { return "+1" }
      if t == -1 { return minus + "1" }
    }
    return NumberText.replacingMinus(NumberText.short(target), with: minus)
  }

  /// The parameter as a label shows it, e.g. "δ=1" (nil when the loss has none).
  public func parameterText(ascii: Bool, minus: String) -> String? {
    guard let p = parameter, let symbol = p.symbol, let v = p.value(in: config) else { return nil }
    let text = NumberText.replacingMinus(NumberText.short(v), with: minus)
    return "\(ascii ? symbol.ascii : symbol.unicode)=\(text)"
  }

  private func makeName(minus: String, ascii: Bool) -> String {
    let symbol = ascii ? loss.curve.asciiSymbol : loss.curve.symbol
    guard loss.targets != .none else { return symbol }
    var parts: [String] = []
    if !(loss.curve.omitsZeroTarget && target == 0) {
      parts.append("y=" + targetText(minus: minus))
    }
    if let p = parameterText(ascii: ascii, minus: minus) { parts.append(p) }
    return parts.isEmpty ? symbol : "\(symbol) (\(parts.joinedText(separator: ", ")))"
  }
}
