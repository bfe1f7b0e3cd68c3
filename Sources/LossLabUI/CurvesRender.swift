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
      NumberText.short(v, significant: 6).replacing("-", with: minus)
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
    var plot = LinePlot(xRange: xRange, yRange: yRange)
    plot.logY = logY
    plot.xTitle = options.ascii ? "prediction y_pred" : "prediction ŷ"
    plot.yTitle = "loss"
    plot.cursorX = cursorX
    for (i, e) in entries.enumerated() where e.visible {
      let curve = e.curve
      plot.series.append(
        Series(
          name: name(curve, options), color: Theme.color(i), asciiGlyph: Theme.glyph(i),
          emphasized: i == selected, source: .function { curve.value(at: $0) }))
      let y = curve.value(at: cursorX)
      if y.isFinite { plot.markers.append((x: cursorX, y: y, color: Theme.color(i))) }
    }
    if let g = guessValue, let x = guessAt {
      plot.series.append(
        Series(
          name: "your guess", color: Color(250), asciiGlyph: "~", emphasized: false,
          source: .function { _ in g }))
      plot.markers.append((x: x, y: g, color: Color(250)))
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

  /// Draws the plot and the side panel; returns where the plot's data area landed.
  @discardableResult
  func render(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    let w = Self.panelWidth(for: rect)
    let panel = Rect(x: rect.maxX - w, y: rect.y, width: w, height: rect.height)
    let plotRect = Rect(x: rect.x, y: rect.y, width: rect.width - w, height: rect.height)
    let frame = linePlot(options: options).draw(into: &screen, rect: plotRect, options: options)
    if panel.width > 0 { renderPanel(into: &screen, rect: panel, options: options) }
    return frame
  }

  /// The panel's table: a title row, then a row per shown entry (swatch, name, value, the loss's
  /// unit, slope), in columns sized to their content. The slope column goes first when the panel is
  /// too narrow (the status bar keeps the selected curve's slope), then the unit column.
  func panelTable(width: Int, shown: Range<Int>, options: RenderOptions) -> [String] {
    func rows(slope: Bool, unit: Bool) -> [[String]] {
      var out: [[String]] = [
        ["", "curve", "value"] + (unit ? [""] : []) + (slope ? ["slope"] : [])
      ]
      for i in shown {
        let e = entries[i]
        let swatch: String
        if options.ascii || !options.hasColor {
          swatch = e.visible ? String(Theme.glyph(i)) : "."  // the glyph the plot draws it with
        } else {
          swatch = e.visible ? "■" : "□"
        }
        var row = [swatch, shortName(e.curve, options)]
        if e.visible {
          let v = e.curve.value(at: cursorX)
          let d = e.curve.slope(at: cursorX)
          row.append(v.isNaN ? "-" : Fmt.num(v, 3, ascii: options.ascii))
          let u = e.curve.loss.unit.short
          if unit { row.append(v.isNaN ? "" : (options.ascii ? asciiOnly(u) : u)) }
          if slope { row.append(d.isNaN ? "-" : Fmt.signed(d, 3, ascii: options.ascii)) }
        }
        out.append(row)
      }
      return out
    }
    let align: [TextColumns.Alignment] = [.left, .left, .right, .left, .right]
    for (slope, unit) in [(true, true), (false, true), (true, false), (false, false)] {
      let a: [TextColumns.Alignment] = unit ? align : [.left, .left, .right, .right]
      if let laid = TextColumns.lay(rows(slope: slope, unit: unit), align: a, gap: 1, width: width)
      {
        return laid
      }
    }
    return rows(slope: false, unit: false).map { $0.prefix(2).joined(separator: " ") }
  }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let s = Symbols.of(options)
    let heading = Theme.styled(Theme.heading, options)
    screen.fill(rect)
    let x0 = rect.x + 1
    let inner = Rect(x: x0, y: rect.y, width: rect.width - 1, height: rect.height)
    screen.put(
      "at \(s.hat) = \(Fmt.num(cursorX, 3, ascii: options.ascii))", x: x0, y: rect.y,
      style: heading, clip: inner)
    let shown = panelEntries(height: rect.height)
    let table = panelTable(width: inner.width, shown: shown, options: options)
    screen.put(table[0], x: x0, y: rect.y + 2, style: .dim, clip: inner)
    for (n, i) in shown.enumerated() {
      let e = entries[i]
      let y = rect.y + 3 + n
      guard y < rect.maxY else { break }
      let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      var style: Style = e.visible ? .plain : .dim
      if i == selected { style = style.with(.reverse) }
      screen.fill(row, with: Cell(" ", style: style))
      let text = table[n + 1]
      screen.put(text, x: x0, y: y, style: style, clip: inner)
      // The swatch in the curve's colour.
      if options.hasColor && e.visible {
        screen.put(
          String(text.unicodeScalars.first!), x: x0, y: y, style: style.fg(Theme.color(i)),
          clip: inner)
      }
    }
    var y = rect.y + 4 + shown.count
    let a = options.ascii
    var notes = PanelText()
    notes.add(
      "\(s.hat) from \(Fmt.num(xRange.lowerBound, 2, ascii: a)) to \(Fmt.num(xRange.upperBound, 2, ascii: a))"
        + (logY ? ", log loss axis" : ""), .dim, .essential)
    if showSlope { notes.add("slope overlay: \(name(selectedCurve, options))", .dim, .useful) }
    notes.add("e: explain  t: target  d/D: \(a ? "dtg" : "δτγ")", .dim, .detail)
    y = notes.draw(
      into: &screen, rect: Rect(x: x0, y: y, width: inner.width, height: rect.maxY - y))
  }

  func status(options: RenderOptions) -> String {
    let s = Symbols.of(options)
    let c = selectedCurve
    let v = c.value(at: cursorX)
    let d = c.slope(at: cursorX)
    var text = "\(s.hat)=\(Fmt.num(cursorX, 3, ascii: options.ascii))  \(shortName(c, options))"
    if v.isNaN {
      text += " undefined here"
    } else {
      text +=
        " = \(Fmt.num(v, 3, ascii: options.ascii)) \(c.loss.unit.label)  slope \(Fmt.signed(d, 3, ascii: options.ascii))"
      // A positive loss with no slope: Keras clips the prediction there (BCE at ŷ = 0 or 1).
      if d == 0, v > 0, c.loss.id.hasSuffix("crossentropy") {
        text +=
          options.ascii
          ? " (Keras clips y^ to [1e-7, 1-1e-7])" : " (Keras clips ŷ to [1e−7, 1−1e−7])"
      }
    }
    return text
  }
}
