import LossCore

/// Reads a scenario from parsed JSON, checking every field and naming the line of anything wrong.
struct ScenarioDecoder {
  let file: String

  func fail(_ v: JSONValue?, _ message: String) -> ScenarioError {
    ScenarioError(file: file, line: v?.line, message: message)
  }

  func object(_ v: JSONValue, _ what: String, keys: Set<String>) throws(ScenarioError) -> JSONValue
  {
    guard case .object(let pairs, _) = v else {
      throw fail(v, "\(what) must be an object, found \(v.kind)")
    }
    for (k, value) in pairs where !keys.contains(k) {
      throw fail(
        value,
        "unknown key \"\(k.escapedForMessage)\" in \(what) (expected one of: \(keys.sorted().joined(separator: ", ")))"
      )
    }
    return v
  }

  func number(_ v: JSONValue, _ what: String) throws(ScenarioError) -> Double {
    guard case .number(let n, _) = v else {
      throw fail(v, "\(what) must be a number, found \(v.kind)")
    }
    return n
  }

  func positive(_ v: JSONValue, _ what: String) throws(ScenarioError) -> Double {
    let n = try number(v, what)
    guard n > 0 else { throw fail(v, "\(what) must be greater than 0, found \(n)") }
    return n
  }

  func integer(_ v: JSONValue, _ what: String, _ range: ClosedRange<Int>) throws(ScenarioError)
    -> Int
  {
    let n = try number(v, what)
    guard n == n.rounded(), n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
      throw fail(
        v,
        "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(n)"
      )
    }
    return Int(n)
  }

  func bool(_ v: JSONValue, _ what: String) throws(ScenarioError) -> Bool {
    guard case .bool(let b, _) = v else {
      throw fail(v, "\(what) must be true or false, found \(v.kind)")
    }
    return b
  }

  func string(_ v: JSONValue, _ what: String) throws(ScenarioError) -> String {
    guard case .string(let s, _) = v else {
      throw fail(v, "\(what) must be a string, found \(v.kind)")
    }
    return s
  }

  func numbers(_ v: JSONValue, _ what: String, count: ClosedRange<Int>) throws(ScenarioError)
    -> [Double]
  {
    guard case .array(let items, _) = v else {
      throw fail(v, "\(what) must be an array of numbers, found \(v.kind)")
    }
    guard count.contains(items.count) else {
      throw fail(
        v,
        "\(what) must have \(count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) to \(count.upperBound)") numbers, found \(items.count)"
      )
    }
    var out: [Double] = []
    for item in items { out.append(try number(item, "each entry of \(what)")) }
    return out
  }

  func range(_ v: JSONValue, _ what: String) throws(ScenarioError) -> ClosedRange<Double> {
    let pair = try numbers(v, what, count: 2...2)
    guard pair[0] < pair[1] else {
      throw fail(v, "\(what) must be [low, high] with low < high, found \(pair)")
    }
    return pair[0]...pair[1]
  }

  func decode(_ root: JSONValue, loadCSV: (String) throws(LossCoreError) -> LineData)
    throws(ScenarioError) -> Scenario
  {
    var s = Scenario()
    _ = try object(root, "the scenario", keys: ["view", "contour", "curves", "distributions"])
    if let v = root["view"] {
      let name = try string(v, "\"view\"")
      guard let view = ViewID(name: name) else {
        throw fail(
          v,
          "\"view\" must be \"curves\", \"contour\" or \"distributions\", found \"\(name.escapedForMessage)\""
        )
      }
      s.view = view
    }
    if let c = root["contour"] { s.contour = try contour(c, loadCSV: loadCSV) }
    if let c = root["curves"] { s.curves = try curves(c) }
    if let d = root["distributions"] { s.distributions = try distributions(d) }
    return s
  }

  func contour(_ v: JSONValue, loadCSV: (String) throws(LossCoreError) -> LineData)
    throws(ScenarioError) -> Scenario.ContourSetup
  {
    _ = try object(
      v, "\"contour\"",
      keys: [
        "data", "outliers", "loss", "delta", "tau", "optimizer", "rate", "schedule", "weight_decay",
        "start", "steps", "compare", "window",
      ])
    var c = Scenario.ContourSetup()
    if let d = v["data"] { c.source = try data(d, loadCSV: loadCSV) }
    if let o = v["outliers"] { c.outliers = try integer(o, "\"outliers\"", 0...1000) }
    if let l = v["loss"] {
      let name = try string(l, "\"loss\"")
      do {
        c.loss = try LossList.current.named(name, for: .lineFit)
      } catch {
        let all = LossList.current.supporting(.lineFit).map { "\"\($0.shortName)\"" }
        throw fail(
          l,
          "\"loss\" must be \(all.dropLast().joined(separator: ", ")) or \(all.last!), found \"\(name.escapedForMessage)\""
        )
      }
    }
    if let d = v["delta"] { c.delta = try positive(d, "\"delta\"") }
    if let t = v["tau"] {
      let tau = try number(t, "\"tau\"")
      if let problem = LossParameter.tau.problem(with: tau) { throw fail(t, "\"tau\": " + problem) }
      c.tau = tau
    }
    if let o = v["optimizer"] {
      let name = try string(o, "\"optimizer\"")
      guard let kind = OptimizerKind(rawValue: name.lowercased()) else {
        let all = OptimizerKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        throw fail(o, "\"optimizer\" must be one of \(all), found \"\(name.escapedForMessage)\"")
      }
      c.optimizer = kind
    }
    if let r = v["rate"] { c.rate = try positive(r, "\"rate\"") }
    if let sv = v["schedule"] {
      let text = try string(sv, "\"schedule\"")
      do {
        c.schedule = try LearningRateSchedule.parse(text)
      } catch {
        throw fail(sv, "\"schedule\": " + error.message.withControlsEscaped)
      }
    }
    if let wd = v["weight_decay"] {
      let value = try number(wd, "\"weight_decay\"")
      guard value >= 0, value.isFinite else {
        throw fail(wd, "\"weight_decay\" must be a number >= 0")
      }
      c.weightDecay = value
    }
    if let st = v["start"] {
      let p = try numbers(st, "\"start\"", count: 2...2)
      c.start = (p[0], p[1])
    }
    if let n = v["steps"] { c.steps = try integer(n, "\"steps\"", 0...100_000) }
    if let b = v["compare"] { c.compare = try bool(b, "\"compare\"") }
    if let w = v["window"] {
      _ = try object(w, "\"window\"", keys: ["w", "b"])
      guard let wr = w["w"], let br = w["b"] else {
        throw fail(w, "\"window\" needs both \"w\" and \"b\" ranges")
      }
      c.window = (try range(wr, "\"window\".\"w\""), try range(br, "\"window\".\"b\""))
    }
    return c
  }

  func data(_ v: JSONValue, loadCSV: (String) throws(LossCoreError) -> LineData)
    throws(ScenarioError) -> DataSource
  {
    _ = try object(v, "\"data\"", keys: ["points", "seed", "noise", "csv", "xy"])
    if let csv = v["csv"] {
      let path = try string(csv, "\"csv\"")
      do {
        return .points(try loadCSV(path))
      } catch {
        // The message names the path from the file, which may hold any character.
        throw fail(csv, error.message.withControlsEscaped)
      }
    }
    if let xy = v["xy"] {
      guard case .array(let rows, _) = xy, rows.count >= 2 else {
        throw fail(xy, "\"xy\" must be an array of at least 2 [x, y] pairs")
      }
      var xs: [Double] = []
      var ys: [Double] = []
      for r in rows {
        let p = try numbers(r, "each [x, y] pair", count: 2...2)
        xs.append(p[0])
        ys.append(p[1])
      }
      return .points(LineData(x: xs, y: ys))
    }
    let n =
      try v["points"].map { (p) throws(ScenarioError) in try integer(p, "\"points\"", 2...1_000_000)
      } ?? 50
    let seed = try v["seed"].map { (p) throws(ScenarioError) in
      try integer(p, "\"seed\"", 0...Int(Int32.max))
    }
    let noise =
      try v["noise"].map { (p) throws(ScenarioError) in try number(p, "\"noise\"") } ?? 0.5
    guard noise >= 0 else { throw fail(v["noise"], "\"noise\" must be 0 or more, found \(noise)") }
    return .generated(
      points: n, seed: seed.map { UInt64($0) } ?? LineData.defaultSeed, noise: noise)
  }

  func curves(_ v: JSONValue) throws(ScenarioError) -> Scenario.CurvesSetup {
    _ = try object(v, "\"curves\"", keys: ["show", "cursor", "x", "log_y"])
    var c = Scenario.CurvesSetup()
    if let show = v["show"] {
      guard case .array(let items, _) = show else {
        throw fail(show, "\"show\" must be an array of curve names")
      }
      var list: [LossCurve] = []
      for item in items {
        let spec = try string(item, "each entry of \"show\"")
        do {
          list.append(try CurveNames.curve(spec))
        } catch {
          throw fail(item, error.message)
        }
      }
      c.show = list
    }
    if let x = v["cursor"] { c.cursor = try number(x, "\"cursor\"") }
    if let x = v["x"] { c.x = try range(x, "\"x\"") }
    if let l = v["log_y"] { c.logY = try bool(l, "\"log_y\"") }
    return c
  }

  func distributions(_ v: JSONValue) throws(ScenarioError) -> Scenario.DistributionsSetup {
    _ = try object(v, "\"distributions\"", keys: ["p", "q", "categories", "base", "preset"])
    var d = Scenario.DistributionsSetup()
    if let pr = v["preset"] {
      d.preset = try integer(pr, "\"preset\"", 0...(DistributionPreset.all.count - 1))
    }
    for key in ["p", "q"] {
      guard let list = v[key] else { continue }
      let values = try numbers(list, "\"\(key)\"", count: 2...12)
      do {
        let checked = try Distributions.validated(values, name: key.uppercased(), normalize: false)
        if key == "p" { d.p = checked } else { d.q = checked }
      } catch {
        throw fail(list, error.message)
      }
    }
    if (d.p == nil) != (d.q == nil) {
      throw fail(v, "\"distributions\" needs both \"p\" and \"q\"")
    }
    if let p = d.p, let q = d.q, p.count != q.count {
      throw fail(
        v["q"], "\"p\" and \"q\" must have the same length, found \(p.count) and \(q.count)")
    }
    if let cats = v["categories"] {
      guard case .array(let items, _) = cats else {
        throw fail(cats, "\"categories\" must be an array of names")
      }
      var names: [String] = []
      for item in items { names.append(try string(item, "each category")) }
      guard names.count == (d.p?.count ?? names.count), (2...12).contains(names.count) else {
        throw fail(cats, "\"categories\" must name each of the \(d.p?.count ?? 0) entries of \"p\"")
      }
      d.categories = names
    }
    if let b = v["base"] {
      let name = try string(b, "\"base\"")
      switch name.lowercased() {
      case "bits", "2": d.base = .bits
      case "nats", "e": d.base = .nats
      case "10", "dits": d.base = .dits
      default:
        throw fail(b, "\"base\" must be \"bits\" or \"nats\", found \"\(name.escapedForMessage)\"")
      }
    }
    return d
  }
}

extension String {
  /// The text with control characters and line separators escaped as in `escapedForMessage`, but not
  /// shortened: for whole messages that quote a file-provided path.
  fileprivate var withControlsEscaped: String {
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
