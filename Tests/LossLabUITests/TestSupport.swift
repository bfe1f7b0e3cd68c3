import LossPlot

@testable import LossLabUI

/// An app at a given size, with keys applied.
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
}
