import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the labelled points of the classification view come from.
public enum ClassDataSource: Sendable, Equatable {
  /// The seeded generator: overlapping classes, or separable ones with a gap.
  case generated(points: Int, seed: UInt64, separable: Bool)
  /// Points given explicitly (a scenario's `xy`, a test).
  case points(ClassificationData)
  /// A table read from a file, a shipped data set or standard input, its y column the labels, with where
  /// it came from (so that a saved scenario names the file or data set and its columns).
  case table(TableSource)

  /// Whether the points are someone's own (a table or given points), not the generator's.
  public var isOwnData: Bool {
    if case .generated = self { return false }
    return true
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
  /// Where the descents start, (w, b).
  public var start: (w: Double, b: Double) {
    get { (startPoint.w, startPoint.b) }
    set { startPoint = WBVector(w: newValue.w, b: newValue.b) }
  }
  var startPoint: WBVector
  public var wRange: ClosedRange<Double>
  public var bRange: ClosedRange<Double>
  /// Compare mode: one descent per optimizer on the one surface.
  public var comparing: Bool
  /// Fit on z-scores of x, (x − mean)/sd (`z`): rounder valleys, a faster descent on data far from 0.
  public var standardized: Bool

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
    bRange: ClosedRange<Double> = LogisticObjective.defaultWindow.b, comparing: Bool = false,
    standardized: Bool = false
  ) {
    self.source = source
    self.loss = loss
    self.pair = pair
    self.gamma = gamma
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.startPoint = WBVector(w: start.w, b: start.b)
    self.wRange = wRange
    self.bRange = bRange
    self.comparing = comparing
    self.standardized = standardized
  }

  /// The losses drawn, left to right.
  var losses: [Loss] { [loss] + (pair.map { [$0] } ?? []) }

  /// Whether a surface shown reads γ.
  var showsGamma: Bool { losses.contains { $0.parameters.contains(.gamma) } }

  /// The losses' settings.
  var config: LossConfig { LossConfig(gamma: gamma) }
}

/// One surface of the view: its objective, its minimum, the descents walking on it, and what the panel
/// reads about the shown descent's last step.
public struct ClassifyPane: Sendable {
  public let objective: LogisticObjective
  public let minimum: LogisticMinimum
  public private(set) var descents: [Descent]
  /// The share of points on their side of the boundary at the last step (LossCore's `accuracy`).
  public private(set) var accuracy: Double
  /// The gradient with respect to the logit at the last step, averaged over the points, and how the
  /// misclassified points contribute (LossCore's `logitGradient`).
  public private(set) var logitGradient: LogisticObjective.LogitGradient
  /// The decision boundary x = −b/w at the last step (nil when w = 0).
  public private(set) var boundary: Double?

  init(objective: LogisticObjective, minimum: LogisticMinimum, descents: [Descent]) {
    self.objective = objective
    self.minimum = minimum
    self.descents = descents
    (accuracy, logitGradient, boundary) = Self.measured(objective, at: descents[0].current)
  }

  public var loss: Loss { objective.loss }
  /// How the loss fits the classifier: titles, formulas.
  public var fit: ClassificationFit { objective.fit }
  /// The descent whose numbers the readout shows.
  public var current: Descent { descents[0] }

  /// One step of every descent, and the readouts at the new step: the shown descent's loss, gradient and
  /// readouts come from one pass over the points (`LogisticObjective.measure`).
  mutating func step() {
    for d in descents.indices.dropFirst() { descents[d].step() }
    let objective = self.objective
    var measured: LogisticObjective.Measurement?
    let stepped = descents[0].step { w, b in
      let m = objective.measure(w: w, b: b)
      measured = m
      return (m.value, m.gradient)
    }
    if stepped, let m = measured {
      (accuracy, logitGradient) = (m.accuracy, m.logitGradient)
      let now = current.current
      boundary = now.w != 0 ? -now.b / now.w : nil
    } else {
      (accuracy, logitGradient, boundary) = Self.measured(objective, at: current.current)
    }
  }

  /// The readouts at `step`, from LossCore: update computes them once a step, so a frame only reads them.
  private static func measured(_ objective: LogisticObjective, at step: DescentStep) -> (
    Double, LogisticObjective.LogitGradient, Double?
  ) {
    let m = objective.measure(w: step.w, b: step.b)
    return (m.accuracy, m.logitGradient, step.w != 0 ? -step.b / step.w : nil)
  }
}

/// The points of each class, for the data panel's two rows, and what the panel says about them; made
/// once per data change.
public struct ClassSplit: Sendable, Equatable {
  /// The x of the class-0 points and of the class-1 points.
  public var x0: [Double]
  public var x1: [Double]
  public var separation: ClassificationData.Separation
  /// The x range of all points.
  public var xRange: ClosedRange<Double>

  init(_ data: ClassificationData) {
    var x0: [Double] = []
    var x1: [Double] = []
    for (x, y) in zip(data.x, data.label) {
      if y == 1 { x1.append(x) } else { x0.append(x) }
    }
    (self.x0, self.x1) = (x0, x1)
    separation = data.separation
    xRange = data.xRange
  }
}

/// The classification view: p = σ(w·x + b) fitted to labelled points, the loss over (w, b) for one or two
/// losses, and gradient descent on it.
///
/// Settings change only through `change(_:)`, which rebuilds what depends on what changed, in one place.
public struct ClassifyState: Sendable {
  public private(set) var settings: ClassifySettings
  /// Continuous stepping (`r`).
  public var running = false
  /// The points fitted: z-scores of x when `standardized` (and x has a spread).
  public private(set) var data: ClassificationData
  /// The z-scoring of x when `standardized` is on (nil when off, or when all x are equal).
  public private(set) var scaling: Standardization?
  /// An error from making the data; shown in the panel.
  public private(set) var dataError: String?
  /// The points by class, for the data panel.
  public private(set) var classes: ClassSplit
  /// One pane per surface (two side by side).
  public private(set) var panes: [ClassifyPane]

