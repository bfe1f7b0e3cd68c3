import LossPlot

/// Characters the chrome uses, in a Unicode and an ASCII set.
struct Symbols: Sendable {
  let bullet: String
  let arrowLeftRight: String
  let arrowUpDown: String
  let parallel: String
  let infinity: String
  let delta: String
  let hat: String

  static let unicode = Symbols(
    bullet: "●", arrowLeftRight: "←/→", arrowUpDown: "↑/↓", parallel: "‖", infinity: "∞",
    delta: "δ", hat: "ŷ")
  static let ascii = Symbols(
    bullet: "*", arrowLeftRight: "Left/Right", arrowUpDown: "Up/Down", parallel: "||",
    infinity: "inf",
    delta: "d", hat: "y_pred")

  static func of(_ options: RenderOptions) -> Symbols { options.ascii ? .ascii : .unicode }
}
