#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension LearningRateSchedule {
  /// The keys each schedule takes (Keras's argument names), required ones first.
  static let keys: [String: (required: [String], optional: [String])] = [
    "constant": ([], []),
    "exponential": (["decay_steps", "decay_rate"], ["staircase"]),
    "piecewise": (["boundaries", "values"], []),
    "polynomial": (["decay_steps"], ["end_learning_rate", "power", "cycle"]),
    "inverse-time": (["decay_steps", "decay_rate"], ["staircase"]),
    "cosine": (["decay_steps"], ["alpha", "warmup_target", "warmup_steps"]),
    "cosine-restarts": (["first_decay_steps"], ["t_mul", "m_mul", "alpha"]),
  ]

  /// Parses `NAME:key=value,…` (`--schedule`): Keras's argument names as keys, `/` between list items,
  /// `true`/`false` for flags, e.g. `cosine:decay_steps=40,warmup_steps=5,warmup_target=0.5` or
  /// `piecewise:boundaries=10/20,values=0.3/0.1/0.03`. Omitted optional keys take Keras's defaults.
  /// - Throws: one line naming the bad part, e.g. `schedule 'cosine': decay_steps must be > 0, got 0`.
  public static func parse(_ text: String) throws(LossCoreError) -> LearningRateSchedule {
    let trimmed = text.trimmingWhitespace
    let (head, rest) =
      trimmed.firstIndex(of: ":").map {
        (String(trimmed[..<$0]), String(trimmed[trimmed.index(after: $0)...]))
      } ?? (trimmed, "")
    let name = head.trimmingWhitespace.lowercased()
    guard let allowed = keys[name] else {
      let hint = closestName(to: name, among: names).map { "; did you mean '\($0)'?" }
      throw LossCoreError(
        "unknown schedule '\(head.trimmingWhitespace)'"
          + (hint ?? "; known: \(names.joined(separator: ", "))"))
    }
    var args: [String: String] = [:]
    for part in rest.split(separator: ",", omittingEmptySubsequences: false) where !rest.isEmpty {
      let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = pair[0].trimmingWhitespace.lowercased()
      guard pair.count == 2, !key.isEmpty else {
        throw LossCoreError("schedule '\(name)': expected key=value, got '\(part)'")
      }
      guard allowed.required.contains(key) || allowed.optional.contains(key) else {
        let all = allowed.required + allowed.optional
        let hint = closestName(to: key, among: all).map { "; did you mean '\($0)'?" }
        throw LossCoreError(
          "schedule '\(name)' has no key '\(key)'"
            + (hint ?? (all.isEmpty ? "; it takes none" : "; keys: \(all.joined(separator: ", "))"))
        )
      }
      guard args[key] == nil else {
        throw LossCoreError("schedule '\(name)': \(key) is given twice")
      }
      args[key] = pair[1].trimmingWhitespace
    }
    for key in allowed.required where args[key] == nil {
      throw LossCoreError(
        "schedule '\(name)' needs \(allowed.required.map { "\($0)=…" }.joined(separator: ","))"
          + "; \(key) is missing")
    }
    let a = Arguments(schedule: name, values: args)
    let schedule: LearningRateSchedule
    switch name {
    case "exponential":
      schedule = .exponential(
        decaySteps: try a.number("decay_steps", above: 0),
        decayRate: try a.number("decay_rate", above: 0),
        staircase: try a.flag("staircase") ?? false)
    case "piecewise":
      let boundaries = try a.list("boundaries")
      let values = try a.list("values")
      guard values.count == boundaries.count + 1 else {
        throw LossCoreError(
          "schedule 'piecewise': values needs one more item than boundaries "
            + "(\(boundaries.count) boundaries, \(values.count) values)")
      }
      for i in 1..<max(1, boundaries.count) where boundaries[i] <= boundaries[i - 1] {
        throw LossCoreError(
          "schedule 'piecewise': boundaries must increase, got \(args["boundaries"]!)")
      }
      for v in values where !(v > 0) {
        throw LossCoreError("schedule 'piecewise': values must be > 0, got \(NumberText.short(v))")
      }
      schedule = .piecewise(boundaries: boundaries, values: values)
    case "polynomial":
      schedule = .polynomial(
        decaySteps: try a.number("decay_steps", above: 0),
        endLearningRate: try a.number("end_learning_rate", atLeast: 0) ?? 0.0001,
        power: try a.number("power", above: 0, default: 1),
        cycle: try a.flag("cycle") ?? false)
    case "inverse-time":
      schedule = .inverseTime(
        decaySteps: try a.number("decay_steps", above: 0),
        decayRate: try a.number("decay_rate", atLeast: 0) ?? 0,
        staircase: try a.flag("staircase") ?? false)
    case "cosine":
      let alpha = try a.number("alpha", atLeast: 0) ?? 0
      guard alpha <= 1 else {
        throw LossCoreError(
          "schedule 'cosine': alpha must be between 0 and 1, got \(NumberText.short(alpha))")
      }
      let target = try a.number("warmup_target", atLeast: 0)
      let warmup = try a.number("warmup_steps", atLeast: 0) ?? 0
      guard target != nil || args["warmup_steps"] == nil else {
        throw LossCoreError(
          "schedule 'cosine': warmup_steps needs warmup_target (the rate to warm up to)")
      }
      schedule = .cosine(
        decaySteps: try a.number("decay_steps", above: 0), alpha: alpha, warmupTarget: target,
        warmupSteps: warmup)
    case "cosine-restarts":
      let alpha = try a.number("alpha", atLeast: 0) ?? 0
      guard alpha <= 1 else {
        throw LossCoreError(
          "schedule 'cosine-restarts': alpha must be between 0 and 1, got \(NumberText.short(alpha))"
        )
      }
      schedule = .cosineRestarts(
        firstDecaySteps: try a.number("first_decay_steps", above: 0),
        tMul: try a.number("t_mul", above: 0, default: 2),
        mMul: try a.number("m_mul", above: 0, default: 1), alpha: alpha)
    default:
      schedule = .constant
    }
    return schedule
  }
}

