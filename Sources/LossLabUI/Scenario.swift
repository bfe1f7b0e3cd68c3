import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A saved or hand-written setup of the app: which view, the line-fit data and descent settings, the
/// curves shown, the two distributions. Every field is optional; what is missing keeps its default.
///
/// File format (JSON), all keys optional:
/// ```json
/// { "view": "contour",
///   "contour": { "data": {"points": 50, "seed": 42, "noise": 0.5} | {"csv": "points.csv"} | {"xy": [[0,3],[1,5]]},
///                "outliers": 5, "loss": "mae", "delta": 1, "optimizer": "adam", "rate": 0.1,
///                "start": [0.5, 1.5], "steps": 10, "compare": false, "window": {"w": [0, 4], "b": [1, 5]},
///                "fits": ["mse", "mae", "huber"], "standardize": false },
///   "curves": { "show": ["neg-log", "bce:0", "bce:1", "hinge:1"], "select": "bce:1", "cursor": 0.3,
///               "x": [-1, 2], "log_y": false },
///   "distributions": { "p": [0.1, 0.4, 0.5], "q": [0.8, 0.15, 0.05], "categories": ["cat", "dog", "fox"],
///                      "base": "bits", "preset": 0, "fit": "p||q" },
///   "classify": { "data": {"points": 60, "seed": 42, "separable": false}, "loss": "bce", "pair": "mse", ... } }
/// ```
public struct Scenario: Sendable, Equatable {
  public var view: ViewID?
  public var contour: ContourSetup?
  public var curves: CurvesSetup?
  public var distributions: DistributionsSetup?
  /// The classification view (see `ScenarioClassify.swift`).
  public var classify: ClassifySetup?

  public struct ContourSetup: Sendable, Equatable {
    public var source: DataSource?
    public var outliers: Int?
    public var loss: Loss?
    public var delta: Double?
    /// The quantile loss's τ.
    public var tau: Double?
    public var optimizer: OptimizerKind?
    public var rate: Double?
    /// A learning-rate schedule, written as for `--schedule` (`"cosine:decay_steps=40"`).
    public var schedule: LearningRateSchedule?
    /// Keras's `weight_decay` (`"weight_decay"`).
    public var weightDecay: Double?
    public var start: (w: Double, b: Double)?
    public var steps: Int?
    public var compare: Bool?
    public var window: (w: ClosedRange<Double>, b: ClosedRange<Double>)?
    /// The best-fit lines the data panel draws (`"fits": ["mse", "huber"]`).
    public var fits: [Loss]?
    /// Fit on z-scores of x (`"standardize": true`).
    public var standardize: Bool?
    public init() {}
    public static func == (a: Self, b: Self) -> Bool {
      a.source == b.source && a.outliers == b.outliers && a.loss == b.loss && a.delta == b.delta
        && a.tau == b.tau
        && a.optimizer == b.optimizer && a.rate == b.rate && a.schedule == b.schedule
        && a.weightDecay == b.weightDecay && a.start?.w == b.start?.w
        && a.start?.b == b.start?.b && a.steps == b.steps && a.compare == b.compare
        && a.window?.w == b.window?.w && a.window?.b == b.window?.b && a.fits == b.fits
        && a.standardize == b.standardize
    }
  }

  public struct CurvesSetup: Sendable, Equatable {
    public var show: [LossCurve]?
    /// The curve the cursor readout, `g` and `e` are about (shown if it was not).
    public var select: LossCurve?
    public var cursor: Double?
    public var x: ClosedRange<Double>?
    public var logY: Bool?
    public init() {}
  }

  public struct DistributionsSetup: Sendable, Equatable {
    public var preset: Int?
    public var p: [Double]?
    public var q: [Double]?
    public var categories: [String]?
    public var base: LogBase?
    /// Replace Q by the normal that minimises this divergence for P (`"p||q"` or `"q||p"`, the `f` and
    /// `F` keys), after P and Q are set up.
    public var fit: KLDirection?
    public init() {}
  }

  public init() {}

  /// The default file name `w` offers.
  public static func defaultFileName(for view: ViewID) -> String {
    "losslab-\(view.title.lowercased()).json"
  }
}

/// A JSON file (a scenario, or built-in content) that could not be used: names the file, the line
/// and column when known, and what was expected.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int?
  public let column: Int?
  public let message: String

  public init(file: String, line: Int?, column: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = line == nil ? nil : column
    self.message = message
  }

  /// `file:line:column: message`, leaving out what is not known.
  public var description: String {
    switch (line, column) {
    case (let line?, let column?): "\(file):\(line):\(column): \(message)"
    case (let line?, nil): "\(file):\(line): \(message)"
    default: "\(file): \(message)"
    }
  }
}
