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
  /// How many curve rows the panel lists.
  var entryCount: Int

  /// The curve whose panel row is at the mouse, if any. Rows start three below the panel's top:
  /// heading, blank, column titles.
  public func entry(at m: MouseEvent) -> Int? {
    guard panel.width > 0, panel.contains(x: m.x, y: m.y) else { return nil }
    let i = m.y - panel.y - 3
    return (0..<entryCount).contains(i) ? i : nil
  }
}

extension CurvesState {
  static func panelWidth(for rect: Rect) -> Int {
    rect.width >= 84 ? 36 : (rect.width >= 66 ? 32 : 0)
  }

  /// The plot on the left, the panel on the right.
  public func layout(_ rect: Rect, options: RenderOptions) -> CurvesLayout {
    let w = Self.panelWidth(for: rect)
    let panel = Rect(x: rect.maxX - w, y: rect.y, width: w, height: rect.height)
    let plotRect = Rect(x: rect.x, y: rect.y, width: rect.width - w, height: rect.height)
    return CurvesLayout(
      plot: plotRect, panel: panel, plotFrame: linePlot(options: options).frame(in: plotRect),
      entryCount: entries.count)
  }

  func name(_ c: LossCurve, _ options: RenderOptions) -> String {
    options.ascii ? c.asciiName : c.name
  }

  /// A label of at most 13 columns for the panel: "BCE y=0", "sq.hinge y=+1", "Huber y=1 δ=1".
  func shortName(_ c: LossCurve, _ options: RenderOptions) -> String {
    let minus = options.ascii ? "-" : "−"
    func num(_ v: Double) -> String {
      NumberText.short(v, significant: 6).replacingOccurrences(of: "-", with: minus)
    }
    let y = "y=" + num(c.target)
    let sign = "y=" + (c.target > 0 ? "+1" : minus + "1")
    switch c.kind {
    case .negLog: return minus + "log(x)"
    case .log: return "log(x)"
    case .bce: return "BCE " + y
    case .hinge: return "hinge " + sign
    case .squaredHinge: return "sq.hinge " + sign
    case .mse: return "MSE " + y
    case .mae: return "MAE " + y
    case .huber: return "Huber \(y) \(options.ascii ? "d" : "δ")=\(num(c.delta))"
    case .logCosh: return "logcosh " + y
    }
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

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let s = Symbols.of(options)
    let heading = Theme.styled(Theme.heading, options)
    screen.fill(rect)
    let x0 = rect.x + 1
    let slopeEnd = rect.maxX
    let valueEnd = rect.maxX - 7
    let nameClip = Rect(x: rect.x, y: 0, width: valueEnd - 7 - rect.x, height: screen.height)
    screen.put(
      "at \(s.hat) = \(Fmt.num(cursorX, 3, ascii: options.ascii))", x: x0, y: rect.y,
      style: heading, clip: rect)
    screen.put("curve", x: x0 + 2, y: rect.y + 2, style: .dim, clip: rect)
    screen.put("value", x: valueEnd - 5, y: rect.y + 2, style: .dim, clip: rect)
    screen.put("slope", x: slopeEnd - 5, y: rect.y + 2, style: .dim, clip: rect)
    for (i, e) in entries.enumerated() {
      let y = rect.y + 3 + i
      guard y < rect.maxY else { break }
      let row = Rect(x: rect.x, y: y, width: rect.width, height: 1)
      var style: Style = e.visible ? .plain : .dim
      if i == selected { style = style.with(.reverse) }
      screen.fill(row, with: Cell(" ", style: style))
      let swatch: String
      if options.ascii || !options.hasColor {
        swatch = e.visible ? String(Theme.glyph(i)) : "."  // the glyph the plot draws it with
      } else {
        swatch = e.visible ? "■" : "□"
      }
      let swatchStyle = options.hasColor && e.visible ? style.fg(Theme.color(i)) : style
      screen.put(swatch, x: x0, y: y, style: swatchStyle, clip: rect)
      screen.put(
        shortName(e.curve, options), x: x0 + 2, y: y, style: style, clip: nameClip.intersection(row)
      )
      guard e.visible else { continue }
      let v = e.curve.value(at: cursorX)
      let d = e.curve.slope(at: cursorX)
      let vs = v.isNaN ? "-" : Fmt.num(v, 3, ascii: options.ascii)
      let ds = d.isNaN ? "-" : Fmt.signed(d, 3, ascii: options.ascii)
      screen.put(vs, x: valueEnd - vs.count, y: y, style: style, clip: rect)
      screen.put(ds, x: slopeEnd - ds.count, y: y, style: style, clip: rect)
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
      text +=
        " = \(Fmt.num(v, 3, ascii: options.ascii))  slope \(Fmt.signed(d, 3, ascii: options.ascii))"
    }
    return text
  }
}
