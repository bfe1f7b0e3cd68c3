import LossPlot

/// What `LossLabApp.render` keeps between frames: each view's expensive layers, keyed by what they
/// depend on. The front end owns it and passes it to every `render` call.
///
/// A view's caches are made when that view is first drawn (a run that shows one view makes one set).
public struct AppRenderCache: Sendable {
  @MadeOnChange var contour: ContourRenderCache
  @MadeOnChange var classify: ClassifyRenderCache
  @MadeOnChange var curves: CurvesRenderCache
  @MadeOnChange var distributions: DistributionsRenderCache
  public init() {}
}

extension ContourRenderCache: MadeByDefault {}
extension ClassifyRenderCache: MadeByDefault {}
extension CurvesRenderCache: MadeByDefault {}
extension DistributionsRenderCache: MadeByDefault {}

/// The interactive app: routes events to the chrome and the active view, and renders frames.
///
/// `handle` is pure: it changes `state` and returns the command the front end should carry out
/// (saving a file is one), never touching the terminal or the disk. `render` only reads the state,
/// with the caches in an `AppRenderCache`. The ncurses backend and `losslab render --keys` both drive
/// this same value.
public struct LossLabApp: TerminalApp, Sendable {
  public var state: AppState

  public init(state: AppState = AppState()) { self.state = state }

  public func makeRenderCache() -> AppRenderCache { AppRenderCache() }

  /// Takes the colour depth and character set the terminal can show.
  public mutating func configure(_ options: RenderOptions) {
    state.options = options
  }

  public var tickInterval: Duration? {
    let running =
      (state.view == .contour && state.contour.running)
      || (state.view == .classify && state.classify.running)
    return running && state.overlay == nil ? .milliseconds(100) : nil
  }

  // MARK: Layout

  /// Where everything goes on a `width × height` screen, found without drawing: the bars, the
  /// active view's parts, the panel under it. Mouse clicks are hit-tested against this.
  public func layout(width: Int, height: Int) -> AppLayout {
    let content = contentRect(width: width, height: height)
    let need = minimumSize
    let view: AppLayout.View =
      switch state.view {
      case .curves: .curves(state.curves.layout(content, options: state.options))
      case .contour: .contour(state.contour.layout(content, options: state.options))
      case .distributions: .distributions(state.distributions.layout(content))
      case .classify: .classify(state.classify.layout(content, options: state.options))
      }
    return AppLayout(
      tooSmall: width < need.width || height < need.height,
      topBar: Rect(x: 0, y: 0, width: width, height: 1),
      content: content,
      bottomPanel: Rect(x: 0, y: content.maxY, width: width, height: height - 1 - content.maxY),
      statusBar: Rect(x: 0, y: height - 1, width: width, height: 1),
      view: view)
  }

  /// The rectangle the active view draws into (between the top bar and the status bar, above the
  /// explanation panel when that is open).
  func contentRect(width: Int, height: Int) -> Rect {
    let body = Rect(x: 0, y: 1, width: width, height: height - 2)
    let panel: Int
    if state.explaining {
      panel = Chrome.explanationHeight(body.height)
    } else if let lesson = state.lesson {
      let lines = LessonPanel.lines(lesson, state: state, width: width - 4, options: state.options)
      // Half the body, or more for a long step as long as the view keeps 8 rows: the step's text
      // is never cut.
      panel = min(max(3, lines.count + 2), max(body.height / 2, body.height - 8))
    } else {
      panel = 0
    }
    return Rect(x: 0, y: 1, width: width, height: body.height - panel)
  }

  /// The active view's rectangle at the size of the last resize.
  var contentRect: Rect { contentRect(width: state.width, height: state.height) }

  /// The smallest terminal the active view can be drawn in.
  public var minimumSize: (width: Int, height: Int) {
    switch state.view {
    case .curves: (40, 12)
    case .contour: (60, 16)
    case .distributions: (40, 12)
    case .classify: (60, 16)
    }
  }

  // MARK: Update

  public mutating func handle(_ event: Event) -> AppCommand {
    switch event {
    case .resize(let w, let h):
      state.width = max(0, w)
      state.height = max(0, h)
      return .none
    case .tick:
      if state.view == .contour { state.contour.tick() }
      if state.view == .classify { state.classify.tick() }
      return .none
    case .mouse(let m):
      handleMouse(m)
      return .none
    case .key(let key):
      return handleKey(key)
    case .result(let result):
      return handleResult(result)
    }
  }

