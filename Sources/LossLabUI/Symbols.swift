/// Characters the chrome uses, in a Unicode and an ASCII set.
struct Symbols: Sendable {
  let vertical: String
  let horizontal: Unicode.Scalar
  let bullet: String
  let check: String
  let uncheck: String
  let arrowLeftRight: String
  let arrowUpDown: String
  let parallel: String
  let infinity: String
  let times: String
  let delta: String
  let hat: String
  let minus: String

  static let unicode = Symbols(
    vertical: "│", horizontal: "─", bullet: "●", check: "[■]", uncheck: "[ ]", arrowLeftRight: "←/→",
    arrowUpDown: "↑/↓", parallel: "‖", infinity: "∞", times: "×", delta: "δ", hat: "ŷ", minus: "−")
  static let ascii = Symbols(
    vertical: "|", horizontal: "-", bullet: "*", check: "[x]", uncheck: "[ ]", arrowLeftRight: "Left/Right",
    arrowUpDown: "Up/Down", parallel: "||", infinity: "inf", times: "x", delta: "d", hat: "y_pred", minus: "-")

  static func of(_ options: RenderOptions) -> Symbols { options.ascii ? .ascii : .unicode }
}

import LossPlot
