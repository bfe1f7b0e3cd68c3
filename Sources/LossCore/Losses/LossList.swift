/// The losses losslab knows, in the order help text and the curves view list them.
///
/// Everything that offers a choice of loss reads a list: `eval` and its `--loss` completion, the curves
/// view, the contour view's `m` cycle, scenario files and the explanation lookup. ``current`` is the
/// list in effect (``standard`` unless a test swaps in another with `LossList.$current.withValue`).
public struct LossList: Sendable {
  /// The losses, in order.
  public let losses: [Loss]

  public init(_ losses: [Loss]) { self.losses = losses }

  /// Every loss of losslab: one line per loss, each described in its own file in this folder.
  public static let standard = LossList([
    .negativeLog,
    .logarithm,
    .binaryCrossentropy,
    .hinge,
    .squaredHinge,
    .meanSquaredError,
    .meanAbsoluteError,
    .huber,
    .logCosh,
    .quantile,
    .binaryFocalCrossentropy,
    .categoricalCrossentropy,
    .sparseCategoricalCrossentropy,
    .categoricalHinge,
    .klDivergence,
    .meanAbsolutePercentageError,
    .meanSquaredLogarithmicError,
    .cosineSimilarity,
    .poisson,
  ])

  /// The list in effect; tests bind another one for a scope.
  @TaskLocal public static var current = LossList.standard

  /// This list with `loss` added at the end.
  public func appending(_ loss: Loss) -> LossList { LossList(losses + [loss]) }

  /// The losses that support `use`, in list order.
  public func supporting(_ use: LossUse) -> [Loss] { losses.filter { $0.uses.contains(use) } }

  /// Every name (id, short name, aliases) of the losses that support `use`: what completion offers.
  public func names(for use: LossUse) -> [String] {
    var out: [String] = []
    for loss in supporting(use) { for n in loss.names where !out.contains(n) { out.append(n) } }
    return out
  }

  /// The loss with this name, short name or alias. Case, spaces, and `_` versus `-` do not matter
  /// (`binary_crossentropy`, `BCE` work).
  ///
  /// - Parameters:
  ///   - name: a short name, id or alias, as typed.
  ///   - use: when given, only losses that support it match; a loss that exists but does not
  ///     support it gets its own message (`'log-cosh' cannot fit a line; use mse, mae, huber, quantile`).
  /// - Throws: `unknown loss 'bcee'; did you mean 'bce'?` for names that match nothing.
  public func named(_ name: String, for use: LossUse? = nil) throws(LossCoreError) -> Loss {
    let key = name.trimmingWhitespace.lowercased().replacingUnderscores
    let candidates = use.map { supporting($0) } ?? losses
    if let hit = candidates.first(where: { $0.names.contains(key) }) { return hit }
    let shown = candidates.map(\.shortName).joined(separator: ", ")
    if let use, let other = losses.first(where: { $0.names.contains(key) }) {
      throw LossCoreError("'\(other.shortName)' \(use.unsupportedPhrase); use \(shown)")
    }
    let allNames = candidates.flatMap(\.names)
    if let suggestion = closestName(to: key, among: allNames) {
      throw LossCoreError(
        "unknown loss '\(name.escapedForMessage)'; did you mean '\(suggestion)'?")
    }
    throw LossCoreError("unknown loss '\(name.escapedForMessage)'; known: \(shown)")
  }

  /// The loss with this stable id, if the list has it.
  public func withID(_ id: String) -> Loss? { losses.first { $0.id == id } }
}

extension LossUse {
  /// "cannot fit a line", for messages about a loss that exists but not for this use.
  var unsupportedPhrase: String {
    switch self {
    case .eval: "is not a Keras loss for eval"
    case .curve: "has no curve"
    case .lineFit: "cannot fit a line"
    case .classificationFit: "cannot fit a classifier"
    }
  }
}

extension Loss {
  /// The losses `eval` offers in the current list.
  public static var allCases: [Loss] { LossList.current.supporting(.eval) }

  /// Every name `eval` accepts: ids, short names and aliases.
  public static var allNames: [String] { LossList.current.names(for: .eval) }

  /// The `eval` loss with this name or alias, from the current list (see ``LossList/named(_:for:)``).
  public static func named(_ name: String) throws(LossCoreError) -> Loss {
    try LossList.current.named(name, for: .eval)
  }
}
