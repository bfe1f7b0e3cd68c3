import LossCore

/// Reads lesson quantities from the app's state and checks lesson claims against it, with LossCore
/// doing the math. Pure: the same state gives the same answer.
public enum LessonCheck {
  /// How far `converges` / `diverges` run a descent on from the screen (steps in all).
  public static let runOnSteps = 5000

  /// The outcome of checking one claim: whether it holds, and what was found (for hints and test
  /// messages).
  public struct Outcome: Sendable, Equatable {
    public var holds: Bool
    public var found: String
  }

  /// The value of `q` in `state`; nil when the state has no such number (e.g. an optimizer that
  /// compare mode is not running).
  public static func value(_ q: LessonQuantity, in state: AppState) -> Double? {
    switch q {
    case .number(let n): return n
    case .gap(let a, let b):
      guard let x = value(a, in: state), let y = value(b, in: state) else { return nil }
      return abs(x - y)
    case .cursor: return state.curves.cursorX
    case .selectedValue: return state.curves.selectedCurve.value(at: state.curves.cursorX)
    case .selectedSlope: return state.curves.selectedCurve.slope(at: state.curves.cursorX)
    case .curveValue(let c, let x): return c.value(at: x)
    case .curveSlope(let c, let x): return c.slope(at: x)
    case .setting(let s):
      let c = state.contour
      switch s {
      case .rate: return c.learningRate
      case .delta: return c.delta
      case .tau: return c.tau
      case .outliers: return Double(c.outliers)
      }
    case .gdRateLimit: return state.contour.curvature.stabilityLimit
    case .minimumIf(let loss, let part, let outliers, let delta):
      let c = state.contour
      let data =
        outliers.map {
          ContourState.makeData(c.source, outliers: $0, standardized: c.settings.standardized).data
        } ?? c.data
      var config = c.lossConfig
      if let delta { config.delta = delta }
      let m = LineFitObjective(data: data, loss: loss, config: config).minimum
      switch part {
      case .w: return m.w
      case .b: return m.b
      case .loss: return m.loss
      }
    case .minimum(let loss, let part):
      let m = minimum(loss, in: state.contour)
      switch part {
      case .w: return m.w
      case .b: return m.b
      case .loss: return m.loss
      }
    case .descent(let measure, let optimizer):
      guard let d = descent(optimizer, in: state.contour) else { return nil }
      let t = d.trajectory
      switch measure {
      case .steps: return Double(t.count - 1)
      case .startLoss: return t[0].loss
      case .finalLoss: return d.current.loss
      case .finalW: return d.current.w
      case .finalB: return d.current.b
      case .peakW: return t.map(\.w).max()
      case .peakStep: return t.max { $0.w < $1.w }.map { Double($0.step) }
      case .firstStepW, .firstStepB:
        // Before the first step is taken, take it on a copy.
        var first = d.rewound(toStep: 0)
        first.step()
        guard first.trajectory.count > 1 else { return nil }
        let (a, b) = (first.trajectory[0], first.trajectory[1])
        return measure == .firstStepW ? b.w - a.w : b.b - a.b
      }
    case .sharePQ(let name):
      let d = state.distributions
      guard let i = d.categories.firstIndex(of: name) else { return nil }
      return Distributions.contributions(d.p, d.q, base: d.base)[i]
    case .probability(let side, let name):
      let d = state.distributions
      guard let i = d.categories.firstIndex(of: name) else { return nil }
      return side == .p ? d.p[i] : d.q[i]
    case .normalFit(let direction, let measure):
      let d = state.distributions
      guard !d.binaryLabels, let fit = try? NormalFitting.fit(p: d.p, direction: direction) else {
        return nil
      }
      switch measure {
      case .mu: return fit.normal.mu
      case .sigma: return fit.normal.sigma
      case .divergence: return fit.divergence(base: d.base)
      }
    case .pointsAround(let loss, let side):
      let c = state.contour
      let m = minimum(loss, in: c)
      let residuals = zip(c.data.x, c.data.y).map { $1 - (m.w * $0 + m.b) }
      return Double(residuals.filter { side == .above ? $0 > 1e-9 : $0 < -1e-9 }.count)
    case .conditionNumber: return state.contour.curvature.conditionNumber
    case .classify(let measure, let loss):
      let c = state.classify
      guard let pane = loss.map({ l in c.panes.first { $0.loss == l } }) ?? c.panes.first else {
        return nil
      }
      let now = pane.current.current
      switch measure {
      case .steps: return Double(pane.current.trajectory.count - 1)
      case .finalLoss: return now.loss
      case .finalW: return now.w
      case .finalB: return now.b
      case .accuracy: return pane.objective.accuracy(w: now.w, b: now.b)
      case .gradientNorm:
        let g = pane.objective.gradient(w: now.w, b: now.b)
        return (g.w * g.w + g.b * g.b).squareRoot()
      }
    case .distribution(let m):
      let d = state.distributions
      if m == .meanP || m == .meanQ {
        let v = m == .meanP ? d.p : d.q
        return v.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
      }
      if m == .meanBCE {
        guard d.binaryLabels else { return nil }
        let l = d.labelLosses
        return l.isEmpty ? nil : l.reduce(0, +) / Double(l.count)
      }
      let r = Distributions.report(p: d.p, q: d.q, base: d.base)
      switch m {
      case .klPQ: return r.klPQ
      case .klQP: return r.klQP
      case .js: return r.jsDivergence
      case .entropyP: return r.entropyP
      case .entropyQ: return r.entropyQ
      case .crossEntropyPQ: return r.crossEntropyPQ
      case .crossEntropyQP: return r.crossEntropyQP
      case .meanBCE, .meanP, .meanQ: return nil
      }
    }
  }

