import LossPlot

/// The interactive app: routes events to the chrome and the active view, and renders frames.
///
/// All behaviour lives here and in the view states, with no terminal involved: the ncurses backend and
/// `losslab render --keys` both drive this same value.
public struct LossLabApp: TerminalApp, Sendable {
  public var state: AppState

  public init(state: AppState = AppState()) { self.state = state }

  /// Takes the colour depth and character set the terminal can show.
  public mutating func configure(_ options: RenderOptions) {
    state.options = options
    state.contour.prepare(for: contentRect, options: options)
  }

  public var tickInterval: Duration? {
    state.view == .contour && state.contour.running && state.overlay == nil
      ? .milliseconds(100) : nil
  }

  /// The rectangle the active view draws into (between the top bar and the status bar, above the
  /// explanation panel when that is open).
  func contentRect(width: Int, height: Int) -> Rect {
    let body = Rect(x: 0, y: 1, width: width, height: height - 2)
    let panel: Int
    if state.explaining {
      panel = Chrome.explanationHeight(body.height)
    } else if let lesson = state.lesson {
      let text = lesson.lesson.steps[lesson.step].text
      panel = min(max(3, TextWrap.wrap(text, width: max(1, width - 4)).count + 2), body.height / 2)
    } else {
      panel = 0
    }
    return Rect(x: 0, y: 1, width: width, height: body.height - panel)
  }

  var contentRect: Rect {
    contentRect(width: state.width, height: state.height)
  }

  /// Opens a guided lesson at its first step.
  public mutating func startLesson(_ name: String) -> Bool {
    guard Lesson.named(name) != nil else { return false }
    state.lesson = LessonProgress(name: name.lowercased(), step: 0)
    goToLessonStep(0)
    return true
  }

  /// Sets the app up as lesson step `i` says (clamped to the lesson's steps).
  mutating func goToLessonStep(_ i: Int) {
    guard var progress = state.lesson else { return }
    let lesson = progress.lesson
    progress.step = min(max(i, 0), lesson.steps.count - 1)
    var fresh = AppState(width: state.width, height: state.height, options: state.options)
    fresh.lesson = progress
    lesson.steps[progress.step].setup.apply(to: &fresh)
    state = fresh
    state.contour.prepare(for: contentRect, options: state.options)
  }

  public mutating func handle(_ event: Event) -> AppCommand {
    switch event {
    case .resize(let w, let h):
      state.width = max(0, w)
      state.height = max(0, h)
      state.contour.prepare(for: contentRect, options: state.options)
      return .none
    case .tick:
      if state.view == .contour { state.contour.tick() }
      return .none
    case .mouse(let m):
      guard state.overlay == nil else { return .none }
      let rect = contentRect
      if m.y == 0, m.kind == .press, let view = Chrome.tab(at: m.x, width: state.width) {
        switch view {
        case .curves, .contour, .distributions: switchTo(view)
        }
        return .none
      }
      switch state.view {
      case .curves: state.curves.mouse(m, in: rect, options: state.options)
      case .contour: state.contour.mouse(m, in: rect, options: state.options)
      case .distributions: state.distributions.mouse(m, in: rect, options: state.options)
      }
      return .none
    case .key(let key):
      return handleKey(key)
    }
  }

  mutating func switchTo(_ view: ViewID) {
    state.view = view
    if view == .contour { state.contour.prepare(for: contentRect, options: state.options) }
  }

  mutating func handleKey(_ key: Key) -> AppCommand {
    state.message = nil
    if key == .control("c") { return .quit }
    switch state.overlay {
    case .help:
      // `q` quits from the help too (only Escape is limited to "when nothing is open").
      if key == .character("q") { return .quit }
      if key == .escape || key == .character("?") || key == .enter { state.overlay = nil }
      return .none
    case .savePrompt(let text):
      handlePrompt(key, text: text)
      return .none
    case .presetMenu(let selected):
      if key == .character("q") { return .quit }
      handlePresetMenu(key, selected: selected)
      return .none
    case nil:
      break
    }
    if let lesson = state.lesson {
      switch key {
      case .character("n"), .pageDown:
        if lesson.step + 1 < lesson.lesson.steps.count {
          goToLessonStep(lesson.step + 1)
        } else {
          state.message = "end of the lesson: p goes back, Escape leaves it"
        }
        return .none
      case .character("p"), .pageUp:
        goToLessonStep(lesson.step - 1)
        return .none
      case .escape where !state.explaining:
        state.lesson = nil
        state.contour.prepare(for: contentRect, options: state.options)
        return .none
      default: break
      }
    }
    switch key {
    case .character("q") where state.view != .distributions: return .quit  // there q edits Q
    case .escape:
      if state.explaining {
        state.explaining = false
        state.contour.prepare(for: contentRect, options: state.options)
        return .none
      }
      return .quit
    case .character("?"), .function(1):
      state.overlay = .help
      return .none
    case .character("1"): switchTo(.curves)
    case .character("2"): switchTo(.contour)
    case .character("3"): switchTo(.distributions)
    case .tab: switchTo(ViewID(rawValue: state.view.rawValue % 3 + 1)!)
    case .backTab: switchTo(ViewID(rawValue: (state.view.rawValue + 1) % 3 + 1)!)
    case .character("e"):
      state.explaining.toggle()
      state.contour.prepare(for: contentRect, options: state.options)
    case .character("w"):
      state.overlay = .savePrompt(text: "")
    case .character("m") where state.view == .distributions:
      state.overlay = .presetMenu(selected: max(0, state.distributions.presetIndex))
    default:
      switch state.view {
      case .curves: state.curves.handle(key)
      case .contour: state.contour.handle(key, in: contentRect, options: state.options)
      case .distributions: state.distributions.handle(key)
      }
    }
    return .none
  }

