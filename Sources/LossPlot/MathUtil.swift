import Foundation

/// log₁₀, with −∞ for zero and negative values (they leave the bottom of a log axis).
@inline(__always) func log10Safe(_ v: Double) -> Double { v > 0 ? Foundation.log10(v) : -.infinity }

/// 10ˣ.
@inline(__always) func pow10(_ v: Double) -> Double { Foundation.pow(10, v) }
