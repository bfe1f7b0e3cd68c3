import ArgumentParser
import LossCore
import LossLabUI
import LossPlot

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// When to write colour escapes.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never
}

/// What `render` writes: text (with ANSI colour on request), or a colour SVG or HTML document.
enum FrameFormat: String, ExpressibleByArgument, CaseIterable {
  case text, svg, html
}

struct RenderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract: "Print a frame of a view as text, exactly as the app would show it.",
    discussion: """
      Prints exactly HEIGHT lines, each at most WIDTH columns. The keys given
      with --keys go through the same state machine as the app first, so any
      screen the app can show can be printed.

      With --scenario the view may be left out: the frame shows the view the
      file names. A view given on the command line wins over the file's.

      Views and their options:
        curves         --loss NAME (repeatable: \(CurveNames.names.joined(separator: ", "));
                       NAME:TARGET[:PARAMETER]), --target T, --delta D, --tau T
        contour        --loss \(LossList.standard.supporting(.lineFit).map(\.shortName).joined(separator: "|")), --delta, --tau, the data options of `descend`,
                       --w-range LO,HI, --b-range LO,HI, --optimizer, --lr,
                       --w0, --b0
        distributions  --p V --q V (comma-separated), --normalize
        classify       --loss bce|mse|hinge|squared-hinge|focal (twice: side
                       by side), --gamma, --separable, --points, --seed, --data FILE
                       (or --dataset) --x COL --y COL, --optimizer, --lr,
                       --w0, --b0, --w-range, --b-range

      Examples:
        losslab render curves
        losslab render curves --loss bce --target 1 --loss hinge
        losslab render contour --loss mae --outliers 5 --keys "s s s"
        losslab render dist --p 0.1,0.4,0.5 --q 0.8,0.15,0.05 --ascii
        losslab render --scenario class.json --color always
        losslab render contour --format svg > contour.svg
        losslab render dist --format html --theme light > dist.html
        losslab render classify --loss bce --loss mse --w0=-5 --b0 3 --keys "s s s"
        losslab render --lesson learning-rate --step 3 --width 100 --height 30
      """)

  @Argument(help: "The view (optional with a --scenario file that names one; if given, it wins).")
  var view: ViewID?

  /// The frame size when `--width` or `--height` is not given (`QuickStart` reads the same).
  static let defaultSize = (width: 80, height: 24)
  /// The sizes `--width` and `--height` take.
  static let sizes = 1...1000

  @Option(parsing: .unconditional, help: "Columns of the frame (1 to 1000).")
  var width: Int = RenderCommand.defaultSize.width

  @Option(parsing: .unconditional, help: "Rows of the frame (1 to 1000).")
  var height: Int = RenderCommand.defaultSize.height

  @Flag(help: "Draw with ASCII characters only.")
  var ascii = false

  @Flag(help: "Draw plots with quadrant blocks instead of braille (for fonts without braille).")
  var blocks = false

  @Option(
    help:
      "Colour: auto (text: when stdout is a terminal and NO_COLOR is unset; svg and html: always), always, never."
  )
  var color: ColorChoice = .auto

  @Option(
    help:
      "Output: text (lines of characters), svg (an SVG image) or html (a web page); svg and html are sized to the frame."
  )
  var format: FrameFormat = .text

  @Option(help: ThemeChoice.help)
  var theme: ThemeChoice?

  @Option(
    help:
      "Keys to press first, space-separated: Left Right Up Down Enter Tab Space Escape S-Left C-x F1, or single characters (keys after a quitting key are ignored)."
  )
  var keys: String?

  @Option(help: "Load a scenario file (JSON) first.", completion: .file(extensions: ["json"]))
  var scenario: String?

  @Option(
    help: "Print a step of this lesson (the view, with the lesson's panel), as a student sees it.",
    completion: .list(Lessons.names))
  var lesson: String?

  @Option(help: "With --lesson: the step (1 is the first).")
  var step: Int?

  @Option(
    name: .customLong("loss"),
    help:
      "curves: a curve to show (repeatable); contour: mse, mae or huber; classify: \(ClassificationLosses.helpList) (two: side by side).",
    completion: .list(CurveNames.names))
  var losses: [String] = []

  @Option(parsing: .unconditional, help: "curves: the target of the curves given with --loss.")
  var target: Double?

  @Option(parsing: .unconditional, help: "Huber delta (curves and contour).")
  var delta: Double?

  @Option(parsing: .unconditional, help: "The quantile loss's τ (curves and contour).")
  var tau: Double?

  @OptionGroup(title: "Contour options")
  var fit: FitOptions

  @OptionGroup(title: "Classify options")
  var logistic: LogisticDataOptions

  @OptionGroup(title: "Distributions options")
  var pair: DistributionOptions

  mutating func validate() throws {
    guard Self.sizes.contains(width) else {
      throw ValidationError("--width must be from 1 to 1000, got \(width)")
    }
    guard Self.sizes.contains(height) else {
      throw ValidationError("--height must be from 1 to 1000, got \(height)")
    }
  }

  func run() throws {
    if let lesson { return try runLesson(lesson) }
    if step != nil { throw CommandFailure(message: "--step goes with --lesson", code: 2) }
    let loaded = try scenario.map { try ScenarioFile.load($0) }
    guard let viewID = view ?? loaded?.view else {
      let names = ViewID.allCases.map { $0.title.lowercased() }.joined(separator: ", ")
      throw CommandFailure(
        message: scenario.map { "\($0) names no view; give one: \(names)" }
          ?? "give a view (\(names)), or a --scenario file that names one",
        code: 2)
    }
    let options = try renderOptions()
    var state = AppState(view: viewID, width: width, height: height, options: options)
    if let loaded {
      loaded.apply(to: &state)
      state.view = viewID
    }
    try configure(&state, view: viewID)
    try write(LossLabApp(state: state), title: "losslab: \(viewID.title)")
  }

  /// The colour depth, character set and theme the options ask for.
  func renderOptions() throws -> RenderOptions {
    try Self.renderOptions(format: format, color: color, ascii: ascii, blocks: blocks, theme: theme)
  }

  /// The colour depth, character set and theme of a frame printed in `format`.
  static func renderOptions(
    format: FrameFormat, color: ColorChoice, ascii: Bool, blocks: Bool, theme: ThemeChoice?
  ) throws -> RenderOptions {
    let depth = format == .text || color != .auto ? ColorSetting.depth(for: color) : .full256
    let background = try ThemeChoice.background(theme)
    return RenderOptions(ascii: ascii, color: depth, blocks: blocks, background: background)
  }

  /// `--lesson NAME --step N`: the step as the app opens it, then the keys.
  func runLesson(_ name: String) throws {
    guard let lesson = Lesson.named(name) else {
      let known = Lessons.names.joined(separator: ", ")
      throw CommandFailure(message: "unknown lesson '\(name)'; lessons: \(known)")
    }
    let n = step ?? 1
    guard (1...lesson.steps.count).contains(n) else {
      throw CommandFailure(
        message: "--step must be from 1 to \(lesson.steps.count) for \(lesson.name), got \(n)")
    }
    if view != nil || scenario != nil {
      throw CommandFailure(
        message: "--lesson sets up its own view: leave out the view and --scenario")
    }
    var app = LossLabApp(
      state: AppState(width: width, height: height, options: try renderOptions()))
    app.startLesson(lesson, step: n - 1)
    try write(app, title: "losslab: \(lesson.title), step \(n)")
  }

  /// Presses the keys, then prints the frame in the chosen format.
  func write(_ app: LossLabApp, title: String) throws {
    try Self.write(app, title: title, width: width, height: height, keys: keys, format: format)
  }

  /// Presses `keys` (space-separated names), then prints the `width` × `height` frame in `format`.
  static func write(
    _ app: LossLabApp, title: String, width: Int, height: Int, keys: String?, format: FrameFormat
  ) throws {
    var app = app
    let options = app.state.options
    let (depth, background) = (options.color, options.background)
    _ = app.handle(.resize(width: width, height: height))
    if let keys {
      let parsed = try KeyNames.parse(keys)
      // Files are looked at (a name that exists gets the "replace?" question) but never written.
      app.replay(parsed, perform: FileEffects.headless)
    }
    let screen = app.render(width: width, height: height)
    let output: String
    switch format {
    case .text:
      // Bytes straight from the cells: no string per row, no joining.
      let frame = depth == .none ? screen : screen.adapted(to: background)
      StandardStreams.write(frame.textBytes(depth: depth), to: STDOUT_FILENO)
      return
    case .svg:
      output = FrameDocument.svg(screen, background: background, depth: depth, title: title)
    case .html:
      output = FrameDocument.html(screen, background: background, depth: depth, title: title)
    }
    StandardStreams.out(output)
  }

  /// Applies the view-specific options.
  func configure(_ state: inout AppState, view: ViewID) throws {
    if view != .classify, logistic.separable {
      throw CommandFailure(message: "--separable belongs to the classify view")
    }
    if view != .classify, logistic.gamma != nil {
      throw CommandFailure(message: "--gamma belongs to the classify view")
    }
    switch view {
    case .curves:
      guard !losses.isEmpty || target != nil || delta != nil || tau != nil else { return }
      var curves: [LossCurve] = []
      let names = losses.isEmpty ? ["neg-log", "bce", "hinge"] : losses
      for name in names {
        var c = try CurveNames.curve(name)
        if let target, !name.contains(":") { c.target = target }
        if let delta { c.delta = delta }
        if let tau {
          if let problem = LossParameter.tau.problem(with: tau) {
            throw CommandFailure(message: "--tau: " + problem)
          }
          c.config.tau = tau
        }
        curves.append(c)
      }
      state.curves.show(only: curves)
    case .contour:
      try fit.apply(to: &state.contour, loss: losses.last, delta: delta, tau: tau)
    case .distributions:
      if let d = try pair.state() { state.distributions = d }
    case .classify:
      try ClassifyOptions.apply(
        to: &state.classify, fit: fit, losses: losses, logistic: logistic)
    }
  }
}

/// Where colour is wanted, and how much.
enum ColorSetting {
  static func depth(for choice: ColorChoice) -> RenderOptions.ColorDepth {
    switch choice {
    case .always: return .full256
    case .never: return .none
    case .auto:
      let noColor = Environment.isSetNonEmpty("NO_COLOR")
      return isatty(STDOUT_FILENO) == 1 && !noColor ? .full256 : .none
    }
  }
}
