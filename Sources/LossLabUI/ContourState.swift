import LossCore
import LossPlot

/// Where the line-fit data of the contour view comes from.
public enum DataSource: Sendable, Equatable {
  /// The tutorial's generated points (see `LineData.tutorial`).
  case generated(points: Int, seed: UInt64, noise: Double)
  /// Points given explicitly (from a CSV file or a scenario).
  case points(LineData)
}

/// The surface computed for one map: reused until data, loss, δ, window or size change.
struct SurfaceCache: Sendable {
  struct Key: Equatable, Sendable {
    var dataVersion: Int
    var loss: FitLoss
    var delta: Double
    var w: ClosedRange<Double>
    var b: ClosedRange<Double>
    var columns: Int
    var rows: Int
  }
  var key: Key
  var grid: Grid2D
  /// The map drawn without its paths, arrow and marker (see `ContourPlot.drawBase`).
  var base: BaseLayer?

  /// A drawn base layer and what it was drawn for.
  struct BaseLayer: Sendable {
    struct Key: Equatable, Sendable {
      var size: Rect
      var options: RenderOptions
      /// The paths' names and colours, which the level key lists.
      var legend: [String]
      var colors: [Color]
    }
    var key: Key
    /// The map rect's cells, drawn with the map's top-left corner at (0, 0).
    var screen: Screen
    /// Where the data area landed in `screen`.
    var frame: PlotFrame
  }
}

extension PlotFrame {
  /// The frame of a layer drawn with its top-left corner at (0, 0), placed at `rect`'s corner.
  func moved(by rect: Rect) -> PlotFrame {
    var f = self
    f.area.x += rect.x
    f.area.y += rect.y
    return f
  }
}

/// The contour view: the mean loss over (w, b) for fitting y = wx + b, and gradient descent on it.
public struct ContourState: Sendable {
  public static let defaultW: ClosedRange<Double> = 0.0...4.0
  public static let defaultB: ClosedRange<Double> = 1.0...5.0
  /// How many outliers `x` adds.
  public static let outlierCount = 5

  public var source: DataSource { didSet { dataChanged() } }
  public var outliers: Int { didSet { dataChanged() } }
  public var loss: FitLoss { didSet { objectiveChanged() } }
  public var delta: Double { didSet { objectiveChanged() } }
  public var optimizer: OptimizerKind { didSet { restart() } }
  public var learningRate: Double { didSet { restart() } }
  public var start: (w: Double, b: Double) { didSet { restart() } }
  public var wRange: ClosedRange<Double>
  public var bRange: ClosedRange<Double>
  /// Compare mode: one descent per optimizer, all from the same start.
  public var comparing: Bool { didSet { restart() } }
  /// Continuous stepping (`r`).
  public var running = false

  public private(set) var data: LineData
  public private(set) var objective: LineFitObjective
  /// The descent shown (the first one in compare mode is gd).
  public private(set) var descents: [Descent]
  /// Minimum of the MSE and the MAE fit of the current data, for the panel.
  public private(set) var minima: [FitLoss: (w: Double, b: Double, loss: Double)] = [:]
  /// What the panel's scatter draws (a sample of the data for big data sets).
  public private(set) var scatterSample: ScatterSample
  /// The minimum of the current objective, marked on the map (nil when too costly to find exactly).
  public private(set) var minimum: (w: Double, b: Double, loss: Double)?
  var dataVersion = 0
  var surface: SurfaceCache?
  /// An error from loading data (e.g. a bad CSV); shown in the panel.
  public var dataError: String?

  public init(
    source: DataSource = .generated(points: 50, seed: LineData.defaultSeed, noise: 0.5),
    outliers: Int = 0,
    loss: FitLoss = .mse, delta: Double = 1, optimizer: OptimizerKind = .gd,
    learningRate: Double = Descent.defaultLearningRate,
    start: (w: Double, b: Double) = Descent.defaultStart,
    wRange: ClosedRange<Double> = defaultW, bRange: ClosedRange<Double> = defaultB
  ) {
    self.source = source
    self.outliers = outliers
    self.loss = loss
    self.delta = delta
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.start = start
    self.wRange = wRange
    self.bRange = bRange
    self.comparing = false
    let data = Self.makeData(source, outliers: outliers)
    self.data = data.data
    self.dataError = data.error
    self.objective = LineFitObjective(data: self.data, loss: loss, delta: delta)
    self.descents = []
    self.minima = Self.minima(of: self.data, delta: delta)
    self.scatterSample = ScatterSample(self.data, fit: self.minima[.mse])
    self.minimum =
      loss == .mse || self.data.x.count <= Self.maeMinimumLimit ? objective.minimum : nil
    restart()
  }

