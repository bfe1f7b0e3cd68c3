import LossCore
import LossPlot

/// One curve of the curves view and whether it is shown.
public struct CurveEntry: Hashable, Sendable {
  public var curve: LossCurve
  public var visible: Bool
}

/// The curves view: loss shapes against the prediction, a cursor that reads value and slope.
public struct CurvesState: Hashable, Sendable {
  public static let defaultXRange: ClosedRange<Double> = -1.0...2.0
  public static let defaultYRange: ClosedRange<Double> = -1.0...5.0
  public static let logYRange: ClosedRange<Double> = 0.001...100.0
  public static let defaultCursor = 0.3

  public var entries: [CurveEntry]
  public var selected: Int
  public var cursorX: Double
  public var xRange: ClosedRange<Double>
  public var logY: Bool
  public var showSlope: Bool
  /// A lesson's prediction of a curve's value: drawn as a level line with a mark at ŷ = `guessAt`.
  public var guessAt: Double? = nil
  public var guessValue: Double? = nil

  public init() {
    entries = Self.defaultEntries
    selected = 2
    cursorX = Self.defaultCursor
    xRange = Self.defaultXRange
    logY = false
    showSlope = false
  }

  /// One entry per curve each loss of the list offers (`CurveStyle.entries`), in list order: −log(x),
  /// BCE for target 0 and 1, and hinge are shown at first; the rest can be switched on.
  static var defaultEntries: [CurveEntry] {
    LossList.current.supporting(.curve).flatMap { loss in
      loss.curve.entries.map {
        CurveEntry(curve: LossCurve(loss, target: $0.target), visible: $0.visible)
      }
    }
  }

  /// Shows exactly the given curves (by kind and target), for `render curves --loss ...`.
  public mutating func show(only curves: [LossCurve]) {
    entries = entries.map { CurveEntry(curve: $0.curve, visible: false) }
    for c in curves {
      if let i = entries.firstIndex(where: { $0.curve == c }) {
        entries[i].visible = true
      } else {
        entries.append(CurveEntry(curve: c, visible: true))
      }
    }
    if let first = entries.firstIndex(where: { $0.visible }) { selected = first }
  }

  /// Selects `curve`, showing it (and adding it to the list) if it was not.
  public mutating func select(_ curve: LossCurve) {
    if let i = entries.firstIndex(where: { $0.curve == curve }) {
      entries[i].visible = true
      selected = i
    } else {
      entries.append(CurveEntry(curve: curve, visible: true))
      selected = entries.count - 1
    }
  }

  var yRange: ClosedRange<Double> { logY ? Self.logYRange : Self.defaultYRange }
  var selectedCurve: LossCurve { entries[selected].curve }

  static let keyTable = KeyTable<CurvesAction>([
    .bind(
      "Left/Right, h/l", "move the cursor (Shift, H/L: big steps)",
      hint: KeyHint(keys: .leftRight, label: "cursor"),
      each: [
        (.left, .cursor(-0.01)), (.character("h"), .cursor(-0.01)),
        (.right, .cursor(0.01)), (.character("l"), .cursor(0.01)),
        (.shiftLeft, .cursor(-0.1)), (.character("H"), .cursor(-0.1)),
        (.shiftRight, .cursor(0.1)), (.character("L"), .cursor(0.1)),
      ]),
    .bind(
      "Up/Down, k/j", "select a curve", hint: KeyHint(keys: .upDown, label: "select"),
      each: [
        (.up, .select(-1)), (.character("k"), .select(-1)),
        (.down, .select(1)), (.character("j"), .select(1)),
      ]),
    .bind(
      "Space, Enter", "show or hide the selected curve",
      hint: KeyHint(keys: .text("Space"), label: "show"), [.character(" "), .enter], .toggleShown),
    .bind(
      "g", "slope overlay: the derivative of the selected curve",
      hint: KeyHint(keys: .text("g"), label: "slope"), [.character("g")], .slope),
    .bind(
      "t", "target of the selected curve: y=0 or 1 (hinge: -1 or +1)", [.character("t")], .target),
    .bind(
      "d / D", "curve parameters down / up: Huber delta, quantile tau, focal gamma",
      each: [(.character("d"), .parameters(up: false)), (.character("D"), .parameters(up: true))]),
    .bind(
      "+ / -", "zoom the x range in / out",
      each: [
        (.character("+"), .zoom(0.5)), (.character("="), .zoom(0.5)),
        (.character("-"), .zoom(2)), (.character("_"), .zoom(2)),
      ]),
    .bind(
      "< / >", "pan the x range left / right",
      each: [
        (.character("<"), .pan(-0.1)), (.character(","), .pan(-0.1)),
        (.character(">"), .pan(0.1)), (.character("."), .pan(0.1)),
      ]),
    .bind("y", "log scale for the loss axis", [.character("y")], .logY),
    .bind("0", "reset cursor, zoom and curves", [.character("0")], .reset),
    .bind("mouse click", "put the cursor there", each: []),
  ])

