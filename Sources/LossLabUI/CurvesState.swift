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

  public init() {
    entries = Self.defaultEntries
    selected = 2
    cursorX = Self.defaultCursor
    xRange = Self.defaultXRange
    logY = false
    showSlope = false
  }

  /// −log(x), BCE for target 0 and 1, and hinge are shown at first; the rest can be switched on.
  static let defaultEntries: [CurveEntry] = [
    CurveEntry(curve: LossCurve(.negLog), visible: true),
    CurveEntry(curve: LossCurve(.log), visible: false),
    CurveEntry(curve: LossCurve(.bce, target: 0), visible: true),
    CurveEntry(curve: LossCurve(.bce, target: 1), visible: true),
    CurveEntry(curve: LossCurve(.hinge, target: 1), visible: true),
    CurveEntry(curve: LossCurve(.squaredHinge, target: 1), visible: false),
    CurveEntry(curve: LossCurve(.mse, target: 1), visible: false),
    CurveEntry(curve: LossCurve(.mae, target: 1), visible: false),
    CurveEntry(curve: LossCurve(.huber, target: 1, delta: 1), visible: false),
    CurveEntry(curve: LossCurve(.logCosh, target: 1), visible: false),
  ]

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

  var yRange: ClosedRange<Double> { logY ? Self.logYRange : Self.defaultYRange }
  var selectedCurve: LossCurve { entries[selected].curve }

  static let keys: [KeyHelp] = [
    KeyHelp("Left/Right, h/l", "move the cursor (Shift, H/L: big steps)"),
    KeyHelp("Up/Down, k/j", "select a curve"),
    KeyHelp("Space, Enter", "show or hide the selected curve"),
    KeyHelp("g", "slope overlay: the derivative of the selected curve"),
    KeyHelp("t", "target of the selected curve: y=0 or 1 (hinge: -1 or +1)"),
    KeyHelp("d / D", "Huber delta down / up"),
    KeyHelp("+ / -", "zoom the x range in / out"),
    KeyHelp("< / >", "pan the x range left / right"),
    KeyHelp("y", "log scale for the loss axis"),
    KeyHelp("0", "reset cursor, zoom and curves"),
    KeyHelp("mouse click", "put the cursor there"),
  ]

  var explanationID: String {
    switch selectedCurve.kind {
    case .negLog: "neg-log"
    case .log: "log"
    case .bce: selectedCurve.target == 0 ? "bce-0" : "bce-1"
    case .hinge: "hinge"
    case .squaredHinge: "squared-hinge"
    case .mse: "mse"
    case .mae: "mae"
    case .huber: "huber"
    case .logCosh: "log-cosh"
    }
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

  mutating func handle(_ key: Key) {
    switch key {
    case .left, .character("h"): moveCursor(by: -span / 100)
    case .right, .character("l"): moveCursor(by: span / 100)
    case .shiftLeft, .character("H"): moveCursor(by: -span / 10)
    case .shiftRight, .character("L"): moveCursor(by: span / 10)
    case .up, .character("k"): selected = (selected + entries.count - 1) % entries.count
    case .down, .character("j"): selected = (selected + 1) % entries.count
    case .character(" "), .enter: entries[selected].visible.toggle()
    case .character("g"): showSlope.toggle()
    case .character("t"): toggleTarget()
    case .character("d"): changeDelta(by: 0.5)
    case .character("D"): changeDelta(by: 2)
    case .character("+"), .character("="): zoom(0.5)
    case .character("-"), .character("_"): zoom(2)
    case .character("<"), .character(","): pan(-0.1)
    case .character(">"), .character("."): pan(0.1)
    case .character("y"): logY.toggle()
    case .character("0"): self = CurvesState()
    default: break
    }
  }

  mutating func toggleTarget() {
    var c = entries[selected].curve
    switch c.kind {
    case .bce, .mse, .mae, .huber, .logCosh: c.target = c.target == 0 ? 1 : 0
    case .hinge, .squaredHinge: c.target = c.target > 0 ? -1 : 1
    case .negLog, .log: return
    }
    entries[selected].curve = c
  }

  /// Multiplies every Huber curve's δ (kept within 0.125...8).
  mutating func changeDelta(by factor: Double) {
    for i in entries.indices where entries[i].curve.kind == .huber {
      entries[i].curve.delta = min(max(entries[i].curve.delta * factor, 0.125), 8)
    }
  }

  mutating func mouse(_ m: MouseEvent, in rect: Rect, options: RenderOptions) {
    guard m.kind == .press || m.kind == .drag else { return }
    switch m.button {
    case .wheelUp: zoom(0.8)
    case .wheelDown: zoom(1.25)
    case .left:
      var scratch = Screen(width: rect.maxX, height: rect.maxY)
      let frame = render(into: &scratch, rect: rect, options: options)
      if frame.area.contains(x: m.x, y: m.y) {
        cursorX = min(max(frame.dataX(column: m.x), xRange.lowerBound), xRange.upperBound)
      } else if let row = panelRow(at: m, rect: rect) {
        selected = row
      }
    default: break
    }
  }
}
