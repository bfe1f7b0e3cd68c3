import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Axis tick values (1, 2 or 5 × 10ⁿ steps) and their labels.
public enum Ticks {
  /// Evenly spaced nice values inside `range`, at most `maxCount`, using the smallest 1/2/5 step
  /// that keeps within the count. Empty for an empty, degenerate or non-finite range.
  public static func nice(_ range: ClosedRange<Double>, maxCount: Int) -> [Double] {
    ContourLines.niceValues(in: range, maxCount: maxCount)
  }

  /// `nice(_:maxCount:)` written into `ticks` (emptied first, its storage kept).
  public static func nice(_ range: ClosedRange<Double>, maxCount: Int, into ticks: inout [Double]) {
    ContourLines.niceValues(in: range, maxCount: maxCount, into: &ticks)
  }

  /// The step between consecutive ticks (or the first tick's own magnitude when there is one).
  public static func step(of ticks: [Double]) -> Double {
    if ticks.count >= 2 { return ticks[1] - ticks[0] }
    if let t = ticks.first, t != 0 { return t.magnitude }
    return 1
  }

  /// Powers of ten inside `range` (a log axis; the range is in data units, must be positive),
  /// thinned to at most `maxCount`; when fewer than two decades fit, the 2× and 5× values are added.
  public static func log(_ range: ClosedRange<Double>, maxCount: Int) -> [Double] {
    var ticks: [Double] = []
    log(range, maxCount: maxCount, into: &ticks)
    return ticks
  }

  /// `log(_:maxCount:)` written into `ticks` (emptied first, its storage kept).
  public static func log(_ range: ClosedRange<Double>, maxCount: Int, into ticks: inout [Double]) {
    ticks.removeAll(keepingCapacity: true)
    let lo = range.lowerBound
    let hi = range.upperBound
    guard lo > 0, hi > lo, hi.isFinite, maxCount >= 1 else { return }
    let e0 = Int((log10(lo)).rounded(.down)) - 1
    let e1 = Int((log10(hi)).rounded(.up)) + 1
    // 1·10ᵉ < 2·10ᵉ < 5·10ᵉ < 1·10ᵉ⁺¹: walking e up and m through 1, 2, 5 meets the values in
    // increasing order, so the decades alone, or all the values, come out sorted.
    func forEachValue(_ body: (_ value: Double, _ decade: Bool) -> Void) {
      for e in e0...e1 {
        for m in [1, 2, 5] {
          let v = ContourLines.value(Int64(m), exponent: e)
          if v >= lo && v <= hi { body(v, m == 1) }
        }
      }
    }
    var decades = 0
    forEachValue { _, decade in if decade { decades += 1 } }
    if decades < 2 {
      forEachValue { v, _ in ticks.append(v) }
      if ticks.count <= maxCount { return }
      if decades == 0 { return thin(&ticks, maxCount) }
      ticks.removeAll(keepingCapacity: true)
    }
    forEachValue { v, decade in if decade { ticks.append(v) } }
    thin(&ticks, maxCount)
  }

  /// Keeps every k-th value (from the first) so that at most `maxCount` are left.
  private static func thin(_ v: inout [Double], _ maxCount: Int) {
    guard v.count > maxCount else { return }
    let every = (v.count + maxCount - 1) / maxCount
    var kept = 0
    for i in stride(from: 0, to: v.count, by: every) {
      v[kept] = v[i]
      kept += 1
    }
    v.removeLast(v.count - kept)
  }

  /// The label of tick `v` on an axis with spacing `step`: exact decimals (no 6.9 for 7), as many
  /// decimal places as the step needs, scientific notation (`2e6`, `5e-5`) for very large or
  /// small magnitudes.
  public static func label(_ v: Double, step: Double) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    let s = step.magnitude > 0 && step.isFinite ? step.magnitude : max(v.magnitude, 1)
    // Exponent of the step's leading digit.
    var e = Int(log10(s).rounded(.down))
    if ContourLines.value(1, exponent: e + 1) <= s * (1 + 1e-9) { e += 1 }
    if ContourLines.value(1, exponent: e) > s * (1 + 1e-9) { e -= 1 }
    let n = Int64((v / ContourLines.value(1, exponent: e)).rounded())
    return format(n, exponent: e)
  }

  /// Label for a value `m·10ᵉ` on a log axis.
  public static func logLabel(_ v: Double) -> String {
    guard v > 0, v.isFinite else { return label(v, step: 1) }
    var e = Int(log10(v).rounded(.down))
    if ContourLines.value(1, exponent: e + 1) <= v * (1 + 1e-9) { e += 1 }
    let n = Int64((v / ContourLines.value(1, exponent: e)).rounded())
    if e >= 0 && e <= 4 || e < 0 && e >= -3 { return format(n, exponent: e) }
    return "\(n)e\(e)"
  }

  /// `n·10ᵉ` as text: plain digits for moderate magnitudes, else `d.ddde±x`.
  static func format(_ n: Int64, exponent e: Int) -> String {
    if n == 0 { return e < 0 && e >= -4 ? "0." + String(repeating: "0", count: -e) : "0" }
    let neg = n < 0
    var digits = String(n.magnitude)
    var exp = e
    let magnitude = digits.count - 1 + e  // exponent of the leading digit
    if magnitude >= 7 || magnitude < -4 || e < -6 {
      // Scientific: strip trailing zeros of the digits.
      while digits.count > 1, digits.last == "0" {
        digits.removeLast()
        exp += 1
      }
      let lead = String(digits.prefix(1))
      let rest = String(digits.dropFirst())
      let sci = rest.isEmpty ? lead : lead + "." + rest
      return (neg ? "-" : "") + sci + "e" + String(magnitude)
    }
    if exp >= 0 {
      return (neg ? "-" : "") + digits + String(repeating: "0", count: exp)
    }
    let places = -exp
    if digits.count <= places {
      digits = String(repeating: "0", count: places - digits.count + 1) + digits
    }
    let cut = digits.index(digits.endIndex, offsetBy: -places)
    // Whole strings only: `String + Substring` is the generic `+` of RangeReplaceableCollection,
    // whose first use costs the runtime a search of every conformance in the binary.
    return (neg ? "-" : "") + String(digits[..<cut]) + "." + String(digits[cut...])
  }
}
