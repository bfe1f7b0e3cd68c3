import LossCore
import LossPlot

/// What a key does in the contour view.
enum ContourAction: Sendable, Equatable {
  case step, run
  /// Start point, window, rate and optimizer: what both descent views do alike.
  case descent(DescentAction)
  case nextLoss
  /// Step the loss's parameter down or up: Huber's δ halves or doubles, the quantile's τ moves by 0.1.
  case parameter(up: Bool)
  case outliers, compare, reset
  /// Select the step `n` steps later (negative: earlier).
  case scrub(Int)
  /// Toggle the inspector panel.
  case inspect
  /// Answer "drop the later steps?".
  case confirm(Bool)
  /// Back to where a blow-up's rise began.
  case rewind
  /// The next (+1) or previous (-1) learning-rate schedule.
  case schedule(Int)
  /// Save the trajectory (CSV or JSON): the app opens the save prompt.
  case export
  /// Switch x to z-scores and back (the map redraws in the new coordinates).
  case standardize
  /// The next set of best-fit lines the data panel draws (none, all, MSE, MAE, Huber).
  case fitLines
}

extension ContourState {
  /// The losses the `m` key cycles through: every loss in the list that can fit a line.
  static var lineFitLosses: [Loss] { LossList.current.supporting(.lineFit) }

  static let keyTable = KeyTable<ContourAction>([
    .bind(
      "s, Space", "one optimizer step", hint: KeyHint(keys: .text("s"), label: "step"),
      [.character("s"), .character(" ")], .step),
    .bind(
      "r", "run / pause continuous stepping", hint: KeyHint(keys: .text("r"), label: "run"),
      [.character("r")], .run),
    DescentKeys.startMoves { .descent($0) },
    .bind("mouse click", "start from the clicked (w, b)", each: []),
    DescentKeys.rate { .descent($0) },
    .bind(
      "{ / }", "fine-tune the learning rate: 2% down / up",
      each: [
        (.character("{"), .descent(.rate(0.98))), (.character("}"), .descent(.rate(1 / 0.98))),
      ]),
    DescentKeys.optimizer { .descent($0) },
    .bind(
      "m", "cycle the loss: " + lineFitLosses.map(\.shortName).joinedText(separator: ", "),
      hint: KeyHint(keys: .text("m"), label: "loss"),
      [.character("m")], .nextLoss),
    .bind(
      "d / D", "Huber delta: halve / double; quantile tau: down / up",
      each: [(.character("d"), .parameter(up: false)), (.character("D"), .parameter(up: true))]),
    .bind("x", "add / remove outliers", [.character("x")], .outliers),
    .bind(
      "z", "x as z-scores (x − mean)/sd and back: rounder contours, a faster descent",
      [.character("z")], .standardize),
    .bind(
      "f", "best-fit lines over the data: all, MSE, MAE, Huber, none (the panel's legend)",
      [.character("f")], .fitLines),
    .bind(
      "c", "compare: every optimizer from the same start",
      hint: KeyHint(keys: .text("c"), label: "compare"), [.character("c")], .compare),
    DescentKeys.zoom { .descent($0) },
    DescentKeys.pan { .descent($0) },
    .bind(
      "0", "back to the start point and window, path cleared", [.character("0")], .reset),
    .bind(
      ", / .", "select the previous / next step (< / >: ten steps); pauses",
      hint: KeyHint(keys: .text(", ."), label: "scrub"),
      each: [
        (.character(","), .scrub(-1)), (.character("."), .scrub(1)),
        (.character("<"), .scrub(-10)), (.character(">"), .scrub(10)),
      ]),
    .bind(
      "i", "inspector: the selected step's update with its numbers",
      hint: KeyHint(keys: .text("i"), label: "inspect"), [.character("i")], .inspect),
    .bind(
      "y / n", "drop the later steps and step on from the selected one? (after s)",
      each: [(.character("y"), .confirm(true)), (.character("n"), .confirm(false))]),
    .bind(
      "u", "after a blow-up: rewind to the step where the loss began to rise",
      [.character("u")], .rewind),
    .bind(
      "S", "next learning-rate schedule (constant, exponential, piecewise, ...)",
      [.character("S")], .schedule(1)),
    .bind(
      "t", "save the trajectory: .csv or .json by the file name", [.character("t")], .export),
  ])

  var explanationID: String {
    if comparing || timeline.inspecting { return optimizer.rawValue }
    return "fit-" + loss.shortName
  }

  /// Applies what a key of `keyTable` asks for.
  mutating func perform(_ action: ContourAction) {
    if case .confirm = action {} else { timeline.confirmingDrop = false }
    switch action {
    case .scrub(let n): scrub(n)
    case .inspect: timeline.inspecting.toggle()
    case .confirm(let yes): answerDrop(yes)
    case .rewind: rewindToRise()
    case .schedule(let n): cycleSchedule(n)
    case .export: break  // the app opens the save prompt
    case .step:
      stepOrAsk()
    case .run:
      if !running, shownStep < lastStep {
        timeline.confirmingDrop = true
        return
      }
      running.toggle()
      if allDone { running = false }
    case .descent(let a): perform(a)
    case .nextLoss:
      let all = Self.lineFitLosses
      change { $0.loss = all[((all.firstIndex(of: $0.loss) ?? -1) + 1) % all.count] }
    case .parameter(let up):
      if loss.parameters.contains(.tau) {
        change { $0.tau = LossParameter.tau.stepped($0.tau, up: up) }
      } else {
        change { $0.delta = min(max(up ? $0.delta * 2 : $0.delta / 2, 1.0 / 64), 64) }
      }
    case .outliers: change { $0.outliers = $0.outliers == 0 ? Self.outlierCount : 0 }
    case .compare: change { $0.comparing.toggle() }
    case .reset:
      running = false
      if isOwnData || settings.standardized {
        frameForData(rate: false)
      } else {
        restart(from: Descent.defaultStart) {
          $0.wRange = Self.defaultW
          $0.bRange = Self.defaultB
        }
      }
    case .fitLines: change { $0.fitLines = Self.nextFitLines(after: $0.fitLines) }
    case .standardize:
      running = false
      change { $0.standardized.toggle() }
      frameForData()
    }
  }

  /// A click on the map starts the descent there; the wheel zooms. `layout` says where the map is.
  mutating func mouse(_ m: MouseEvent, layout: ContourLayout) {
    mouse(m, maps: [layout.mapFrame])
  }
}

extension ContourSettings: DescentSettings {}
extension ContourState: DescentView {}
