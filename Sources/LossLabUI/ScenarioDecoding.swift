import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value in a JSON file that could not be used: where it is, and what was wrong. The file and
/// line are added by whoever knows the text (see `Scenario.parse`).
struct FieldError: Error {
  var path: [JSONText.PathStep]
  var message: String
  /// Whether the error is about the last key of `path` itself (an unknown key), not its value.
  var atKey = false
}

/// A key of any name, to see every key an object has.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) {
    stringValue = "\(intValue)"
    self.intValue = intValue
  }
}

extension CodingUserInfoKey {
  /// The folder relative CSV paths of a scenario are read from (a `String`).
  static let scenarioDirectory = CodingUserInfoKey(rawValue: "losslab.scenarioDirectory")!
  /// How the front end reads a file a scenario names (a `ScenarioFileReader`).
  static let scenarioFileReader = CodingUserInfoKey(rawValue: "losslab.scenarioFileReader")!
}

/// The fields of one JSON object, read with checks that name the key path in every message
/// (`contour.rate must be a number, found the string "fast"`) and refuse unknown keys with a
/// "did you mean".
struct Fields {
  let container: KeyedDecodingContainer<AnyKey>
  let path: [JSONText.PathStep]
  let values: [String: JSONAny]

  init(_ decoder: any Decoder, keys allowed: [String]) throws {
    path = decoder.codingPath.map { $0.intValue.map { .index($0) } ?? .key($0.stringValue) }
    let whole = try decoder.singleValueContainer().decode(JSONAny.self)
    guard case .object(let values) = whole else {
      throw FieldError(
        path: path, message: "\(Fields.name(path)) must be an object, found \(whole.kind)")
    }
    self.values = values
    container = try decoder.container(keyedBy: AnyKey.self)
    for key in values.keys.sorted() where !allowed.contains(key) {
      var message = "unknown key \"\(key.escapedForMessage)\" in \(Fields.name(path))"
      if let close = closestName(to: key, among: allowed) {
        message += "; did you mean \"\(close)\"?"
      }
      message += " (keys: \(allowed.joined(separator: ", ")))"
      throw FieldError(path: path + [.key(key)], message: message, atKey: true)
    }
  }

  /// `contour.window.w`, `curves.show[2]`; the root is "the scenario".
  static func name(_ path: [JSONText.PathStep]) -> String {
    var out = ""
    for step in path {
      switch step {
      case .key(let k): out += (out.isEmpty ? "" : ".") + k.escapedForMessage
      case .index(let i): out += "[\(i)]"
      }
    }
    return out.isEmpty ? "the scenario" : out
  }

  func name(_ key: String) -> String { Fields.name(path + [.key(key)]) }

  func fail(_ key: String, _ message: String) -> FieldError {
    FieldError(path: path + [.key(key)], message: message)
  }

  func has(_ key: String) -> Bool { values[key] != nil }

  func number(_ key: String) throws -> Double? {
    guard let v = values[key] else { return nil }
    guard case .number(let n) = v else {
      throw fail(key, "\(name(key)) must be a number, found \(v.kind)")
    }
    return n
  }

  func positive(_ key: String) throws -> Double? {
    guard let n = try number(key) else { return nil }
    guard n > 0 else {
      throw fail(key, "\(name(key)) must be greater than 0, found \(NumberText.short(n))")
    }
    return n
  }

