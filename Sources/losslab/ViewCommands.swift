import ArgumentParser
import LossCore
import LossLabUI
import LossPlot
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

/// How the app draws: what the terminal can show, unless told otherwise.
struct DisplayOptions: ParsableArguments {
  @Flag(help: "Draw with ASCII characters only (the default without a UTF-8 locale).")
  var ascii = false

  @Flag(help: "Draw plots with quadrant blocks instead of braille (for fonts without braille).")
  var blocks = false

  @Flag(name: .customLong("no-color"), help: "No colour (also when NO_COLOR is set).")
  var noColor = false

  @Option(help: ThemeChoice.help)
  var theme: ThemeChoice?

  func terminalOptions() throws -> TerminalOptions {
    try Self.terminalOptions(ascii: ascii, blocks: blocks, noColor: noColor, theme: theme)
  }

  /// What the terminal is told for these flags (and `NO_COLOR`, `LOSSLAB_THEME`, `COLORFGBG`).
  static func terminalOptions(
    ascii: Bool, blocks: Bool, noColor: Bool, theme: ThemeChoice?
  ) throws -> TerminalOptions {
    let envNoColor = Environment.isSetNonEmpty("NO_COLOR")
    return TerminalOptions(
      ascii: ascii ? true : nil,
      maxColor: noColor || envNoColor ? RenderOptions.ColorDepth.none : nil,
      blocks: blocks, background: try ThemeChoice.background(theme))
  }
}

/// Opens the interactive app; shared by `curves`, `contour`, `distributions` and `lesson`.
enum Interactive {
  static func run(_ state: AppState, display: DisplayOptions, lesson: String? = nil) throws -> Never
  {
    try run(state, terminalOptions: try display.terminalOptions(), lesson: lesson)
  }

  /// Opens the app on `state` with the terminal set up as `terminalOptions` say.
  static func run(_ state: AppState, terminalOptions: TerminalOptions, lesson: String? = nil) throws
    -> Never
  {
    var app = LossLabApp(state: state)
    if let lesson { _ = app.startLesson(lesson) }
    do {
      let status = try Terminal.run(&app, options: terminalOptions, perform: FileEffects.perform)
      exit(status)
    } catch {
      printError(error.description)
      exit(2)
    }
  }

  /// The state a view command starts from: a scenario file first, then the view. A view named on
  /// the command line wins; with `view` nil the app opens on the file's view (curves if it names none).
  static func state(view: ViewID?, scenario: String?) throws -> AppState {
    var state = AppState(view: view ?? .curves)
    if let scenario {
      try ScenarioFile.load(scenario).apply(to: &state)
      if let view { state.view = view }
    }
    return state
  }

  /// Whether the command line names the `curves` command, rather than reaching it as the default
  /// (`losslab --scenario f.json` opens the file's view; `losslab curves --scenario f.json` Curves).
  static func namesCurves(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Bool
  {
    arguments.first == CurvesCommand.configuration.commandName
  }
}

struct CurvesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "curves",
    abstract: "Open the app on the loss curves (the default when losslab runs without a command).",
    discussion: """
      Loss shapes against the prediction: -log(x), log(x), binary
      cross-entropy for target 0 and 1, hinge and squared hinge, MSE, MAE,
      Huber, log-cosh. Press ? in the app for every key.

      `losslab --scenario FILE` opens the view the file names;
      `losslab curves --scenario FILE` opens Curves with the file's settings.

      Examples:
        losslab
        losslab curves --loss mse --loss mae --loss huber
        losslab --scenario class.json
      """)

  @Option(
    name: .customLong("loss"),
    help:
      "A curve to show, name[:target[:parameter]] (repeatable; e.g. bce:1, hinge, huber:1:0.5, quantile:1:0.9)."
  )
  var losses: [LossName<CurveUse>] = []

  @Option(
    help: "Start from a scenario file (JSON).", completion: .file(extensions: ["json"]))
  var scenario: String?

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func run() throws {
    let view: ViewID? = Interactive.namesCurves() ? .curves : nil
    var state = try Interactive.state(view: view, scenario: scenario)
    if !losses.isEmpty {
      var curves: [LossCurve] = []
      for name in losses {
        curves.append(try CurveNames.curve(name.text))
      }
      state.curves.show(only: curves)
    }
    try Interactive.run(state, display: display)
  }
}

