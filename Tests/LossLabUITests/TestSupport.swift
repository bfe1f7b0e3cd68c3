import LossPlot

@testable import LossLabUI

/// An app at a given size, with keys applied (file commands answered by `files`).
func app(
  _ view: ViewID = .curves, width: Int = 100, height: Int = 30, keys: String = "",
  options: RenderOptions = .standard
) -> LossLabApp {
  var a = LossLabApp(state: AppState(view: view, width: width, height: height, options: options))
  _ = a.handle(.resize(width: width, height: height))
  a.replay(try! KeyNames.parse(keys))
  return a
}

extension LossLabApp {
  /// The frame at the app's own size, as text.
  var text: String { render(width: state.width, height: state.height).text }
  mutating func press(_ keys: String) -> AppCommand {
    var last = AppCommand.none
    for k in try! KeyNames.parse(keys) { last = handle(.key(k)) }
    return last
  }
  /// Types `text` one character at a time.
  mutating func type(_ text: String) {
    for s in text.unicodeScalars { _ = handle(.key(.character(s))) }
  }
}

/// An in-memory file system that answers the app's file commands, as the front end would.
struct FakeFiles {
  var files: [String: String] = [:]
  var folders: Set<String> = []
  /// Every command carried out, in order.
  var log: [AppCommand] = []

  mutating func perform(_ command: AppCommand) -> Event? {
    log.append(command)
    switch command {
    case .inspectSaveTarget(let path):
      let status: SaveTargetStatus =
        folders.contains(path)
        ? .refused(reason: "that is a folder") : (files[path] != nil ? .existingFile : .new)
      return .result(.saveTarget(path: path, status: status))
    case .save(let path, let text):
      files[path] = text
      return .result(.saved(path: path))
    case .completeFileName(let partial):
      let names = (Array(files.keys) + folders.map { $0 + "/" }).filter { $0.hasPrefix(partial) }
      return .result(.completions(partial: partial, candidates: names.sorted()))
    case .saveProgress(let text):
      files["progress.json"] = text
      return nil
    case .none, .quit, .suspend:
      return nil
    }
  }
}

extension LossLabApp {
  /// Sends keys, with `files` carrying out the file commands.
  mutating func press(_ keys: String, files: inout FakeFiles) {
    replay(try! KeyNames.parse(keys)) { files.perform($0) }
  }
}

/// A scenario round trip: `state` saved as a scenario file's text, and that text parsed back onto `fresh` (an
/// empty state of the same size unless given), as reopening the file does. Tables the file names are read with
/// `readFile`, relative to `directory`.
func reopened(
  _ state: AppState, onto fresh: AppState? = nil, file: String = "s.json",
  directory: String = ".", readFile: @escaping ScenarioFileReader = Scenario.noFiles
) throws -> (text: String, state: AppState) {
  let text = Scenario(state: state).jsonText
  var again = fresh ?? AppState(width: state.width, height: state.height)
  try Scenario.parse(text, file: file, directory: directory, readFile: readFile).apply(to: &again)
  return (text, again)
}
