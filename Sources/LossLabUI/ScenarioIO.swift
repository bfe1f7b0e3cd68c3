import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads the bytes of a file a scenario names (its `"csv"` data), given the path as the scenario's
/// folder makes it. The front end supplies one: LossLabUI never touches the file system itself.
/// Errors are one line that names the path (`points.csv: no such file`).
public typealias ScenarioFileReader = @Sendable (_ path: String) throws(LossCoreError) -> [UInt8]

extension Scenario {
  /// A reader for scenarios that must not name files (a scenario given as text, a test): every
  /// `"csv"` is refused with one line.
  public static let noFiles: ScenarioFileReader = { path throws(LossCoreError) in
    throw LossCoreError("\(path): a scenario read here cannot name data files")
  }

  /// Parses scenario text; `file` names it in errors. A `"csv"` path is taken relative to `directory`
  /// and read with `readFile`, which the front end supplies.
  public static func parse(
    _ text: String, file: String, directory: String = ".",
    readFile: @escaping ScenarioFileReader = noFiles
  ) throws(ScenarioError) -> Scenario {
    try JSONText.decodeFile(
      Scenario.self, from: Array(text.utf8), file: file,
      userInfo: [.scenarioDirectory: directory, .scenarioFileReader: readFile])
  }

  /// Parses the bytes of the scenario file at `path` (read by the front end), which names it in
  /// errors; relative `"csv"` paths are taken from the file's folder (`directory` when given, e.g. made
  /// absolute, so that a table saved again names a path that reads from anywhere) and read with `readFile`.
  public static func parse(
    contentsOf bytes: [UInt8], path: String, directory: String? = nil,
    readFile: @escaping ScenarioFileReader
  ) throws(ScenarioError) -> Scenario {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ScenarioError(file: path, line: nil, message: "not UTF-8 text")
    }
    return try parse(
      text, file: path, directory: directory ?? folder(of: path), readFile: readFile)
  }

  /// The folder part of `path` (`.` for a bare name), by hand: NSString's path methods crash on Linux on a
  /// one-letter name.
  public static func folder(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
  }

  /// Everything needed to rebuild `state`, including the steps taken so far.
  public init(state: AppState) {
    self.init()
    view = state.view
    let c = state.contour
    var cs = ContourSetup()
    cs.source = c.source
    cs.outliers = c.outliers
    cs.loss = c.loss
    cs.delta = c.delta
    if c.loss.parameters.contains(.tau) { cs.tau = c.tau }
    cs.optimizer = c.optimizer
    cs.rate = c.learningRate
    if c.schedule != .constant { cs.schedule = c.schedule }
    cs.weightDecay = c.settings.weightDecay
    cs.start = c.start
    cs.steps = c.current.trajectory.count - 1
    cs.compare = c.comparing
    cs.window = (c.wRange, c.bRange)
    if !c.settings.fitLines.isEmpty { cs.fits = c.settings.fitLines }
    if c.settings.standardized { cs.standardize = true }
    contour = cs
    var cu = CurvesSetup()
    cu.show = state.curves.entries.filter(\.visible).map(\.curve)
    cu.select = state.curves.selectedCurve
    cu.cursor = state.curves.cursorX
    cu.x = state.curves.xRange
    cu.logY = state.curves.logY
    curves = cu
    var d = DistributionsSetup()
    d.p = state.distributions.p
    d.q = state.distributions.q
    d.categories = state.distributions.categories
    d.base = state.distributions.base
    if state.distributions.presetIndex >= 0 { d.preset = state.distributions.presetIndex }
    d.fit = state.distributions.currentFit?.direction
    distributions = d
    classify = ClassifySetup(state: state.classify)
  }

  /// Sets up `state` as the scenario says; fields it leaves out keep their values.
  public func apply(to state: inout AppState) {
    if let view { state.view = view }
    if let c = contour {
      var s = state.contour
      s.change {
        if let v = c.source { $0.source = v }
        if let v = c.outliers { $0.outliers = v }
        if let v = c.loss { $0.loss = v }
        if let v = c.delta { $0.delta = v }
        if let v = c.tau { $0.tau = v }
        if let v = c.optimizer { $0.optimizer = v }
        if let v = c.rate { $0.learningRate = v }
        if let v = c.schedule { $0.schedule = v }
        if let v = c.weightDecay { $0.weightDecay = v }
        if let v = c.start { $0.start = v }
        if let v = c.window { ($0.wRange, $0.bRange) = v }
        if let v = c.compare { $0.comparing = v }
        if let v = c.fits { $0.fitLines = v }
        if let v = c.standardize { $0.standardized = v }
      }
      s.restart()  // the path starts afresh, then takes the scenario's steps
      for _ in 0..<(c.steps ?? 0) { s.step() }
      state.contour = s
    }
    if let c = curves {
      var s = state.curves
      if let v = c.show { s.show(only: v) }
      if let v = c.select { s.select(v) }
      if let v = c.x { s.xRange = v }
      if let v = c.cursor { s.cursorX = min(max(v, s.xRange.lowerBound), s.xRange.upperBound) }
      if let v = c.logY { s.logY = v }
      state.curves = s
    }
    if let d = distributions {
      var s = state.distributions
      if let i = d.preset { s = DistributionsState(preset: DistributionPreset.all[i], index: i) }
      if let p = d.p, let q = d.q {
        let names = d.categories ?? DistributionsState.defaultNames(p.count)
        // Keep the preset's name only when the pair is the preset's own.
        let index = d.preset
        s = DistributionsState(p: p, q: q, categories: names)
        if let index, DistributionPreset.all[index].p == p, DistributionPreset.all[index].q == q {
          s.presetIndex = index
          s.binaryLabels = DistributionPreset.all[index].binaryLabels
        }
      }
      if let b = d.base { s.base = b }
      if let direction = d.fit { s.fitQ(direction) }
      state.distributions = s
    }
    if let c = classify { c.apply(to: &state.classify) }
  }

  /// `[[x, y], ...]` with every number exact.
  static func pairs(_ d: LineData) -> String {
    "["
      + zip(d.x, d.y).map { "[\(NumberText.exact($0)), \(NumberText.exact($1))]" }.joined(
        separator: ", ") + "]"
  }

  /// A table's `data` object: the file or data set again, with the columns and separator that read it,
  /// so reopening reads it afresh; the points themselves for standard input (which cannot be read again).
  static func tableData(_ t: TableSource) -> String {
    let quote = JSONText.quoted
    let o = t.options
    let columns = "\"x\": \(quote(o.x ?? "1")), \"y\": \(quote(o.y ?? "2"))"
    switch t.place {
    case .file(let path):
      let sep = quote(TableSource.spelling(o.separator ?? .comma))
      return "{\"csv\": \(quote(path)), \(columns), \"sep\": \(sep)}"
    case .dataset(let name):
      return "{\"dataset\": \(quote(name)), \(columns)}"
    case .standardInput:
      return "{\"xy\": \(Self.pairs(t.table.data))}"
    }
  }

  /// The scenario as pretty JSON, keys in a fixed order.
  public var jsonText: String {
    func num(_ v: Double) -> String { NumberText.exact(v) }
    func list(_ v: [Double]) -> String { "[" + v.map(num).joined(separator: ", ") + "]" }
    let quote = JSONText.quoted
    var sections: [String] = []
    if let view { sections.append("  \"view\": \(quote(view.title.lowercased()))") }
    if let c = contour {
      var f: [String] = []
      switch c.source {
      case .generated(let n, let seed, let noise)?:
        f.append("\"data\": {\"points\": \(n), \"seed\": \(seed), \"noise\": \(num(noise))}")
      case .points(let d)?:
        f.append("\"data\": {\"xy\": \(Self.pairs(d))}")
      case .table(let t)?:
        f.append("\"data\": " + Self.tableData(t))
      case nil: break
      }
      if let v = c.outliers { f.append("\"outliers\": \(v)") }
      if let v = c.loss { f.append("\"loss\": \(quote(v.shortName))") }
      if let v = c.delta { f.append("\"delta\": \(num(v))") }
      if let v = c.tau { f.append("\"tau\": \(num(v))") }
      if let v = c.optimizer { f.append("\"optimizer\": \(quote(v.rawValue))") }
      if let v = c.rate { f.append("\"rate\": \(num(v))") }
      if let v = c.schedule { f.append("\"schedule\": \(quote(v.description))") }
      if let v = c.weightDecay { f.append("\"weight_decay\": \(num(v))") }
      if let v = c.start { f.append("\"start\": [\(num(v.w)), \(num(v.b))]") }
      if let v = c.steps { f.append("\"steps\": \(v)") }
      if let v = c.compare { f.append("\"compare\": \(v)") }
      if let v = c.standardize { f.append("\"standardize\": \(v)") }
      if let v = c.fits {
        f.append("\"fits\": [" + v.map { quote($0.shortName) }.joined(separator: ", ") + "]")
      }
      if let v = c.window {
        f.append(
          "\"window\": {\"w\": \(list([v.w.lowerBound, v.w.upperBound])), \"b\": \(list([v.b.lowerBound, v.b.upperBound]))}"
        )
      }
      sections.append("  \"contour\": {\n    " + f.joined(separator: ",\n    ") + "\n  }")
    }
    if let c = curves {
      var f: [String] = []
      if let v = c.show {
        f.append(
          "\"show\": [" + v.map { quote(CurveNames.spec(of: $0)) }.joined(separator: ", ") + "]")
      }
      if let v = c.select { f.append("\"select\": \(quote(CurveNames.spec(of: v)))") }
      if let v = c.cursor { f.append("\"cursor\": \(num(v))") }
      if let v = c.x { f.append("\"x\": \(list([v.lowerBound, v.upperBound]))") }
      if let v = c.logY { f.append("\"log_y\": \(v)") }
      sections.append("  \"curves\": {\n    " + f.joined(separator: ",\n    ") + "\n  }")
    }
    if let d = distributions {
      var f: [String] = []
      if let v = d.preset { f.append("\"preset\": \(v)") }
      if let v = d.p { f.append("\"p\": \(list(v))") }
      if let v = d.q { f.append("\"q\": \(list(v))") }
      if let v = d.categories {
        f.append("\"categories\": [" + v.map(quote).joined(separator: ", ") + "]")
      }
      if let v = d.base {
        f.append("\"base\": \(quote(v == .bits ? "bits" : (v == .nats ? "nats" : "10")))")
      }
      if let v = d.fit { f.append("\"fit\": \(quote(v.rawValue))") }
      sections.append("  \"distributions\": {\n    " + f.joined(separator: ",\n    ") + "\n  }")
    }
    if let c = classify {
      sections.append(
        "  \"classify\": {\n    " + c.jsonFields.joined(separator: ",\n    ") + "\n  }")
    }
    return "{\n" + sections.joined(separator: ",\n") + "\n}\n"
  }
}
