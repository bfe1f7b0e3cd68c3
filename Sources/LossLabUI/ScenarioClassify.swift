import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The classification view's part of a scenario file, all keys optional:
/// ```json
/// "classify": { "data": {"points": 60, "seed": 42, "separable": false}
///                     | {"csv": "cells.csv", "x": "size", "y": "malignant", "sep": ","}
///                     | {"dataset": "challenger", "x": "temperature", "y": "distress"}
///                     | {"xy": [[-1.5, 0], [2, 1]]},
///               "loss": "bce", "pair": "mse", "gamma": 2, "optimizer": "adam", "rate": 0.1,
///               "start": [-5, 3], "steps": 10, "compare": false, "window": {"w": [-6, 6], "b": [-5, 5]},
///               "standardize": false }
/// ```
/// `pair` is the right-hand loss of side-by-side mode (`null` or left out: one surface). A table is read as
/// the contour view reads one (`DataSourceSetup.tableSource`), its y column holding the labels: a `csv` path
/// relative to the scenario file's folder (a saved file names it by its absolute path), or a shipped data set.
extension Scenario {
  public struct ClassifySetup: Sendable, Equatable {
    public var source: ClassDataSource?
    public var loss: Loss?
    /// Side by side: the second loss; `.some(nil)` turns side by side off.
    public var pair: Loss??
    public var gamma: Double?
    public var optimizer: OptimizerKind?
    public var rate: Double?
    public var start: (w: Double, b: Double)?
    public var steps: Int?
    public var compare: Bool?
    public var window: (w: ClosedRange<Double>, b: ClosedRange<Double>)?
    /// Fit on z-scores of x; start, window and rate are then in z's units.
    public var standardize: Bool?
    public init() {}

    public static func == (a: Self, b: Self) -> Bool {
      a.source == b.source && a.loss == b.loss && a.pair == b.pair && a.gamma == b.gamma
        && a.optimizer == b.optimizer && a.rate == b.rate && a.start?.w == b.start?.w
        && a.start?.b == b.start?.b && a.steps == b.steps && a.compare == b.compare
        && a.window?.w == b.window?.w && a.window?.b == b.window?.b
        && a.standardize == b.standardize
    }

    /// Everything needed to rebuild `state`, the steps taken included.
    init(state c: ClassifyState) {
      source = c.settings.source
      loss = c.loss
      pair = .some(c.pair)
      if c.settings.showsGamma { gamma = c.gamma }
      optimizer = c.optimizer
      rate = c.learningRate
      start = c.start
      steps = c.current.trajectory.count - 1
      compare = c.comparing
      window = (c.wRange, c.bRange)
      if c.settings.standardized { standardize = true }
    }

    /// Sets up `state` as the setup says; what it leaves out keeps its value. The paths start afresh and
    /// take `steps` steps.
    func apply(to state: inout ClassifyState) {
      state.running = false
      state.change {
        if let v = source { $0.source = v }
        if let v = loss { $0.loss = v }
        if let v = pair { $0.pair = v == $0.loss ? nil : v }
        if let v = gamma { $0.gamma = v }
        if let v = optimizer { $0.optimizer = v }
        if let v = rate { $0.learningRate = v }
        if let v = start { $0.start = v }
        if let v = window { ($0.wRange, $0.bRange) = v }
        if let v = compare { $0.comparing = v }
        if let v = standardize { $0.standardized = v }
      }
      state.restart()
      for _ in 0..<(steps ?? 0) { state.step() }
    }

    /// The section's JSON fields, one per line, in a fixed order.
    var jsonFields: [String] {
      func num(_ v: Double) -> String { NumberText.exact(v) }
      let quote = JSONText.quoted
      var f: [String] = []
      switch source {
      case .generated(let n, let seed, let separable)?:
        f.append("\"data\": {\"points\": \(n), \"seed\": \(seed), \"separable\": \(separable)}")
      case .table(let t)?:
        f.append("\"data\": " + Scenario.tableData(t))
      case .points(let d)?:
        let pairs = zip(d.x, d.label).map { "[\(num($0)), \(num($1))]" }
        f.append("\"data\": {\"xy\": [\(pairs.joined(separator: ", "))]}")
      case nil: break
      }
      if let v = loss { f.append("\"loss\": \(quote(v.shortName))") }
      if let v = pair { f.append("\"pair\": " + (v.map { quote($0.shortName) } ?? "null")) }
      if let v = gamma { f.append("\"gamma\": \(num(v))") }
      if let v = optimizer { f.append("\"optimizer\": \(quote(v.rawValue))") }
      if let v = rate { f.append("\"rate\": \(num(v))") }
      if let v = start { f.append("\"start\": [\(num(v.w)), \(num(v.b))]") }
      if let v = steps { f.append("\"steps\": \(v)") }
      if let v = compare { f.append("\"compare\": \(v)") }
      if let v = standardize { f.append("\"standardize\": \(v)") }
      if let v = window {
        f.append(
          "\"window\": {\"w\": [\(num(v.w.lowerBound)), \(num(v.w.upperBound))], "
            + "\"b\": [\(num(v.b.lowerBound)), \(num(v.b.upperBound))]}")
      }
      return f
    }
  }
}

