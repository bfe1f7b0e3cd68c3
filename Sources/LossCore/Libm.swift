#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

// The C library's math functions under names that no method shadows, for code inside types that
// have their own `log` or `exp` (`LogBase.log(_:)`, a product's `log`): the module name that
// would qualify them differs between C libraries (Glibc, Musl, Darwin).

@inline(__always) func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) func libmLog2(_ x: Double) -> Double { log2(x) }
@inline(__always) func libmLog10(_ x: Double) -> Double { log10(x) }
@inline(__always) func libmExp(_ x: Double) -> Double { exp(x) }