  func integer(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
    guard let n = try number(key) else { return nil }
    guard n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
      throw fail(
        key,
        "\(name(key)) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(NumberText.short(n))"
      )
    }
    return Int(n)
  }

  /// The string at `key`, which must be there.
  func requiredString(_ key: String) throws -> String {
    guard let s = try string(key) else {
      throw FieldError(path: path, message: "\(Fields.name(path)) needs the key \"\(key)\"")
    }
    return s
  }

  func bool(_ key: String) throws -> Bool? {
    guard let v = values[key] else { return nil }
    guard case .bool(let b) = v else {
      throw fail(key, "\(name(key)) must be true or false, found \(v.kind)")
    }
    return b
  }

  func string(_ key: String) throws -> String? {
    guard let v = values[key] else { return nil }
    guard case .string(let s) = v else {
      throw fail(key, "\(name(key)) must be a string, found \(v.kind)")
    }
    return s
  }

  /// One of `choices` (compared lower-cased); otherwise an error listing them, with a "did you
  /// mean" when one is close.
  func choice<T>(_ key: String, _ choices: [(name: String, value: T)], listed: [String]) throws
    -> T?
  {
    guard let s = try string(key) else { return nil }
    if let hit = choices.first(where: { $0.name == s.lowercased() }) { return hit.value }
    let list = listed.map { "\"\($0)\"" }
    let options =
      list.count > 1 ? list.dropLast().joined(separator: ", ") + " or " + list.last! : list.joined()
    var message = "\(name(key)) must be \(options), found \"\(s.escapedForMessage)\""
    // The listed names first; failing those, the other spellings (ids and aliases).
    if let close = closestName(to: s, among: listed)
      ?? closestName(to: s.lowercased(), among: choices.map(\.name))
    {
      message += "; did you mean \"\(close)\"?"
    }
    throw fail(key, message)
  }

  func numbers(_ key: String, count: ClosedRange<Int>) throws -> [Double]? {
    guard let v = values[key] else { return nil }
    return try Fields.numbers(v, path: path + [.key(key)], count: count)
  }

  static func numbers(_ v: JSONAny, path: [JSONText.PathStep], count: ClosedRange<Int>) throws
    -> [Double]
  {
    let what = name(path)
    guard case .array(let items) = v else {
      throw FieldError(path: path, message: "\(what) must be an array of numbers, found \(v.kind)")
    }
    guard count.contains(items.count) else {
      let n =
        count.lowerBound == count.upperBound
        ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)"
      throw FieldError(path: path, message: "\(what) must have \(n) numbers, found \(items.count)")
    }
    return try items.enumerated().map { (i, item) in
      guard case .number(let n) = item else {
        throw FieldError(
          path: path + [.index(i)],
          message: "each entry of \(what) must be a number, found \(item.kind)")
      }
      return n
    }
  }

  func range(_ key: String) throws -> ClosedRange<Double>? {
    guard let pair = try numbers(key, count: 2...2) else { return nil }
    guard pair[0] < pair[1] else {
      throw fail(
        key,
        "\(name(key)) must be [low, high] with low < high, found [\(NumberText.short(pair[0])), \(NumberText.short(pair[1]))]"
      )
    }
    return pair[0]...pair[1]
  }

  func strings(_ key: String, what: String) throws -> [String]? {
    guard let v = values[key] else { return nil }
    guard case .array(let items) = v else {
      throw fail(key, "\(name(key)) must be an array of \(what), found \(v.kind)")
    }
    return try items.enumerated().map { (i, item) in
      guard case .string(let s) = item else {
        throw FieldError(
          path: path + [.key(key), .index(i)],
          message: "each entry of \(name(key)) must be a string, found \(item.kind)")
      }
      return s
    }
  }

  /// The nested value at `key`, decoded as `T` (null is not taken as missing: `T` says what it
  /// makes of it).
  func nested<T: Decodable>(_ key: String, as type: T.Type) throws -> T? {
    guard has(key) else { return nil }
    return try container.decode(T.self, forKey: AnyKey(key))
  }
}

extension Scenario: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init()
    let f = try Fields(decoder, keys: ["view", "contour", "curves", "distributions", "classify"])
    // Every view by its name, and the other names `ViewID(name:)` takes ("dist", "curve").
    let names = ViewID.allCases.map { $0.title.lowercased() }
    let aliases = ["curve", "contours", "distribution", "dist", "classification"]
    let choices = (names + aliases).compactMap { n in ViewID(name: n).map { (n, $0) } }
    view = try f.choice("view", choices, listed: names)
    contour = try f.nested("contour", as: ContourSetup.self)
    curves = try f.nested("curves", as: CurvesSetup.self)
    distributions = try f.nested("distributions", as: DistributionsSetup.self)
    classify = try f.nested("classify", as: ClassifySetup.self)
  }
}