  mutating func handleMouse(_ m: MouseEvent) {
    let wheel = m.button == .wheelUp ? -1 : (m.button == .wheelDown ? 1 : 0)
    if state.overlay == .help, wheel != 0 {
      scrollHelp(3 * wheel)
      return
    }
    guard state.overlay == nil else { return }
    let layout = layout(width: state.width, height: state.height)
    guard !layout.tooSmall else { return }
    if state.explaining, wheel != 0, layout.bottomPanel.contains(x: m.x, y: m.y) {
      let most = cardMaxScroll(in: layout.bottomPanel)
      state.cardScroll = min(max(0, state.cardScroll + 2 * wheel), most)
      return
    }
    if layout.topBar.contains(x: m.x, y: m.y) {
      if m.kind == .press,
        let view = Chrome.tab(
          at: m.x, width: state.width, active: state.view,
          right: topBarRight(Symbols.of(state.options)),
          slide: state.presentation.map(\.topBarLabel))
      {
        state.view = view
      }
      return
    }
    switch layout.view {
    case .curves(let l): state.curves.mouse(m, layout: l)
    case .contour(let l): state.contour.mouse(m, layout: l)
    case .distributions(let l): state.distributions.mouse(m, layout: l)
    case .classify(let l): state.classify.mouse(m, layout: l)
    }
  }

  mutating func handleKey(_ key: Key) -> AppCommand {
    state.message = nil
    if key == .control("c") { return .quit }
    switch state.overlay {
    case .help:
      // `q` quits from the help too (only Escape is limited to "when nothing is open").
      if key == .character("q") { return .quit }
      if key == .escape || key == .character("?") || key == .enter {
        state.overlay = nil
      } else {
        let page = Chrome.helpWindow(
          helpRows, width: state.width, height: state.height, ascii: state.options.ascii
        ).visible
        switch key {
        case .down, .character("j"): scrollHelp(1)
        case .up, .character("k"): scrollHelp(-1)
        case .pageDown, .character(" "): scrollHelp(max(1, page - 1))
        case .pageUp: scrollHelp(-max(1, page - 1))
        case .home: scrollHelp(-state.helpScroll)
        case .end: scrollHelp(Int.max / 2)
        default: break
        }
      }
      return .none
    case .savePrompt(let prompt):
      return apply(prompt.handle(key, text: saveText))
    case .presetMenu(let selected):
      if key == .character("q") { return .quit }
      handlePresetMenu(key, selected: selected)
      return .none
    case nil:
      break
    }
    if state.presentation != nil, let action = PresenterKeys.table.action(for: key) {
      perform(action)
      return .none
    }
    // With the card open, PgUp/PgDn scroll it (before a lesson's PgUp/PgDn; in presenter mode they
    // move between screens, and the wheel scrolls the card).
    if state.explaining, case .scrollCard(let pages)? = GlobalKeys.table.action(for: key) {
      scrollCard(pages: pages)
      return .none
    }
    if let command = handleLessonKey(key) { return command }
    if handleViewKey(key) { return .none }
    guard let action = GlobalKeys.table.action(for: key) else { return .none }
    switch action {
    case .quit: return .quit
    case .back:
      guard state.explaining else { return .quit }
      state.explaining = false
    case .help:
      state.overlay = .help
      state.helpScroll = 0
    case .view(let v): state.view = v
    case .cycleView(let n):
      let count = ViewID.allCases.count
      state.view = ViewID(rawValue: (state.view.rawValue - 1 + n + count) % count + 1)!
    case .explain:
      state.explaining.toggle()
      state.cardScroll = 0
    case .scrollCard: break
    case .save:
      state.overlay = .savePrompt(
        SavePrompt(defaultName: Scenario.defaultFileName(for: state.view)))
    }
    return .none
  }

  /// Moves the help by `rows`, within what there is to show at the current size.
  mutating func scrollHelp(_ rows: Int) {
    let window = Chrome.helpWindow(
      helpRows, width: state.width, height: state.height, ascii: state.options.ascii)
    state.helpScroll = min(max(0, state.helpScroll + rows), window.maxScroll)
  }

  /// Moves the explanation card by `pages` panels (one row less, so a line stays in view).
  mutating func scrollCard(pages: Int) {
    let rect = layout(width: state.width, height: state.height).bottomPanel
    let page = max(1, rect.height - 3)
    let most = cardMaxScroll(in: rect)
    state.cardScroll = min(max(0, state.cardScroll + pages * page), most)
  }

