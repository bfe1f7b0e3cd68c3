#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// log₁₀, with −∞ for zero and negative values (they leave the bottom of a log axis).
@inline(__always) func log10Safe(_ v: Double) -> Double { v > 0 ? log10(v) : -.infinity }

/// 10ˣ.
@inline(__always) func pow10(_ v: Double) -> Double { pow(10, v) }
