/// Decimal text of a double, exactly as C's `printf` writes it (`%.*f`, `%.*e` for small magnitudes, and
/// `%.*g` where that chooses fixed notation), without Foundation and without heap allocation for texts of up to 15 bytes.
///
/// A finite double is m·2^e with an integer m < 2^53. Its value times 10^d, rounded to the nearest integer
/// with ties to even (what glibc does with the exact binary value), is computed exactly in 128-bit integers:
/// (m·10^d) >> −e, and the bits shifted out decide the rounding. That covers every case the callers use:
/// |v| < 10^7 with up to 17 decimals (m·10^17 < 2^110, and a value that does not round to zero has
/// −e < 128).
enum DecimalDigits {
  /// Powers of ten that fit in 128 bits, 10^0 ... 10^38.
  static let powers: [UInt128] = {
    var out: [UInt128] = []
    var p: UInt128 = 1
    for _ in 0...38 {
      out.append(p)
      p &*= 10
    }
    return out
  }()

  /// round(|v| · 10^d) to the nearest integer, ties to even; nil when it might not fit 128 bits.
  @inline(__always)
  static func scaled(_ v: Double, decimals d: Int) -> UInt128? {
    let a = v.magnitude
    guard a.isFinite, d >= 0, d <= 20 else { return nil }
    if a == 0 { return 0 }
    // a = m · 2^e with m an integer of at most 53 bits.
    let m = UInt128(a.significandBitPattern | (a.isNormal ? (1 << 52) : 0))
    let e = (a.isNormal ? Int(a.exponentBitPattern) - 1075 : -1074)
    let product = m * powers[d]  // < 2^53 · 10^20 < 2^120
    if e >= 0 {
      guard e <= 7, product.leadingZeroBitCount > e else { return nil }
      return product << e
    }
    let shift = -e
    guard shift < 128 else { return nil }
    let q = product >> shift
    let rest = product - (q << shift)
    let half: UInt128 = 1 << (shift - 1)
    if rest > half || (rest == half && q & 1 == 1) { return q + 1 }
    return q
  }

  /// `%.{d}f` of a finite `v` with |v| < 10^7 (any other: use `printf`), except that a result of zero is never
  /// written with a minus sign.
  static func fixed(_ v: Double, decimals d: Int) -> String {
    guard v.magnitude < 1e7, let n = scaled(v, decimals: d) else {
      return NumberText.printfFixed(v, decimals: d)
    }
    return write(n, decimals: d, negative: v < 0 && n != 0, trimZeros: false)
  }

  /// `%.{p}g` of a finite nonzero `v` when it chooses fixed notation (exponent from −4 to p − 1); nil
  /// when it would write an exponent.
  static func general(_ v: Double, significant p: Int) -> String? {
    let a = v.magnitude
    guard a.isFinite, a >= 1e-5, a < 1e17, p >= 1, p <= 17 else { return nil }
    // The decimal exponent after rounding to p digits: start from log10 and correct by one either way.
    var x = Int((log10Estimate(a)).rounded(.down))
    for _ in 0..<3 {
      let d = p - 1 - x
      guard d >= 0, d <= 20, let n = scaled(a, decimals: d) else { return nil }
      if n >= powers[p] {
        x += 1
        continue
      }
      if n < powers[p - 1] {
        x -= 1
        continue
      }
      guard x >= -4, x < p else { return nil }
      return write(n, decimals: d, negative: v < 0, trimZeros: true)
    }
    return nil
  }

  /// `%.{p}e` of a finite `v` with its exponent as `NumberText.tidy` writes it (`1.235e-9`, `-4.00e-5`, `2e0`);
  /// nil where the scaled value might not fit 128 bits (|v| from 10^(p+1) up, or below about 10^(p−20)):
  /// use `printf` there.
  static func scientific(_ v: Double, decimals p: Int) -> String? {
    let a = v.magnitude
    guard a.isFinite, a > 0, p >= 0, p <= 17 else { return nil }
    // The decimal exponent after rounding to p + 1 digits: from log10, corrected by one either way.
    var x = Int((log10Estimate(a)).rounded(.down))
    for _ in 0..<3 {
      let d = p - x
      guard d >= 0, d <= 20, let n = scaled(a, decimals: d) else { return nil }
      if n >= powers[p + 1] {
        x += 1
        continue
      }
      if n < powers[p] {
        x -= 1
        continue
      }
      let mantissa = write(n, decimals: p, negative: v < 0, trimZeros: false)
      return mantissa + (x < 0 ? "e-" : "e") + String(x.magnitude)
    }
    return nil
  }

  /// log10(a) to within 0.03 (log2 of the significand taken as significand − 1), which `general` corrects.
  static func log10Estimate(_ a: Double) -> Double {
    (Double(a.exponent) + (a.significand - 1)) * 0.301_029_995_663_981_2
  }

  /// The digits of n / 10^d, with d decimals (trailing zeros and a bare point removed when `trimZeros`).
  static func write(_ n: UInt128, decimals d: Int, negative: Bool, trimZeros: Bool) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buf in
      // Digits from the right end.
      var end = 64
      var n = n
      var count = 0
      repeat {
        let (q, r) = n.quotientAndRemainder(dividingBy: 10)
        end -= 1
        buf[end] = UInt8(ascii: "0") + UInt8(r)
        n = q
        count += 1
      } while n != 0 || count < d + 1
      // buf[end..<64] has at least d + 1 digits; the point goes before the last d.
      let intDigits = 64 - end - d
      var start = 0
      if negative {
        buf[start] = UInt8(ascii: "-")
        start += 1
      }
      // Move the integer digits to the front, then the point and the fraction.
      var out = start
      for i in 0..<intDigits {
        buf[out] = buf[end + i]
        out += 1
      }
      if d > 0 {
        var fracEnd = 64
        if trimZeros {
          while fracEnd > 64 - d, buf[fracEnd - 1] == UInt8(ascii: "0") { fracEnd -= 1 }
        }
        if fracEnd > 64 - d {
          buf[out] = UInt8(ascii: ".")
          out += 1
          for i in (64 - d)..<fracEnd {
            buf[out] = buf[i]
            out += 1
          }
        }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<out]), as: UTF8.self)
    }
  }
}
