#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Numbers as text, by one rule for the screen, messages and the command line.
///
/// People read ``short(_:significant:symbols:)``: at most 12 significant digits, which tells apart
/// any values a person types or compares and drops the binary noise of floating point
/// (`0.1 + 0.2` reads `0.3`, not `0.30000000000000004`). Machines read ``exact(_:)``: the
/// shortest text that parses back to the very same double (`--json`, CSV, scenario files).
/// Readouts in fixed columns use ``fixed(_:decimals:symbols:)``.
public enum NumberText {
  /// How infinities and NaN are spelled.
  public enum Symbols: Sendable {
    /// `inf`, `-inf`, `nan`: for the command line and messages.
    case ascii
    /// `∞`, `−∞`, `undefined`: for the screen.
    case unicode
    /// `inf`, `-inf`, `undefined`: for the screen in `--ascii` mode.
    case asciiScreen
  }

  /// Significant digits of ``short(_:significant:symbols:)`` unless told otherwise.
  public static let defaultSignificant = 12

  /// `v` with at most `significant` significant digits and no trailing zeros: `0.3`, `1.1`, `2`,
  /// `123456.789`, `-0.25`. Magnitudes below 1e-4 or from 10^significant up are written
  /// `1e-7`, `2.5e21`. Negative zero reads `0`.
  public static func short(
    _ v: Double, significant: Int = defaultSignificant, symbols: Symbols = .ascii
  ) -> String {
    if let word = nonFinite(v, symbols) { return word }
    if v == 0 { return "0" }
    let p = min(max(significant, 1), 17)
    if let text = DecimalDigits.general(v, significant: p) { return text }
    return tidy(String(cFormat: "%.\(p)g", v))
  }

  /// The shortest text that reads back as exactly `v` (`0.30000000000000004`, `1e-07`), with
  /// integral values below 1e15 written without a fraction (`2`, `-1`), and `inf`, `-inf`, `nan`.
  public static func exact(_ v: Double) -> String {
    if let word = nonFinite(v, .ascii) { return word }
    if v == v.rounded(), v.magnitude < 1e15 { return v == 0 ? "0" : String(Int64(v)) }
    return "\(v)"
  }

  /// `v` with exactly `decimals` decimals (`0.511`, `4.423`), for readouts that line up in
  /// columns. Magnitudes from 1e7 up, and nonzero ones below 1e-4 (as ``short(_:significant:symbols:)``
  /// writes them) or that would round to zero, switch to scientific notation with `decimals - 1`
  /// digits and the exponent as `short` writes it (`1.23e9`, `8.00000e-6`, never `0.000008`, which
  /// shows one significant digit). Never `-0.000`.
  public static func fixed(_ v: Double, decimals: Int = 3, symbols: Symbols = .unicode) -> String {
    if let word = nonFinite(v, symbols) { return word }
    let d = min(max(decimals, 0), 17)
    let a = v.magnitude
    if a != 0 && (a >= 1e7 || a < 1e-4 || a < pow(10, Double(-d)) / 2) {
      let p = max(1, d - 1)
      return DecimalDigits.scientific(v, decimals: p) ?? tidy(String(cFormat: "%.\(p)e", v))
    }
    return DecimalDigits.fixed(v, decimals: d)
  }

  /// `text` with every ASCII hyphen-minus replaced by `minus` (`−` on the screen); `text` itself when it has
  /// none, so the common case costs a scan and no copy.
  public static func replacingMinus(_ text: String, with minus: String) -> String {
    guard minus != "-", text.utf8.contains(UInt8(ascii: "-")) else { return text }
    var out = ""
    for s in text.unicodeScalars {
      if s == "-" { out += minus } else { out.unicodeScalars.append(s) }
    }
    return out
  }

  /// `%.{d}f` by `printf`, never `-0.000`: what `DecimalDigits.fixed` does itself where it can.
  static func printfFixed(_ v: Double, decimals d: Int) -> String {
    var s = String(cFormat: "%.\(d)f", v)
    if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
    return s
  }

  static func nonFinite(_ v: Double, _ symbols: Symbols) -> String? {
    if v.isNaN { return symbols == .ascii ? "nan" : "undefined" }
    guard v.isInfinite else { return nil }
    switch symbols {
    case .unicode: return v > 0 ? "∞" : "−∞"
    case .ascii, .asciiScreen: return v > 0 ? "inf" : "-inf"
    }
  }

  /// `%g` output without the exponent's `+` and leading zeros: `1e+21` → `1e21`, `1e-07` → `1e-7`.
  static func tidy(_ g: String) -> String {
    guard let e = g.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return g }
    let mantissa = g[..<e]
    var exponent = g[g.index(after: e)...]
    var negative = false
    if exponent.first == "+" || exponent.first == "-" {
      negative = exponent.first == "-"
      exponent = exponent.dropFirst()
    }
    let digits = exponent.drop { $0 == "0" }
    return mantissa + "e" + (negative ? "-" : "") + (digits.isEmpty ? "0" : digits)
  }
}