  /// The card of the selected curve: its loss's id, or a card per target where the loss has one.
  var explanationID: String {
    let c = selectedCurve
    return c.loss.curve.card?(c.target) ?? c.loss.id
  }

  var span: Double { xRange.upperBound - xRange.lowerBound }

  mutating func moveCursor(by dx: Double) {
    let grid = span / 1000
    let moved = ((cursorX + dx) / grid).rounded() * grid
    cursorX = min(max(moved, xRange.lowerBound), xRange.upperBound)
  }

  mutating func zoom(_ factor: Double) {
    let newSpan = min(max(span * factor, 0.01), 1000)
    let center = min(max(cursorX, xRange.lowerBound), xRange.upperBound)
    let t = (center - xRange.lowerBound) / span
    let lo = center - t * newSpan
    xRange = lo...(lo + newSpan)
  }

  mutating func pan(_ fraction: Double) {
    let d = span * fraction
    xRange = (xRange.lowerBound + d)...(xRange.upperBound + d)
    cursorX = min(max(cursorX, xRange.lowerBound), xRange.upperBound)
  }

  /// Applies what a key of `keyTable` asks for.
  mutating func perform(_ action: CurvesAction) {
    switch action {
    case .cursor(let fraction): moveCursor(by: fraction * span)
    case .select(let n): selected = (selected + n + entries.count) % entries.count
    case .toggleShown: entries[selected].visible.toggle()
    case .slope: showSlope.toggle()
    case .target: toggleTarget()
    case .parameters(let up): stepParameters(up: up)
    case .zoom(let f): zoom(f)
    case .pan(let f): pan(f)
    case .logY: logY.toggle()
    case .reset: self = CurvesState()
    }
  }

  mutating func toggleTarget() {
    var c = entries[selected].curve
    switch c.loss.targets {
    case .signedLabel: c.target = c.target > 0 ? -1 : 1
    case .none, .classIndex: return
    case .real, .probability: c.target = c.target == 0 ? 1 : 0
    }
    entries[selected].curve = c
  }

  /// Steps every curve's parameter down or up (Huber δ halves or doubles within 0.125...8, quantile τ
  /// moves by 0.1, focal γ by 0.5; see `LossParameter.stepped`).
  mutating func stepParameters(up: Bool) {
    for i in entries.indices {
      let c = entries[i].curve
      guard let p = c.parameter, let v = p.value(in: c.config) else { continue }
      entries[i].curve.config = p.set(p.stepped(v, up: up), in: c.config)
    }
  }

  /// A click on the plot puts the cursor there, on a panel row selects that curve; the wheel zooms.
  mutating func mouse(_ m: MouseEvent, layout: CurvesLayout) {
    guard m.kind == .press || m.kind == .drag else { return }
    switch m.button {
    case .wheelUp: zoom(0.8)
    case .wheelDown: zoom(1.25)
    case .left:
      if layout.plotFrame.area.contains(x: m.x, y: m.y) {
        let x = layout.plotFrame.dataX(column: m.x)
        cursorX = min(max(x, xRange.lowerBound), xRange.upperBound)
      } else if let row = layout.entry(at: m) {
        selected = row
      }
    default: break
    }
  }
}

/// What a key does in the curves view.
enum CurvesAction: Sendable, Equatable {
  /// Move the cursor by this fraction of the x range.
  case cursor(Double)
  /// Select the curve this many rows down.
  case select(Int)
  case toggleShown, slope, target
  /// Step every curve's parameter (Huber δ, quantile τ, focal γ) down or up.
  case parameters(up: Bool)
  /// Scale the x range by this factor about the cursor.
  case zoom(Double)
  /// Move the x range by this fraction of itself.
  case pan(Double)
  case logY, reset
}
