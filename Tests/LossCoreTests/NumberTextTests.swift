import Foundation
import Testing

@testable import LossCore

/// The one rule for numbers people read, against doubles that trip up naive printing.
@Suite struct NumberTextTests {
  static let awkward: [(Double, String)] = [
    (0.1 + 0.2, "0.3"),  // 0.30000000000000004
    (1.0999999999999999, "1.1"),
    (0.1 + 0.4 + 0.5 + 0.1, "1.1"),
    (-0.30000000000000004, "-0.3"),
    (1e-7, "1e-7"),
    (2.5e-5, "2.5e-5"),
    (0.0001, "0.0001"),
    (1e21, "1e21"),
    (-1.5e300, "-1.5e300"),
    (Double.leastNonzeroMagnitude, "4.94065645841e-324"),
    (0.0, "0"),
    (-0.0, "0"),
    (2.0, "2"),
    (-7.0, "-7"),
    (123456.789, "123456.789"),
    (123456789012.0, "123456789012"),
    (1234567890123.0, "1.23456789012e12"),
    (0.999999999, "0.999999999"),
    (0.9999999999999999, "1"),
    (1.9269790471552186, "1.92697904716"),
    (Double.infinity, "inf"),
    (-Double.infinity, "-inf"),
    (Double.nan, "nan"),
  ]

  @Test(arguments: awkward)
  func shortReadsLikeANumber(value: Double, text: String) {
    #expect(NumberText.short(value) == text)
  }

  /// Whatever `short` prints parses back to within its 12 significant digits.
  @Test func shortIsCloseToTheValue() {
    var x = 0.000123
    while x < 1e20 {
      for v in [x, -x, x * 3.7, 1 / x] {
        let back = Double(NumberText.short(v))!
        #expect(abs(back - v) <= abs(v) * 5e-12, "\(v) printed \(NumberText.short(v))")
      }
      x *= 7.31
    }
  }

  @Test func fewerDigitsOnRequest() {
    #expect(NumberText.short(2.0 / 3.0, significant: 6) == "0.666667")
    #expect(NumberText.short(1_234_567, significant: 6) == "1.23457e6")
    #expect(NumberText.short(0.5, significant: 1) == "0.5")
  }

  @Test func screenSymbols() {
    #expect(NumberText.short(.infinity, symbols: .unicode) == "∞")
    #expect(NumberText.short(-.infinity, symbols: .unicode) == "−∞")
    #expect(NumberText.short(.nan, symbols: .unicode) == "undefined")
    #expect(NumberText.short(.nan, symbols: .asciiScreen) == "undefined")
    #expect(NumberText.short(-.infinity, symbols: .asciiScreen) == "-inf")
  }

  /// Full precision reads back as the very same double.
  static let roundTrip: [Double] = [
    0.1 + 0.2, 1.0999999999999999, 1e-7, 1e21, 123456.789, 0.9999999999999999,
    .leastNonzeroMagnitude,
    -1.7976931348623157e308, 2.0, -3.0, 1e15, 0.5,
  ]

  @Test(arguments: roundTrip)
  func exactReadsBackTheSameDouble(value: Double) {
    #expect(Double(NumberText.exact(value)) == value)
  }

  @Test func exactSpellings() {
    #expect(NumberText.exact(0.1 + 0.2) == "0.30000000000000004")
    #expect(NumberText.exact(2) == "2")
    #expect(NumberText.exact(-0.0) == "0")
    #expect(NumberText.exact(.infinity) == "inf")
    #expect(NumberText.exact(-.infinity) == "-inf")
    #expect(NumberText.exact(.nan) == "nan")
  }

  @Test func fixedDecimals() {
    #expect(NumberText.fixed(0.5108256237659907) == "0.511")
    #expect(NumberText.fixed(-0.0001) == "-1.00e-4")
    #expect(NumberText.fixed(-0.0004, decimals: 3) == "-4.00e-4")
    #expect(NumberText.fixed(-0.00004, decimals: 1) == "-4.0e-5")
    #expect(NumberText.fixed(-1e-12 + 1e-12) == "0.000")
    #expect(NumberText.fixed(-0.0) == "0.000")
    #expect(NumberText.fixed(547546.98090, decimals: 5) == "547546.98090")
    #expect(NumberText.fixed(1.5e9, decimals: 3) == "1.50e9")
    // Below 1e-4, as `short` switches: more decimals do not make 8e-6 a one-digit 0.000008.
    #expect(NumberText.fixed(0.000008, decimals: 6) == "8.00000e-6")
    #expect(NumberText.fixed(-0.0000123456, decimals: 6) == "-1.23456e-5")
    #expect(NumberText.fixed(0.000123, decimals: 6) == "0.000123")
    #expect(NumberText.fixed(0.0001, decimals: 6) == "0.000100")
    #expect(NumberText.fixed(.infinity) == "∞")
    #expect(NumberText.fixed(.nan, symbols: .ascii) == "nan")
  }

