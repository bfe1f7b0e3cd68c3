import LossCore
import LossPlot

/// What a key does in the classification view.
enum ClassifyAction: Sendable, Equatable {
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
  /// The next loss of the left surface; of the right one.
  case nextLoss, nextPairLoss
  /// Focal's γ one step down or up.
  case gamma(up: Bool)
  case sideBySide, separable, compare, reset
}

extension ClassifyState {
  static let keyTable = KeyTable<ClassifyAction>([
    .bind(
      "s, Space", "one optimizer step (both surfaces side by side)",
      hint: KeyHint(keys: .text("s"), label: "step"), [.character("s"), .character(" ")], .step),
    .bind(
      "r", "run / pause continuous stepping", hint: KeyHint(keys: .text("r"), label: "run"),
      [.character("r")], .run),
    DescentKeys.startMoves { .moveStart(dw: $0, db: $1) },
    .bind("mouse click", "start from the clicked (w, b)", each: []),
    DescentKeys.rate { .rate($0) },
    DescentKeys.optimizer { .optimizer($0) },
    .bind(
      "m",
      "cycle the loss: " + ClassifyState.losses.map(\.shortName).joined(separator: ", "),
      hint: KeyHint(keys: .text("m"), label: "loss"), [.character("m")], .nextLoss),
    .bind(
      "v", "side by side: two surfaces, one start, stepping together",
      hint: KeyHint(keys: .text("v"), label: "side-by-side"), [.character("v")], .sideBySide),
    .bind("M", "cycle the right-hand surface's loss", [.character("M")], .nextPairLoss),
    .bind(
      "d / D", "focal gamma: down / up by 0.5 (0 to 5)",
      each: [(.character("d"), .gamma(up: false)), (.character("D"), .gamma(up: true))]),
    .bind("x", "separable data / overlapping data", [.character("x")], .separable),
    .bind(
      "c", "compare: every optimizer from the same start", [.character("c")], .compare),
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
      "0", "back to the start point and window, paths cleared", [.character("0")], .reset),
  ])

  /// The card `e` shows: the loss of the left surface, or the logit-gradient card side by side.
  var explanationID: String {
    if comparing { return optimizer.rawValue }
    if sideBySide { return "logit-gradient" }
    return "classify-" + loss.id
  }

  var wSpan: Double { wRange.upperBound - wRange.lowerBound }
  var bSpan: Double { bRange.upperBound - bRange.lowerBound }

  /// The loss after `loss` in ``losses``, round the end.
  static func cycled(_ loss: Loss) -> Loss {
    let all = losses
    let i = all.firstIndex(of: loss) ?? -1
    return all[(i + 1) % all.count]
  }

  static func cycled<T: CaseIterable & Equatable>(_ v: T, by n: Int) -> T where T.AllCases == [T] {
    let all = T.allCases
    let i = all.firstIndex(of: v)!
    return all[(i + n + all.count) % all.count]
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

  /// Applies what a key of `keyTable` asks for.
  mutating func perform(_ action: ClassifyAction) {
    switch action {
    case .step:
      running = false
      step()
    case .run:
      running.toggle()
      if allDone { running = false }
    case .moveStart(let dw, let db):
      running = false
      let (sw, sb) = (wSpan, bSpan)
      change { $0.start = ($0.start.w + dw * sw, $0.start.b + db * sb) }
    case .pan(let dw, let db):
      let (w, b) = (wRange, bRange)
      let (sw, sb) = (wSpan, bSpan)
      change {
        $0.wRange = (w.lowerBound + dw * sw)...(w.upperBound + dw * sw)
        $0.bRange = (b.lowerBound + db * sb)...(b.upperBound + db * sb)
      }
    case .zoom(let f): zoomWindow(f)
    case .rate(let f): change { $0.learningRate = min(max($0.learningRate * f, 1e-6), 1e6) }
    case .optimizer(let n): change { $0.optimizer = Self.cycled($0.optimizer, by: n) }
    case .nextLoss:
      change {
        $0.loss = Self.cycled($0.loss)
        if $0.pair == $0.loss { $0.pair = Self.cycled($0.loss) }
      }
    case .nextPairLoss:
      change {
        var next = Self.cycled($0.pair ?? $0.loss)
        if next == $0.loss { next = Self.cycled(next) }
        $0.pair = next
      }
    case .gamma(let up):
      change { $0.gamma = LossParameter.gamma.stepped($0.gamma, up: up) }
    case .sideBySide:
      change {
        $0.pair =
          $0.pair == nil
          ? ($0.loss == .binaryCrossentropy ? .meanSquaredError : .binaryCrossentropy) : nil
      }
    case .separable:
      running = false
      change {
        switch $0.source {
        case .generated(let n, let seed, let separable):
          $0.source = .generated(points: n, seed: seed, separable: !separable)
        case .points, .file:
          $0.source = .generated(
            points: ClassificationData.defaultPoints, seed: ClassificationData.defaultSeed,
            separable: true)
        }
      }
    case .compare:
      change {
        $0.comparing.toggle()
        if $0.comparing { $0.pair = nil }
      }
    case .reset:
      running = false
      restart(from: LogisticObjective.defaultStart) {
        $0.wRange = LogisticObjective.defaultWindow.w
        $0.bRange = LogisticObjective.defaultWindow.b
      }
    }
  }

  /// Sets the start point (and anything else `edit` changes) and clears the paths, also when the start
  /// point stays where it was.
  mutating func restart(
    from point: (w: Double, b: Double), _ edit: (inout ClassifySettings) -> Void = { _ in }
  ) {
    let moved = point.w != start.w || point.b != start.b
    change {
      $0.start = point
      edit(&$0)
    }
    if !moved { restart() }
  }

  /// A click on a map starts the descents there; the wheel zooms.
  mutating func mouse(_ m: MouseEvent, layout: ClassifyLayout) {
    guard m.kind == .press else { return }
    switch m.button {
    case .wheelUp: zoomWindow(0.8)
    case .wheelDown: zoomWindow(1.25)
    case .left:
      guard let frame = layout.mapFrames.first(where: { $0.area.contains(x: m.x, y: m.y) }) else {
        return
      }
      running = false
      restart(from: (w: frame.dataX(column: m.x), b: frame.dataY(row: m.y)))
    default: return
    }
  }
}
