import ArgumentParser
import LossCore

/// Which use a `--loss` option is for: it decides the names `--help` lists and completion offers.
protocol LossUseTag { static var use: LossUse { get } }

enum EvalUse: LossUseTag { static var use: LossUse { .eval } }
enum CurveUse: LossUseTag { static var use: LossUse { .curve } }
enum LineFitUse: LossUseTag { static var use: LossUse { .lineFit } }

/// A loss named on the command line. Every value comes from the loss list (`LossList.current`), so
/// `--help` lists the losses with their titles and shell completion offers their names. The name is
/// looked up by ``resolve()``, which says "did you mean …?" for a typo.
struct LossName<Use: LossUseTag>: ExpressibleByArgument, Sendable {
  /// What was typed (for curves, a spec such as `huber:1:0.5`).
  var text: String

  init(_ text: String) { self.text = text }
  init?(argument: String) { text = argument }

  var defaultValueDescription: String { text }

  /// The short names, in list order.
  static var allValueStrings: [String] {
    LossList.current.supporting(Use.use).map(\.shortName)
  }

  /// Each short name with its title and other names, for `--help`.
  static var allValueDescriptions: [String: String] {
    var out: [String: String] = [:]
    for loss in LossList.current.supporting(Use.use) {
      let others = loss.names.filter { $0 != loss.shortName }
      out[loss.shortName] =
        loss.title + (others.isEmpty ? "" : " (also \(others.joined(separator: ", ")))")
    }
    return out
  }

  /// Every accepted name: short names, ids and aliases.
  static var defaultCompletionKind: CompletionKind {
    .list(LossList.current.names(for: Use.use))
  }

  /// The loss, or a one-line error that names the closest loss.
  func resolve() throws(LossCoreError) -> Loss {
    try LossList.current.named(text, for: Use.use)
  }
}

/// The loss parameters `eval` and `descend` take. Each applies only to the losses that read it.
struct LossParameterOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "Huber's threshold δ (> 0; default 1).")
  var delta: Double?

  @Option(parsing: .unconditional, help: "The quantile loss's τ, in (0, 1) (default 0.5).")
  var tau: Double?

  @Option(
    parsing: .unconditional, help: "Focal cross-entropy's focusing power γ (>= 0; default 2).")
  var gamma: Double?

  @Option(
    parsing: .unconditional,
    help: "Focal cross-entropy's weight α of class 1 with --apply-class-balancing (default 0.25).")
  var alpha: Double?

  @Flag(help: "Focal cross-entropy: weight label 1 by α and label 0 by 1 − α.")
  var applyClassBalancing = false

  @Flag(help: "Predictions are logits (cross-entropies only).")
  var fromLogits = false

  /// The config for `loss`; an option given for a loss that does not read it is an error.
  func config(for loss: Loss) throws(LossCoreError) -> LossConfig {
    var config = LossConfig()
    let given: [(LossParameter, Double?)] = [
      (.delta, delta), (.tau, tau), (.gamma, gamma), (.alpha, alpha),
      (.applyClassBalancing, applyClassBalancing ? 1 : nil), (.fromLogits, fromLogits ? 1 : nil),
    ]
    for (parameter, value) in given {
      guard let value else { continue }
      guard loss.parameters.contains(parameter) else {
        let users = LossList.current.losses.filter { $0.parameters.contains(parameter) }
        let names = users.map(\.shortName).joined(separator: ", ")
        throw LossCoreError("\(parameter.option) applies only to \(names), not \(loss.shortName)")
      }
      if let problem = parameter.problem(with: value) {
        throw LossCoreError("\(parameter.option): \(problem)")
      }
      config = parameter.set(value, in: config)
    }
    config.applyClassBalancing = applyClassBalancing
    config.fromLogits = fromLogits
    return config
  }
}
