import LossCore
import LossPlot

/// Where the parts of the curves view go in its rectangle, found without drawing.
public struct CurvesLayout: Equatable, Sendable {
  /// The plot (axes and curves).
  public var plot: Rect
  /// The side panel with one row per curve (zero width on narrow screens).
  public var panel: Rect
  /// The plot's data area and how its columns map to predictions.
  public var plotFrame: PlotFrame
  /// The curves the panel lists, top to bottom (a window around the selected one when not all fit).
  var shownEntries: Range<Int>

  /// The curve whose panel row is at the mouse, if any. Rows start three below the panel's top:
  /// heading, blank, column titles.
  public func entry(at m: MouseEvent) -> Int? {
    guard panel.width > 0, panel.contains(x: m.x, y: m.y) else { return nil }
    let i = shownEntries.lowerBound + m.y - panel.y - 3
    return shownEntries.contains(i) ? i : nil
  }
}

extension CurvesState {
  static func panelWidth(for rect: Rect) -> Int {
    rect.width >= 100 ? 40 : (rect.width >= 80 ? 38 : (rect.width >= 66 ? 32 : 0))
  }

  /// The plot on the left, the panel on the right.
  public func layout(_ rect: Rect, options: RenderOptions) -> CurvesLayout {
    let w = Self.panelWidth(for: rect)
    let panel = Rect(x: rect.maxX - w, y: rect.y, width: w, height: rect.height)
    let plotRect = Rect(x: rect.x, y: rect.y, width: rect.width - w, height: rect.height)
    return CurvesLayout(
      plot: plotRect, panel: panel, plotFrame: linePlot(options: options).frame(in: plotRect),
      shownEntries: panelEntries(height: panel.height))
  }

  /// The entries the panel lists: all when they fit above the three notes, else a window that keeps
  /// the selected entry in view.
  func panelEntries(height: Int) -> Range<Int> {
    // Rows: heading, blank, column titles, the entries, a blank, three notes.
    let room = max(1, height - 7)
    guard entries.count > room else { return entries.indices }
    let first = min(max(selected - room / 2, 0), entries.count - room)
    return first..<(first + room)
  }

  func name(_ c: LossCurve, _ options: RenderOptions) -> String {
    options.ascii ? c.asciiName : c.name
  }

  /// A label of at most 13 columns for the panel: "BCE y=0", "sq.hinge y=+1", "Huber y=1 δ=1".
  func shortName(_ c: LossCurve, _ options: RenderOptions) -> String {
    let minus = options.ascii ? "-" : "−"
    func num(_ v: Double) -> String {
      NumberText.replacingMinus(NumberText.short(v, significant: 6), with: minus)
    }
    let style = c.loss.curve
    let symbol = style.panelSymbol ?? (options.ascii ? style.asciiSymbol : style.symbol)
    guard c.loss.targets != .none else { return symbol }
    let y = "y=" + (c.loss.targets == .signedLabel ? c.targetText(minus: minus) : num(c.target))
    guard let p = c.parameter, let symbols = p.symbol, let v = p.value(in: c.config) else {
      return symbol + " " + y
    }
    return "\(symbol) \(y) \(options.ascii ? symbols.ascii : symbols.unicode)=\(num(v))"
  }

  /// The plot of the visible curves, the cursor and its markers, and the slope overlay.
  func linePlot(options: RenderOptions) -> LinePlot {
    var plot = curvesPlot(options: options)
    placeCursor(on: &plot)
    return plot
  }

  /// The plot without its cursor: the visible curves (the selected one emphasized), a lesson's
  /// guess and the slope overlay. It changes only when the curves, the range or the options do,
  /// so the render cache keeps it while the cursor moves.
  func curvesPlot(options: RenderOptions) -> LinePlot {
    var plot = LinePlot(xRange: xRange, yRange: yRange)
    plot.logY = logY
    plot.xTitle = options.ascii ? "prediction y_pred" : "prediction ŷ"
    plot.yTitle = "loss"
    for (i, e) in entries.enumerated() where e.visible {
      let curve = e.curve
      plot.series.append(
        Series(
          name: name(curve, options), color: Theme.color(i), asciiGlyph: Theme.glyph(i),
          emphasized: i == selected, source: .function { curve.value(at: $0) }))
    }
    if let g = guessValue, guessAt != nil {
      plot.series.append(
        Series(
          name: "your guess", color: Color(250), asciiGlyph: "~", emphasized: false,
          source: .function { _ in g }))
    }
    if showSlope {
      let curve = selectedCurve
      plot.series.append(
        Series(
          name: "slope of " + name(curve, options),
          color: Color(250), asciiGlyph: ":", emphasized: false,
          source: .function { curve.slope(at: $0) }))
    }
    return plot
  }

