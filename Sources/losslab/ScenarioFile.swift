import LossCore
import LossLabUI

/// Reading scenario files: the impure half of `--scenario` (the decoding is `Scenario.parse`, in
/// LossLabUI, which never touches the file system).
enum ScenarioFile {
  /// The scenario at `path`, with the tables it names read as `--data` reads one.
  static func load(_ path: String) throws(ScenarioError) -> Scenario {
    try parse(read(path), path: path)
  }

  /// The bytes of the file at `path`; a failure is a scenario error naming the file.
  static func read(_ path: String) throws(ScenarioError) -> [UInt8] {
    do {
      return try DataFile.read(path)
    } catch {
      // DataFile's messages start with the path; a scenario error names the file itself.
      let prefix = path + ": "
      let reason =
        error.message.hasPrefix(prefix)
        ? String(error.message.dropFirst(prefix.count)) : error.message
      throw ScenarioError(file: path, line: nil, message: reason)
    }
  }

  /// The scenario in `bytes`, read from `path`, with the tables it names read relative to its folder.
  static func parse(_ bytes: [UInt8], path: String) throws(ScenarioError) -> Scenario {
    try Scenario.parse(
      contentsOf: bytes, path: path,
      directory: DataFile.absolutePath(Scenario.folder(of: path)),
      readFile: { p throws(LossCoreError) in try DataFile.read(p) })
  }
}
