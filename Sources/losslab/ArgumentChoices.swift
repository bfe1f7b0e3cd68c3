import ArgumentParser
import LossCore
import LossLabUI

/// The views, as `render VIEW` takes them: `--help` lists the names, shell completion offers them,
/// and a name that is none of them is refused in one line that lists them. `dist`, `curve` and
/// `contours` are accepted too (see `ViewID(name:)`).
extension ViewID: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { allCases.map { $0.title.lowercased() } }
  public var defaultValueDescription: String { title.lowercased() }
}

/// An optimizer name as typed after `--optimizer`. It is an argument type of its own so that
/// `--help` lists the names and shell completion offers them (both from `OptimizerKind.allCases`),
/// while a wrong name is refused by `OptimizerKind.named`, whose one-line error suggests the closest
/// name ("did you mean 'adam'?"); ArgumentParser's own message for an unknown value lists every
/// name on a line of its own.
struct OptimizerName: ExpressibleByArgument, Sendable {
  var text: String
  init(argument: String) { text = argument }
  init(_ kind: OptimizerKind) { text = kind.rawValue }
  static var allValueStrings: [String] { OptimizerKind.allCases.map(\.rawValue) }
  static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
  var defaultValueDescription: String { text }

  /// The optimizer named (case-insensitive; `sgd` is `gd`).
  /// - Throws: `unknown optimizer 'adamm'; did you mean 'adam'?`
  func kind() throws(LossCoreError) -> OptimizerKind { try OptimizerKind.named(text) }
}
