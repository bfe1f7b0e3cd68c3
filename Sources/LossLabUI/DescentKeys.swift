import LossCore

/// The key rows the two descent views (contour and classify) share, declared once: each view passes the
/// constructors of its own actions, so both tables bind the same keys with the same help.
enum DescentKeys {
  /// Arrows and h j k l move the start point by 1/40 of the window, H J K L by 1/8.
  static func startMoves<A>(_ move: (_ dw: Double, _ db: Double) -> A) -> KeyBinding<A> {
    .bind(
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
  static func rate<A>(_ scale: (Double) -> A) -> KeyBinding<A> {
    .bind(
      "[ / ]", "halve / double the learning rate", hint: KeyHint(keys: .text("[ ]"), label: "rate"),
      each: [(.character("["), scale(0.5)), (.character("]"), scale(2))])
  }

  /// `o` and `O` cycle the optimizers.
  static func optimizer<A>(_ next: (Int) -> A) -> KeyBinding<A> {
    .bind(
      "o / O", "next / previous optimizer", hint: KeyHint(keys: .text("o"), label: "optimizer"),
      each: [(.character("o"), next(1)), (.character("O"), next(-1))])
  }
}
