import LossCore
import LossPlot

extension CurvesState {
  static func panelWidth(for rect: Rect) -> Int {
    rect.width >= 84 ? 36 : (rect.width >= 66 ? 30 : 0)
  }

  func panelRect(_ rect: Rect) -> Rect {
    let w = Self.panelWidth(for: rect)
    return Rect(x: rect.maxX - w, y: rect.y, width: w, height: rect.height)
  }

  /// The entry whose panel row is under the mouse, if any.
  func panelRow(at m: MouseEvent, rect: Rect) -> Int? {
    let panel = panelRect(rect)
    guard panel.width > 0, panel.contains(x: m.x, y: m.y) else { return nil }
    let i = m.y - panel.y - 3
    return entries.indices.contains(i) ? i : nil
  }

  func name(_ c: LossCurve, _ options: RenderOptions) -> String { options.ascii ? c.asciiName : c.name }

  /// Draws the plot and the side panel; returns where the plot's data area landed.
  @discardableResult
  func render(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    let panel = panelRect(rect)
    let plotRect = Rect(x: rect.x, y: rect.y, width: rect.width - panel.width, height: rect.height)
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
    if showSlope {
      let curve = selectedCurve
      plot.series.append(
        Series(
          name: (options.ascii ? "slope of " : "slope of ") + name(curve, options),
          color: Color(250), asciiGlyph: ":", emphasized: false,
          source: .function { curve.slope(at: $0) }))
    }
    let frame = plot.draw(into: &screen, rect: plotRect, options: options)
    if panel.width > 0 { renderPanel(into: &screen, rect: panel, options: options) }
    return frame
  }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let s = Symbols.of(options)
    let heading = Theme.styled(Theme.heading, options)
    screen.fill(rect)
    let x0 = rect.x + 1
    let valueCol = rect.maxX - 16
    let slopeCol = rect.maxX - 8
    screen.put("at \(s.hat) = \(Fmt.num(cursorX, 3, ascii: options.ascii))", x: x0, y: rect.y, style: heading, clip: rect)
    screen.put("value", x: valueCol + 2, y: rect.y + 2, style: .dim, clip: rect)
    screen.put("slope", x: slopeCol + 2, y: rect.y + 2, style: .dim, clip: rect)
    screen.put("curve", x: x0 + 4, y: rect.y + 2, style: .dim, clip: rect)
    for (i, e) in entries.enumerated() {
      let y = rect.y + 3 + i
      guard y < rect.maxY else { break }
      var style: Style = e.visible ? .plain : .dim
      if i == selected { style = style.with(.reverse) }
      screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: Cell(" ", style: i == selected ? .reverse : .plain))
      let box = e.visible ? s.check : s.uncheck
      var boxStyle = style
      if options.hasColor && e.visible { boxStyle = boxStyle.fg(Theme.color(i)) }
      if !options.hasColor && e.visible { screen.put(String(Theme.glyph(i)), x: x0 + 1, y: y, style: boxStyle, clip: rect) }
      screen.put(box, x: x0, y: y, style: boxStyle, clip: rect)
      if !options.hasColor && e.visible { screen.put(String(Theme.glyph(i)), x: x0 + 1, y: y, style: boxStyle, clip: rect) }
      screen.put(name(e.curve, options), x: x0 + 4, y: y, style: style, clip: Rect(x: rect.x, y: y, width: valueCol - rect.x, height: 1))
      guard e.visible else { continue }
      let v = e.curve.value(at: cursorX)
      let d = e.curve.slope(at: cursorX)
      let vs = v.isNaN ? "-" : Fmt.num(v, 3, ascii: options.ascii)
      let ds = d.isNaN ? "-" : Fmt.signed(d, 3, ascii: options.ascii)
      screen.put(vs, x: slopeCol - 1 - vs.count, y: y, style: style, clip: rect)
      screen.put(ds, x: rect.maxX - 1 - ds.count, y: y, style: style, clip: rect)
    }
    var y = rect.y + 4 + entries.count
    let notes = [
      "x \(Fmt.num(xRange.lowerBound, 2, ascii: options.ascii)) to \(Fmt.num(xRange.upperBound, 2, ascii: options.ascii))"
        + (logY ? ", log loss axis" : ""),
      showSlope ? "slope overlay: \(name(selectedCurve, options))" : "g: slope overlay",
      "e: explain  t: target  d/D: \(s.delta)",
    ]
    for note in notes where y < rect.maxY {
      screen.put(note, x: x0, y: y, style: .dim, clip: rect)
      y += 1
    }
  }

  func status(options: RenderOptions) -> String {
    let s = Symbols.of(options)
    let c = selectedCurve
    let v = c.value(at: cursorX)
    let d = c.slope(at: cursorX)
    var text = "\(s.hat)=\(Fmt.num(cursorX, 3, ascii: options.ascii))  \(name(c, options))"
    if v.isNaN {
      text += " undefined here"
    } else {
      text += " = \(Fmt.num(v, 3, ascii: options.ascii))  slope \(Fmt.signed(d, 3, ascii: options.ascii))"
    }
    return text
  }
}
