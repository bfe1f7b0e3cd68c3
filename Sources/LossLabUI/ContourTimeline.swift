import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The contour view's look back at the steps taken: which step is selected, whether the inspector is
/// open, a pending "drop the later steps?" question, and the report of a blow-up.
public struct Timeline: Sendable, Equatable {
  /// The selected step; nil follows the latest one.
  public var selected: Int?
  /// The inspector panel is open (`i`).
  public var inspecting = false
  /// `s` was pressed on an earlier step: `y` drops the later steps and steps on from there.
  public var confirmingDrop = false
  /// Why the run is blowing up, once it did (the run paused there).
  public var report: DivergenceReport?
  public init() {}
}

extension ContourState {
  /// The last step taken (of the shown descent).
  var lastStep: Int { current.trajectory.count - 1 }

  /// The step every panel shows: the selected one, or the latest.
  public var shownStep: Int { min(timeline.selected ?? lastStep, lastStep) }

  /// The point of the shown step.
  var shownPoint: DescentStep { current.trajectory[shownStep] }

  /// Moves the selection `n` steps (negative: back), pausing the run; past the last step it follows
  /// the latest again.
  mutating func scrub(_ n: Int) {
    running = false
    let k = min(max(shownStep + n, 0), lastStep)
    timeline.selected = k == lastStep ? nil : k
  }

  /// `s`: a step from the latest point, or, on an earlier step, the question whether to drop the
  /// later ones.
  mutating func stepOrAsk() {
    running = false
    if shownStep < lastStep {
      timeline.confirmingDrop = true
      return
    }
    step()
  }

  /// The answer to "drop steps k+1…n?": yes cuts every descent back to the selected step and takes one
  /// step from there.
  mutating func answerDrop(_ yes: Bool) {
    guard timeline.confirmingDrop else { return }
    timeline.confirmingDrop = false
    guard yes else { return }
    let k = shownStep
    descents = descents.map { $0.rewound(toStep: k) }
    timeline.selected = nil
    timeline.report = nil
    step()
  }

  /// `u`: back to the step where the blow-up's rise began, the later steps dropped.
  mutating func rewindToRise() {
    guard let report = timeline.report else { return }
    running = false
    descents = descents.map { $0.rewound(toStep: report.riseStart) }
    timeline.selected = nil
  }

  /// After a step: a run that blows up (the loss rose three steps in a row above where it started, or
  /// became non-finite) pauses once, with a report of why.
  mutating func checkDivergence() {
    guard !comparing else { return }
    if timeline.report != nil {
      // Stepping on after the pause: the report follows the run (it does not pause again).
      if let fresh = current.divergence(largestCurvature: largestCurvature) {
        timeline.report = fresh
      }
      return
    }
    guard current.isDiverging else { return }
    timeline.report = current.divergence(largestCurvature: largestCurvature)
    running = false
  }

  /// λmax of the MSE surface (nil for MAE and Huber, which have no single curvature).
  var largestCurvature: Double? {
    loss == .mse ? curvature.eigenvalues.largest : nil
  }

  /// The inspector's lines for the shown step: the same text as `losslab descend --inspect N`.
  public var inspectorLines: [String] {
    if comparing { return ["The inspector follows one optimizer: leave compare mode (c)."] }
    if shownStep == 0 { return ["step 0 is the start: take a step (s) to inspect it"] }
    return current.inspection(ofStep: shownStep)
  }

  /// Curvature lines for the panel: λmax, λmin, the condition number and the stable rate for MSE;
  /// for MAE and Huber, why there is no single curvature (and Huber's quadratic-region bound).
  func curvatureLines(ascii: Bool) -> [String] {
    let lambda = ascii ? "lmax" : "λmax"
    let lambdaMin = ascii ? "lmin" : "λmin"
    switch loss {
    case .mse:
      let c = curvature
      let (hi, lo) = c.eigenvalues
      var lines = [
        "\(lambda) \(Fmt.num(hi, 3, ascii: ascii))  \(lambdaMin) \(Fmt.num(lo, 3, ascii: ascii))  cond \(Fmt.num(c.conditionNumber, 1, ascii: ascii))"
      ]
      let kind = comparing ? OptimizerKind.gd : optimizer
      if let bound = StabilityBound.rate(for: kind, largestCurvature: hi),
        let formula = StabilityBound.formula(for: kind)
      {
        let f = ascii ? Self.asciiMath(formula) : formula
        lines.append("stable rate < \(Fmt.num(bound, 3, ascii: ascii))  (\(f))")
      } else {
        lines.append(
          "gd stable < \(Fmt.num(2 / hi, 3, ascii: ascii)); \(kind.rawValue) adapts its steps")
      }
      return lines
    case .mae:
      return ["MAE: planes, no single curvature"]
    case .huber:
      let at = minimum.map { (w: $0.w, b: $0.b) } ?? (w: shownPoint.w, b: shownPoint.b)
      let h = HuberCurvature(data: data, delta: delta, w: at.w, b: at.b)
      return [
        "Huber: no single curvature",
        "quadratic near min: 2/\(lambda) \(Fmt.num(h.stabilityLimit, 3, ascii: ascii))",
      ]
    default:
      return ["\(loss.shortName): planes, no single curvature"]
    }
  }

  /// `text` with the inspector's math symbols spelled in ASCII.
  static func asciiMath(_ text: String) -> String {
    var s = text
    for (u, a) in [
      ("β₁", "beta1"), ("β₂", "beta2"), ("μₜ₊₁", "mu(t+1)"), ("μₜ", "mu(t)"), ("Πμ", "prod(mu)"),
      ("λ", "l"), ("β", "beta"), ("ε", "eps"), ("√v_hat", "sqrt(v_hat)"), ("√(", "sqrt("),
      ("√", "sqrt "), ("½", "1/2"), ("·", "*"), ("−", "-"), ("→", "->"),
      ("²", "^2"), ("Δ", "step"), ("×", "x"),
    ] {
      s = s.replacing(u, with: a)
    }
    return s
  }

  /// The Hessian's eigenvector axes through the minimum (MSE only), long enough to cross the window.
  func eigenAxes() -> [ContourGuide] {
    guard loss == .mse, let m = minimum else { return [] }
    let (stiff, flat) = curvature.eigenvectors
    let reach = 2 * max(wSpan, bSpan)
    return [(stiff, Color(117)), (flat, Color(151))].map { v, color in
      ContourGuide(
        from: (m.w - reach * v.w, m.b - reach * v.b), to: (m.w + reach * v.w, m.b + reach * v.b),
        color: color)
    }
  }

  /// The next (+1) or previous (-1) schedule, with round numbers that show over 40 steps.
  mutating func cycleSchedule(_ n: Int) {
    let names = LearningRateSchedule.names
    let i = names.firstIndex(of: schedule.name) ?? 0
    let next = names[(i + n + names.count) % names.count]
    let rate = learningRate
    change { $0.schedule = .example(named: next, steps: 40, initial: rate) }
  }
}
