import LossPlot

/// The contract between an app's state machine and a front end (the ncurses loop, or headless).
///
/// One event goes through it like this: the front end turns terminal input into an `Event`; `handle`
/// changes the state and returns an `AppCommand`; the front end carries the command out (feeding any
/// answer back through `handle`); then `render` draws the state into a `Screen`, using the render
/// cache the front end keeps for it; the painter sends only the cells that changed.
public protocol TerminalApp {
  /// What `render` keeps between frames (expensive layers keyed by what they depend on), owned by
  /// the front end and passed back to every `render` call, as ratatui's `StatefulWidget` state is.
  associatedtype RenderCache = Void

  /// A cache to pass to the first `render` call.
  func makeRenderCache() -> RenderCache

  /// Applies one event: changes the state and says what the front end should do. Pure: no I/O, no
  /// drawing.
  mutating func handle(_ event: Event) -> AppCommand

  /// Draws the current state into a fresh `width × height` frame. Reads the state only; may fill or
  /// reuse `cache`.
  func render(width: Int, height: Int, cache: inout RenderCache) -> Screen

  /// Draws the current state into `screen`, which has the frame's size; what it held before is
  /// overwritten. A front end that keeps its screens from frame to frame (`Screen.reset`) lets an
  /// app draw without allocating.
  func render(into screen: inout Screen, cache: inout RenderCache)

  /// How often to send `.tick` now (nil: only events wake the app).
  var tickInterval: Duration? { get }

  /// Tells the app what the output can show (colour depth, ASCII only); a front end calls it
  /// once before the first frame.
  mutating func configure(_ options: RenderOptions)
}

extension TerminalApp {
  /// Default: the app ignores the output's capabilities.
  public mutating func configure(_ options: RenderOptions) {}
}

extension TerminalApp {
  /// Default: draws a fresh frame and puts it in `screen`.
  public func render(into screen: inout Screen, cache: inout RenderCache) {
    screen = render(width: screen.width, height: screen.height, cache: &cache)
  }
}

extension TerminalApp where RenderCache == Void {
  /// An app without a render cache.
  public func makeRenderCache() {}
}

extension TerminalApp {
  /// Sends `event` to the app and carries out what it asks: each effect command goes to `perform`,
  /// whose answer (if any) is sent back in turn. Returns the first quit or suspend asked for, else
  /// `.none`. The chain is capped at 16 events, so an app that keeps asking cannot hang its front end.
  public mutating func send(_ event: Event, perform: (AppCommand) -> Event?) -> AppCommand {
    var next: Event? = event
    var hops = 0
    while let e = next, hops < 16 {
      hops += 1
      next = nil
      let command = handle(e)
      if command.isEffect {
        next = perform(command)
      } else if command != .none {
        return command
      }
    }
    return .none
  }
}
