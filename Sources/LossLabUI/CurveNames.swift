import LossCore

/// Names of the curves-view shapes as typed on the command line and in scenario files.
public enum CurveNames {
  static let kinds: [(name: String, kind: LossCurve.Kind)] = [
    ("neg-log", .negLog), ("log", .log), ("bce", .bce), ("hinge", .hinge),
    ("squared-hinge", .squaredHinge),
    ("mse", .mse), ("mae", .mae), ("huber", .huber), ("log-cosh", .logCosh),
  ]
  static let aliases: [String: LossCurve.Kind] = [
    "-log": .negLog, "neglog": .negLog, "nll": .negLog, "binary-crossentropy": .bce,
    "mean-squared-error": .mse, "mean-absolute-error": .mae, "logcosh": .logCosh,
    "squared_hinge": .squaredHinge, "log_cosh": .logCosh,
  ]

  /// Every accepted kind name, for error messages and help.
  public static var names: [String] { kinds.map(\.name) }

  public static func name(of kind: LossCurve.Kind) -> String {
    kinds.first { $0.kind == kind }!.name
  }

  /// The kind named `text`, or an error that suggests the closest name.
  public static func kind(_ text: String) throws(LossCoreError) -> LossCurve.Kind {
    let t = text.lowercased()
    if let k = kinds.first(where: { $0.name == t })?.kind ?? aliases[t] { return k }
    let list = names.joined(separator: ", ")
    if let best = closestName(to: t, among: names + aliases.keys.sorted()) {
      throw LossCoreError(
        "unknown curve '\(text.escapedForMessage)'; did you mean '\(best)'? (curves: \(list))")
    }
    throw LossCoreError("unknown curve '\(text.escapedForMessage)' (curves: \(list))")
  }

  /// The default target of a kind: 1 (hinge +1), none for the logarithms.
  public static func defaultTarget(_ kind: LossCurve.Kind) -> Double {
    kind == .negLog || kind == .log ? 0 : 1
  }

  /// Parses `kind[:target[:delta]]`, e.g. `bce:0`, `hinge:-1`, `huber:1:0.5`.
  public static func curve(_ spec: String) throws(LossCoreError) -> LossCurve {
    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let kind = try kind(parts[0])
    var target = defaultTarget(kind)
    var delta = 1.0
    if parts.count > 1 {
      guard let t = Double(parts[1]), t.isFinite else {
        throw LossCoreError(
          "bad target '\(parts[1].escapedForMessage)' in curve '\(spec.escapedForMessage)': expected a number"
        )
      }
      target = t
    }
    if parts.count > 2 {
      guard let d = Double(parts[2]), d.isFinite, d > 0 else {
        throw LossCoreError(
          "bad delta '\(parts[2].escapedForMessage)' in curve '\(spec.escapedForMessage)': expected a positive number"
        )
      }
      delta = d
    }
    guard parts.count <= 3 else {
      throw LossCoreError("bad curve '\(spec.escapedForMessage)': expected kind[:target[:delta]]")
    }
    return LossCurve(kind, target: target, delta: delta)
  }

  /// The spec `curve(_:)` reads back.
  public static func spec(of c: LossCurve) -> String {
    var s = name(of: c.kind)
    if c.kind == .negLog || c.kind == .log { return s }
    s += ":\(NumberText.exact(c.target))"
    if c.kind == .huber { s += ":\(NumberText.exact(c.delta))" }
    return s
  }
}
