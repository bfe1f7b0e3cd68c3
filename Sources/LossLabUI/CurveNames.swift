import LossCore

/// Curve specs as typed on the command line and in scenario files: `name[:target[:parameter]]`, the names
/// and parameters coming from the loss list (`bce:0`, `hinge:-1`, `huber:1:0.5`, `quantile:1:0.9`).
public enum CurveNames {
  /// The losses that can be drawn as curves, in list order.
  public static var losses: [Loss] { LossList.current.supporting(.curve) }

  /// Every curve's short name, for error messages and help.
  public static var names: [String] { losses.map(\.shortName) }

  /// Every accepted curve name (short names, ids, aliases), for completion.
  public static var allNames: [String] { LossList.current.names(for: .curve) }

  /// The curve name of a loss (its short name).
  public static func name(of loss: Loss) -> String { loss.shortName }

  /// The loss named `text` that has a curve, or an error that suggests the closest name.
  public static func loss(_ text: String) throws(LossCoreError) -> Loss {
    let key = text.lowercased()
    if let hit = try? LossList.current.named(key, for: .curve) { return hit }
    let list = names.joined(separator: ", ")
    if let best = closestName(to: key.replacing("_", with: "-"), among: allNames) {
      throw LossCoreError(
        "unknown curve '\(text.escapedForMessage)'; did you mean '\(best)'? (curves: \(list))")
    }
    throw LossCoreError("unknown curve '\(text.escapedForMessage)' (curves: \(list))")
  }

  /// The default target of a loss's curve: 1 (hinge +1), 0 for shapes without a target.
  public static func defaultTarget(_ loss: Loss) -> Double { loss.curve.defaultTarget }

  /// Parses `name[:target[:parameter]]`, e.g. `bce:0`, `hinge:-1`, `huber:1:0.5`, `quantile:1:0.9`; the
  /// parameter is the loss's first numeric one (Huber δ, quantile τ, focal γ).
  public static func curve(_ spec: String) throws(LossCoreError) -> LossCurve {
    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let named = try loss(parts[0])
    var curve = LossCurve(named, target: named.curve.defaultTarget)
    if parts.count > 1 {
      guard let t = Double(parts[1]), t.isFinite else {
        throw LossCoreError(
          "bad target '\(parts[1].escapedForMessage)' in curve '\(spec.escapedForMessage)': expected a number"
        )
      }
      curve.target = t
    }
    if parts.count > 2 {
      guard let parameter = curve.parameter else {
        throw LossCoreError(
          "bad curve '\(spec.escapedForMessage)': \(curve.loss.shortName) takes no parameter")
      }
      let problem = Double(parts[2]).flatMap { parameter.problem(with: $0) }
      guard let v = Double(parts[2]), problem == nil else {
        throw LossCoreError(
          "bad \(parameter.rawValue) '\(parts[2].escapedForMessage)' in curve '\(spec.escapedForMessage)': "
            + (problem ?? "expected a number"))
      }
      curve.config = parameter.set(v, in: curve.config)
    }
    guard parts.count <= 3 else {
      throw LossCoreError(
        "bad curve '\(spec.escapedForMessage)': expected name[:target[:parameter]]")
    }
    return curve
  }

  /// The spec `curve(_:)` reads back.
  public static func spec(of c: LossCurve) -> String {
    var s = name(of: c.loss)
    if c.loss.targets == .none { return s }
    s += ":\(NumberText.exact(c.target))"
    if let p = c.parameter, let v = p.value(in: c.config) { s += ":\(NumberText.exact(v))" }
    return s
  }
}