  /// How far the open card can scroll in the panel `rect`. The card is wrapped once per card, width
  /// and spelling (kept in `state.cardMeasure`), not on every scroll.
  mutating func cardMaxScroll(in rect: Rect) -> Int {
    let inner = rect.inset(by: 1)
    guard inner.height > 0 else { return 0 }
    let (id, ascii) = (explanationID, state.options.ascii)
    let measure: CardMeasure
    if let m = state.cardMeasure, m.id == id, m.width == inner.width, m.ascii == ascii {
      measure = m
    } else {
      let rows = Chrome.cardLines(id: id, width: inner.width, options: state.options).lines.count
      measure = CardMeasure(id: id, width: inner.width, ascii: ascii, rows: rows)
      state.cardMeasure = measure
    }
    return max(0, measure.rows - inner.height)
  }

  /// Runs the active view's action for `key`; false when its table does not bind the key.
  mutating func handleViewKey(_ key: Key) -> Bool {
    switch state.view {
    case .curves:
      guard let action = CurvesState.keyTable.action(for: key) else { return false }
      state.curves.perform(action)
    case .contour:
      guard let action = ContourState.keyTable.action(for: key) else { return false }
      if action == .export {
        state.overlay = .savePrompt(SavePrompt(defaultName: "trajectory.csv", purpose: .trajectory))
      } else {
        state.contour.perform(action)
      }
    case .distributions:
      guard let action = DistributionsState.keyTable.action(for: key) else { return false }
      if action == .presetMenu {
        state.overlay = .presetMenu(selected: max(0, state.distributions.presetIndex))
      } else {
        state.distributions.perform(action)
      }
    case .classify:
      guard let action = ClassifyState.keyTable.action(for: key) else { return false }
      state.classify.perform(action)
    }
    return true
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

  /// The answer to a command the front end carried out.
  mutating func handleResult(_ result: CommandResult) -> AppCommand {
    switch result {
    case .saved(let path):
      state.message = "saved to \(path)"
    case .saveFailed(let path, let reason):
      state.message = "not saved: \(reason) (\(path))"
    case .saveSkipped(let path):
      state.message = "save skipped: render never writes files (\(path))"
    case .progressNotSaved(let reason):
      // Once: every later step would fail the same way.
      guard !state.progressWarned else { return .none }
      state.progressWarned = true
      state.message = "lesson progress not saved: \(reason)"
    case .saveTarget, .completions:
      guard case .savePrompt(let prompt) = state.overlay else { return .none }
      return apply(prompt.handle(result, text: saveText))
    }
    return .none
  }

  /// Puts a save-prompt step into the state and returns its command.
  mutating func apply(_ step: SavePromptStep) -> AppCommand {
    switch step {
    case .stay(let prompt, let command):
      state.overlay = .savePrompt(prompt)
      return command
    case .close(let message, let command):
      state.overlay = nil
      state.message = message
      return command
    }
  }

  /// The scenario file text for the current state (what a save writes).
  func scenarioText() -> String { Scenario(state: state).jsonText }

  /// What `prompt` writes to `path`: the scenario, or the contour view's trajectory (CSV when the name
  /// ends in .csv, else JSON), with every step's rate and optimizer state.
  func saveText(_ prompt: SavePrompt, path: String) -> String {
    switch prompt.purpose {
    case .scenario: return scenarioText()
    case .trajectory:
      let d = state.contour.current
      return (path.lowercased().hasSuffix(".csv") ? d.exportCSV() : d.exportJSON()) + "\n"
    }
  }

  /// Applies keys one by one, as `losslab render --keys` does: commands go to `perform`, whose
  /// answers come back as events. Stops early on a quit key.
  public mutating func replay(_ keys: [Key], perform: (AppCommand) -> Event? = { _ in nil }) {
    for key in keys {
      if send(.key(key), perform: perform) == .quit { break }
    }
  }

  // MARK: Render

  /// Draws the current state, reusing and refreshing the layers in `cache`.
  public func render(width: Int, height: Int, cache: inout AppRenderCache) -> Screen {
    var screen = Screen(width: width, height: height)
    draw(into: &screen, cache: &cache)
    return screen
  }

  /// Draws the current state into `screen` (cleared first, its size kept), reusing and refreshing the
  /// layers in `cache`.
  public func render(into screen: inout Screen, cache: inout AppRenderCache) {
    screen.reset(width: screen.width, height: screen.height)
    draw(into: &screen, cache: &cache)
  }

  /// Draws the current state into a blank `screen`.
  func draw(into screen: inout Screen, cache: inout AppRenderCache) {
    let width = screen.width
    let height = screen.height
    let options = state.options
    let content = contentRect(width: width, height: height)
    let need = minimumSize
    if width < need.width || height < need.height {
      Chrome.tooSmall(into: &screen, need: need, options: options)
      return
    }
    let hints = keyHints
    Chrome.topBar(
      into: &screen, active: state.view, right: hints.right,
      slide: state.presentation.map(\.topBarLabel), options: options)
    switch state.view {
    case .curves:
      state.curves.render(into: &screen, rect: content, options: options, cache: &cache.curves)
    case .contour:
      state.contour.render(into: &screen, rect: content, options: options, cache: &cache.contour)
    case .distributions:
      state.distributions.render(
        into: &screen, rect: content, options: options, cache: &cache.distributions)
    case .classify:
      state.classify.render(into: &screen, rect: content, options: options, cache: &cache.classify)
    }
    let bottom = Rect(x: 0, y: content.maxY, width: width, height: height - 1 - content.maxY)
    if state.explaining {
      Chrome.explanation(
        into: &screen, rect: bottom, id: explanationID, scroll: state.cardScroll, options: options)
    } else if let lesson = state.lesson {
      Chrome.lesson(into: &screen, rect: bottom, progress: lesson, state: state, options: options)
    }
    Chrome.statusBar(
      into: &screen, status: state.message ?? statusText(cache: &cache),
      isMessage: state.message != nil,
      hints: hints.all, kept: hints.globalCount, options: options)
    switch state.overlay {
    case .help:
      Chrome.help(
        into: &screen, title: state.view.title, keys: helpRows, scroll: state.helpScroll,
        options: options)
    case .savePrompt(let prompt):
      Chrome.savePrompt(into: &screen, prompt, options: options)
    case .presetMenu(let selected):
      Chrome.menu(
        into: &screen, title: "Presets (Enter picks, Escape closes)",
        items: DistributionPreset.all.enumerated().map { "\($0.offset + 1)  \($0.element.name)" },
        selected: selected, options: options)
    case nil: break
    }
  }

  /// Draws the current state from scratch (a fresh cache).
  public func render(width: Int, height: Int) -> Screen {
    var cache = AppRenderCache()
    return render(width: width, height: height, cache: &cache)
  }

  /// The help and quit keys on the right of the top bar.
  func topBarRight(_ s: Symbols) -> String {
    GlobalKeys.hints(viewBindsQ: viewBindsQ, s).joined(separator: "  ") + " "
  }

  /// The hints of a frame: the view's (and presenter mode's), then the global ones, and the top
  /// bar's right-hand text.
  struct KeyHints: Sendable {
    var all: [String]
    var globalCount: Int
    var right: String
  }

  /// The hints for the current view, presenter mode and symbols. They depend on nothing else, so each
  /// set is made once, when first drawn (a frame then builds no hint text, and a run that shows one
  /// view makes only that view's sets).
  var keyHints: KeyHints {
    let sets: [KeyHints] =
      switch (state.view, state.presentation != nil) {
      case (.curves, false): Self.curvesKeyHints
      case (.curves, true): Self.curvesPresentingKeyHints
      case (.contour, false): Self.contourKeyHints
      case (.contour, true): Self.contourPresentingKeyHints
      case (.distributions, false): Self.distributionsKeyHints
      case (.distributions, true): Self.distributionsPresentingKeyHints
      case (.classify, false): Self.classifyKeyHints
      case (.classify, true): Self.classifyPresentingKeyHints
      }
    return sets[state.options.ascii ? 1 : 0]
  }

  static let curvesKeyHints = makeKeyHints(.curves, presenting: false)
  static let curvesPresentingKeyHints = makeKeyHints(.curves, presenting: true)
  static let contourKeyHints = makeKeyHints(.contour, presenting: false)
  static let contourPresentingKeyHints = makeKeyHints(.contour, presenting: true)
  static let distributionsKeyHints = makeKeyHints(.distributions, presenting: false)
  static let distributionsPresentingKeyHints = makeKeyHints(.distributions, presenting: true)
  static let classifyKeyHints = makeKeyHints(.classify, presenting: false)
  static let classifyPresentingKeyHints = makeKeyHints(.classify, presenting: true)

  /// A view's hints with Unicode symbols, then with ASCII ones.
  static func makeKeyHints(_ view: ViewID, presenting: Bool) -> [KeyHints] {
    [Symbols.unicode, Symbols.ascii].map { s in
      let global = GlobalKeys.hints(viewBindsQ: viewBindsQ(view), s)
      return KeyHints(
        all: viewHints(view, presenting: presenting, s) + global, globalCount: global.count,
        right: global.joinedText(separator: "  ") + " ")
    }
  }

  /// The active view takes `q` for itself (none does now: `q` quits everywhere).
  var viewBindsQ: Bool { Self.viewBindsQ(state.view) }

  static func viewBindsQ(_ view: ViewID) -> Bool {
    switch view {
    case .curves: CurvesState.keyTable.binds(.character("q"))
    case .contour: ContourState.keyTable.binds(.character("q"))
    case .distributions: DistributionsState.keyTable.binds(.character("q"))
    case .classify: ClassifyState.keyTable.binds(.character("q"))
    }
  }

  /// The rows of the help overlay: the lesson's keys, the view's, then the global ones.
  var helpRows: [KeyHelp] {
    let lessonKeys = state.lesson == nil ? [] : LessonKeys.table.help + [KeyHelp("", "")]
    let presenterKeys =
      state.presentation == nil ? [] : PresenterKeys.table.help + [KeyHelp("", "")]
    let viewKeys: [KeyHelp] =
      switch state.view {
      case .curves: shadowed(CurvesState.keyTable).help
      case .contour: shadowed(ContourState.keyTable).help
      case .distributions: shadowed(DistributionsState.keyTable).help
      case .classify: shadowed(ClassifyState.keyTable).help
      }
    return presenterKeys + lessonKeys + viewKeys + [KeyHelp("", "")] + GlobalKeys.help
  }

  func viewHints(_ s: Symbols) -> [String] {
    Self.viewHints(state.view, presenting: state.presentation != nil, s)
  }

  static func viewHints(_ view: ViewID, presenting: Bool, _ s: Symbols) -> [String] {
    func shadowed<Action>(_ table: KeyTable<Action>) -> KeyTable<Action> {
      presenting ? table.shadowed(by: PresenterKeys.table) : table
    }
    let presenter = presenting ? PresenterKeys.table.hints(s) : []
    let viewHints =
      switch view {
      case .curves: shadowed(CurvesState.keyTable).hints(s)
      case .contour: shadowed(ContourState.keyTable).hints(s)
      case .distributions: shadowed(DistributionsState.keyTable).hints(s)
      case .classify: shadowed(ClassifyState.keyTable).hints(s)
      }
    return presenter + viewHints
  }

  /// A view's table as it works now: without the rows presenter mode takes over.
  func shadowed<Action>(_ table: KeyTable<Action>) -> KeyTable<Action> {
    state.presentation == nil ? table : table.shadowed(by: PresenterKeys.table)
  }

  var explanationID: String {
    switch state.view {
    case .curves: state.curves.explanationID
    case .contour: state.contour.explanationID
    case .distributions: state.distributions.explanationID
    case .classify: state.classify.explanationID
    }
  }

  /// `statusText` as a frame draws it: each view writes its own into storage the render cache keeps
  /// (a readout longer than 15 bytes would otherwise allocate every frame).
  func statusText(cache: inout AppRenderCache) -> String {
    let options = state.options
    switch state.view {
    case .curves:
      cache.curves.refresh(for: state.curves, options: options)
      let name = cache.curves.shortNames[state.curves.selected]
      state.curves.status(options: options, shortName: name, into: &cache.curves.status)
      return cache.curves.status
    case .distributions:
      state.distributions.status(
        options: options, report: cache.distributions.report(for: state.distributions),
        into: &cache.distributions.status)
      return cache.distributions.status
    case .contour:
      state.contour.status(options: options, into: &cache.contour.panel.status)
      return cache.contour.panel.status
    case .classify:
      state.classify.status(options: options, into: &cache.classify.status)
      return cache.classify.status
    }
  }

  var statusText: String {
    switch state.view {
    case .curves: state.curves.status(options: state.options)
    case .contour: state.contour.status(options: state.options)
    case .distributions: state.distributions.status(options: state.options)
    case .classify: state.classify.status(options: state.options)
    }
  }
}

/// Where everything goes on the screen, from `LossLabApp.layout(width:height:)`.
public struct AppLayout: Equatable, Sendable {
  /// The parts of the active view.
  public enum View: Equatable, Sendable {
    case curves(CurvesLayout)
    case contour(ContourLayout)
    case distributions(DistributionsLayout)
    case classify(ClassifyLayout)
  }

  /// The screen is smaller than the view needs: only a message is drawn.
  public var tooSmall: Bool
  /// The tabs.
  public var topBar: Rect
  /// The active view.
  public var content: Rect
  /// The explanation or lesson panel under the view (zero height when closed).
  public var bottomPanel: Rect
  public var statusBar: Rect
  public var view: View
}
