import LossCore
import LossPlot

/// What a key does in the contour view.
enum ContourAction: Sendable, Equatable {
  case step, run
  /// Move the start point by these fractions of the window.
  case moveStart(dw: Double, db: Double)
  /// Move the window by these fractions of itself.
  case pan(dw: Double, db: Double)
  /// Scale the window by this factor about its centre.
  case zoom(Double)
  /// Multiply the learning rate by this factor.
  case rate(Double)
  /// The next (+1) or previous (-1) optimizer.
  case optimizer(Int)
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
    DescentKeys.startMoves { .moveStart(dw: $0, db: $1) },
    .bind("mouse click", "start from the clicked (w, b)", each: []),
    DescentKeys.rate { .rate($0) },
    .bind(
      "{ / }", "fine-tune the learning rate: 2% down / up",
      each: [(.character("{"), .rate(0.98)), (.character("}"), .rate(1 / 0.98))]),
    DescentKeys.optimizer { .optimizer($0) },
    .bind(
      "m", "cycle the loss: " + lineFitLosses.map(\.shortName).joined(separator: ", "),
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
    .bind(
      "+ / -", "zoom the (w, b) window in / out",
      each: [
        (.character("+"), .zoom(0.5)), (.character("="), .zoom(0.5)),
        (.character("-"), .zoom(2)), (.character("_"), .zoom(2)),
      ]),
    .bind(
      "Shift-arrows", "pan the (w, b) window",
      each: [
        (.shiftLeft, .pan(dw: -0.1, db: 0)), (.shiftRight, .pan(dw: 0.1, db: 0)),
        (.shiftUp, .pan(dw: 0, db: 0.1)), (.shiftDown, .pan(dw: 0, db: -0.1)),
      ]),
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

  var wSpan: Double { wRange.upperBound - wRange.lowerBound }
  var bSpan: Double { bRange.upperBound - bRange.lowerBound }

  mutating func moveStart(dw: Double, db: Double) {
    running = false
    let (sw, sb) = (wSpan, bSpan)
    change { $0.start = ($0.start.w + dw * sw, $0.start.b + db * sb) }
  }

  mutating func panWindow(dw: Double, db: Double) {
    let (w, b) = (wRange, bRange)
    let (sw, sb) = (wSpan, bSpan)
    change {
      $0.wRange = (w.lowerBound + dw * sw)...(w.upperBound + dw * sw)
      $0.bRange = (b.lowerBound + db * sb)...(b.upperBound + db * sb)
    }
  }

  mutating func zoomWindow(_ factor: Double) {
    let cw = (wRange.lowerBound + wRange.upperBound) / 2
    let cb = (bRange.lowerBound + bRange.upperBound) / 2
    let hw = min(max(wSpan * factor, 1e-3), 1e4) / 2
    let hb = min(max(bSpan * factor, 1e-3), 1e4) / 2
    change {
      $0.wRange = (cw - hw)...(cw + hw)
      $0.bRange = (cb - hb)...(cb + hb)
    }
  }

  static func cycled<T: CaseIterable & Equatable>(_ v: T, by n: Int) -> T where T.AllCases == [T] {
    let all = T.allCases
    let i = all.firstIndex(of: v)!
    return all[(i + n + all.count) % all.count]
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
    case .moveStart(let dw, let db): moveStart(dw: dw, db: db)
    case .pan(let dw, let db): panWindow(dw: dw, db: db)
    case .zoom(let f): zoomWindow(f)
    case .rate(let f): change { $0.learningRate = min(max($0.learningRate * f, 1e-6), 1e6) }
    case .optimizer(let n): change { $0.optimizer = Self.cycled($0.optimizer, by: n) }
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

  /// Sets the start point (and anything else `edit` changes) and clears the path, also when the
  /// start point stays where it was.
  mutating func restart(
    from point: (w: Double, b: Double), _ edit: (inout ContourSettings) -> Void = { _ in }
  ) {
    let moved = point.w != start.w || point.b != start.b
    change {
      $0.start = point
      edit(&$0)
    }
    if !moved { restart() }
  }

  /// A click on the map starts the descent there; the wheel zooms. `layout` says where the map is.
  mutating func mouse(_ m: MouseEvent, layout: ContourLayout) {
    guard m.kind == .press else { return }
    switch m.button {
    case .wheelUp: zoomWindow(0.8)
    case .wheelDown: zoomWindow(1.25)
    case .left:
      let frame = layout.mapFrame
      guard frame.area.contains(x: m.x, y: m.y) else { return }
      running = false
      restart(from: (w: frame.dataX(column: m.x), b: frame.dataY(row: m.y)))
    default: return
    }
  }
}
