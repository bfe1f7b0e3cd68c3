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
}