struct ContourCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contour",
    abstract: "Open the app on the loss surface over (w, b) of fitting y = 2x + 3.",
    discussion: """
      s steps, r runs, o changes the optimizer, [ and ] the learning rate,
      m the loss, x adds outliers, c compares all optimizers.
      Press ? in the app for every key.

      Examples:
        losslab contour
        losslab contour --loss mae --outliers 5
        losslab contour --optimizer adam --lr 0.1 --w0=-1 --b0 4
        losslab contour --data points.csv
      """)

  @Option(help: "The loss.")
  var loss: LossName<LineFitUse>?

  @Option(parsing: .unconditional, help: "Huber delta.")
  var delta: Double?

  @Option(parsing: .unconditional, help: "The quantile loss's τ, in (0, 1).")
  var tau: Double?

  @OptionGroup var fit: FitOptions

  @Option(
    help: "Start from a scenario file (JSON).", completion: .file(extensions: ["json"]))
  var scenario: String?

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func run() throws {
    var state = try Interactive.state(view: .contour, scenario: scenario)
    try fit.apply(to: &state.contour, loss: loss?.text, delta: delta, tau: tau)
    if fit.data.data == "-" { try DataFile.reattachTerminal() }
    try Interactive.run(state, display: display)
  }
}

struct ClassifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Open the app on the loss over (w, b) of fitting p = σ(w·x + b) to labelled points.",
    discussion: """
      Why cross-entropy beats squared error for classification: step the same
      start on both surfaces side by side (v), and watch the logit gradient.
      s steps, r runs, m changes the loss, v shows two surfaces, x switches to
      separable data, z fits on z-scores of x, o the optimizer, [ and ] the
      rate, d and D focal's γ. ? lists every key.

      Examples:
        losslab classify
        losslab classify --loss bce --loss mse
        losslab classify --separable
        losslab classify --data cells.csv --x size --y malignant
        losslab classify --dataset challenger --standardize
      """)

  @Option(
    help: "\(ClassificationLosses.helpList); give two to see them side by side.",
    completion: .list(ClassificationLosses.names))
  var loss: [String] = []

  @OptionGroup var fit: FitOptions

  @OptionGroup(title: "Classify options") var logistic: LogisticDataOptions

  @Option(help: "Start from a scenario file (JSON).")
  var scenario: String?

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func run() throws {
    var state = try Interactive.state(view: .classify, scenario: scenario)
    try ClassifyOptions.apply(to: &state.classify, fit: fit, losses: loss, logistic: logistic)
    try Interactive.run(state, display: display)
  }
}

struct DistributionsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distributions",
    abstract: "Open the app on two distributions with entropy, cross-entropy, KL, JS.",
    discussion: """
      Examples:
        losslab distributions
        losslab distributions --p 0.1,0.4,0.5 --q 0.8,0.15,0.05
      """,
    aliases: ["dist"])

  @OptionGroup var pair: DistributionOptions

  @Option(
    help: "Start from a scenario file (JSON).", completion: .file(extensions: ["json"]))
  var scenario: String?

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func run() throws {
    var state = try Interactive.state(view: .distributions, scenario: scenario)
    if let d = try pair.state() { state.distributions = d }
    try Interactive.run(state, display: display)
  }
}

/// `--p`, `--q` and `--normalize` of the distributions view (2 to 12 categories, same length).
struct DistributionOptions: ParsableArguments {
  @Option(parsing: .unconditional, help: "P, comma-separated probabilities.")
  var p: String?

  @Option(parsing: .unconditional, help: "Q, comma-separated probabilities.")
  var q: String?

  @Flag(help: "Rescale P and Q to sum to 1.")
  var normalize = false

