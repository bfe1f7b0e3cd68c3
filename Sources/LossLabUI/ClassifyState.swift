import LossCore
import LossPlot

/// Where the labelled points of the classification view come from.
public enum ClassDataSource: Sendable, Equatable {
  /// The seeded generator: overlapping classes, or separable ones with a gap.
  case generated(points: Int, seed: UInt64, separable: Bool)
  /// Points given explicitly (a data set, standard input, a scenario's `xy`).
  case points(ClassificationData)
  /// Points read from a table file, remembered by path and columns so that a saved scenario names the file.
  case file(ClassDataFile)

  /// The points, when they are given rather than generated.
  var givenPoints: ClassificationData? {
    switch self {
    case .generated: nil
    case .points(let d): d
    case .file(let f): f.data
    }
  }
}

/// A table file the classification points came from: where it is, how it was read, and what it held.
public struct ClassDataFile: Sendable, Equatable {
  /// The path as it should be written into a scenario (absolute, so the file is found from anywhere).
  public var path: String
  /// The x and label columns (header name or 1-based number), nil for a two-column table's defaults.
  public var x: String?
  public var y: String?
  /// nil: detected.
  public var separator: FieldSeparator?
  public var data: ClassificationData

  public init(
    path: String, x: String? = nil, y: String? = nil, separator: FieldSeparator? = nil,
    data: ClassificationData
  ) {
    (self.path, self.x, self.y, self.separator, self.data) = (path, x, y, separator, data)
  }
}

/// What the user chooses in the classification view. `ClassifyState.change(_:)` derives the rest.
public struct ClassifySettings: Sendable, Equatable {
  public var source: ClassDataSource
  /// A loss of `LossList.current` that supports `.classificationFit`.
  public var loss: Loss
  /// Side by side: the second surface's loss (nil: one surface).
  public var pair: Loss?
  /// The focal loss's γ (the loss list's parameter, default 2), for whichever surface is focal.
  public var gamma: Double
  public var optimizer: OptimizerKind
  public var learningRate: Double
  public var start: (w: Double, b: Double)
  public var wRange: ClosedRange<Double>
  public var bRange: ClosedRange<Double>
  /// Compare mode: one descent per optimizer on the one surface.
  public var comparing: Bool

  public init(
    source: ClassDataSource = .generated(
      points: ClassificationData.defaultPoints, seed: ClassificationData.defaultSeed,
      separable: false),
    loss: Loss = .binaryCrossentropy, pair: Loss? = nil,
    gamma: Double = LossConfig().gamma,
    optimizer: OptimizerKind = .gd,
    learningRate: Double = LogisticObjective.defaultLearningRate,
    start: (w: Double, b: Double) = LogisticObjective.defaultStart,
    wRange: ClosedRange<Double> = LogisticObjective.defaultWindow.w,
    bRange: ClosedRange<Double> = LogisticObjective.defaultWindow.b, comparing: Bool = false
  ) {
    self.source = source
    self.loss = loss
    self.pair = pair
    self.gamma = gamma
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.start = start
    self.wRange = wRange
    self.bRange = bRange
    self.comparing = comparing
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.source == b.source && a.loss == b.loss && a.pair == b.pair && a.gamma == b.gamma
      && a.optimizer == b.optimizer
      && a.learningRate == b.learningRate && a.start.w == b.start.w && a.start.b == b.start.b
      && a.wRange == b.wRange && a.bRange == b.bRange && a.comparing == b.comparing
  }

  /// The losses drawn, left to right.
  var losses: [Loss] { [loss] + (pair.map { [$0] } ?? []) }

  /// Whether a surface shown reads γ.
  var showsGamma: Bool { losses.contains { $0.parameters.contains(.gamma) } }

  /// The losses' settings.
  var config: LossConfig { LossConfig(gamma: gamma) }
}

/// One surface of the view: its objective, its minimum and the descents walking on it.
public struct ClassifyPane: Sendable {
  public let objective: LogisticObjective
  public let minimum: LogisticMinimum
  public fileprivate(set) var descents: [Descent]

  public var loss: Loss { objective.loss }
  /// How the loss fits the classifier: titles, formulas.
  public var fit: ClassificationFit { objective.fit }
  /// The descent whose numbers the readout shows.
  public var current: Descent { descents[0] }
}

