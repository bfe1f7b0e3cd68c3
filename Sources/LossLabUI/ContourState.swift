import LossCore
import LossPlot

/// Where the line-fit data of the contour view comes from.
public enum DataSource: Sendable, Equatable {
  /// The tutorial's generated points (see `LineData.tutorial`).
  case generated(points: Int, seed: UInt64, noise: Double)
  /// Points given explicitly (a scenario's `"xy"`, a test).
  case points(LineData)
  /// A table read from a file, a shipped data set or standard input, with where it came from.
  case table(TableSource)
}

/// What the user chooses in the contour view. `ContourState` derives everything else (the data, the
/// objective, the minima, the descents) from these, in one place: `ContourState.change(_:)`.
public struct ContourSettings: Sendable, Equatable {
  public var source: DataSource
  /// How many outliers `x` adds (0: none).
  public var outliers: Int
  public var loss: Loss
  /// Huber's δ.
  public var delta: Double
  /// The quantile loss's τ.
  public var tau: Double
  public var optimizer: OptimizerKind
  /// The initial learning rate (the schedule starts from it).
  public var learningRate: Double
  /// How the rate changes with the step (Keras's schedules).
  public var schedule: LearningRateSchedule = .constant
  /// Decoupled weight decay; nil takes the optimizer's default (0.004 for AdamW).
  public var weightDecay: Double? = nil
  /// Where the descents start, (w, b).
  public var start: (w: Double, b: Double) {
    get { (startPoint.w, startPoint.b) }
    set { startPoint = WBVector(w: newValue.w, b: newValue.b) }
  }
  var startPoint: WBVector
  /// The (w, b) window the map shows.
  public var wRange: ClosedRange<Double>
  public var bRange: ClosedRange<Double>
  /// Compare mode: one descent per optimizer, all from the same start.
  public var comparing: Bool
  /// Fit on z-scores of x, (x − mean)/sd, instead of x (`z`): w and b are then over z.
  public var standardized: Bool = false
  /// The best-fit lines the data panel draws, in `ContourState.bestFitLosses` order (`f` cycles them).
  public var fitLines: [Loss] = []

  public init(
    source: DataSource = .generated(points: 50, seed: LineData.defaultSeed, noise: 0.5),
    outliers: Int = 0, loss: Loss = .mse, delta: Double = 1, tau: Double = 0.5,
    optimizer: OptimizerKind = .gd,
    learningRate: Double = Descent.defaultLearningRate,
    start: (w: Double, b: Double) = Descent.defaultStart,
    wRange: ClosedRange<Double> = ContourState.defaultW,
    bRange: ClosedRange<Double> = ContourState.defaultB, comparing: Bool = false
  ) {
    self.source = source
    self.outliers = outliers
    self.loss = loss
    self.delta = delta
    self.tau = tau
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.startPoint = WBVector(w: start.w, b: start.b)
    self.wRange = wRange
    self.bRange = bRange
    self.comparing = comparing
  }

  /// The settings the data depends on.
  var dataInputs: DataInputs {
    DataInputs(source: source, outliers: outliers, standardized: standardized)
  }
  /// The settings the objective (and so the surface) depends on.
  var objectiveInputs: ObjectiveInputs {
    ObjectiveInputs(data: dataInputs, loss: loss, config: lossConfig)
  }

  /// The loss's parameters as the view sets them (δ, τ).
  public var lossConfig: LossConfig { LossConfig(delta: delta, tau: tau) }

  struct DataInputs: Equatable, Sendable {
    var source: DataSource
    var outliers: Int
    var standardized: Bool
  }

  struct ObjectiveInputs: Equatable, Sendable {
    var data: DataInputs
    var loss: Loss
    var config: LossConfig
  }
}

/// The contour view: the mean loss over (w, b) for fitting y = wx + b, and gradient descent on it.
///
/// The settings change only through `change(_:)`, which rebuilds exactly what depends on what
/// changed; there are no property observers. Drawing caches live in `ContourRenderCache`, outside
/// the state.
public struct ContourState: Sendable {
  public static let defaultW: ClosedRange<Double> = 0.0...4.0
  public static let defaultB: ClosedRange<Double> = 1.0...5.0
  /// How many outliers `x` adds.
  public static let outlierCount = 5
  /// Above this many points the exact MAE minimum (a search over w with a median per step) is left out:
  /// it would cost seconds per data change. The MSE minimum is closed-form and always there.
  public static let maeMinimumLimit = 20_000