  /// Puts the cursor on `plot` (from `curvesPlot`): the line at ŷ and a marker where it meets each
  /// visible curve, and the guess's mark. The markers are rewritten in the plot's own storage.
  func placeCursor(on plot: inout LinePlot) {
    plot.cursorX = cursorX
    plot.markers.removeAll(keepingCapacity: true)
    for (i, e) in entries.enumerated() where e.visible {
      let y = e.curve.value(at: cursorX)
      if y.isFinite { plot.markers.append((x: cursorX, y: y, color: Theme.color(i))) }
    }
    if let g = guessValue, let x = guessAt {
      plot.markers.append((x: x, y: g, color: Color(250)))
    }
  }

  /// Draws the plot and the side panel; returns where the plot's data area landed.
  @discardableResult
  func render(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    var cache = CurvesRenderCache()
    return render(into: &screen, rect: rect, options: options, cache: &cache)
  }

  /// Draws the plot and the side panel with what `cache` keeps from earlier frames (the plot, the
  /// panel's names and notes, the canvas, the text buffers); returns where the plot's data area
  /// landed. A cursor move redraws without allocating.
  @discardableResult
  func render(
    into screen: inout Screen, rect: Rect, options: RenderOptions,
    cache: inout CurvesRenderCache
  ) -> PlotFrame {
    cache.refresh(for: self, options: options)
    let w = Self.panelWidth(for: rect)
    let panel = Rect(x: rect.maxX - w, y: rect.y, width: w, height: rect.height)
    let plotRect = Rect(x: rect.x, y: rect.y, width: rect.width - w, height: rect.height)
    placeCursor(on: &cache.plot)
    let frame = cache.plot.draw(
      into: &screen, rect: plotRect, options: options, scratch: &cache.scratch)
    if panel.width > 0 { renderPanel(into: &screen, rect: panel, options: options, cache: &cache) }
    return frame
  }

  /// One entry's texts in the panel's table: swatch, name, and (when it is drawn) value, unit, slope.
  struct PanelTexts {
    var swatch: String
    var name: String
    var numbers: (value: String, unit: String, slope: String)?
  }

  /// The texts of each shown entry, worked out once per frame (the layouts only choose columns),
  /// written into `texts` (emptied first, its storage kept); `names` holds each entry's `shortName`.
  func panelTexts(
    shown: Range<Int>, options: RenderOptions, names: [String], into texts: inout [PanelTexts]
  ) {
    texts.removeAll(keepingCapacity: true)
    for i in shown {
      let e = entries[i]
      let swatch: String
      if options.ascii || !options.hasColor {
        swatch = e.visible ? String(Theme.glyph(i)) : "."  // the glyph the plot draws it with
      } else {
        swatch = e.visible ? "■" : "□"
      }
      var t = PanelTexts(swatch: swatch, name: names[i], numbers: nil)
      if e.visible {
        let v = e.curve.value(at: cursorX)
        let d = e.curve.slope(at: cursorX)
        let u = e.curve.loss.unit.short
        t.numbers = (
          v.isNaN ? "-" : Fmt.num(v, 3, ascii: options.ascii),
          v.isNaN ? "" : (options.ascii ? asciiOnly(u) : u),
          d.isNaN ? "-" : Fmt.signed(d, 3, ascii: options.ascii)
        )
      }
      texts.append(t)
    }
  }

  /// The panel's table layout: which of the unit and slope columns it keeps and each column's width
  /// (swatch, curve, value, unit, slope; a dropped column has width 0). The slope column goes first
  /// when the panel is too narrow (the status bar keeps the selected curve's slope), then the unit
  /// column; nil when even the value column does not fit.
  struct PanelColumns {
    var slope: Bool, unit: Bool
    var widths: (Int, Int, Int, Int, Int)
  }

  static let panelHeader = (swatch: "", name: "curve", value: "value", unit: "", slope: "slope")

  func panelColumns(_ texts: [PanelTexts], width: Int) -> PanelColumns? {
    let h = Self.panelHeader
    for (slope, unit) in [(true, true), (false, true), (true, false), (false, false)] {
      var w = (h.swatch.count, h.name.count, h.value.count, h.unit.count, h.slope.count)
      for t in texts {
        w.0 = max(w.0, t.swatch.count)
        w.1 = max(w.1, t.name.count)
        if let n = t.numbers {
          w.2 = max(w.2, n.value.count)
          w.3 = max(w.3, n.unit.count)
          w.4 = max(w.4, n.slope.count)
        }
      }
      if !unit { w.3 = 0 }
      if !slope { w.4 = 0 }
      let columns = 3 + (unit ? 1 : 0) + (slope ? 1 : 0)
      if w.0 + w.1 + w.2 + w.3 + w.4 + (columns - 1) <= width {
        return PanelColumns(slope: slope, unit: unit, widths: w)
      }
    }
    return nil
  }

