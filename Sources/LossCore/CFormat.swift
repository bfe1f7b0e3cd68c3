#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension String {
  /// Formats numbers as C's `printf` does (`%.6g`, `%12.6g`, `%.3f`, `%.2e`, `%d`), always with a
  /// `.` as the decimal point, whatever the process's locale.
  ///
  /// This is what Foundation's `String(format:)` does for numbers, without linking Foundation:
  /// losslab's binary leaves Foundation (and its ICU data) out so that it starts faster and
  /// needs less memory. Only numeric conversions are meant; `%@` is not supported.
  ///
  /// - Parameters:
  ///   - cFormat: a `printf` format string.
  ///   - arguments: the values, in order (`Double`, `Int`, ...).
  public init(cFormat: String, _ arguments: any CVarArg...) {
    var buffer = [CChar](repeating: 0, count: 64)
    let needed = withVaList(arguments) { vsnprintf(&buffer, buffer.count, cFormat, $0) }
    if needed >= buffer.count {
      buffer = [CChar](repeating: 0, count: Int(needed) + 1)
      _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, cFormat, $0) }
    }
    var text = String(
      decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // A locale set with LC_NUMERIC (or LC_ALL) may write the decimal point as ',' or another string.
    if let point = localeconv()?.pointee.decimal_point, point.pointee != 0x2E || point[1] != 0 {
      let local = String(cString: point)
      if !local.isEmpty { text = text.replacing(local, with: ".") }
    }
    self = text
  }
}
