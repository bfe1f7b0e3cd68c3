import LossCore
import LossPlot

extension ContourState {
  /// The map on the left, the readout and charts on the right.
  func layout(_ rect: Rect) -> (map: Rect, panel: Rect) {
    let pw = rect.width >= 100 ? min(46, rect.width * 2 / 5) : max(28, rect.width * 2 / 5)
    let panel = Rect(x: rect.maxX - pw, y: rect.y, width: pw, height: rect.height)
    return (Rect(x: rect.x, y: rect.y, width: rect.width - pw, height: rect.height), panel)
  }

  func surfaceKey(for map: Rect, options: RenderOptions) -> SurfaceCache.Key {
    let size = ContourPlot.sampleSize(for: map, options: options)
    return SurfaceCache.Key(
      dataVersion: dataVersion, loss: loss, delta: delta, w: wRange, b: bRange,
      columns: max(2, size.columns), rows: max(2, size.rows))
  }

  /// Computes the surface for the map in `rect` unless the cached one still fits,
  /// and draws the map's base layer unless the cached one still fits.
  mutating func prepare(for rect: Rect, options: RenderOptions) {
    let map = layout(rect).map
    let key = surfaceKey(for: map, options: options)
    if surface?.key != key {
      surface = SurfaceCache(key: key, grid: computeSurface(key))
    }
    let plot = mapPlot(rect: map, options: options)
    let baseKey = self.baseKey(for: map, plot: plot, options: options)
    if surface?.base?.key == baseKey { return }
    let local = Rect(x: 0, y: 0, width: map.width, height: map.height)
    var screen = Screen(width: map.width, height: map.height)
    let frame = plot.drawBase(into: &screen, rect: local, options: options)
    surface?.base = SurfaceCache.BaseLayer(key: baseKey, screen: screen, frame: frame)
  }

  func baseKey(for map: Rect, plot: ContourPlot, options: RenderOptions)
    -> SurfaceCache.BaseLayer.Key
  {
    SurfaceCache.BaseLayer.Key(
      size: Rect(x: 0, y: 0, width: map.width, height: map.height), options: options,
      legend: plot.paths.map(\.name), colors: plot.paths.map(\.color))
  }

  func computeSurface(_ key: SurfaceCache.Key) -> Grid2D {
    objective.surface(columns: key.columns, rows: key.rows, w: key.w, b: key.b)
  }

  /// The surface for `map`: the cached one when it fits, else computed now.
  func grid(for map: Rect, options: RenderOptions) -> Grid2D {
    let key = surfaceKey(for: map, options: options)
    if let s = surface, s.key == key { return s.grid }
    return computeSurface(key)
  }

  /// The colour of descent `i`: one bright orange alone, the series colours in compare mode (the panel's
  /// legend names them). The map's grey bands keep every one of them in view.
  static func pathColor(_ i: Int, comparing: Bool) -> Color {
    comparing ? Theme.color(i) : Color(214)
  }

  func mapPlot(rect map: Rect, options: RenderOptions) -> ContourPlot {
    var plot = ContourPlot(grid: grid(for: map, options: options))
    plot.xTitle = "w (slope)"
    plot.yTitle = "b (intercept)"
    if let m = minimum { plot.minimum = (x: m.w, y: m.b) }
    for (i, d) in descents.enumerated() {
      plot.paths.append(
        ContourPath(
          points: d.trajectory.map { (w: $0.w, b: $0.b) },
          color: Self.pathColor(i, comparing: comparing), name: ""))
    }
    if !comparing, let last = current.trajectory.last, !current.diverged,
      last.gradW.isFinite, last.gradB.isFinite, last.gradW != 0 || last.gradB != 0
    {
      plot.arrow = (x: last.w, y: last.b, dx: -last.gradW, dy: -last.gradB)
    }
    return plot
  }