  static func makeData(_ source: DataSource, outliers: Int) -> (data: LineData, error: String?) {
    switch source {
    case .generated(let n, let seed, let noise):
      do {
        return (try LineData.tutorial(points: n, seed: seed, noise: noise, outliers: outliers), nil)
      } catch {
        let fallback =
          (try? LineData.tutorial(outliers: outliers)) ?? LineData(x: [0, 1], y: [3, 5])
        return (fallback, error.description)
      }
    case .points(let d):
      guard outliers > 0, let extra = try? LineData.tutorial(points: 1, outliers: outliers) else {
        return (d, nil)
      }
      let k = extra.x.count - 1
      return (LineData(x: d.x + extra.x.suffix(k), y: d.y + extra.y.suffix(k)), nil)
    }
  }

  /// Above this many points the exact MAE minimum (a search over w with a median per step) is left out:
  /// it would cost seconds per data change. The MSE minimum is closed-form and always there.
  public static let maeMinimumLimit = 20_000

  static func minima(of data: LineData, delta: Double) -> [FitLoss: (
    w: Double, b: Double, loss: Double
  )] {
    var out: [FitLoss: (w: Double, b: Double, loss: Double)] = [:]
    out[.mse] = LineFitObjective(data: data, loss: .mse, delta: delta).minimum
    if data.x.count <= maeMinimumLimit {
      out[.mae] = LineFitObjective(data: data, loss: .mae, delta: delta).minimum
    }
    return out
  }

  mutating func dataChanged() {
    let made = Self.makeData(source, outliers: outliers)
    data = made.data
    dataError = made.error
    dataVersion += 1
    minima = Self.minima(of: data, delta: delta)
    scatterSample = ScatterSample(data, fit: minima[.mse])
    objectiveChanged()
  }

  mutating func objectiveChanged() {
    objective = LineFitObjective(data: data, loss: loss, delta: delta)
    minimum = loss == .mse || data.x.count <= Self.maeMinimumLimit ? objective.minimum : nil
    surface = nil
    restart()
  }

  /// A copy with the given settings changed (the rest kept), its data, minima and objective computed
  /// once; setting the properties one by one would recompute them after each. Compare mode is kept;
  /// the path starts afresh.
  public func with(
    source: DataSource? = nil, outliers: Int? = nil, loss: FitLoss? = nil, delta: Double? = nil,
    optimizer: OptimizerKind? = nil, learningRate: Double? = nil,
    start: (w: Double, b: Double)? = nil,
    wRange: ClosedRange<Double>? = nil, bRange: ClosedRange<Double>? = nil
  ) -> ContourState {
    var s = ContourState(
      source: source ?? self.source, outliers: outliers ?? self.outliers, loss: loss ?? self.loss,
      delta: delta ?? self.delta, optimizer: optimizer ?? self.optimizer,
      learningRate: learningRate ?? self.learningRate, start: start ?? self.start,
      wRange: wRange ?? self.wRange, bRange: bRange ?? self.bRange)
    if comparing { s.comparing = true }
    return s
  }

  /// Rebuilds the objective from the data and drops the cached surface, so the next frame computes
  /// everything afresh (after a data reload, and for the cold-frame benchmarks).
  public mutating func recomputeObjective() {
    scatterSample = ScatterSample(data, fit: minima[.mse])
    objectiveChanged()
  }

  /// Clears the path(s): back to the start point with fresh optimizer state.
  public mutating func restart() {
    let kinds = comparing ? OptimizerKind.allCases : [optimizer]
    descents = kinds.map {
      Descent(
        objective: objective, optimizer: $0, learningRate: learningRate, w0: start.w, b0: start.b)
    }
  }

  /// One optimizer step (of every descent, in compare mode).
  public mutating func step() {
    for i in descents.indices { descents[i].step() }
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