  /// Draws one row of the table at (x, y): each cell padded to its column (the value and slope
  /// right-aligned), one space between columns, trailing spaces left out (what `TextColumns.lay`
  /// lays out, written without building the line).
  func drawPanelRow(
    _ cells: (swatch: String, name: String, numbers: (value: String, unit: String, slope: String)?),
    _ layout: PanelColumns, x: Int, y: Int, style: Style, clip: Rect, into screen: inout Screen
  ) {
    let w = layout.widths
    // Cells with their column's start, width and alignment, left to right.
    var end = x  // after the last character that is not a pad
    var col = x
    func cell(_ text: String, _ width: Int, right: Bool, first: Bool = false) {
      if !first { col += 1 }
      let n = text.count
      if n > 0 { end = (right ? col + width - n : col) + n }
      col += width
    }
    // First pass: where the text ends (trailing pads are not written).
    cell(cells.swatch, w.0, right: false, first: true)
    cell(cells.name, w.1, right: false)
    if let n = cells.numbers {
      cell(n.value, w.2, right: true)
      if layout.unit { cell(n.unit, w.3, right: false) }
      if layout.slope { cell(n.slope, w.4, right: true) }
    }
    // Second pass: pads and texts up to that end.
    var at = x
    func put(_ text: String, _ width: Int, right: Bool, first: Bool = false) {
      if !first, at < end { at = screen.put(" ", x: at, y: y, style: style, clip: clip) }
      let pad = width - text.count
      if right {
        for _ in 0..<pad where at < end {
          at = screen.put(" ", x: at, y: y, style: style, clip: clip)
        }
      }
      if !text.isEmpty { at = screen.put(text, x: at, y: y, style: style, clip: clip) }
      if !right {
        for _ in 0..<pad where at < end {
          at = screen.put(" ", x: at, y: y, style: style, clip: clip)
        }
      }
    }
    put(cells.swatch, w.0, right: false, first: true)
    put(cells.name, w.1, right: false)
    if let n = cells.numbers {
      put(n.value, w.2, right: true)
      if layout.unit { put(n.unit, w.3, right: false) }
      if layout.slope { put(n.slope, w.4, right: true) }
    }
  }

  /// The table as lines when not even the value column fits: swatch and name.
  func narrowPanelTable(_ texts: [PanelTexts]) -> [String] {
    [" curve"] + texts.map { $0.swatch + " " + $0.name }
  }

  func renderPanel(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout CurvesRenderCache
  ) {
    let s = Symbols.of(options)
    let heading = Theme.styled(Theme.heading, options)
    screen.fill(rect)
    let x0 = rect.x + 1
    let inner = Rect(x: x0, y: rect.y, width: rect.width - 1, height: rect.height)
    cache.text.removeAll(keepingCapacity: true)
    cache.text += "at "
    cache.text += s.hat
    cache.text += " = "
    cache.text += Fmt.num(cursorX, 3, ascii: options.ascii)
    screen.put(cache.text, x: x0, y: rect.y, style: heading, clip: inner)
    let shown = panelEntries(height: rect.height)
    panelTexts(shown: shown, options: options, names: cache.shortNames, into: &cache.texts)
    let texts = cache.texts
    let layout = panelColumns(texts, width: inner.width)
    let narrow = layout == nil ? narrowPanelTable(texts) : []
    let h = Self.panelHeader
    if let layout {
      drawPanelRow(
        (h.swatch, h.name, (h.value, h.unit, h.slope)), layout, x: x0, y: rect.y + 2, style: .dim,
        clip: inner, into: &screen)
    } else {
      screen.put(narrow[0], x: x0, y: rect.y + 2, style: .dim, clip: inner)
    }
    for (n, i) in shown.enumerated() {
      let e = entries[i]
      let y = rect.y + 3 + n
      guard y < rect.maxY else { break }
      let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      var style: Style = e.visible ? .plain : .dim
      if i == selected { style = style.with(.reverse) }
      screen.fill(row, with: Cell(" ", style: style))
      let t = texts[n]
      if let layout {
        drawPanelRow(
          (t.swatch, t.name, t.numbers), layout, x: x0, y: y, style: style, clip: inner,
          into: &screen)
      } else {
        screen.put(narrow[n + 1], x: x0, y: y, style: style, clip: inner)
      }
      // The swatch in the curve's colour.
      if options.hasColor && e.visible {
        screen.put(
          t.swatch.unicodeScalars.first!, x: x0, y: y, style: style.fg(Theme.color(i)),
          clip: inner)
      }
    }
    let y = rect.y + 4 + shown.count
    cache.notes.draw(
      into: &screen, rect: Rect(x: x0, y: y, width: inner.width, height: rect.maxY - y))
  }

