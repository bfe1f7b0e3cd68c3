import Foundation

/// Numbers as the views print them: plain decimals, never "nan", infinity as a word or symbol.
enum Fmt {
  /// `digits` decimals; switches to scientific only for very large or tiny magnitudes.
  static func num(_ v: Double, _ digits: Int = 3, ascii: Bool = false) -> String {
    if v.isNaN { return "undefined" }
    if v.isInfinite { return v > 0 ? (ascii ? "inf" : "∞") : (ascii ? "-inf" : "−∞") }
    let a = abs(v)
    if a != 0 && (a >= 1e7 || a < pow(10, Double(-digits)) / 2) {
      return String(format: "%.\(max(1, digits - 1))e", v)
    }
    var s = String(format: "%.\(digits)f", v)
    if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
    return s
  }

  /// A number with a sign always shown (for slopes and contributions).
  static func signed(_ v: Double, _ digits: Int = 3, ascii: Bool = false) -> String {
    let s = num(v, digits, ascii: ascii)
    return v >= 0 && v.isFinite ? "+" + s : s
  }
}