  /// The minimum of `loss` on the contour view's data, with the view's δ and τ.
  public static func minimum(_ loss: Loss, in c: ContourState) -> (
    w: Double, b: Double, loss: Double
  ) {
    if loss == c.loss, let m = c.minimum { return m }
    return LineFitObjective(data: c.data, loss: loss, config: c.lossConfig).minimum
  }

  /// The descent of `optimizer` (the shown one when nil).
  static func descent(_ optimizer: OptimizerKind?, in c: ContourState) -> Descent? {
    guard let optimizer else { return c.current }
    return c.descents.first { $0.optimizer.kind == optimizer }
  }

  /// `d` run on to `runOnSteps` steps in all (or until it blows up).
  static func runOn(_ d: Descent) -> Descent {
    var d = d
    while !d.diverged && d.trajectory.count <= runOnSteps { d.step() }
    return d
  }

  /// Whether `d`, run on, ends within 1% of its start's distance (in loss) from the minimum.
  static func convergence(_ d: Descent, in c: ContourState) -> (converges: Bool, found: String) {
    let r = runOn(d)
    if r.diverged || r.isDiverging {
      return (
        false, "it blows up (loss \(NumberText.short(r.current.loss)) at step \(r.current.step))"
      )
    }
    let best =
      (c.minimum ?? LineFitObjective(data: c.data, loss: c.loss, config: c.lossConfig).minimum).loss
    let gap = r.current.loss - best
    let ok = gap <= 0.01 * max(r.trajectory[0].loss - best, 1e-12)
    return (
      ok,
      "after \(r.current.step) steps the loss is \(NumberText.short(r.current.loss)), the minimum \(NumberText.short(best))"
    )
  }

