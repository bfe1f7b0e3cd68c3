/// Why the interactive terminal could not be started. `description` is one line for the user.
public struct TerminalError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// Standard input or standard output is not a terminal.
    case notATerminal
    /// TERM is not set.
    case noTermVariable
    /// ncurses has no terminfo entry for this TERM.
    case unknownTerminal(String)
  }
  public let kind: Kind
  public init(_ kind: Kind) { self.kind = kind }

  public var description: String {
    switch kind {
    case .notATerminal:
      return "the interactive app needs a terminal; use 'losslab render VIEW' to print a frame"
    case .noTermVariable:
      return
        "TERM is not set, so the terminal type is unknown; set it (e.g. TERM=xterm-256color) or use 'losslab render VIEW'"
    case .unknownTerminal(let name):
      return
        "unknown terminal type TERM='\(name)' (no terminfo entry); set TERM to e.g. xterm-256color or use 'losslab render VIEW'"
    }
  }
}
