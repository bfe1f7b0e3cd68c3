/// What the app asks its front end to do after an event. The app itself never touches the terminal
/// or the file system: `handle(_:)` returns one of these, the front end carries it out and, for the
/// commands that have an answer, sends that answer back as `Event.result(_:)`.
///
/// This is bubbletea's `Cmd` in a small, closed form: every effect the app can ask for is listed here,
/// so a test can assert "this key asks to save that text to that path" without a disk.
public enum AppCommand: Hashable, Sendable {
  /// Nothing to do.
  case none
  /// Leave the app.
  case quit
  /// Suspend to the shell (Ctrl-Z); repaint everything when resumed.
  case suspend
  /// Find out whether a file may be written at `path`.
  /// Answer: `CommandResult.saveTarget(path:status:)`.
  case inspectSaveTarget(path: String)
  /// Write `text` to `path` atomically, replacing a regular file there (the app has asked the user
  /// first). Answer: `.saved(path:)`, `.saveFailed(path:reason:)`, or `.saveSkipped(path:)` from a
  /// front end that never writes (`losslab render --keys`).
  case save(path: String, text: String)
  /// List the file names that complete `partial` (a path as typed).
  /// Answer: `.completions(partial:candidates:)`.
  case completeFileName(partial: String)
  /// Keep the lesson progress: write `text` to the progress file (the front end knows where it is,
  /// `$XDG_STATE_HOME/losslab/progress.json`). No answer on success; a failure may come back as
  /// `.progressNotSaved(reason:)`.
  case saveProgress(text: String)

  /// Whether the front end has anything to carry out beyond quitting or suspending.
  public var isEffect: Bool {
    switch self {
    case .none, .quit, .suspend: false
    case .inspectSaveTarget, .save, .completeFileName, .saveProgress: true
    }
  }
}

/// The answer to an `AppCommand`, delivered to the app as `Event.result(_:)`.
public enum CommandResult: Hashable, Sendable {
  /// `.save` wrote the file.
  case saved(path: String)
  /// `.save` failed; `reason` is one line (e.g. "the folder no/such does not exist").
  case saveFailed(path: String, reason: String)
  /// `.save` was not carried out because this front end never writes files.
  case saveSkipped(path: String)
  /// What `.inspectSaveTarget` found at `path`.
  case saveTarget(path: String, status: SaveTargetStatus)
  /// The names that complete `partial`, as full paths in the form typed (folders end in `/`).
  case completions(partial: String, candidates: [String])
  /// `.saveProgress` failed (no writable state folder): the app says so once.
  case progressNotSaved(reason: String)
}

/// What a save to a path would do.
public enum SaveTargetStatus: Hashable, Sendable {
  /// Nothing is there: a new file would be created.
  case new
  /// A regular file is there: saving replaces it (ask first).
  case existingFile
  /// Nothing may be written there (a folder, a device, a link to a non-regular file, a missing
  /// folder...); `reason` is one line.
  case refused(reason: String)
}
