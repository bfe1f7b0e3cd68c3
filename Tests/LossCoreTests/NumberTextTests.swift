import LossCore
import Testing

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
}