  mutating func handlePresetMenu(_ key: Key, selected: Int) {
    let count = DistributionPreset.all.count
    switch key {
    case .escape, .character("m"): state.overlay = nil
    case .up, .character("k"): state.overlay = .presetMenu(selected: (selected + count - 1) % count)
    case .down, .character("j"): state.overlay = .presetMenu(selected: (selected + 1) % count)
    case .enter, .character(" "):
      state.overlay = nil
      state.distributions.loadPreset(selected)
    case .character(let c):
      if let n = Int(String(c)), (1...count).contains(n) {
        state.overlay = nil
        state.distributions.loadPreset(n - 1)
      }
    default: break
    }
  }

  mutating func handlePrompt(_ key: Key, text: String) {
    switch key {
    case .escape:
      state.overlay = nil
      state.message = "not saved"
    case .enter:
      state.overlay = nil
      let path = text.isEmpty ? Scenario.defaultFileName(for: state.view) : text
      do {
        try Scenario(state: state).write(to: path)
        state.message = "saved to \(path)"
      } catch {
        state.message = "not saved: \(error.message) (\(path))"
      }
    case .backspace, .delete:
      state.overlay = .savePrompt(text: String(text.dropLast()))
    case .character(let s):
      state.overlay = .savePrompt(text: text + String(s))
    default:
      break
    }
  }

  public func render(width: Int, height: Int) -> Screen {
    var screen = Screen(width: width, height: height)
    let options = state.options
    let content = contentRect(width: width, height: height)
    let need = minimumSize
    if width < need.width || height < need.height {
      Chrome.tooSmall(into: &screen, need: need, options: options)
      return screen
    }
    Chrome.topBar(into: &screen, active: state.view, options: options)
    switch state.view {
    case .curves: state.curves.render(into: &screen, rect: content, options: options)
    case .contour: state.contour.render(into: &screen, rect: content, options: options)
    case .distributions: state.distributions.render(into: &screen, rect: content, options: options)
    }
    let bottom = Rect(x: 0, y: content.maxY, width: width, height: height - 1 - content.maxY)
    if state.explaining {
      Chrome.explanation(into: &screen, rect: bottom, id: explanationID, options: options)
    } else if let lesson = state.lesson {
      Chrome.lesson(into: &screen, rect: bottom, progress: lesson, options: options)
    }
    Chrome.statusBar(
      into: &screen, status: state.message ?? statusText, hints: hints, options: options)
    switch state.overlay {
    case .help:
      Chrome.help(into: &screen, title: state.view.title, keys: viewKeys, options: options)
    case .savePrompt(let text):
      Chrome.prompt(
        into: &screen, label: "save scenario to: ", text: text,
        placeholder: Scenario.defaultFileName(for: state.view), options: options)
    case .presetMenu(let selected):
      Chrome.menu(
        into: &screen, title: "Presets (Enter picks, Escape closes)",
        items: DistributionPreset.all.enumerated().map { "\($0.offset + 1)  \($0.element.name)" },
        selected: selected, options: options)
    case nil: break
    }
    return screen
  }

  /// The smallest terminal the active view can be drawn in.
  public var minimumSize: (width: Int, height: Int) {
    switch state.view {
    case .curves: (40, 12)
    case .contour: (60, 16)
    case .distributions: (40, 12)
    }
  }

  var viewKeys: [KeyHelp] {
    let lessonKeys =
      state.lesson == nil
      ? []
      : [
        KeyHelp("n / p", "next / previous lesson step"), KeyHelp("Escape", "leave the lesson"),
        KeyHelp("", ""),
      ]
    switch state.view {
    case .curves: return lessonKeys + CurvesState.keys
    case .contour: return lessonKeys + ContourState.keys
    case .distributions: return lessonKeys + DistributionsState.keys
    }
  }

  var explanationID: String {
    switch state.view {
    case .curves: state.curves.explanationID
    case .contour: state.contour.explanationID
    case .distributions: state.distributions.explanationID
    }
  }

  var statusText: String {
    switch state.view {
    case .curves: state.curves.status(options: state.options)
    case .contour: state.contour.status(options: state.options)
    case .distributions: state.distributions.status(options: state.options)
    }
  }

  var hints: String {
    let s = Symbols.of(state.options)
    switch state.view {
    case .curves:
      return
        "\(s.arrowLeftRight) cursor  \(s.arrowUpDown) select  Space show  g slope  ? help  q quit"
    case .contour:
      return "s step  r run  o optimizer  m loss  [ ] rate  c compare  ? help  q quit"
    case .distributions:
      return
        "\(s.arrowLeftRight) category  \(s.arrowUpDown) edit  p/q pick  n/m preset  ? help  Esc quit"
    }
  }

  /// Applies keys one by one, as `losslab render --keys` does. Stops early on a quit key.
  public mutating func replay(_ keys: [Key]) {
    for key in keys {
      if handle(.key(key)) == .quit { break }
    }
  }
}
