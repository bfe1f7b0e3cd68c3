import FileSafety
import LossLabUI

/// Carries out the app's file commands for the front ends: the interactive app does them all,
/// `render --keys` only the ones that read (it never writes a file).
///
/// The file work itself is `FileSafety`'s (no Foundation `NSString` path methods: they crash on some
/// names on Linux, such as a one-letter name).
enum FileEffects {
  /// The interactive app: inspects, completes and writes.
  static func perform(_ command: AppCommand) -> Event? {
    switch command {
    case .inspectSaveTarget(let path):
      return .result(.saveTarget(path: path, status: inspect(path)))
    case .completeFileName(let partial):
      return .result(.completions(partial: partial, candidates: complete(partial)))
    case .save(let path, let text):
      do {
        try write(text, to: path)
        return .result(.saved(path: path))
      } catch {
        return .result(.saveFailed(path: path, reason: error.message))
      }
    case .none, .quit, .suspend:
      return nil
    }
  }

  /// `losslab render --keys`: looks at the file system but never writes; a save is reported as
  /// skipped.
  static func headless(_ command: AppCommand) -> Event? {
    if case .save(let path, _) = command { return .result(.saveSkipped(path: path)) }
    return perform(command)
  }

  /// What a save to `path` would do, in the app's terms.
  static func inspect(_ path: String) -> SaveTargetStatus {
    switch inspectSaveTarget(path) {
    case .new: return .new
    case .existingFile: return .existingFile
    case .refused(let reason): return .refused(reason: reason)
    }
  }

  /// The names that complete `partial` (FileSafety's `completeFileName`).
  static func complete(_ partial: String) -> [String] { completeFileName(partial) }

  /// Writes atomically and keeps the old file's permissions (FileSafety's `writeAtomically`).
  static func write(_ text: String, to path: String) throws(FileSafetyError) {
    try writeAtomically(text, to: path)
  }
}