  public private(set) var settings: ContourSettings
  /// Continuous stepping (`r`).
  public var running = false

  /// The points fitted (the source plus any outliers).
  public private(set) var data: LineData
  /// An error from making the data (e.g. bad generator settings); shown in the panel.
  public private(set) var dataError: String?
  /// The minima of the MSE, MAE and Huber fits of the current data (`bestFitLosses`), for the panel's list and
  /// its best-fit lines; MAE and Huber are left out above `maeMinimumLimit` points.
  public private(set) var minima: LossMinima
  /// What the panel's scatter draws (a sample of the data for big data sets).
  public private(set) var scatterSample: ScatterSample
  public private(set) var objective: LineFitObjective
  /// The minimum of the current objective, marked on the map (nil when too costly to find exactly).
  public private(set) var minimum: (w: Double, b: Double, loss: Double)?
  /// The descent shown (the first one in compare mode is gd).
  public internal(set) var descents: [Descent]
  /// The selected step, the inspector, the pending "drop later steps?" question and the blow-up report.
  public internal(set) var timeline = Timeline()
  /// The z-scoring of x when `standardized` is on (nil when off, or when all x are equal).
  public private(set) var scaling: Standardization?
  /// The curvature of MSE on the data as fitted (z-scores when standardized), and on the raw x.
  public private(set) var curvature: MSECurvature
  public private(set) var rawCurvature: MSECurvature
  /// A line about where the data came from, for the panel: the rows a table skipped.
  public var dataNote: String? {
    if case .table(let t) = settings.source { return t.note }
    return nil
  }

  public init(_ settings: ContourSettings = ContourSettings()) {
    self.settings = settings
    let made = Self.makeData(
      settings.source, outliers: settings.outliers, standardized: settings.standardized)
    data = made.data
    dataError = made.error
    scaling = made.scaling
    curvature = MSECurvature(data: made.data)
    rawCurvature = made.raw
    minima = Self.minima(of: made.data, delta: settings.delta)
    let survey = ScatterSample.survey(made.data, fit: minima[.mse])
    scatterSample = ScatterSample(survey)
    objective = LineFitObjective(survey, loss: settings.loss, config: settings.lossConfig)
    minimum =
      settings.loss == .mse || made.data.x.count <= Self.maeMinimumLimit ? objective.minimum : nil
    descents = []
    restart()
  }

  public init(
    source: DataSource = .generated(points: 50, seed: LineData.defaultSeed, noise: 0.5),
    outliers: Int = 0,
    loss: Loss = .mse, delta: Double = 1, tau: Double = 0.5, optimizer: OptimizerKind = .gd,
    learningRate: Double = Descent.defaultLearningRate,
    start: (w: Double, b: Double) = Descent.defaultStart,
    wRange: ClosedRange<Double> = defaultW, bRange: ClosedRange<Double> = defaultB
  ) {
    self.init(
      ContourSettings(
        source: source, outliers: outliers, loss: loss, delta: delta, tau: tau,
        optimizer: optimizer,
        learningRate: learningRate, start: start, wRange: wRange, bRange: bRange))
  }

  // The settings, read-only; change them with `change(_:)`.
  public var source: DataSource { settings.source }
  public var outliers: Int { settings.outliers }
  public var loss: Loss { settings.loss }
  public var delta: Double { settings.delta }
  public var tau: Double { settings.tau }
  public var lossConfig: LossConfig { settings.lossConfig }
  public var optimizer: OptimizerKind { settings.optimizer }
  public var learningRate: Double { settings.learningRate }
  public var schedule: LearningRateSchedule { settings.schedule }
  public var start: (w: Double, b: Double) { settings.start }
  public var wRange: ClosedRange<Double> { settings.wRange }
  public var bRange: ClosedRange<Double> { settings.bRange }
  public var comparing: Bool { settings.comparing }

