/// Reading a number from the bytes of one table field.
///
/// The common case is a plain decimal such as `-12.375` or `6.02e-3` whose digits form an integer m ≤ 2⁵³ and whose
/// power of ten 10ᵉ has |e| ≤ 22. Both m and 10ᵉ are then exact Doubles, so one multiplication or division rounds
/// once and gives the correctly rounded value (Clinger's fast path). Everything else
/// (more digits, larger exponents, `inf`, hexadecimal) goes to the standard library's correctly rounded
/// `Double(_:)`. The fast path is what lets a million-row table load in a few tens of milliseconds.
enum NumberField {
  /// What a field holds.
  enum Value {
    case number(Double)
    /// Empty, or a marker of a missing value: `NA`, `N/A`, `NaN`, `null` (any case).
    case missing
    case text
  }

  /// 10⁰ … 10²², each exact (5²² < 2⁵³). A pointer, fetched once per table, so the hot loop reads it directly.
  nonisolated(unsafe) static let powers: UnsafePointer<Double> = {
    let table = UnsafeMutablePointer<Double>.allocate(capacity: 23)
    var p = 1.0
    for e in 0...22 {
      table[e] = p
      p *= 10
    }
    return UnsafePointer(table)
  }()

  /// Reads bytes[start..<end] (already trimmed of padding; for a quoted field the part inside the quotes).
  /// - Parameter decimalComma: accept `,` as the decimal point (for `;`-separated tables).
  static func read(
    _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool
  )
    -> Value
  {
    if let v = fast(bytes, start, end, decimalComma: decimalComma, powers: powers) {
      return .number(v)
    }
    return slow(bytes, start, end, decimalComma: decimalComma)
  }

  /// The fast path alone: nil for anything it cannot read exactly (the caller then asks ``read(_:_:_:decimalComma:)``).
  /// Its results are finite and below 10³⁸ in magnitude.
  @inline(__always)
  static func fast(
    _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool,
    powers: UnsafePointer<Double>
  ) -> Double? {
    var i = start
    guard i < end else { return nil }
    var negative = false
    if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
      negative = p[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0  // significant digits kept (leading zeros do not count)
    var exponent = 0
    var sawDigit = false
    while i < end {
      let d = p[i] &- UInt8(ascii: "0")
      guard d < 10 else { break }
      sawDigit = true
      guard digits < 19 else { return nil }
      mantissa = mantissa &* 10 &+ UInt64(d)
      if mantissa != 0 { digits += 1 }
      i += 1
    }
    if i < end, p[i] == UInt8(ascii: ".") || (decimalComma && p[i] == UInt8(ascii: ",")) {
      i += 1
      while i < end {
        let d = p[i] &- UInt8(ascii: "0")
        guard d < 10 else { break }
        sawDigit = true
        guard digits < 19 else { return nil }
        mantissa = mantissa &* 10 &+ UInt64(d)
        if mantissa != 0 { digits += 1 }
        exponent -= 1
        i += 1
      }
    }
    guard sawDigit else { return nil }
    if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
      i += 1
      var negativeExponent = false
      if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
        negativeExponent = p[i] == UInt8(ascii: "-")
        i += 1
      }
      var e = 0
      var sawExponentDigit = false
      while i < end {
        let d = p[i] &- UInt8(ascii: "0")
        guard d < 10 else { break }
        sawExponentDigit = true
        if e < 100_000 { e = e * 10 + Int(d) }
        i += 1
      }
      guard sawExponentDigit else { return nil }
      exponent += negativeExponent ? -e : e
    }
    guard i == end, mantissa <= 1 << 53 else { return nil }
    if mantissa == 0 { return negative ? -0.0 : 0 }
    guard exponent >= -22, exponent <= 22 else { return nil }
    let m = Double(mantissa)
    let v = exponent >= 0 ? m * powers[exponent] : m / powers[-exponent]
    return negative ? -v : v
  }

  private static func slow(
    _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool
  ) -> Value {
    if start == end { return .missing }
    guard end - start <= 400 else { return .text }
    var text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
    switch text.lowercased() {
    case "na", "n/a", "nan", "null": return .missing
    default: break
    }
    if decimalComma, !text.contains("."), text.filter({ $0 == "," }).count == 1 {
      text = text.replacing(",", with: ".")
    }
    // Double("1_0") and similar are rejected by the standard library; hexadecimal and inf are accepted.
    guard let v = Double(text) else { return .text }
    return v.isNaN ? .missing : .number(v)
  }
}
