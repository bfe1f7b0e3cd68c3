import LossCore
import LossLabUI

/// The most common command lines, read without ArgumentParser.
///
/// ArgumentParser builds every option of a command (and, to find the command, something of every
/// command) by reflection each time it parses: about half of a short `losslab render` run and a
/// quarter of the app's start. The command lines below are so common (the app as it opens, a plain
/// `render`) that they are read here instead, by a parser that knows exactly those shapes.
///
/// Anything else — another option, a repeated one, a value that is not plainly valid, `--help`,
/// a misspelling — returns `false`, and `LossLab.main` parses the line with ArgumentParser as
/// before, so every message, usage text and exit status comes from there. A line read here runs
/// the same code as the command it stands for (`RenderCommand.write`, `Interactive.run`), with the
/// values ArgumentParser would have given; its errors are thrown to the same handler.
enum QuickStart {
  /// Runs `arguments` (without the program name) if they are one of the shapes read here, and
  /// returns whether it did. The app's shapes do not return.
  static func run(_ arguments: ArraySlice<String>) throws -> Bool {
    guard let first = arguments.first else { return try openApp(nil, flags: arguments) }
    if first == "render" { return try render(arguments.dropFirst()) }
    if first.hasPrefix("-") { return try openApp(nil, flags: arguments) }
    // The view commands without options of their own (classify's defaults go through its options).
    guard let view = ViewID(command: first), view != .classify else { return false }
    return try openApp(view, flags: arguments.dropFirst())
  }

  /// `losslab [VIEW] [--ascii] [--blocks] [--no-color] [--theme T]`: the app, as `CurvesCommand`,
  /// `ContourCommand` and `DistributionsCommand` open it with no other option.
  static func openApp(_ view: ViewID?, flags arguments: ArraySlice<String>) throws -> Bool {
    guard
      let options = Options(
        arguments, flags: ["--ascii", "--blocks", "--no-color"], options: ["--theme"]),
      let theme = choice(options.value("--theme"), default: ThemeChoice?.none)
    else { return false }
    let terminal = try DisplayOptions.terminalOptions(
      ascii: options.flag("--ascii"), blocks: options.flag("--blocks"),
      noColor: options.flag("--no-color"), theme: theme)
    // As `Interactive.state(view:scenario:)` without a scenario: `losslab` alone opens Curves.
    try Interactive.run(AppState(view: view ?? .curves), terminalOptions: terminal)
  }

  /// `losslab render VIEW` with `--width`, `--height`, `--ascii`, `--blocks`, `--color`, `--format`,
  /// `--theme` and `--keys` (the view first): `RenderCommand.run` with every other option left out.
  static func render(_ arguments: ArraySlice<String>) throws -> Bool {
    guard let name = arguments.first, let view = ViewID(name: name), view != .classify,
      let options = Options(
        arguments.dropFirst(), flags: ["--ascii", "--blocks"],
        options: ["--width", "--height", "--color", "--format", "--theme", "--keys"]),
      let width = size(options.value("--width"), default: RenderCommand.defaultSize.width),
      let height = size(options.value("--height"), default: RenderCommand.defaultSize.height),
      let color = choice(options.value("--color"), default: ColorChoice.auto),
      let format = choice(options.value("--format"), default: FrameFormat.text),
      let theme = choice(options.value("--theme"), default: ThemeChoice?.none)
    else { return false }
    let renderOptions = try RenderCommand.renderOptions(
      format: format, color: color, ascii: options.flag("--ascii"),
      blocks: options.flag("--blocks"), theme: theme)
    // `RenderCommand.configure` changes nothing for curves, contour and distributions without
    // their options.
    let state = AppState(view: view, width: width, height: height, options: renderOptions)
    try RenderCommand.write(
      LossLabApp(state: state), title: "losslab: \(view.title)", width: width, height: height,
      keys: options.value("--keys"), format: format)
    return true
  }

  /// A frame size as `--width` and `--height` take it: plain digits within `RenderCommand.sizes`
  /// (else nil).
  static func size(_ text: String?, default value: Int) -> Int? {
    guard let text else { return value }
    guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(text),
      RenderCommand.sizes.contains(n)
    else { return nil }
    return n
  }

  /// A choice's value (its raw value exactly, as ArgumentParser matches it), or the default when
  /// not given; nil for a value that is none of the choices.
  static func choice<T: RawRepresentable>(_ text: String?, default value: T) -> T?
  where T.RawValue == String {
    guard let text else { return value }
    return T(rawValue: text)
  }

  /// A choice without a default: `.some(nil)` when not given.
  static func choice<T: RawRepresentable>(_ text: String?, default value: T?) -> T??
  where T.RawValue == String {
    guard let text else { return .some(value) }
    return T(rawValue: text).map { .some($0) }
  }

  /// The options of a command line: each a known flag or a known option with its value, each
  /// given at most once, values not looking like options (ArgumentParser refuses those).
  ///
  /// Plain arrays of strings, searched in order: a handful of names, and no `Set` or `Dictionary`
  /// whose first use at start-up costs the runtime a search of every conformance in the binary.
  struct Options {
    /// The flags and options given, in order; `values[k]` is `names[k]`'s value ("" for a flag).
    var names: [String] = []
    var values: [String] = []

    /// Nil when an argument is none of `flags` and `options`, is repeated, or lacks a value.
    init?(_ arguments: ArraySlice<String>, flags: [String], options: [String]) {
      var i = arguments.startIndex
      while i < arguments.endIndex {
        let token = arguments[i]
        i += 1
        let name: String
        let value: String
        if flags.contains(token) {
          (name, value) = (token, "")
        } else if options.contains(token) {
          guard i < arguments.endIndex else { return nil }
          (name, value) = (token, arguments[i])
          i += 1
        } else if let equals = token.firstIndex(of: "="), options.contains(String(token[..<equals]))
        {
          (name, value) = (String(token[..<equals]), String(token[token.index(after: equals)...]))
        } else {
          return nil
        }
        guard !names.contains(name) else { return nil }
        if options.contains(name) {
          guard !value.isEmpty, !value.hasPrefix("-") else { return nil }
        }
        names.append(name)
        values.append(value)
      }
    }

    /// Whether the flag was given.
    func flag(_ name: String) -> Bool { names.contains(name) }

    /// The option's value, nil when not given.
    func value(_ name: String) -> String? { names.firstIndex(of: name).map { values[$0] } }
  }
}

extension ViewID {
  /// The view a command name opens: `curves`, `contour`, `distributions` (or `dist`), `classify`.
  init?(command: String) {
    switch command {
    case "curves": self = .curves
    case "contour": self = .contour
    case "distributions", "dist": self = .distributions
    case "classify": self = .classify
    default: return nil
    }
  }
}