  /// Changes the settings and rebuilds, once, what depends on what changed: the data (source,
  /// outliers), the objective (data, loss, δ) and the descents (objective, optimizer, rate, start,
  /// compare mode), which start afresh. Moving the window keeps the path.
  public mutating func change(_ edit: (inout ContourSettings) -> Void) {
    let old = settings
    edit(&settings)
    if settings.dataInputs != old.dataInputs {
      rebuildData()
    } else if settings.objectiveInputs != old.objectiveInputs {
      if settings.delta != old.delta, data.x.count <= Self.maeMinimumLimit {
        minima[.huber] = LineFitObjective(data: data, loss: .huber, delta: settings.delta).minimum
      }
      rebuildObjective()
    } else if settings.optimizer != old.optimizer || settings.learningRate != old.learningRate
      || settings.schedule != old.schedule || settings.weightDecay != old.weightDecay
      || settings.start.w != old.start.w || settings.start.b != old.start.b
      || settings.comparing != old.comparing
    {
      restart()
    }
  }

  // MARK: Derived data: the one place it is rebuilt.

  private mutating func rebuildData() {
    let made = Self.makeData(
      settings.source, outliers: settings.outliers, standardized: settings.standardized)
    data = made.data
    dataError = made.error
    scaling = made.scaling
    curvature = MSECurvature(data: made.data)
    rawCurvature = made.raw
    minima = Self.minima(of: data, delta: settings.delta)
    recomputeFromData()
  }

  /// Recomputes what is derived from the loaded data (the scatter sample, the objective, its
  /// minimum, the descents), as after a data change, keeping the data and its minima. The cold-frame
  /// benchmarks time this together with a frame drawn from an empty cache.
  ///
  /// One pass over the points (`LineSurvey`) gives both the sample and the objective's statistics.
  public mutating func recomputeFromData() {
    let survey = ScatterSample.survey(data, fit: minima[.mse])
    scatterSample = ScatterSample(survey)
    rebuildObjective(survey)
  }

  /// Rebuilds the objective from the data (its statistics from `survey` when given), and the descents from it.
  private mutating func rebuildObjective(_ survey: LineSurvey? = nil) {
    objective =
      if let survey {
        LineFitObjective(survey, loss: settings.loss, config: settings.lossConfig)
      } else {
        LineFitObjective(data: data, loss: settings.loss, config: settings.lossConfig)
      }
    minimum =
      settings.loss == .mse || data.x.count <= Self.maeMinimumLimit ? objective.minimum : nil
    restart()
  }

  /// Clears the path(s): back to the start point with fresh optimizer state.
  public mutating func restart() {
    let kinds = settings.comparing ? OptimizerKind.allCases : [settings.optimizer]
    descents = kinds.map {
      Descent(
        objective: objective, optimizer: $0, learningRate: settings.learningRate,
        schedule: settings.schedule, weightDecay: settings.weightDecay,
        w0: settings.start.w, b0: settings.start.b)
    }
    // A fresh path: no selection, question or report; the inspector stays open.
    let inspecting = timeline.inspecting
    timeline = Timeline()
    timeline.inspecting = inspecting
  }

  /// The data, z-scored when `standardized` (and x has a spread), with the raw data's curvature.
  static func makeData(_ source: DataSource, outliers: Int, standardized: Bool) -> (
    data: LineData, error: String?, scaling: Standardization?, raw: MSECurvature
  ) {
    let made = makeRawData(source, outliers: outliers)
    let raw = MSECurvature(data: made.data)
    guard standardized, let s = Standardization(x: made.data.x) else {
      return (made.data, made.error, nil, raw)
    }
    return (s.apply(to: made.data), made.error, s, raw)
  }

  static func makeRawData(_ source: DataSource, outliers: Int) -> (data: LineData, error: String?) {
    switch source {
    case .generated(let n, let seed, let noise):
      do {
        return (try LineData.tutorial(points: n, seed: seed, noise: noise, outliers: outliers), nil)
      } catch {
        let fallback =
          (try? LineData.tutorial(outliers: outliers)) ?? LineData(x: [0, 1], y: [3, 5])
        return (fallback, error.description)
      }
    case .points(let d): return (adding(outliers: outliers, to: d), nil)
    case .table(let t): return (adding(outliers: outliers, to: t.table.data), nil)
    }
  }