  /// Checks `claim` against `state`.
  public static func check(_ claim: LessonClaim, in state: AppState) -> Outcome {
    func name(_ q: LessonQuantity) -> String {
      value(q, in: state).map { NumberText.short($0) } ?? "nothing"
    }
    switch claim {
    case .view(let v):
      return Outcome(holds: state.view == v, found: "the view is \(state.view.title)")
    case .selectedCurve(let c):
      let s = state.curves.selectedCurve
      return Outcome(holds: s == c, found: "the selected curve is \(s.asciiName)")
    case .loss(let l):
      return Outcome(
        holds: state.contour.loss == l, found: "the loss is \(state.contour.loss.shortName)")
    case .optimizer(let o):
      return Outcome(
        holds: state.contour.optimizer == o,
        found: "the optimizer is \(state.contour.optimizer.rawValue)")
    case .compare(let on):
      return Outcome(
        holds: state.contour.comparing == on,
        found: "compare mode is \(state.contour.comparing ? "on" : "off")")
    case .unit(let b):
      return Outcome(
        holds: state.distributions.base == b, found: "the unit is \(state.distributions.base.unit)")
    case .converges(let want, let o), .diverges(let want, let o):
      guard let d = descent(o, in: state.contour) else {
        return Outcome(holds: false, found: "no \(o?.rawValue ?? "") descent is shown")
      }
      let (converges, found) = convergence(d, in: state.contour)
      let diverges = runOn(d).diverged || runOn(d).isDiverging
      if case .converges = claim { return Outcome(holds: converges == want, found: found) }
      return Outcome(holds: diverges == want, found: found)
    case .panelSaysDiverging(let want):
      let now = state.contour.current.isDiverging
      return Outcome(
        holds: now == want,
        found: now ? "the panel says diverging" : "the panel does not say diverging")
    case .pathLeavesWindow(let want):
      let c = state.contour
      let out = c.descents.contains { d in
        d.trajectory.contains { !c.wRange.contains($0.w) || !c.bRange.contains($0.b) }
      }
      return Outcome(
        holds: out == want,
        found: out ? "the path leaves the window" : "the path stays in the window")
    case .minimumInsideWindow(let losses):
      let c = state.contour
      for l in losses {
        let m = minimum(l, in: c)
        if !c.wRange.contains(m.w) || !c.bRange.contains(m.b) {
          return Outcome(
            holds: false,
            found:
              "the \(l.shortName) minimum (\(NumberText.short(m.w)), \(NumberText.short(m.b))) is outside the window"
          )
        }
      }
      return Outcome(holds: true, found: "every minimum is inside the window")
    case .minimaListed(let losses):
      let listed = state.contour.panelMinima.map(\.loss)
      let missing = losses.filter { !listed.contains($0) }
      return Outcome(
        holds: missing.isEmpty,
        found: "the panel lists \(listed.map(\.shortName).joined(separator: ", "))")
    case .fitsDrawn(let losses):
      let drawn = state.contour.settings.fitLines
      return Outcome(
        holds: losses.allSatisfy(drawn.contains),
        found:
          "the panel draws \(drawn.isEmpty ? "no fit lines" : drawn.map(\.shortName).joined(separator: ", "))"
      )
    case .infinite(let q):
      let v = value(q, in: state)
      return Outcome(holds: v == .infinity, found: "it is \(name(q))")
    case .finite(let q):
      let v = value(q, in: state)
      return Outcome(holds: v?.isFinite == true, found: "it is \(name(q))")
    case .greater(let a, let b):
      guard let x = value(a, in: state), let y = value(b, in: state) else {
        return Outcome(holds: false, found: "\(name(a)) and \(name(b))")
      }
      return Outcome(holds: x > y, found: "\(NumberText.short(x)) against \(NumberText.short(y))")
    case .qIsFit(let direction):
      let fit = state.distributions.currentFit
      return Outcome(
        holds: fit?.direction == direction,
        found: fit.map { "Q is the normal fit minimising \($0.direction.name(parallel: "||"))" }
          ?? "Q is not a normal fit of P")
    case .standardized(let want):
      let on = state.contour.scaling != nil
      return Outcome(
        holds: on == want, found: on ? "x is standardised" : "x is in its own units")
    case .classifyLosses(let losses):
      let shown = state.classify.panes.map(\.loss)
      return Outcome(
        holds: shown == losses,
        found: "the surfaces are \(shown.map(\.shortName).joined(separator: ", "))")
    case .value(let q, let check):
      guard let v = value(q, in: state) else {
        return Outcome(holds: false, found: "no such number")
      }
      var ok = true
      if let e = check.expected { ok = ok && abs(v - e) <= check.tolerance + 1e-12 * abs(e) }
      if let a = check.above { ok = ok && v > a }
      if let b = check.below { ok = ok && v < b }
      return Outcome(holds: ok, found: "it is \(NumberText.short(v))")
    }
  }
}