  /// The cached base layer when it was drawn for exactly this map, plot and options.
  func cachedBase(for map: Rect, plot: ContourPlot, options: RenderOptions) -> SurfaceCache
    .BaseLayer?
  {
    guard let base = surface?.base, base.key == baseKey(for: map, plot: plot, options: options),
      surface?.key == surfaceKey(for: map, options: options)
    else { return nil }
    return base
  }

  /// Where the map's data area lands for `map` (from the cached base layer when it fits).
  func mapFrame(_ map: Rect, options: RenderOptions) -> PlotFrame {
    let plot = mapPlot(rect: map, options: options)
    if let base = cachedBase(for: map, plot: plot, options: options) {
      return base.frame.moved(by: map)
    }
    var scratch = Screen(width: map.maxX, height: map.maxY)
    return plot.drawBase(into: &scratch, rect: map, options: options)
  }

  func render(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let (map, panel) = layout(rect)
    let plot = mapPlot(rect: map, options: options)
    if let base = cachedBase(for: map, plot: plot, options: options) {
      // The cached base layer, copied into place; only the overlay is drawn afresh.
      screen.blit(base.screen, x: map.x, y: map.y)
      plot.drawOverlay(into: &screen, frame: base.frame.moved(by: map), options: options)
    } else {
      plot.draw(into: &screen, rect: map, options: options)
    }
    renderPanel(into: &screen, rect: panel, options: options)
  }