extension Scenario.ContourSetup: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init()
    let f = try Fields(
      decoder,
      keys: [
        "data", "outliers", "loss", "delta", "tau", "optimizer", "rate", "schedule",
        "weight_decay", "start", "steps", "compare", "window", "fits", "standardize",
      ])
    source = try f.nested("data", as: DataSourceSetup.self)?.source
    outliers = try f.integer("outliers", 0...1000)
    let lineFit = LossList.current.supporting(.lineFit)
    loss = try f.choice(
      "loss", lineFit.flatMap { loss in loss.names.map { ($0, loss) } },
      listed: lineFit.map(\.shortName))
    delta = try f.positive("delta")
    if let t = try f.number("tau") {
      if let problem = LossParameter.tau.problem(with: t) {
        throw f.fail("tau", "\(f.name("tau")): " + problem)
      }
      tau = t
    }
    optimizer = try f.choice(
      "optimizer", OptimizerKind.allCases.map { ($0.rawValue, $0) } + [("sgd", .gd)],
      listed: OptimizerKind.allCases.map(\.rawValue))
    rate = try f.positive("rate")
    if let text = try f.string("schedule") {
      do {
        schedule = try LearningRateSchedule.parse(text)
      } catch {
        throw f.fail("schedule", "\(f.name("schedule")): " + error.message.withControlsEscaped)
      }
    }
    if let value = try f.number("weight_decay") {
      guard value >= 0, value.isFinite else {
        throw f.fail(
          "weight_decay",
          "\(f.name("weight_decay")) must be a number >= 0, found \(NumberText.short(value))")
      }
      weightDecay = value
    }
    if let p = try f.numbers("start", count: 2...2) { start = (p[0], p[1]) }
    steps = try f.integer("steps", 0...100_000)
    compare = try f.bool("compare")
    standardize = try f.bool("standardize")
    if let names = try f.strings("fits", what: "loss names") {
      let known = ContourState.bestFitLosses
      var chosen: Set<Loss> = []
      for (i, name) in names.enumerated() {
        guard let loss = known.first(where: { $0.names.contains(name.lowercased()) }) else {
          var message =
            "\(Fields.name(f.path + [.key("fits"), .index(i)])) must be \"mse\", \"mae\" or \"huber\", found \"\(name.escapedForMessage)\""
          if let close = closestName(to: name, among: known.map(\.shortName)) {
            message += "; did you mean \"\(close)\"?"
          }
          throw FieldError(path: f.path + [.key("fits"), .index(i)], message: message)
        }
        chosen.insert(loss)
      }
      fits = known.filter(chosen.contains)
    }
    if f.has("window") {
      let w = try f.nested("window", as: WindowSetup.self)!
      window = (w.w, w.b)
    }
  }

  /// `{"w": [low, high], "b": [low, high]}`.
  struct WindowSetup: Decodable {
    var w: ClosedRange<Double>
    var b: ClosedRange<Double>
    init(from decoder: any Decoder) throws {
      let f = try Fields(decoder, keys: ["w", "b"])
      guard let w = try f.range("w"), let b = try f.range("b") else {
        throw FieldError(
          path: f.path, message: "\(Fields.name(f.path)) needs both \"w\" and \"b\" ranges")
      }
      (self.w, self.b) = (w, b)
    }
  }

  /// `{"points": 50, "seed": 42, "noise": 0.5}`, `{"xy": [[0, 3], ...]}`, or a table: `{"csv": "points.csv"}` or
  /// `{"dataset": "iris"}`, with `"x"` and `"y"` columns (header names or 1-based numbers) and, for a file, `"sep"`.
  struct DataSourceSetup: Decodable {
    var source: DataSource

    /// The x, y table at `path`, read by the front end's `read` and parsed as `--data` parses one.
    static func table(_ path: String, options: TableOptions, read: ScenarioFileReader)
      throws(LossCoreError) -> DataTable
    {
      try DataTable.parse(try read(path), source: path, options: options)
    }

    /// The table a `data` object names with `"csv"` (read by the front end, relative to the scenario's
    /// folder) or `"dataset"`, its `"x"` and `"y"` columns and, for a file, `"sep"`; nil when it names
    /// neither (and then has no column keys). The contour and classification views read tables this way.
    static func tableSource(_ f: Fields, decoder: any Decoder) throws -> TableSource? {
      let x = try f.string("x")
      let y = try f.string("y")
      let sep = try f.string("sep").map { text in
        guard let s = FieldSeparator(spelling: text) else {
          throw f.fail(
            "sep",
            "\(f.name("sep")) must be \",\", \";\", \"tab\" or \"space\", found \"\(text.escapedForMessage)\""
          )
        }
        return s
      }
      let isTable = f.has("csv") || f.has("dataset")
      for key in ["x", "y", "sep"] where f.has(key) && !isTable {
        throw f.fail(key, "\(f.name(key)) chooses a column of a table; give \"csv\" or \"dataset\"")
      }
      if f.has("csv") && f.has("dataset") {
        throw f.fail("dataset", "\(Fields.name(f.path)) takes one of \"csv\" and \"dataset\"")
      }
      if let name = try f.string("dataset") {
        if f.has("sep") {
          throw f.fail("sep", "\(f.name("sep")) is for \"csv\"; a data set's is known")
        }
        do {
          let table = try Datasets.named(name).table(x: x, y: y)
          return TableSource(table: table, place: .dataset(name.lowercased()))
        } catch {
          throw f.fail("dataset", "\(f.name("dataset")): " + error.message.withControlsEscaped)
        }
      }
      if let path = try f.string("csv") {
        let folder = decoder.userInfo[.scenarioDirectory] as? String ?? "."
        let full = path.hasPrefix("/") ? path : folder + "/" + path
        do {
          let read =
            decoder.userInfo[.scenarioFileReader] as? ScenarioFileReader ?? Scenario.noFiles
          let table = try Self.table(
            full, options: TableOptions(separator: sep, x: x, y: y), read: read)
          return TableSource(table: table, place: .file(full))
        } catch {
          // The message names the path from the file, which may hold any character.
          throw f.fail("csv", error.message.withControlsEscaped)
        }
      }
      return nil
    }

    init(from decoder: any Decoder) throws {
      let f = try Fields(
        decoder, keys: ["points", "seed", "noise", "csv", "dataset", "xy", "x", "y", "sep"])
      if let table = try Self.tableSource(f, decoder: decoder) {
        source = .table(table)
        return
      }
      if let xy = f.values["xy"] {
        let what = f.name("xy")
        guard case .array(let rows) = xy, rows.count >= 2 else {
          throw f.fail("xy", "\(what) must be an array of at least 2 [x, y] pairs")
        }
        var xs: [Double] = []
        var ys: [Double] = []
        for (i, r) in rows.enumerated() {
          let p = try Fields.numbers(r, path: f.path + [.key("xy"), .index(i)], count: 2...2)
          xs.append(p[0])
          ys.append(p[1])
        }
        source = .points(LineData(x: xs, y: ys))
        return
      }
      let n = try f.integer("points", 2...1_000_000) ?? 50
      let seed = try f.integer("seed", 0...Int(Int32.max))
      let noise = try f.number("noise") ?? 0.5
      guard noise >= 0 else {
        throw f.fail(
          "noise", "\(f.name("noise")) must be 0 or more, found \(NumberText.short(noise))")
      }
      source = .generated(
        points: n, seed: seed.map { UInt64($0) } ?? LineData.defaultSeed, noise: noise)
    }
  }
}