  /// The view state for the given pair, or nil when neither was given.
  func state() throws -> DistributionsState? {
    guard p != nil || q != nil else { return nil }
    guard let p, let q else { throw CommandFailure(message: "give both --p and --q") }
    let pv = try Distributions.validated(
      NumberList.parse(p, name: "--p").flatMap { $0 }, name: "--p", normalize: normalize)
    let qv = try Distributions.validated(
      NumberList.parse(q, name: "--q").flatMap { $0 }, name: "--q", normalize: normalize)
    guard pv.count == qv.count else {
      throw LossCoreError(
        "--p and --q must have the same number of entries, got \(pv.count) and \(qv.count)")
    }
    guard (2...12).contains(pv.count) else {
      throw LossCoreError("the distributions view shows 2 to 12 categories, got \(pv.count)")
    }
    return DistributionsState(p: pv, q: qv)
  }
}

struct LessonCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Follow a guided lesson in the app (n next step, p back).",
    discussion: """
      Progress is kept in $XDG_STATE_HOME/losslab/progress.json (else
      ~/.local/state/losslab/progress.json); a lesson opens where you left it.

      Examples:
        losslab lesson --list
        losslab lesson mse-vs-mae
        losslab lesson learning-rate --step 3
        losslab lesson kl-asymmetry --handout > kl.md
      """)

  @Flag(help: "List the lessons, one a line: name, summary, and your progress.")
  var list = false

  @Argument(help: "The lesson to open.", completion: .list(Lessons.names))
  var name: String?

  @Option(help: "Start at this step (1 is the first).")
  var step: Int?

  @Flag(
    help:
      "Print the lesson as Markdown to hand out: each step's text and screen, then the questions and the answers."
  )
  var handout = false

  @Option(parsing: .unconditional, help: "With --handout: columns of each screen (40 to 300).")
  var width: Int = 100

  @Option(parsing: .unconditional, help: "With --handout: rows of each screen (12 to 200).")
  var height: Int = 30

  @OptionGroup(title: "Display options") var display: DisplayOptions

  func run() throws {
    if handout && (list || name == nil) {
      throw CommandFailure(message: "--handout needs a lesson name", code: 2)
    }
    if list || name == nil {
      let (book, warning) = ProgressFile.load(moveAside: false)
      if let warning { StandardStreams.error("losslab: warning: \(warning)\n") }
      let width = Lessons.all.map(\.name.count).max() ?? 0
      let summaryWidth = Lessons.all.map(\.summary.count).max() ?? 0
      for l in Lessons.all {
        let done = book.summary(of: l)
        let line =
          l.name.padded(to: width + 2)
          + (done.isEmpty
            ? l.summary
            : l.summary.padded(to: summaryWidth + 2) + done)
        print(line)
      }
      return
    }
    guard let name, let lesson = Lesson.named(name) else {
      let known = Lessons.names.joined(separator: ", ")
      throw CommandFailure(message: "unknown lesson '\(name ?? "")'; lessons: \(known)")
    }
    if let step, !(1...lesson.steps.count).contains(step) {
      throw CommandFailure(
        message: "--step must be from 1 to \(lesson.steps.count) for \(lesson.name), got \(step)")
    }
    if handout {
      guard (40...300).contains(width), (12...200).contains(height) else {
        throw CommandFailure(
          message:
            "--width must be from 40 to 300 and --height from 12 to 200, got \(width)x\(height)",
          code: 2)
      }
      let text = LessonHandout.markdown(lesson, width: width, height: height, ascii: display.ascii)
      StandardStreams.out(text)
      return
    }
    let (book, warning) = ProgressFile.load(moveAside: true)
    var state = AppState()
    state.progress = book
    var app = LossLabApp(state: state)
    _ = app.startLesson(lesson, step: step.map { $0 - 1 })
    if app.state.progress != book {
      // Opening a lesson is progress too (`--list` shows the step): keep it now.
      if case .result(.progressNotSaved(let reason)) = FileEffects.perform(
        .saveProgress(text: app.state.progress.jsonText))
      {
        app.state.message = "lesson progress not saved: \(reason)"
      }
    }
    if let warning { app.state.message = "warning: " + warning }
    try Interactive.run(app.state, display: display)
  }
}
