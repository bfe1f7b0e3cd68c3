/// What a key does everywhere (when no view binds it first).
enum GlobalAction: Sendable, Equatable {
  case quit
  /// Escape: closes the explanation panel when open, else quits.
  case back
  case help
  case view(ViewID)
  /// The next (+1) or previous (-1) view in tab order.
  case cycleView(Int)
  case explain, save
  /// Scrolls the open explanation card by this many pages (PgUp/PgDn).
  case scrollCard(Int)
}

/// What a key does while a lesson is open (before anything else sees it).
enum LessonAction: Sendable, Equatable {
  case next, previous, leave
}

/// Keys that work in every view, after the view's own table.
enum GlobalKeys {
  static let table = KeyTable<GlobalAction>([
    .bind(
      "1 2 3 4, Tab", "switch view (Curves, Contour, Distributions, Classify)",
      each: [
        (.character("1"), .view(.curves)), (.character("2"), .view(.contour)),
        (.character("3"), .view(.distributions)), (.character("4"), .view(.classify)),
        (.tab, .cycleView(1)), (.backTab, .cycleView(-1)),
      ]),
    .bind("e", "explain what is selected", [.character("e")], .explain),
    .bind(
      "PgUp / PgDn", "scroll the explanation card (also the mouse wheel over it)",
      each: [(.pageUp, .scrollCard(-1)), (.pageDown, .scrollCard(1))]),
    .bind("w", "save the current state as a scenario file", [.character("w")], .save),
    .bind(
      "?", "this help (Escape or ? closes it)", hint: KeyHint(keys: .text("?"), label: "help"),
      [.character("?"), .function(1)], .help),
    .bind(
      "q, Escape, Ctrl-C", "quit (Escape first closes what is open)",
      each: [(.character("q"), .quit), (.escape, .back), (.control("c"), .quit)]),
  ])

  /// "q quit", or "Esc quit" where the view takes q for itself.
  static func quitHint(viewBindsQ: Bool) -> String {
    viewBindsQ ? "Esc quit" : "q quit"
  }

  /// The keys shown on the right of the top bar and the end of the status bar: help and quit.
  static func hints(viewBindsQ: Bool, _ symbols: Symbols) -> [String] {
    table.hints(symbols) + [quitHint(viewBindsQ: viewBindsQ)]
  }

  static var help: [KeyHelp] { table.help }
}

enum LessonKeys {
  static let table = KeyTable<LessonAction>([
    .bind(
      "n / p", "next / previous lesson step",
      each: [
        (.character("n"), .next), (.pageDown, .next), (.character("p"), .previous),
        (.pageUp, .previous),
      ]),
    .bind("Escape", "leave the lesson", [.escape], .leave),
  ])
}