  /// Readout lines: `step N`, `w=…`, `b=…`, `loss=…`, gradient, rate, optimizer, minima.
  func readout(options: RenderOptions) -> [(String, Style)] {
    let a = options.ascii
    let d = current
    let last = d.trajectory.last!
    var lines: [(String, Style)] = []
    let heading = Theme.styled(Theme.heading, options)
    lines.append(("step \(last.step)" + (running ? "  (running)" : ""), heading))
    lines.append(("w=\(Fmt.num(last.w, 6, ascii: a))  b=\(Fmt.num(last.b, 6, ascii: a))", .bold))
    lines.append(("loss=\(Fmt.num(last.loss, 6, ascii: a))  (\(loss.rawValue))", .bold))
    lines.append(
      (
        "grad w \(Fmt.signed(last.gradW, 4, ascii: a))  b \(Fmt.signed(last.gradB, 4, ascii: a))",
        .plain
      ))
    let deltaText =
      loss == .huber ? "  \(Symbols.of(options).delta)=\(Fmt.num(delta, 3, ascii: a))" : ""
    lines.append(
      (
        "rate \(Fmt.num(learningRate, 4, ascii: a))  \(comparing ? "all optimizers" : optimizer.rawValue)\(deltaText)",
        .plain
      ))
    if descents.contains(where: { $0.isDiverging }) {
      lines.append(("diverging: lower the rate with [", Theme.styled(Theme.warning, options)))
    }
    let dataText = "\(data.x.count) points" + (outliers > 0 ? ", \(outliers) outliers" : "")
    lines.append((dataText, .dim))
    for l in [FitLoss.mse, .mae] {
      if let m = minima[l] {
        lines.append(
          (
            "\(l.rawValue.uppercased()) min w=\(Fmt.num(m.w, 3, ascii: a)) b=\(Fmt.num(m.b, 3, ascii: a))",
            .dim
          ))
      } else {
        lines.append(
          ("\(l.rawValue.uppercased()) min: not computed over \(Self.maeMinimumLimit) points", .dim)
        )
      }
    }
    if let e = dataError { lines.append((e, Theme.styled(Theme.warning, options))) }
    return lines
  }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    screen.fill(rect)
    var y = rect.y
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
    for (text, style) in readout(options: options) where y < rect.maxY {
      screen.put(text, x: inner.x, y: y, style: style, clip: inner)
      y += 1
    }
    if comparing {
      for (i, d) in descents.enumerated() where y < rect.maxY {
        let last = d.trajectory.last!
        let mark = options.hasColor ? Symbols.of(options).bullet : String(Theme.glyph(i))
        var x = screen.put(
          mark, x: inner.x, y: y, style: Style(foreground: Theme.color(i)), clip: inner)
        x = screen.put(" " + d.optimizer.kind.rawValue, x: x, y: y, clip: inner)
        let v = d.isDiverging ? "diverging" : Fmt.num(last.loss, 4, ascii: options.ascii)
        screen.put(
          v, x: inner.maxX - v.count - 1, y: y,
          style: d.isDiverging ? Theme.styled(Theme.warning, options) : .plain, clip: inner)
        y += 1
      }
    }
    let rest = rect.maxY - y
    guard rest >= 8 else { return }
    let chartHeight = rest / 2
    lossChart().draw(
      into: &screen, rect: Rect(x: rect.x, y: y, width: rect.width, height: chartHeight),
      options: options)
    scatter().draw(
      into: &screen,
      rect: Rect(x: rect.x, y: y + chartHeight, width: rect.width, height: rest - chartHeight),
      options: options)
  }

  /// Loss against step for every descent.
  func lossChart() -> LinePlot {
    let steps = max(10, descents.map { $0.trajectory.count - 1 }.max() ?? 0)
    var hi = 0.0
    for d in descents { for s in d.trajectory where s.loss.isFinite { hi = max(hi, s.loss) } }
    if hi <= 0 { hi = 1 }
    // A linear axis from 0: its labels stay put while the loss falls, so a step redraws little.
    var plot = LinePlot(xRange: 0...Double(steps), yRange: 0...hi * 1.05)
    plot.xTitle = "step"
    plot.yTitle = "loss"
    plot.showLegend = false
    for (i, d) in descents.enumerated() {
      let xs = d.trajectory.map { Double($0.step) }
      let ys = d.trajectory.map { $0.loss }
      plot.series.append(
        Series(
          name: d.optimizer.kind.rawValue, color: Self.pathColor(i, comparing: comparing),
          asciiGlyph: Theme.glyph(i), emphasized: i == 0, source: .points(xs, ys)))
    }
    return plot
  }

  /// The data, the current line y = wx + b and the true line y = 2x + 3.
  func scatter() -> LinePlot {
    let sample = scatterSample
    let (xs, ys) = (sample.x, sample.y)
    let (xlo, xhi) = (sample.xRange.lowerBound, sample.xRange.upperBound)
    let (ylo, yhi) = (sample.yRange.lowerBound, sample.yRange.upperBound)
    let pad = max((yhi - ylo) * 0.1, 0.1)
    var plot = LinePlot(
      xRange: xlo...(xhi > xlo ? xhi : xlo + 1), yRange: (ylo - pad)...(yhi + pad))
    plot.xTitle = "x"
    plot.yTitle = "y"
    plot.showLegend = false
    let last = current.trajectory.last!
    let w = last.w
    let b = last.b
    plot.series.append(
      Series(
        name: "data", color: Color(250), asciiGlyph: ".", emphasized: false,
        source: .scatter(xs, ys)))
    plot.series.append(
      Series(
        name: "y=2x+3", color: Color(78), asciiGlyph: "-", emphasized: false,
        source: .function { 2 * $0 + 3 }))
    plot.series.append(
      Series(
        name: "fit", color: Color(221), asciiGlyph: "*", emphasized: true,
        source: .function { w * $0 + b }))
    return plot
  }

  func status(options: RenderOptions) -> String {
    let last = current.trajectory.last!
    let a = options.ascii
    var s =
      "step \(last.step)  w=\(Fmt.num(last.w, 4, ascii: a)) b=\(Fmt.num(last.b, 4, ascii: a)) loss=\(Fmt.num(last.loss, 4, ascii: a))"
    if descents.contains(where: { $0.isDiverging }) { s += "  diverging" }
    return s
  }
}
