import LossCore
import LossPlot

/// The readout lines the Contour and Classify panels share: where a descent stands, its gradient,
/// and the rate with the optimizer. Written into the panel's text piece by piece, so a warm step
/// allocates nothing for them.
extension PanelText {
  /// `w=… b=…` with `digits` decimals.
  mutating func addPosition(
    w: Double, b: Double, digits: Int, ascii a: Bool, _ style: Style, _ priority: Priority
  ) {
    add(style, priority) {
      $0 += "w="
      $0 += Fmt.num(w, digits, ascii: a)
      $0 += "  b="
      $0 += Fmt.num(b, digits, ascii: a)
    }
  }

  /// `grad w … b …`: the larger component sets the scale below which the other is rounding noise.
  mutating func addGradient(w: Double, b: Double, ascii a: Bool) {
    let scale = max(w.magnitude, b.magnitude)
    add(.plain, .useful) {
      $0 += "grad w "
      $0 += Fmt.signed(w, 4, ascii: a, beside: scale)
      $0 += "  b "
      $0 += Fmt.signed(b, 4, ascii: a, beside: scale)
    }
  }

  /// `rate … gd` (or `all optimizers` in compare mode), then whatever `more` appends.
  mutating func addRate(
    _ rate: Double, optimizer: OptimizerKind, comparing: Bool, ascii a: Bool,
    more: (inout String) -> Void = { _ in }
  ) {
    add(.plain, .essential) {
      $0 += "rate "
      $0 += Fmt.num(rate, 4, ascii: a)
      $0 += "  "
      $0 += comparing ? "all optimizers" : optimizer.rawValue
      more(&$0)
    }
  }
}