  /// `d` with the tutorial's `outliers` appended.
  static func adding(outliers: Int, to d: LineData) -> LineData {
    guard outliers > 0, let extra = try? LineData.tutorial(points: 1, outliers: outliers) else {
      return d
    }
    let k = extra.x.count - 1
    return LineData(x: d.x + extra.x.suffix(k), y: d.y + extra.y.suffix(k))
  }

  static func minima(of data: LineData, delta: Double) -> LossMinima {
    var out = LossMinima()
    out[.mse] = LineFitObjective(data: data, loss: .mse, delta: delta).minimum
    if data.x.count <= maeMinimumLimit {
      out[.mae] = LineFitObjective(data: data, loss: .mae, delta: delta).minimum
      out[.huber] = LineFitObjective(data: data, loss: .huber, delta: delta).minimum
    }
    return out
  }

  /// The losses whose best fits the panel lists and can draw as lines over the data.
  public static let bestFitLosses: [Loss] = [.mse, .mae, .huber]

  /// What `f` steps through: no lines, all three, then each alone.
  static let fitLineCycle: [[Loss]] = [[], bestFitLosses] + bestFitLosses.map { [$0] }

  /// The next entry of `fitLineCycle` after `lines` (all three after anything not in the cycle).
  static func nextFitLines(after lines: [Loss]) -> [Loss] {
    guard let i = fitLineCycle.firstIndex(of: lines) else { return bestFitLosses }
    return fitLineCycle[(i + 1) % fitLineCycle.count]
  }

  /// Whether the view shows someone's own table (not the tutorial's generated points).
  public var isOwnData: Bool {
    if case .generated = settings.source { return false }
    return true
  }

  /// Frames the map for the data: with own data or z-scores, the start is the "predict the mean" line (w = 0,
  /// b = mean(y)), the rate the largest 1-2-5 value below the MSE limit 2/λmax, and the window holds the start and
  /// every minimum found with a margin (`ContourWindow.frame`), levels following the loss. The tutorial data gets
  /// today's start, rate and window back. The path starts afresh.
  public mutating func frameForData(rate: Bool = true) {
    guard isOwnData || settings.standardized else {
      change {
        $0.start = Descent.defaultStart
        $0.wRange = Self.defaultW
        $0.bRange = Self.defaultB
        if rate { $0.learningRate = Descent.defaultLearningRate }
      }
      restart()
      return
    }
    let meanY = data.y.reduce(0, +) / Double(max(1, data.y.count))
    var points = [WBVector(w: 0, b: meanY)]
    for m in minima.values { points.append(WBVector(w: m.w, b: m.b)) }
    if let m = minimum { points.append(WBVector(w: m.w, b: m.b)) }
    if let m = minima[.mse] {
      // The MSE ellipse through the start: a stable descent stays inside it.
      let height = LineFitObjective(data: data, loss: .mse).value(w: 0, b: meanY) - m.loss
      points += ContourWindow.sublevelCorners(
        center: WBVector(w: m.w, b: m.b), hessian: curvature.hessian, height: height)
    }
    let (w, b) = ContourWindow.frame(points)
    let lr = curvature.defaultLearningRate
    change {
      $0.start = (0, meanY)
      $0.wRange = w
      $0.bRange = b
      if rate, lr > 0 { $0.learningRate = lr }
    }
    restart()
  }

  // MARK: Stepping

  /// One optimizer step (of every descent, in compare mode).
  public mutating func step() {
    for i in descents.indices { descents[i].step() }
    checkDivergence()
  }

  /// The descent whose numbers the readout shows.
  public var current: Descent { descents[0] }

  var allDone: Bool { descents.allSatisfy { $0.diverged || $0.trajectory.count > 5000 } }

  mutating func tick() {
    guard running else { return }
    step()
    if allDone { running = false }
  }
}
