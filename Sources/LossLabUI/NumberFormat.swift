import LossCore

/// Readouts as the views print them, by the rule of `NumberText`: fixed decimals, never "nan",
/// infinity as a symbol (or `inf` with `ascii`).
enum Fmt {
  /// `digits` decimals; scientific only for very large or tiny magnitudes.
  static func num(_ v: Double, _ digits: Int = 3, ascii: Bool = false) -> String {
    NumberText.fixed(v, decimals: digits, symbols: ascii ? .asciiScreen : .unicode)
  }

  /// A number with a sign always shown (for slopes and contributions).
  static func signed(_ v: Double, _ digits: Int = 3, ascii: Bool = false) -> String {
    let s = num(v, digits, ascii: ascii)
    return v >= 0 && v.isFinite ? "+" + s : s
  }

  /// `signed(v)`, printed as 0 when `v` is below `relativeZero` of `scale`: one component of a gradient
  /// beside the other, or a mean beside the mean magnitude it sums from. A sum that is zero in exact
  /// arithmetic (the mean of σ − y where b predicts the class share) ends up as 1e-17 of its terms in
  /// floating point; that is rounding, not a value.
  static func signed(_ v: Double, _ digits: Int, ascii: Bool, beside scale: Double) -> String {
    let shown = scale.isFinite && v.magnitude < scale.magnitude * relativeZero ? 0 : v
    return signed(shown, digits, ascii: ascii)
  }

  /// Below this fraction of its scale a printed number is rounding noise (about 4500 ulps).
  static let relativeZero = 1e-12
}
