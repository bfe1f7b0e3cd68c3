/// The save prompt (`w`): a file name edited as in a shell, then, when the name is taken, a
/// "replace NAME? y/n" question. Every file-system step is a command the front end carries out:
/// Tab asks for completions, Enter asks what is at the path, `y` (or a new name) asks to save.
public struct SavePrompt: Hashable, Sendable {
  public enum Phase: Hashable, Sendable {
    /// The name is being typed.
    case editing
    /// Enter was pressed; waiting for the front end to say what is at `path`.
    case checking(path: String)
    /// A file exists at `path`: only `y` replaces it.
    case confirmReplace(path: String)
  }

  public var line: LineEditor
  public var phase: Phase = .editing
  /// A line shown above the prompt (completion candidates), cleared by the next key.
  public var note: String?
  /// The name Enter saves to when the line is empty.
  public let defaultName: String
  /// What is saved.
  public let purpose: Purpose

  /// What a save prompt writes.
  public enum Purpose: Hashable, Sendable {
    /// The current state as a scenario file (`w`).
    case scenario
    /// The contour view's trajectory, CSV or JSON by the file name (`t`).
    case trajectory
  }

  /// A prompt offering `defaultName`.
  public init(defaultName: String, purpose: Purpose = .scenario) {
    self.defaultName = defaultName
    self.purpose = purpose
    line = LineEditor(defaultName, offered: true)
  }
}

/// What a key or a command's answer does to the save prompt.
enum SavePromptStep: Equatable {
  /// The prompt stays open (with its changes).
  case stay(SavePrompt, AppCommand)
  /// The prompt closes, showing `message` (nil: none yet), and the front end does `command`.
  case close(message: String?, AppCommand)
}

extension SavePrompt {
  /// The prompt after `key`.
  func handle(_ key: Key, text: (SavePrompt, String) -> String) -> SavePromptStep {
    var next = self
    next.note = nil
    switch phase {
    case .editing:
      switch key {
      case .escape: return .close(message: "not saved", .none)
      case .enter:
        let path = line.text.isEmpty ? defaultName : line.text
        next.phase = .checking(path: path)
        return .stay(next, .inspectSaveTarget(path: path))
      case .tab:
        return .stay(next, .completeFileName(partial: line.text))
      default:
        _ = next.line.apply(key)
        return .stay(next, .none)
      }
    case .checking:
      if key == .escape { return .close(message: "not saved", .none) }
      return .stay(next, .none)
    case .confirmReplace(let path):
      switch key {
      case .character("y"), .character("Y"):
        return .close(message: nil, .save(path: path, text: text(self, path)))
      case .character("n"), .character("N"), .escape:
        return .close(message: "not saved: \(Self.fileName(path)) kept as it was", .none)
      default:
        return .stay(next, .none)
      }
    }
  }

  /// The prompt after the front end answered a command it asked for (answers to anything else,
  /// e.g. late ones, leave it as it is).
  func handle(_ result: CommandResult, text: (SavePrompt, String) -> String) -> SavePromptStep {
    switch (phase, result) {
    case (.checking(let asked), .saveTarget(let path, let status)) where asked == path:
      switch status {
      case .new: return .close(message: nil, .save(path: path, text: text(self, path)))
      case .existingFile:
        var next = self
        next.phase = .confirmReplace(path: path)
        return .stay(next, .none)
      case .refused(let reason): return .close(message: "not saved: \(reason) (\(path))", .none)
      }
    case (.editing, .completions(let partial, let candidates)) where partial == line.text:
      var next = self
      next.complete(partial, with: candidates)
      return .stay(next, .none)
    default:
      return .stay(self, .none)
    }
  }

  /// Tab's answer: one candidate replaces the name; several extend it to what they share and are
  /// listed above the prompt; none says so.
  mutating func complete(_ partial: String, with candidates: [String]) {
    guard let first = candidates.first else {
      note = "no file name starts with \(partial.isEmpty ? "that" : Self.fileName(partial))"
      return
    }
    if candidates.count == 1 {
      line.set(first)
      return
    }
    var common = Array(first.unicodeScalars)
    for c in candidates.dropFirst() {
      let s = Array(c.unicodeScalars)
      var n = 0
      while n < common.count, n < s.count, common[n] == s[n] { n += 1 }
      common.removeSubrange(n...)
    }
    let shared = String(String.UnicodeScalarView(common))
    if shared.unicodeScalars.count > partial.unicodeScalars.count { line.set(shared) }
    note = candidates.map(Self.fileName).joined(separator: "  ")
  }

  /// The last part of a path as typed (a folder keeps its trailing `/`), for short messages.
  static func fileName(_ path: String) -> String {
    var scalars = Array(path.unicodeScalars)
    var trailing = false
    while scalars.count > 1, scalars.last == "/" {
      scalars.removeLast()
      trailing = true
    }
    let name = scalars.split(separator: "/", omittingEmptySubsequences: false).last.map(Array.init)
    let base = String(String.UnicodeScalarView(name ?? scalars))
    return base.isEmpty ? path : base + (trailing ? "/" : "")
  }
}
