/// A one-line, human-readable error from LossCore: bad numbers, unknown names, unreadable files.
public struct LossCoreError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message, without a prefix such as `error:`.
  public let message: String

  /// Creates an error with the given one-line message.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// Formats a number for messages: integral values without a fraction (`3`), others in shortest form.
func formatNumber(_ v: Double) -> String {
  if v.isNaN { return "nan" }
  if v.isInfinite { return v > 0 ? "inf" : "-inf" }
  if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
  return "\(v)"
}
