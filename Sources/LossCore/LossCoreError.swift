/// A one-line, human-readable error from LossCore: bad numbers, unknown names, unreadable files.
public struct LossCoreError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The message, without a prefix such as `error:`.
  public let message: String

  /// Creates an error with the given one-line message.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