extension Scenario.CurvesSetup: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init()
    let f = try Fields(decoder, keys: ["show", "select", "cursor", "x", "log_y"])
    if let specs = try f.strings("show", what: "curve names") {
      var list: [LossCurve] = []
      for (i, spec) in specs.enumerated() {
        do {
          list.append(try CurveNames.curve(spec))
        } catch {
          throw FieldError(
            path: f.path + [.key("show"), .index(i)], message: "\(f.name("show")): \(error.message)"
          )
        }
      }
      show = list
    }
    if let spec = try f.string("select") {
      do {
        select = try CurveNames.curve(spec)
      } catch {
        throw f.fail("select", "\(f.name("select")): \(error.message)")
      }
    }
    cursor = try f.number("cursor")
    x = try f.range("x")
    logY = try f.bool("log_y")
  }
}

extension Scenario.DistributionsSetup: Decodable {
  public init(from decoder: any Decoder) throws {
    self.init()
    let f = try Fields(decoder, keys: ["p", "q", "categories", "base", "preset", "fit"])
    preset = try f.integer("preset", 0...(DistributionPreset.all.count - 1))
    for key in ["p", "q"] {
      guard let values = try f.numbers(key, count: 2...12) else { continue }
      do {
        let checked = try Distributions.validated(values, name: f.name(key), normalize: false)
        if key == "p" { p = checked } else { q = checked }
      } catch {
        throw f.fail(key, error.message)
      }
    }
    if (p == nil) != (q == nil) {
      throw f.fail(p == nil ? "q" : "p", "\(Fields.name(f.path)) needs both \"p\" and \"q\"")
    }
    if let p, let q, p.count != q.count {
      throw f.fail(
        "q",
        "\(f.name("p")) and \(f.name("q")) must have the same length, found \(p.count) and \(q.count)"
      )
    }
    if let names = try f.strings("categories", what: "names") {
      guard names.count == (p?.count ?? names.count), (2...12).contains(names.count) else {
        throw f.fail(
          "categories",
          "\(f.name("categories")) must name each of the \(p?.count ?? 0) entries of \"p\"")
      }
      categories = names
    }
    base = try f.choice(
      "base",
      [
        ("bits", .bits), ("2", .bits), ("nats", .nats), ("e", .nats), ("10", .dits),
        ("dits", .dits),
      ],
      listed: ["bits", "nats", "dits"])
    fit = try f.choice(
      "fit", [("p||q", .forward), ("q||p", .reverse)], listed: ["p||q", "q||p"])
  }
}

extension String {
  /// The text with control characters and line separators escaped as in `escapedForMessage`, but not
  /// shortened: for whole messages that quote a file-provided path.
  var withControlsEscaped: String {
    var out = ""
    for u in unicodeScalars {
      if u.properties.generalCategory == .control || u == "\u{2028}" || u == "\u{2029}" {
        out += String(u).escapedForMessage
      } else {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }
}