/// The classification view: p = σ(w·x + b) fitted to labelled points, the loss over (w, b) for one or two
/// losses, and gradient descent on it.
///
/// Settings change only through `change(_:)`, which rebuilds what depends on what changed, in one place.
public struct ClassifyState: Sendable {
  public private(set) var settings: ClassifySettings
  /// Continuous stepping (`r`).
  public var running = false
  public private(set) var data: ClassificationData
  /// An error from making the data; shown in the panel.
  public private(set) var dataError: String?
  /// One pane per surface (two side by side).
  public private(set) var panes: [ClassifyPane]

  public init(_ settings: ClassifySettings = ClassifySettings()) {
    self.settings = settings
    let made = Self.makeData(settings.source)
    data = made.data
    dataError = made.error
    panes = []
    rebuildPanes()
  }

  public var loss: Loss { settings.loss }
  public var pair: Loss? { settings.pair }

  /// The losses the view offers (`m` cycles through them): those of the loss list with a classification fit.
  public static var losses: [Loss] { LossList.current.supporting(.classificationFit) }
  public var gamma: Double { settings.gamma }
  public var optimizer: OptimizerKind { settings.optimizer }
  public var learningRate: Double { settings.learningRate }
  public var start: (w: Double, b: Double) { settings.start }
  public var wRange: ClosedRange<Double> { settings.wRange }
  public var bRange: ClosedRange<Double> { settings.bRange }
  public var comparing: Bool { settings.comparing }
  public var sideBySide: Bool { settings.pair != nil }

  /// Changes the settings and rebuilds, once, what depends on what changed: the data (source), the
  /// panes (data, losses) and the descents (optimizer, rate, start, compare mode). Moving the window keeps
  /// the paths.
  public mutating func change(_ edit: (inout ClassifySettings) -> Void) {
    let old = settings
    edit(&settings)
    if settings.pair != nil { settings.comparing = false }
    if settings.source != old.source {
      let made = Self.makeData(settings.source)
      data = made.data
      dataError = made.error
      rebuildPanes()
    } else if settings.losses != old.losses
      || (settings.gamma != old.gamma && settings.showsGamma)
    {
      rebuildPanes()
    } else if settings.optimizer != old.optimizer || settings.learningRate != old.learningRate
      || settings.start.w != old.start.w || settings.start.b != old.start.b
      || settings.comparing != old.comparing
    {
      restart()
    }
  }

  private mutating func rebuildPanes() {
    let first = LogisticObjective(data: data, loss: settings.loss, config: settings.config)
    panes = settings.losses.map { loss in
      let objective = loss == first.loss ? first : first.with(loss: loss)
      return ClassifyPane(objective: objective, minimum: objective.minimum, descents: [])
    }
    restart()
  }

  /// Clears the paths: every pane back to the start point with fresh optimizer state.
  public mutating func restart() {
    let kinds = settings.comparing ? OptimizerKind.allCases : [settings.optimizer]
    for i in panes.indices {
      panes[i].descents = kinds.map {
        Descent(
          objective: panes[i].objective, optimizer: $0, learningRate: settings.learningRate,
          w0: settings.start.w, b0: settings.start.b)
      }
    }
  }

  static func makeData(_ source: ClassDataSource) -> (data: ClassificationData, error: String?) {
    switch source {
    case .generated(let n, let seed, let separable):
      do {
        let d =
          separable
          ? try ClassificationData.separable(points: n, seed: seed)
          : try ClassificationData.overlapping(points: n, seed: seed)
        return (d, nil)
      } catch {
        return (try! ClassificationData.overlapping(), error.description)
      }
    case .points(let d):
      return (d, nil)
    case .file(let f):
      return (f.data, nil)
    }
  }

  // MARK: Stepping

  /// One optimizer step of every descent (both panes step together).
  public mutating func step() {
    for p in panes.indices {
      for d in panes[p].descents.indices { panes[p].descents[d].step() }
    }
  }

  /// The first pane's shown descent.
  public var current: Descent { panes[0].current }

  var allDone: Bool {
    panes.allSatisfy { p in p.descents.allSatisfy { $0.diverged || $0.trajectory.count > 5000 } }
  }

  mutating func tick() {
    guard running else { return }
    step()
    if allDone { running = false }
  }
}
