import ArgumentParser
import LossLabUI
import LossPlot
import TerminalBackend

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `losslab keys`: shows what the terminal sends, for troubleshooting keys, mouse and colours.
struct KeysCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keys",
    abstract: "Show the keys and mouse events the terminal sends, for troubleshooting.",
    discussion: """
      Opens a full-screen page that lists the last 10 keys and mouse events by name (the names \
      --keys accepts), the terminal size, its colour depth and whether Unicode is drawn. \
      Press q to quit.

      Example:
        losslab keys
      """
  )

  @Option(
    name: .customLong("tick-ms"),
    help: ArgumentHelp("Also count timer ticks sent every N milliseconds.", visibility: .hidden))
  var tickMilliseconds: Int?

  func validate() throws {
    if let ms = tickMilliseconds, ms <= 0 {
      throw ValidationError("--tick-ms must be a positive number of milliseconds, got \(ms)")
    }
  }

  func run() throws {
    var app = KeysApp(tickInterval: tickMilliseconds.map { .milliseconds($0) })
    let status: Int32
    do {
      status = try Terminal.run(&app, options: TerminalOptions())
    } catch {
      printError(error.description)
      throw ExitCode(2)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// The state machine behind `losslab keys`.
struct KeysApp: TerminalApp {
  /// Most recent first.
  private(set) var events: [String] = []
  private(set) var options = RenderOptions.standard
  static let historyLength = 10

  /// Ticks requested from the front end (nil: none), and how many arrived.
  let tickInterval: Duration?
  private(set) var ticks = 0

  init(tickInterval: Duration? = nil) { self.tickInterval = tickInterval }

  mutating func configure(_ options: RenderOptions) { self.options = options }

  mutating func handle(_ event: Event) -> AppCommand {
    if case .key(.character("q")) = event { return .quit }
    if case .tick = event { ticks += 1 }
    guard let name = Self.describe(event) else { return .none }
    events.insert(name, at: 0)
    if events.count > Self.historyLength { events.removeLast() }
    return .none
  }

  /// A short name for an event: the key name `--keys` uses, or the mouse or resize details.
  static func describe(_ event: Event) -> String? {
    switch event {
    case .key(let k): return KeyNames.name(of: k)
    case .mouse(let m): return "mouse \(m.button) \(m.kind) at x=\(m.x) y=\(m.y)"
    case .resize(let w, let h): return "resize to \(w)x\(h)"
    case .tick, .result: return nil
    }
  }

  func render(width: Int, height: Int, cache: inout Void) -> Screen {
    var s = Screen(width: width, height: height)
    let colours: String =
      switch options.color {
      case .none: "none"
      case .basic8: "8"
      case .full256: "256"
      }
    s.put("losslab keys: what this terminal sends", x: 1, y: 0, style: .bold)
    s.put("size: \(width)x\(height)", x: 1, y: 1)
    s.put("colours: \(colours)", x: 1, y: 2)
    s.put("drawing: \(options.ascii ? "ascii" : "unicode")", x: 1, y: 3)
    if tickInterval != nil { s.put("ticks: \(ticks)", x: 30, y: 1) }

    // A strip of colours: the 16 basic ones, then a walk through the cube and the grey ramp.
    var x = s.put("colour strip: ", x: 1, y: 4)
    let strip: [Color] =
      (0..<16).map { Color(UInt8($0)) } + (0..<6).map { Color.cube($0, 5 - $0, 2) }
      + [Color.grey(4), Color.grey(12), Color.grey(20)]
    let block: Unicode.Scalar = options.ascii ? "#" : "\u{2588}"
    for c in strip {
      let style = options.hasColor ? Style(foreground: c, background: c) : Style.reverse
      s[x, 4] = Cell(block, style: style)
      x += 1
    }

    s.put("last events (newest first):", x: 1, y: 6)
    for (i, name) in events.enumerated() {
      s.put("\(i + 1 < 10 ? " " : "")\(i + 1). \(name)", x: 3, y: 7 + i)
    }
    s.put("press q to quit", x: 1, y: min(8 + Self.historyLength, height - 1), style: .reverse)
    return s
  }
}
