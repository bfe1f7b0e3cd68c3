import LossCore
import LossPlot

/// The settings both descent views (contour and classify) have: where the descents start, the (w, b)
/// window, the optimizer and its rate, and compare mode.
protocol DescentSettings: Sendable {
  var start: (w: Double, b: Double) { get set }
  var wRange: ClosedRange<Double> { get set }
  var bRange: ClosedRange<Double> { get set }
  var optimizer: OptimizerKind { get set }
  var learningRate: Double { get set }
  var comparing: Bool { get set }
}

/// A view of gradient descent over (w, b): its settings change only through `change(_:)`, which rebuilds
/// what depends on them, and `restart()` clears the paths. The moves of the start point and the window,
/// the rate and optimizer keys and the mouse are then the same code for both views.
protocol DescentView {
  associatedtype Settings: DescentSettings
  var settings: Settings { get }
  /// Continuous stepping (`r`).
  var running: Bool { get set }
  mutating func change(_ edit: (inout Settings) -> Void)
  mutating func restart()
}

/// The keys both descent views handle alike (bound by `DescentKeys`).
enum DescentAction: Sendable, Equatable {
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
}

extension DescentView {
  var window: SurfaceWindow { SurfaceWindow(w: settings.wRange, b: settings.bRange) }
  var wSpan: Double { settings.wRange.upperBound - settings.wRange.lowerBound }
  var bSpan: Double { settings.bRange.upperBound - settings.bRange.lowerBound }

  /// `v` moved `n` places along its cases, wrapping around.
  static func cycled<T: CaseIterable & Equatable>(_ v: T, by n: Int) -> T where T.AllCases == [T] {
    let all = T.allCases
    let i = all.firstIndex(of: v)!
    return all[(i + n + all.count) % all.count]
  }

  /// Applies a shared key: moving the start pauses and clears the paths; panning and zooming keep them;
  /// the rate stays within 1e-6...1e6.
  mutating func perform(_ action: DescentAction) {
    switch action {
    case .moveStart(let dw, let db):
      running = false
      let (sw, sb) = (wSpan, bSpan)
      change { $0.start = ($0.start.w + dw * sw, $0.start.b + db * sb) }
    case .pan(let dw, let db):
      let (w, b) = (settings.wRange, settings.bRange)
      let (sw, sb) = (wSpan, bSpan)
      change {
        $0.wRange = (w.lowerBound + dw * sw)...(w.upperBound + dw * sw)
        $0.bRange = (b.lowerBound + db * sb)...(b.upperBound + db * sb)
      }
    case .zoom(let f): zoomWindow(f)
    case .rate(let f): change { $0.learningRate = min(max($0.learningRate * f, 1e-6), 1e6) }
    case .optimizer(let n): change { $0.optimizer = Self.cycled($0.optimizer, by: n) }
    }
  }

  /// Scales the window by `factor` about its centre (each side between 1e-3 and 1e4).
  mutating func zoomWindow(_ factor: Double) {
    let (w, b) = (settings.wRange, settings.bRange)
    let cw = (w.lowerBound + w.upperBound) / 2
    let cb = (b.lowerBound + b.upperBound) / 2
    let hw = min(max(wSpan * factor, 1e-3), 1e4) / 2
    let hb = min(max(bSpan * factor, 1e-3), 1e4) / 2
    change {
      $0.wRange = (cw - hw)...(cw + hw)
      $0.bRange = (cb - hb)...(cb + hb)
    }
  }

  /// Sets the start point (and anything else `edit` changes) and clears the paths, also when the start
  /// point stays where it was.
  mutating func restart(
    from point: (w: Double, b: Double), _ edit: (inout Settings) -> Void = { _ in }
  ) {
    let moved = point.w != settings.start.w || point.b != settings.start.b
    change {
      $0.start = point
      edit(&$0)
    }
    if !moved { restart() }
  }

  /// A click on a map (one of `maps`, each with how its cells map to (w, b)) starts the descents there and
  /// pauses; the wheel zooms.
  mutating func mouse(_ m: MouseEvent, maps: [PlotFrame]) {
    guard m.kind == .press else { return }
    switch m.button {
    case .wheelUp: zoomWindow(0.8)
    case .wheelDown: zoomWindow(1.25)
    case .left:
      guard let frame = maps.first(where: { $0.area.contains(x: m.x, y: m.y) }) else { return }
      running = false
      restart(from: (w: frame.dataX(column: m.x), b: frame.dataY(row: m.y)))
    default: return
    }
  }
}
