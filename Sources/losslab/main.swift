import ArgumentParser
import LossCore
import LossLabUI
import LossPlot
import TerminalBackend

/// Minimal root command so that `losslab keys` can be tried in this branch; the real root command
/// lives in another branch.
struct LossLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "losslab",
    abstract: "See machine-learning loss functions in a terminal.",
    subcommands: [KeysCommand.self]
  )
}

LossLab.main()
