import ArgumentParser
import CStartup
import LossCore
import LossLabUI
import TerminalBackend

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `losslab` command. Add new subcommands to `configuration.subcommands`, one file per command.
@main
struct LossLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "losslab",
    abstract: "See machine-learning loss functions in a terminal.",
    discussion: """
      Without a command, opens the interactive app on the curves view
      (1 Curves, 2 Contour, 3 Distributions, 4 Classify; ? lists the keys).
      `losslab --scenario FILE` opens the view the file names.
      `losslab render VIEW` prints the same frames as text.

      Environment: NO_COLOR (any value) turns colour off; LOSSLAB_THEME
      (auto, dark or light) sets the default of --theme; COLORFGBG, set by
      some terminals, tells --theme auto whether the background is light.

      Exit status: 0 success, 1 bad input (a file, a value or a name that
      cannot be used), 2 usage error (an unknown option, a missing
      argument, or the app started without a terminal). Data goes to
      standard output, errors to standard error.
      """,
    version: LossLabVersion.current,
    subcommands: [
      CurvesCommand.self,
      ContourCommand.self,
      DistributionsCommand.self,
      ClassifyCommand.self,
      LessonCommand.self,
      PresentCommand.self,
      Eval.self,
      KL.self,
      Descend.self,
      DatasetsCommand.self,
      RenderCommand.self,
      BenchCommand.self,
      KeysCommand.self,
    ],
    defaultSubcommand: CurvesCommand.self
  )

  /// Parses and runs, turning every failure into one line `losslab: error: ...` on stderr and a
  /// non-zero exit: 1 for bad input (a file, a value, a name), 2 for a usage error (an unknown
  /// option, a missing argument, no terminal for the app). The man page documents these.
  static func main() {
    CrashReport.configureBacktracer()  // may run losslab again, with the runtime's crash settings
    losslab_keep_freed_memory()  // a cold frame reuses freed pages instead of faulting fresh ones
    do {
      // The most common lines skip ArgumentParser's reflection; anything else is parsed below.
      if try QuickStart.run(CommandLine.arguments.dropFirst()) { processExit(0) }
      var command = try parseAsRoot()
      try command.run()
    } catch let error as LossCoreError {
      fail(error.message, code: 1)
    } catch let error as ExitCode {
      processExit(error.rawValue)
    } catch let error as ScenarioError {
      fail(error.description, code: 1)
    } catch let error as KeyNames.ParseError {
      fail(error.description, code: 1)
    } catch let error as CommandFailure {
      fail(error.message, code: error.code)
    } catch {
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }  // --help, --version
      var message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
      // ArgumentParser says 64 (EX_USAGE) for usage errors; losslab documents 2, as most tools do.
      fail(message + " (see 'losslab help')", code: code == .validationFailure ? 2 : code.rawValue)
    }
  }

  static func fail(_ message: String, code: Int32) -> Never {
    printError(message)
    processExit(code)
  }
}

/// A failure found while running a command, with its exit status.
struct CommandFailure: Error {
  var message: String
  var code: Int32 = 1
}

/// Writes `losslab: error: <message>` on stderr.
func printError(_ message: String) {
  StandardStreams.error("losslab: error: \(message)\n")
}
