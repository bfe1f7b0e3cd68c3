import LossCore

/// The key rows the two descent views (contour and classify) share, declared once: each view passes how
/// its own actions wrap a `DescentAction`, so both tables bind the same keys with the same help, and
/// `DescentView.perform` handles them in one place.
enum DescentKeys {
  /// Arrows and h j k l move the start point by 1/40 of the window, H J K L by 1/8.
  static func startMoves<A>(_ wrap: (DescentAction) -> A) -> KeyBinding<A> {
    func move(_ dw: Double, _ db: Double) -> A { wrap(.moveStart(dw: dw, db: db)) }
    return .bind(
      "arrows, h j k l", "move the start point (H J K L: big moves)",
      each: [
        (.left, move(-1 / 40, 0)), (.character("h"), move(-1 / 40, 0)),
        (.right, move(1 / 40, 0)), (.character("l"), move(1 / 40, 0)),
        (.up, move(0, 1 / 40)), (.character("k"), move(0, 1 / 40)),
        (.down, move(0, -1 / 40)), (.character("j"), move(0, -1 / 40)),
        (.character("H"), move(-1 / 8, 0)), (.character("L"), move(1 / 8, 0)),
        (.character("K"), move(0, 1 / 8)), (.character("J"), move(0, -1 / 8)),
      ])
  }

  /// `[` halves and `]` doubles the learning rate.
  static func rate<A>(_ wrap: (DescentAction) -> A) -> KeyBinding<A> {
    .bind(
      "[ / ]", "halve / double the learning rate", hint: KeyHint(keys: .text("[ ]"), label: "rate"),
      each: [(.character("["), wrap(.rate(0.5))), (.character("]"), wrap(.rate(2)))])
  }

  /// `o` and `O` cycle the optimizers.
  static func optimizer<A>(_ wrap: (DescentAction) -> A) -> KeyBinding<A> {
    .bind(
      "o / O", "next / previous optimizer", hint: KeyHint(keys: .text("o"), label: "optimizer"),
      each: [(.character("o"), wrap(.optimizer(1))), (.character("O"), wrap(.optimizer(-1)))])
  }

  /// `+` (or `=`) zooms the window in, `-` (or `_`) out.
  static func zoom<A>(_ wrap: (DescentAction) -> A) -> KeyBinding<A> {
    .bind(
      "+ / -", "zoom the (w, b) window in / out",
      each: [
        (.character("+"), wrap(.zoom(0.5))), (.character("="), wrap(.zoom(0.5))),
        (.character("-"), wrap(.zoom(2))), (.character("_"), wrap(.zoom(2))),
      ])
  }

  /// Shift-arrows pan the window by a tenth of itself.
  static func pan<A>(_ wrap: (DescentAction) -> A) -> KeyBinding<A> {
    .bind(
      "Shift-arrows", "pan the (w, b) window",
      each: [
        (.shiftLeft, wrap(.pan(dw: -0.1, db: 0))), (.shiftRight, wrap(.pan(dw: 0.1, db: 0))),
        (.shiftUp, wrap(.pan(dw: 0, db: 0.1))), (.shiftDown, wrap(.pan(dw: 0, db: -0.1))),
      ])
  }
}