extension Scenario.ClassifySetup: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init()
    let f = try Fields(
      decoder,
      keys: [
        "data", "loss", "pair", "gamma", "optimizer", "rate", "start", "steps", "compare",
        "window", "standardize",
      ])
    source = try f.nested("data", as: DataSetup.self)?.source
    let classifiers = ClassifyState.losses
    let losses = classifiers.flatMap { loss in loss.names.map { ($0, loss) } }
    let listed = classifiers.map(\.shortName)
    loss = try f.choice("loss", losses, listed: listed)
    if case .null? = f.values["pair"] {
      pair = .some(nil)
    } else if let p = try f.choice("pair", losses, listed: listed) {
      pair = .some(p)
    }
    if let g = try f.number("gamma") {
      if let problem = LossParameter.gamma.problem(with: g) {
        throw f.fail("gamma", "\(f.name("gamma")): " + problem)
      }
      gamma = g
    }
    optimizer = try f.choice(
      "optimizer", OptimizerKind.allCases.map { ($0.rawValue, $0) } + [("sgd", .gd)],
      listed: OptimizerKind.allCases.map(\.rawValue))
    rate = try f.positive("rate")
    if let p = try f.numbers("start", count: 2...2) {
      for (i, v) in p.enumerated() where !(abs(v) <= 1e6) {
        throw FieldError(
          path: f.path + [.key("start"), .index(i)],
          message: "\(f.name("start")) must be within ±1e6, found \(NumberText.short(v))")
      }
      start = (p[0], p[1])
    }
    steps = try f.integer("steps", 0...100_000)
    compare = try f.bool("compare")
    standardize = try f.bool("standardize")
    if f.has("window") {
      let w = try f.nested("window", as: Scenario.ContourSetup.WindowSetup.self)!
      window = (w.w, w.b)
    }
  }

  /// `{"points": 60, "seed": 42, "separable": false}`, a table (`{"csv": "f.csv", "x": "col", "y": "col",
  /// "sep": ","}` or `{"dataset": "challenger"}`, its y column 0/1 labels, or ±1 read as 0/1), or
  /// `{"xy": [[x, label], ...]}`.
  struct DataSetup: Decodable {
    var source: ClassDataSource

    init(from decoder: any Decoder) throws {
      let f = try Fields(
        decoder, keys: ["points", "seed", "separable", "csv", "dataset", "x", "y", "sep", "xy"])
      let generatorKeys = ["points", "seed", "separable"].filter(f.has)
      if let table = ["csv", "dataset"].first(where: f.has), let key = generatorKeys.first {
        throw f.fail(key, "\(f.name(key)) describes generated data; leave it out with \"\(table)\"")
      }
      if let table = try Scenario.ContourSetup.DataSourceSetup.tableSource(f, decoder: decoder) {
        do {
          _ = try ClassificationData(table: table.table)
        } catch {
          // The message names the file or data set, its row and column.
          throw f.fail(f.has("csv") ? "csv" : "dataset", error.message.withControlsEscaped)
        }
        source = .table(table)
        return
      }
      if let xy = f.values["xy"] {
        if let key = generatorKeys.first {
          throw f.fail(key, "\(f.name(key)) describes generated data; leave it out with \"xy\"")
        }
        let what = f.name("xy")
        guard case .array(let rows) = xy, rows.count >= 2 else {
          throw f.fail("xy", "\(what) must be an array of at least 2 [x, label] pairs")
        }
        var xs: [Double] = []
        var labels: [Double] = []
        for (i, r) in rows.enumerated() {
          let p = try Fields.numbers(r, path: f.path + [.key("xy"), .index(i)], count: 2...2)
          xs.append(p[0])
          labels.append(p[1] == -1 ? 0 : p[1])
        }
        do {
          source = .points(try ClassificationData(x: xs, label: labels))
        } catch {
          throw f.fail("xy", "\(what): \(error.message)")
        }
        return
      }
      let n = try f.integer("points", 2...1_000_000) ?? ClassificationData.defaultPoints
      let seed = try f.integer("seed", 0...Int(Int32.max))
      let separable = try f.bool("separable") ?? false
      source = .generated(
        points: n, seed: seed.map { UInt64($0) } ?? ClassificationData.defaultSeed,
        separable: separable)
    }
  }
}