/// The `key=value` pairs of one `--schedule`, read with checks that name the schedule and key.
private struct Arguments {
  let schedule: String
  let values: [String: String]

  func fail(_ key: String, _ what: String) -> LossCoreError {
    LossCoreError("schedule '\(schedule)': \(key) must be \(what), got '\(values[key] ?? "")'")
  }

  func raw(_ key: String) throws(LossCoreError) -> Double? {
    guard let text = values[key] else { return nil }
    guard let v = Double(text), v.isFinite, abs(v) <= 1e12 else { throw fail(key, "a number") }
    return v
  }

  /// A required number > `bound`.
  func number(_ key: String, above bound: Double) throws(LossCoreError) -> Double {
    guard let v = try raw(key) else { throw fail(key, "given") }
    guard v > bound else { throw fail(key, "> \(NumberText.short(bound))") }
    return v
  }

  /// An optional number > `bound`, `default` when left out.
  func number(_ key: String, above bound: Double, default value: Double) throws(LossCoreError)
    -> Double
  {
    guard let v = try raw(key) else { return value }
    guard v > bound else { throw fail(key, "> \(NumberText.short(bound))") }
    return v
  }

  /// An optional number ≥ `bound`.
  func number(_ key: String, atLeast bound: Double) throws(LossCoreError) -> Double? {
    guard let v = try raw(key) else { return nil }
    guard v >= bound else { throw fail(key, ">= \(NumberText.short(bound))") }
    return v
  }

  func flag(_ key: String) throws(LossCoreError) -> Bool? {
    guard let text = values[key] else { return nil }
    switch text.lowercased() {
    case "true": return true
    case "false": return false
    default: throw fail(key, "true or false")
    }
  }

  func list(_ key: String) throws(LossCoreError) -> [Double] {
    let text = values[key] ?? ""
    var out: [Double] = []
    for item in text.split(separator: "/", omittingEmptySubsequences: false) {
      guard let v = Double(item.trimmingWhitespace), v.isFinite, abs(v) <= 1e12 else {
        throw fail(key, "numbers separated by '/'")
      }
      out.append(v)
    }
    return out
  }
}