  public init(_ settings: ClassifySettings = ClassifySettings()) {
    self.settings = settings
    let made = Self.makeData(settings.source, standardized: settings.standardized)
    data = made.data
    scaling = made.scaling
    dataError = made.error
    classes = ClassSplit(made.data)
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
    if settings.source != old.source || settings.standardized != old.standardized {
      let made = Self.makeData(settings.source, standardized: settings.standardized)
      data = made.data
      scaling = made.scaling
      dataError = made.error
      classes = ClassSplit(made.data)
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
      return ClassifyPane(
        objective: objective, minimum: objective.minimum, descents: descents(on: objective))
    }
  }

  /// Fresh descents on `objective` from the start point: one, or one per optimizer in compare mode.
  private func descents(on objective: LogisticObjective) -> [Descent] {
    let kinds = settings.comparing ? OptimizerKind.allCases : [settings.optimizer]
    return kinds.map {
      Descent(
        objective: objective, optimizer: $0, learningRate: settings.learningRate,
        w0: settings.start.w, b0: settings.start.b)
    }
  }

  /// Clears the paths: every pane back to the start point with fresh optimizer state.
  public mutating func restart() {
    for i in panes.indices {
      let p = panes[i]
      panes[i] = ClassifyPane(
        objective: p.objective, minimum: p.minimum, descents: descents(on: p.objective))
    }
  }

  /// The points of `source`, z-scored when `standardized` (and x has a spread), with the z-scoring.
  static func makeData(_ source: ClassDataSource, standardized: Bool) -> (
    data: ClassificationData, error: String?, scaling: Standardization?
  ) {
    let made = makeRawData(source)
    guard standardized, let s = Standardization(x: made.data.x) else {
      return (made.data, made.error, nil)
    }
    return (s.apply(to: made.data), made.error, s)
  }

  static func makeRawData(_ source: ClassDataSource) -> (data: ClassificationData, error: String?) {
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
    case .table(let t):
      do {
        return (try ClassificationData(table: t.table), nil)
      } catch {
        return (try! ClassificationData.overlapping(), error.description)
      }
    }
  }

  // MARK: Framing own data

  /// Whether the view shows someone's own points (a table or given points), not the generator's.
  public var isOwnData: Bool { settings.source.isOwnData }

  /// Frames the map for the data. Own data or z-scores: the start predicts the base rate for every x (w = 0,
  /// b = logit of the share of class 1), the rate is the largest 1-2-5 value below the limit that keeps gd
  /// stable on cross-entropy anywhere (its Hessian is at most a quarter of mean([x², x; x, 1]), an eighth of
  /// the line fit's MSE Hessian: 8 × its 2/λmax), and the window holds the start and every surface's minimum
  /// with a margin (`ContourWindow.frame`), on z-scores centred on each minimum. With no finite minimum
  /// (separable classes), the widest-margin fit and twice it, so the path is seen heading off along that
  /// direction. The generated data gets the default start, rate and window back. The paths start afresh.
  public mutating func frameForData(rate: Bool = true) {
    guard isOwnData || settings.standardized else {
      restart(from: LogisticObjective.defaultStart) {
        $0.wRange = LogisticObjective.defaultWindow.w
        $0.bRange = LogisticObjective.defaultWindow.b
        if rate { $0.learningRate = LogisticObjective.defaultLearningRate }
      }
      return
    }
    let share = Double(classes.x1.count) / Double(max(1, data.count))
    let start = WBVector(w: 0, b: log(share / (1 - share)))
    var points = [start]
    for pane in panes {
      if let m = pane.minimum.point {
        points.append(WBVector(w: m.w, b: m.b))
        // On z-scores the valley is round enough to show whole: the start mirrored through the minimum is
        // framed too, so the rings sit around the minimum instead of being cut in half at the frame's edge.
        // (On raw x the valley is a long thin trough, and a frame twice as wide would only shrink the path.)
        if scaling != nil { points.append(WBVector(w: 2 * m.w - start.w, b: 2 * m.b - start.b)) }
      }
    }
    if points.count == 1, let tip = LogisticObjective(data: data, loss: .hinge).minimum.point {
      points += [WBVector(w: tip.w, b: tip.b), WBVector(w: 2 * tip.w, b: 2 * tip.b)]
    }
    var (w, b) = ContourWindow.frame(points)
    if scaling != nil {
      // On z-scores w and b are in comparable units: a square window shows the valley's true shape (with
      // balanced classes the start and the minimum have nearly the same b, and a frame of them alone would
      // be a thin strip that draws the round valley as vertical bands).
      let span = max(w.upperBound - w.lowerBound, b.upperBound - b.lowerBound)
      func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        let middle = (r.lowerBound + r.upperBound) / 2
        return (middle - span / 2)...(middle + span / 2)
      }
      (w, b) = (widened(w), widened(b))
    }
    let limit = 8 * MSECurvature(x: data.x).stabilityLimit
    let lr = LearningRate.largestNice(below: limit)
    restart(from: (start.w, start.b)) {
      $0.wRange = w
      $0.bRange = b
      if rate, lr > 0 { $0.learningRate = min(lr, 1e6) }
    }
  }

  // MARK: Stepping

  /// One optimizer step of every descent (both panes step together).
  public mutating func step() {
    for p in panes.indices { panes[p].step() }
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
