import LossCore
import LossPlot

/// What a key does in the classification view.
enum ClassifyAction: Sendable, Equatable {
  case step, run
  /// Start point, window, rate and optimizer: what both descent views do alike.
  case descent(DescentAction)
  /// The next loss of the left surface; of the right one.
  case nextLoss, nextPairLoss
  /// Focal's γ one step down or up.
  case gamma(up: Bool)
  case sideBySide, separable, compare, reset
  /// x as z-scores and back.
  case standardize
}

extension ClassifyState {
  static let keyTable = KeyTable<ClassifyAction>([
    .bind(
      "s, Space", "one optimizer step (both surfaces side by side)",
      hint: KeyHint(keys: .text("s"), label: "step"), [.character("s"), .character(" ")], .step),
    .bind(
      "r", "run / pause continuous stepping", hint: KeyHint(keys: .text("r"), label: "run"),
      [.character("r")], .run),
    DescentKeys.startMoves { .descent($0) },
    .bind("mouse click", "start from the clicked (w, b)", each: []),
    DescentKeys.rate { .descent($0) },
    DescentKeys.optimizer { .descent($0) },
    .bind(
      "m",
      "cycle the loss: " + ClassifyState.losses.map(\.shortName).joinedText(separator: ", "),
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
      "z", "x as z-scores (x − mean)/sd and back: rounder valleys, a faster descent",
      [.character("z")], .standardize),
    .bind(
      "c", "compare: every optimizer from the same start", [.character("c")], .compare),
    DescentKeys.zoom { .descent($0) },
    DescentKeys.pan { .descent($0) },
    .bind(
      "0", "back to the start point and window, paths cleared", [.character("0")], .reset),
  ])

  /// The card `e` shows: the loss of the left surface, or the logit-gradient card side by side.
  var explanationID: String {
    if comparing { return optimizer.rawValue }
    if sideBySide { return "logit-gradient" }
    return "classify-" + loss.id
  }

  /// The loss after `loss` in ``losses``, round the end.
  static func cycled(_ loss: Loss) -> Loss {
    let all = losses
    let i = all.firstIndex(of: loss) ?? -1
    return all[(i + 1) % all.count]
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
    case .descent(let a): perform(a)
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
        case .points, .table:
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
      frameForData(rate: false)
    case .standardize:
      running = false
      change { $0.standardized.toggle() }
      frameForData()
    }
  }

  /// A click on a map starts the descents there; the wheel zooms. `layout` says where the maps are.
  mutating func mouse(_ m: MouseEvent, layout: ClassifyLayout) {
    mouse(m, maps: layout.mapFrames)
  }
}

extension ClassifySettings: DescentSettings {}
extension ClassifyState: DescentView {}
