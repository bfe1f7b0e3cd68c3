import AppEvents
import FileSafety

/// Carries out the app's file commands for the front ends, through `FileSafety`: the interactive
/// app does them all, `render --keys` only the ones that read (it never writes a file).
enum FileEffects {
  /// The interactive app: inspects, completes and writes.
  static func perform(_ command: AppCommand) -> Event? {
    switch command {
    case .inspectSaveTarget(let path):
      return .result(.saveTarget(path: path, status: status(inspectSaveTarget(path))))
    case .completeFileName(let partial):
      return .result(
        .completions(partial: partial, candidates: Array(completeFileName(partial).prefix(200))))
    case .save(let path, let text):
      do {
        try writeAtomically(text, to: path)
        return .result(.saved(path: path))
      } catch {
        return .result(.saveFailed(path: path, reason: error.message))
      }
    case .saveProgress(let text):
      do {
        try ProgressFile.save(text)
        return nil
      } catch {
        return .result(.progressNotSaved(reason: error.message))
      }
    case .none, .quit, .suspend:
      return nil
    }
  }

  /// `losslab render --keys`: looks at the file system but never writes; a save is reported as
  /// skipped.
  static func headless(_ command: AppCommand) -> Event? {
    if case .save(let path, _) = command { return .result(.saveSkipped(path: path)) }
    if case .saveProgress = command { return nil }
    return perform(command)
  }

  static func status(_ target: SaveTarget) -> SaveTargetStatus {
    switch target {
    case .new: .new
    case .existingFile: .existingFile
    case .refused(let reason): .refused(reason: reason)
    }
  }
}
