import LossPlot

/// The four views of the app, in tab order.
public enum ViewID: Int, CaseIterable, Sendable {
  case curves = 1
  case contour, distributions, classify

  public var title: String {
    switch self {
    case .curves: "Curves"
    case .contour: "Contour"
    case .distributions: "Distributions"
    case .classify: "Classify"
    }
  }

  /// The title on a narrow top bar.
  public var shortTitle: String { self == .distributions ? "Dist" : title }

  /// Parses a view name as typed on the command line (`dist` is short for distributions).
  public init?(name: String) {
    switch name.lowercased() {
    case "curves", "curve": self = .curves
    case "contour", "contours": self = .contour
    case "distributions", "distribution", "dist": self = .distributions
    case "classify", "classification", "logistic": self = .classify
    default: return nil
    }
  }
}

/// Something drawn over the view that takes the keys until it closes.
public enum Overlay: Hashable, Sendable {
  case help
  /// The save prompt: the file name being typed, or the "replace?" question.
  case savePrompt(SavePrompt)
  /// The list of distribution presets, with the highlighted row.
  case presetMenu(selected: Int)
}

/// The wrapped height of an explanation card at one panel width and spelling.
struct CardMeasure: Sendable, Equatable {
  var id: String
  var width: Int
  var ascii: Bool
  var rows: Int
}

/// Everything the app knows. `update` changes it; `render` only reads it.
///
/// Each view's state is made when it is first needed, not all four at start: `losslab render contour`
/// and the app's first frame make only the view they show. The rule is explicit and kept by update
/// alone (render never builds anything):
/// - the shown view's state is always made: `init` makes it, and setting `view` (a key, a click, a
///   scenario, a lesson step) makes the new one (`build(_:)`);
/// - changing another view's state (`state.contour.loss = …` while Curves is shown) makes it first;
/// - reading a view's state that was never made gives that view's fresh default, the value it
///   would have had had it been made at start (every default is deterministic), without keeping it.
/// `isBuilt(_:)` tells which views have been made.
public struct AppState: Sendable {
  /// The view shown. Setting it makes that view's state if it was not made yet.
  public var view: ViewID {
    didSet { build(view) }
  }
  /// Each view's state, made when first changed (see the type's notes).
  private var _curves: MadeOnChange<CurvesState>
  private var _contour: MadeOnChange<ContourState>
  private var _distributions: MadeOnChange<DistributionsState>
  private var _classify: MadeOnChange<ClassifyState>

  public var curves: CurvesState {
    _read { yield _curves.wrappedValue }
    set { _curves.wrappedValue = newValue }
    _modify { yield &_curves.wrappedValue }
  }
  public var contour: ContourState {
    _read { yield _contour.wrappedValue }
    set { _contour.wrappedValue = newValue }
    _modify { yield &_contour.wrappedValue }
  }
  public var distributions: DistributionsState {
    _read { yield _distributions.wrappedValue }
    set { _distributions.wrappedValue = newValue }
    _modify { yield &_distributions.wrappedValue }
  }
  public var classify: ClassifyState {
    _read { yield _classify.wrappedValue }
    set { _classify.wrappedValue = newValue }
    _modify { yield &_classify.wrappedValue }
  }
  public var overlay: Overlay?
  /// The explanation panel (`e`) is open.
  public var explaining: Bool = false
  /// How many rows the help overlay and the explanation card are scrolled down (PgDn, the wheel).
  public var helpScroll = 0
  public var cardScroll = 0
  /// How many rows the open card wraps to, and for which card, width and spelling: measured once,
  /// so scrolling does not wrap the text again (`LossLabApp.cardMaxScroll(in:)`).
  var cardMeasure: CardMeasure?
  /// The guided lesson in progress, if any.
  public var lesson: LessonProgress?
  /// What the student has done in each lesson (loaded and saved by the front end).
  public var progress = ProgressBook()
  /// The front end could not save the progress, and the status bar has said so.
  public var progressWarned = false
  /// Presenter mode's screens, if presenting (`losslab present`).
  public var presentation: Presentation?
  /// A short message for the status bar (e.g. "saved to lesson.json"), cleared by the next key.
  public var message: String?
  /// The terminal size, from the last resize event.
  public var width: Int
  public var height: Int
  /// What the output can show (colour depth, ASCII only).
  public var options: RenderOptions

  /// A state showing `view`. Only the shown view's state is made here (`curves`, `contour`, … when
  /// given, else its default); the others are made when first shown or changed.
  public init(
    view: ViewID = .curves, width: Int = 80, height: Int = 24, options: RenderOptions = .standard,
    curves: CurvesState? = nil, contour: ContourState? = nil,
    distributions: DistributionsState? = nil, classify: ClassifyState? = nil
  ) {
    self.view = view
    self.width = width
    self.height = height
    self.options = options
    self._curves = MadeOnChange(curves)
    self._contour = MadeOnChange(contour)
    self._distributions = MadeOnChange(distributions)
    self._classify = MadeOnChange(classify)
    build(view)
  }

  /// Whether `view`'s state has been made (it is shown, was shown, or was changed).
  public func isBuilt(_ view: ViewID) -> Bool {
    switch view {
    case .curves: _curves.isMade
    case .contour: _contour.isMade
    case .distributions: _distributions.isMade
    case .classify: _classify.isMade
    }
  }

  /// Makes `view`'s state (its default) if it was not made yet; a made one is kept as it is.
  public mutating func build(_ view: ViewID) {
    switch view {
    case .curves: _curves.make()
    case .contour: _contour.make()
    case .distributions: _distributions.make()
    case .classify: _classify.make()
    }
  }
}

extension CurvesState: MadeByDefault {}
extension ContourState: MadeByDefault {
  init() { self.init(ContourSettings()) }
}
extension DistributionsState: MadeByDefault {
  init() { self.init(preset: DistributionPreset.all[0], index: 0) }
}
extension ClassifyState: MadeByDefault {
  init() { self.init(ClassifySettings()) }
}
