import LossPlot

/// Presenter mode (`losslab present`): prepared screens shown one at a time, each fully interactive
/// and keeping its own state while the others are shown.
///
/// The front end reads the files; the app gets the parsed scenarios and never touches the disk.
public struct Presentation: Sendable {
  /// One screen: its title, the scenario it starts from, and its state while another is shown.
  public struct Slide: Sendable {
    public var title: String
    public var scenario: Scenario
    /// The screen as it was left (nil until it is first left).
    var saved: AppState?

    public init(title: String, scenario: Scenario) {
      self.title = title
      self.scenario = scenario
    }
  }

  public var slides: [Slide]
  /// The slide on screen (0-based).
  public internal(set) var current: Int

  /// Where the presentation is ("2/5") and the slide's title, for the top bar.
  var topBarLabel: (position: String, title: String) {
    ("\(current + 1)/\(slides.count)", slides[current].title)
  }
}

/// What a key does in presenter mode (before the view sees it).
enum PresenterAction: Sendable, Equatable {
  /// The next (+1) or previous (-1) screen.
  case move(Int)
  /// The current screen back to its file.
  case reset
}

/// The keys of presenter mode. `0` starts over in every view (the cursor and zoom, the start point,
/// the preset); in presenter mode "the start" is the screen's file, so `0` puts back everything the
/// file set, and the view's own `0` row leaves the help.
enum PresenterKeys {
  static let table = KeyTable<PresenterAction>([
    .bind(
      "PageDown / PageUp", "next / previous screen of the presentation",
      hint: KeyHint(keys: .text("PgDn PgUp"), label: "screens"),
      each: [(.pageDown, .move(1)), (.pageUp, .move(-1))]),
    .bind(
      "0", "this screen back to its file (every setting, the steps, the view)",
      [.character("0")], .reset),
  ])
}

extension KeyTable {
  /// The table without the rows whose every key `other` takes first (a row binding nothing stays).
  func shadowed<Other>(by other: KeyTable<Other>) -> KeyTable {
    KeyTable(bindings.filter { b in b.keys.isEmpty || !b.keys.allSatisfy { other.binds($0.key) } })
  }
}

extension LossLabApp {
  /// Starts presenter mode on the first of `slides` (nothing happens for an empty list).
  public mutating func startPresentation(_ slides: [Presentation.Slide]) {
    guard !slides.isEmpty else { return }
    state.lesson = nil
    state.presentation = Presentation(slides: slides, current: 0)
    showSlide(0, fresh: true)
  }

  /// A screen as its file sets it up, at the current size and options.
  func freshState(for slide: Presentation.Slide) -> AppState {
    var s = AppState(width: state.width, height: state.height, options: state.options)
    slide.scenario.apply(to: &s)
    return s
  }

  /// Shows slide `i`: as it was left, or as its file says when `fresh` (or never shown). The slide
  /// on screen is kept first.
  mutating func showSlide(_ i: Int, fresh: Bool = false) {
    guard var p = state.presentation, p.slides.indices.contains(i) else { return }
    var leaving = state
    leaving.presentation = nil
    leaving.overlay = nil
    leaving.message = nil
    p.slides[p.current].saved = leaving
    var next = (fresh ? nil : p.slides[i].saved) ?? freshState(for: p.slides[i])
    next.width = state.width
    next.height = state.height
    next.options = state.options
    next.progress = state.progress  // the lessons' progress is the app's, not a screen's
    p.current = i
    next.presentation = p
    state = next
  }

  /// Runs a presenter key.
  mutating func perform(_ action: PresenterAction) {
    guard let p = state.presentation else { return }
    switch action {
    case .move(let n):
      let target = p.current + n
      guard p.slides.indices.contains(target) else {
        state.message =
          n > 0 ? "last screen (PageUp goes back)" : "first screen (PageDown goes on)"
        return
      }
      showSlide(target)
    case .reset:
      showSlide(p.current, fresh: true)
      state.message = "screen \(p.current + 1) reset to its file"
    }
  }
}