  /// Values for comparing with C's `printf`: every magnitude the screen shows, random digits, exact
  /// binary fractions that are decimal ties (0.125, 2.5, 1.0625…), and neighbours of powers of ten.
  static var printfCases: [Double] {
    var rng = SplitMix64(seed: 19)
    var out: [Double] = [0.125, 2.5, 1.5, 0.5, 0.375, 1.0625, 1e-4, 9.9995, 0.00049999999999999999]
    for k in -6...7 {
      let p = pow(10.0, Double(k))
      out += [p, p.nextUp, p.nextDown, 9.5 * p, 0.95 * p, 5 * p, 4.9999999 * p]
    }
    for _ in 0..<4000 {
      let exponent = rng.nextUnit() * 13 - 6
      out.append(pow(10, exponent) * (rng.nextUnit() < 0.5 ? -1 : 1))
    }
    for j in 1...12 {
      let unit = 1.0 / Double(1 << j)
      for i in 1..<(1 << min(j, 5)) { out.append(Double(2 * i + 1) * unit * 7) }
    }
    return out
  }

  /// `fixed` writes what `printf("%.*f")` writes (without a minus on zero), digit for digit, wherever it
  /// writes fixed-point at all (from 1e-4 up to 1e7, and not rounding to zero).
  @Test func fixedMatchesPrintf() {
    for v in Self.printfCases {
      for d in 0...8
      where v.magnitude < 1e7 && v.magnitude >= 1e-4 && v.magnitude >= pow(10, Double(-d)) / 2 {
        var expected = String(format: "%.\(d)f", v)
        if expected.hasPrefix("-"), Double(expected) == 0 { expected.removeFirst() }
        #expect(NumberText.fixed(v, decimals: d) == expected, "\(v) with \(d) decimals")
      }
    }
  }

  /// `short` writes what `printf("%.*g")` writes, exponent tidied, for every precision.
  @Test func shortMatchesPrintf() {
    for v in Self.printfCases {
      for p in [1, 2, 3, 6, 12, 15, 17] {
        let expected = NumberText.tidy(String(format: "%.\(p)g", v))
        #expect(NumberText.short(v, significant: p) == expected, "\(v) with \(p) digits")
      }
    }
  }

  /// Where `fixed` writes scientific notation, it writes what `printf("%.*e")` writes, exponent tidied:
  /// the exact path below 1e-4 (down to about 1e-17), `printf` itself beyond.
  @Test func fixedScientificMatchesPrintf() {
    var rng = SplitMix64(seed: 23)
    var cases = Self.printfCases
    for k in -22...(-4) {
      let p = pow(10.0, Double(k))
      cases += [p, p.nextUp, p.nextDown, 9.9995 * p, 9.99951 * p, 1.0005 * p, 2.5 * p]
    }
    for _ in 0..<4000 {
      cases.append(pow(10, -4 - rng.nextUnit() * 16) * (rng.nextUnit() < 0.5 ? -1 : 1))
    }
    for v in cases {
      for d in 0...8 {
        let a = v.magnitude
        guard a != 0, a >= 1e7 || a < 1e-4 || a < pow(10, Double(-d)) / 2 else { continue }
        let expected = NumberText.tidy(String(format: "%.\(max(1, d - 1))e", v))
        #expect(NumberText.fixed(v, decimals: d) == expected, "\(v) with \(d) decimals")
      }
    }
  }

  /// The comparisons above test the exact path, not `printf` against itself: it takes the common cases.
  @Test func exactPathTakesTheScreensNumbers() {
    #expect(DecimalDigits.general(0.1 + 0.2, significant: 12) == "0.3")
    #expect(DecimalDigits.general(-2.5e-4, significant: 6) == "-0.00025")
    #expect(DecimalDigits.scaled(0.5108256237659907, decimals: 3) == 511)
    #expect(DecimalDigits.scaled(2.5, decimals: 0) == 2)
    #expect(DecimalDigits.scientific(-1.23456e-9, decimals: 3) == "-1.235e-9")
    #expect(DecimalDigits.scientific(9.99996e-5, decimals: 3) == "1.000e-4")
    #expect(DecimalDigits.scientific(3e-16, decimals: 3) != nil)
  }

  @Test func minusSignReplaced() {
    #expect(NumberText.replacingMinus("-1.5e-3", with: "−") == "−1.5e−3")
    #expect(NumberText.replacingMinus("2.5", with: "−") == "2.5")
  }
}
