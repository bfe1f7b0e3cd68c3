import LossCore
import LossPlot

extension ContourState {
  static let keys: [KeyHelp] = [
    KeyHelp("s, Space", "one optimizer step"),
    KeyHelp("r", "run / pause continuous stepping"),
    KeyHelp("arrows, h j k l", "move the start point (H J K L: big moves)"),
    KeyHelp("mouse click", "start from the clicked (w, b)"),
    KeyHelp("[ / ]", "halve / double the learning rate"),
    KeyHelp("o / O", "next / previous optimizer"),
    KeyHelp("m", "cycle the loss: mse, mae, huber"),
    KeyHelp("d / D", "Huber delta: halve / double"),
    KeyHelp("x", "add / remove outliers"),
    KeyHelp("c", "compare: every optimizer from the same start"),
    KeyHelp("+ / -", "zoom the (w, b) window in / out"),
    KeyHelp("Shift-arrows", "pan the (w, b) window"),
    KeyHelp("0", "back to the start point and window, path cleared"),
  ]

  var explanationID: String {
    if comparing { return optimizer.rawValue }
    return "fit-" + loss.rawValue
  }

  var wSpan: Double { wRange.upperBound - wRange.lowerBound }
  var bSpan: Double { bRange.upperBound - bRange.lowerBound }

  mutating func moveStart(dw: Double, db: Double) {
    running = false
    start = (start.w + dw * wSpan, start.b + db * bSpan)
  }

  mutating func panWindow(dw: Double, db: Double) {
    wRange = (wRange.lowerBound + dw * wSpan)...(wRange.upperBound + dw * wSpan)
    bRange = (bRange.lowerBound + db * bSpan)...(bRange.upperBound + db * bSpan)
  }

  mutating func zoomWindow(_ factor: Double) {
    let cw = (wRange.lowerBound + wRange.upperBound) / 2
    let cb = (bRange.lowerBound + bRange.upperBound) / 2
    let hw = min(max(wSpan * factor, 1e-3), 1e4) / 2
    let hb = min(max(bSpan * factor, 1e-3), 1e4) / 2
    wRange = (cw - hw)...(cw + hw)
    bRange = (cb - hb)...(cb + hb)
  }

  static func cycled<T: CaseIterable & Equatable>(_ v: T, by n: Int) -> T where T.AllCases == [T] {
    let all = T.allCases
    let i = all.firstIndex(of: v)!
    return all[(i + n + all.count) % all.count]
  }

  mutating func handle(_ key: Key, in rect: Rect, options: RenderOptions) {
    switch key {
    case .character("s"), .character(" "):
      running = false
      step()
    case .character("r"):
      running.toggle()
      if allDone { running = false }
    case .left, .character("h"): moveStart(dw: -1 / 40, db: 0)
    case .right, .character("l"): moveStart(dw: 1 / 40, db: 0)
    case .up, .character("k"): moveStart(dw: 0, db: 1 / 40)
    case .down, .character("j"): moveStart(dw: 0, db: -1 / 40)
    case .character("H"): moveStart(dw: -1 / 8, db: 0)
    case .character("L"): moveStart(dw: 1 / 8, db: 0)
    case .character("K"): moveStart(dw: 0, db: 1 / 8)
    case .character("J"): moveStart(dw: 0, db: -1 / 8)
    case .shiftLeft: panWindow(dw: -0.1, db: 0)
    case .shiftRight: panWindow(dw: 0.1, db: 0)
    case .shiftUp: panWindow(dw: 0, db: 0.1)
    case .shiftDown: panWindow(dw: 0, db: -0.1)
    case .character("+"), .character("="): zoomWindow(0.5)
    case .character("-"), .character("_"): zoomWindow(2)
    case .character("["): learningRate = max(learningRate / 2, 1e-6)
    case .character("]"): learningRate = min(learningRate * 2, 1e6)
    case .character("o"): optimizer = Self.cycled(optimizer, by: 1)
    case .character("O"): optimizer = Self.cycled(optimizer, by: -1)
    case .character("m"): loss = Self.cycled(loss, by: 1)
    case .character("d"): delta = max(delta / 2, 1.0 / 64)
    case .character("D"): delta = min(delta * 2, 64)
    case .character("x"): outliers = outliers == 0 ? Self.outlierCount : 0
    case .character("c"): comparing.toggle()
    case .character("0"):
      running = false
      wRange = Self.defaultW
      bRange = Self.defaultB
      start = Descent.defaultStart
    default: return
    }
    prepare(for: rect, options: options)
  }

  mutating func mouse(_ m: MouseEvent, in rect: Rect, options: RenderOptions) {
    guard m.kind == .press else { return }
    switch m.button {
    case .wheelUp: zoomWindow(0.8)
    case .wheelDown: zoomWindow(1.25)
    case .left:
      let frame = mapFrame(layout(rect).map, options: options)
      guard frame.area.contains(x: m.x, y: m.y) else { return }
      running = false
      start = (frame.dataX(column: m.x), frame.dataY(row: m.y))
    default: return
    }
    prepare(for: rect, options: options)
  }
}