  /// The notes under the panel's table: the range, the slope overlay, more keys. They change with
  /// the range and the curves, not with the cursor (the render cache keeps them).
  func panelNotes(options: RenderOptions) -> PanelText {
    let s = Symbols.of(options)
    let a = options.ascii
    var notes = PanelText()
    notes.add(
      "\(s.hat) from \(Fmt.num(xRange.lowerBound, 2, ascii: a)) to \(Fmt.num(xRange.upperBound, 2, ascii: a))"
        + (logY ? ", log loss axis" : ""), .dim, .essential)
    if showSlope { notes.add("slope overlay: \(name(selectedCurve, options))", .dim, .useful) }
    notes.add("e: explain  t: target  d/D: \(a ? "dtg" : "δτγ")", .dim, .detail)
    return notes
  }

  func status(options: RenderOptions) -> String {
    var text = ""
    status(options: options, shortName: shortName(selectedCurve, options), into: &text)
    return text
  }

  /// The status line written into `text` (emptied first, its storage kept), with the selected
  /// curve's `shortName` given (the render cache keeps the names).
  func status(options: RenderOptions, shortName: String, into text: inout String) {
    let s = Symbols.of(options)
    let a = options.ascii
    let c = selectedCurve
    let v = c.value(at: cursorX)
    let d = c.slope(at: cursorX)
    text.removeAll(keepingCapacity: true)
    text += s.hat
    text += "="
    text += Fmt.num(cursorX, 3, ascii: a)
    text += "  "
    text += shortName
    if v.isNaN {
      text += " undefined here"
    } else {
      text += " = "
      text += Fmt.num(v, 3, ascii: a)
      text += " "
      text += c.loss.unit.label
      text += "  slope "
      text += Fmt.signed(d, 3, ascii: a)
      // A positive loss with no slope: Keras clips the prediction there (BCE at ŷ = 0 or 1).
      if d == 0, v > 0, c.loss.id.hasSuffix("crossentropy") {
        text += a ? " (Keras clips y^ to [1e-7, 1-1e-7])" : " (Keras clips ŷ to [1e−7, 1−1e−7])"
      }
    }
  }
}

/// What the curves view keeps between frames (in `AppRenderCache`): the plot of the shown curves,
/// each entry's panel name and the panel's notes, made again only when what they show changes
/// (the curves, the selection, the range, a lesson's guess, the options); and the storage a frame
/// rewrites: the plot's canvas and ticks, the panel's table, the heading and status texts. A cursor
/// move then draws without allocating.
struct CurvesRenderCache: Sendable {
  /// What the kept parts were made from.
  struct Inputs: Equatable, Sendable {
    var entries: [CurveEntry]
    var selected: Int
    var xRange: ClosedRange<Double>
    var logY: Bool
    var showSlope: Bool
    var guessAt: Double?
    var guessValue: Double?
    var options: RenderOptions

    init(_ state: CurvesState, _ options: RenderOptions) {
      entries = state.entries
      selected = state.selected
      xRange = state.xRange
      logY = state.logY
      showSlope = state.showSlope
      guessAt = state.guessAt
      guessValue = state.guessValue
      self.options = options
    }
  }

  var inputs: Inputs?
  /// `CurvesState.curvesPlot`; the cursor and markers are put on it each frame.
  var plot = LinePlot(xRange: 0...1, yRange: 0...1)
  var scratch = PlotScratch()
  /// `shortName` of every entry.
  var shortNames: [String] = []
  var notes = PanelText()
  /// The panel table's texts (rewritten each frame).
  var texts: [CurvesState.PanelTexts] = []
  /// The panel's heading, then the status line (rewritten each frame).
  var text = ""
  var status = ""

  /// Makes the kept parts again when `state` or `options` changed what they show.
  mutating func refresh(for state: CurvesState, options: RenderOptions) {
    let now = Inputs(state, options)
    guard now != inputs else { return }
    inputs = now
    plot = state.curvesPlot(options: options)
    shortNames = state.entries.map { state.shortName($0.curve, options) }
    notes = state.panelNotes(options: options)
  }
}
