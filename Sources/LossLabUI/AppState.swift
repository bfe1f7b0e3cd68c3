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
public struct AppState: Sendable {
  public var view: ViewID
  public var curves: CurvesState
  public var contour: ContourState
  public var distributions: DistributionsState
  public var classify: ClassifyState
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

  public init(
    view: ViewID = .curves, width: Int = 80, height: Int = 24, options: RenderOptions = .standard,
    curves: CurvesState = CurvesState(), contour: ContourState = ContourState(),
    distributions: DistributionsState = DistributionsState(),
    classify: ClassifyState = ClassifyState()
  ) {
    self.view = view
    self.width = width
    self.height = height
    self.options = options
    self.curves = curves
    self.contour = contour
    self.distributions = distributions
    self.classify = classify
  }
}
