import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the classification view keeps between frames, per map: the sampled surface and the map drawn
/// without its paths, each keyed by everything it depends on.
public struct ClassifyRenderCache: Sendable {
  struct SurfaceKey: Equatable, Sendable {
    var source: ClassDataSource
    var loss: Loss
    var gamma: Double
    var w: ClosedRange<Double>
    var b: ClosedRange<Double>
    var columns: Int
    var rows: Int
  }

  struct BaseKey: Equatable, Sendable {
    var surface: SurfaceKey
    var width: Int
    var height: Int
    var options: RenderOptions
    var colors: [Color]
  }

  struct Map: Sendable {
    var surface: (key: SurfaceKey, grid: Grid2D)?
    var base: (key: BaseKey, screen: Screen, frame: PlotFrame)?
  }

  private(set) var maps: [Map] = [Map(), Map()]
  /// How many surfaces were computed (for tests that check reuse).
  private(set) var surfacesComputed = 0

  public init() {}

  mutating func grid(_ i: Int, for key: SurfaceKey, objective: LogisticObjective) -> Grid2D {
    if let s = maps[i].surface, s.key == key { return s.grid }
    let grid = objective.surface(columns: key.columns, rows: key.rows, w: key.w, b: key.b)
    maps[i].surface = (key, grid)
    maps[i].base = nil
    surfacesComputed += 1
    return grid
  }

  mutating func baseLayer(_ i: Int, for key: BaseKey, plot: ContourPlot) -> (
    screen: Screen, frame: PlotFrame
  ) {
    if let b = maps[i].base, b.key == key { return (b.screen, b.frame) }
    let local = Rect(x: 0, y: 0, width: key.width, height: key.height)
    var screen = Screen(width: key.width, height: key.height)
    let frame = plot.drawBase(into: &screen, rect: local, options: key.options)
    maps[i].base = (key, screen, frame)
    return (screen, frame)
  }
}

/// Where the parts of the classification view go, found without drawing.
public struct ClassifyLayout: Equatable, Sendable {
  /// One map per surface, left to right.
  public var maps: [Rect]
  /// Readouts, logit-gradient panel and data panel.
  public var panel: Rect
  /// Each map's data area and how its cells map to (w, b).
  public var mapFrames: [PlotFrame]
}

extension ClassifyState {
  public func layout(_ rect: Rect, options: RenderOptions) -> ClassifyLayout {
    let (maps, panel) = split(rect)
    let frames = maps.map { map in
      ContourPlot.frame(
        for: map, xRange: wRange, yRange: bRange, samples: sampleSize(for: map, options: options),
        options: options)
    }
    return ClassifyLayout(maps: maps, panel: panel, mapFrames: frames)
  }

  func split(_ rect: Rect) -> (maps: [Rect], panel: Rect) {
    let pw = rect.width >= 100 ? min(48, rect.width * 2 / 5) : max(30, rect.width * 2 / 5)
    let panel = Rect(x: rect.maxX - pw, y: rect.y, width: pw, height: rect.height)
    let all = Rect(x: rect.x, y: rect.y, width: rect.width - pw, height: rect.height)
    guard panes.count == 2 else { return ([all], panel) }
    let left = all.width / 2
    return (
      [
        Rect(x: all.x, y: all.y, width: left, height: all.height),
        Rect(x: all.x + left, y: all.y, width: all.width - left, height: all.height),
      ], panel
    )
  }

  func sampleSize(for map: Rect, options: RenderOptions) -> (columns: Int, rows: Int) {
    let size = ContourPlot.sampleSize(for: map, options: options)
    return (max(2, size.columns), max(2, size.rows))
  }

  static func pathColor(_ i: Int, comparing: Bool) -> Color {
    comparing ? Theme.color(i) : Color(214)
  }

  func mapPlot(_ pane: ClassifyPane, grid: Grid2D, ascii: Bool) -> ContourPlot {
    var plot = ContourPlot(grid: grid)
    plot.xTitle = "w (slope)"
    plot.yTitle = "b (bias)  \(title(pane.objective, ascii: ascii))"
    if let m = pane.minimum.point { plot.minimum = (x: m.w, y: m.b) }
    for (i, d) in pane.descents.enumerated() {
      plot.paths.append(
        ContourPath(
          points: d.trajectory.map { (w: $0.w, b: $0.b) },
          color: Self.pathColor(i, comparing: comparing), name: ""))
    }
    let d = pane.current
    if !comparing, let last = d.trajectory.last, !d.diverged, last.gradW.isFinite,
      last.gradB.isFinite, last.gradW != 0 || last.gradB != 0
    {
      plot.arrow = (x: last.w, y: last.b, dx: -last.gradW, dy: -last.gradB)
    }
    return plot
  }

  /// Draws the maps (base layers from the cache), their paths, then the panel.
  func render(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout ClassifyRenderCache
  ) {
    let (maps, panel) = split(rect)
    for (i, (map, pane)) in zip(maps, panes).enumerated() {
      let size = sampleSize(for: map, options: options)
      let key = ClassifyRenderCache.SurfaceKey(
        source: settings.source, loss: pane.loss, gamma: pane.objective.gamma, w: wRange, b: bRange,
        columns: size.columns,
        rows: size.rows)
      let plot = mapPlot(
        pane, grid: cache.grid(i, for: key, objective: pane.objective), ascii: options.ascii)
      let baseKey = ClassifyRenderCache.BaseKey(
        surface: key, width: map.width, height: map.height, options: options,
        colors: plot.paths.map(\.color))
      let base = cache.baseLayer(i, for: baseKey, plot: plot)
      screen.blit(base.screen, x: map.x, y: map.y)
      plot.drawOverlay(into: &screen, frame: base.frame.moved(by: map), options: options)
    }
    renderPanel(into: &screen, rect: panel, options: options)
  }

  // MARK: Panel

  /// The readout: step, parameters, rate and optimizer, then per surface its loss, accuracy, gradient,
  /// the logit gradient and what it means, and the minimum.
  func readout(options: RenderOptions) -> [(String, Style)] {
    let a = options.ascii
    let heading = Theme.styled(Theme.heading, options)
    let warning = Theme.styled(Theme.warning, options)
    var lines: [(String, Style)] = []
    let first = current.trajectory.last!
    lines.append(("step \(first.step)" + (running ? "  (running)" : ""), heading))
    lines.append(
      (
        "w=\(Fmt.num(first.w, 6, ascii: a))  b=\(Fmt.num(first.b, 6, ascii: a))", .bold
      ))
    lines.append(
      (
        "rate \(Fmt.num(learningRate, 4, ascii: a))  \(comparing ? "all optimizers" : optimizer.rawValue)",
        .plain
      ))
    for pane in panes {
      lines.append(
        contentsOf: paneReadout(pane, options: options, heading: heading, warning: warning))
    }
    return lines
  }

  func paneReadout(
    _ pane: ClassifyPane, options: RenderOptions, heading: Style, warning: Style
  ) -> [(String, Style)] {
    let a = options.ascii
    let s = Symbols.of(options)
    var lines: [(String, Style)] = []
    let d = pane.current
    let last = d.trajectory.last!
    let f = pane.objective
    lines.append(("-- \(title(pane.objective, ascii: a)) --", heading))
    if panes.count == 2 {
      lines.append(
        ("w=\(Fmt.num(last.w, 5, ascii: a))  b=\(Fmt.num(last.b, 5, ascii: a))", .plain))
    }
    let accuracy = f.accuracy(w: last.w, b: last.b)
    lines.append(
      (
        "loss=\(Fmt.num(last.loss, 6, ascii: a)) \(pane.loss.unit.label)  accuracy \(Fmt.num(100 * accuracy, 3, ascii: a))%",
        .bold
      ))
    lines.append(
      (
        "grad w \(Fmt.signed(last.gradW, 4, ascii: a))  b \(Fmt.signed(last.gradB, 4, ascii: a))",
        .plain
      ))
    let g = f.logitGradient(w: last.w, b: last.b)
    let prime = "g"
    let formula = a ? pane.fit.asciiLogitGradientFormula : pane.fit.logitGradientFormula
    if pane.loss == .binaryFocalCrossentropy {
      // Too long for one line of the panel: the definition of pₜ first.
      lines.append(("logit gradient g, \(a ? "pt = sigmoid(t*z)" : "pₜ = σ(t·z)"):", .dim))
      lines.append(("g = \(formula)", .dim))
    } else {
      lines.append(("logit gradient g = \(formula)", .dim))
    }
    lines.append(
      (
        "mean \(prime) \(Fmt.signed(g.mean, 3, ascii: a))  mean |\(prime)| \(Fmt.num(g.meanAbsolute, 3, ascii: a))",
        .plain
      ))
    if g.wrong > 0 {
      lines.append(
        (
          "\(g.wrong) wrong, \(g.wrongSaturated) saturated: |\(prime)| \(Fmt.num(g.wrongMeanAbsolute, 3, ascii: a)) each",
          .plain
        ))
    }
    let size = max(abs(last.gradW), abs(last.gradB))
    if let verdict = verdict(pane, gradient: g, size: size, ascii: a) {
      lines.append((verdict, verdict.hasPrefix("stalled") ? warning : .plain))
    }
    switch pane.minimum {
    case .point(let w, let b, let l):
      lines.append(
        (
          "min w=\(Fmt.num(w, 4, ascii: a)) b=\(Fmt.num(b, 4, ascii: a)) loss \(Fmt.num(l, 4, ascii: a))",
          .dim
        ))
    case .flat(let w, let b, _):
      lines.append(("flat: loss 0 once every point clears its margin", .plain))
      lines.append(
        (
          "region from w=\(Fmt.num(w, 4, ascii: a)) b=\(Fmt.num(b, 4, ascii: a)) (widest margin)",
          .dim
        ))
    case .unbounded(let direction, _):
      lines.append(("no finite minimum (separable classes):", warning))
      lines.append(
        (
          "w grows without bound, to \(direction > 0 ? "+" : "-")\(s.infinity); the path goes on",
          warning
        ))
    }
    if d.isDiverging { lines.append(("diverging: lower the rate with [", warning)) }
    return lines
  }

  /// What the logit gradient says about the current step: stalled on a plateau, or pulled home.
  func verdict(
    _ pane: ClassifyPane, gradient g: LogisticObjective.LogitGradient, size: Double, ascii: Bool
  ) -> String? {
    guard g.wrong > 0 else { return nil }
    if g.wrongSaturated * 2 >= g.wrong && size < 0.02 {
      return "stalled: wrong points saturated, their g ~ 0"
    }
    if pane.loss == .binaryCrossentropy && g.wrongMeanAbsolute > 0.5 {
      return "wrong points pull hard: |\(ascii ? "sigma" : "σ") - y| near 1"
    }
    return nil
  }

  /// The loss's title, with γ for the focal loss (`focal BCE (logits) γ=2`).
  func title(_ objective: LogisticObjective, ascii: Bool) -> String {
    let name = ascii ? objective.fit.asciiTitle : objective.fit.title
    guard objective.loss.parameters.contains(.gamma) else { return name }
    return name + " \(ascii ? "gamma" : "γ")=\(NumberText.short(objective.gamma))"
  }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    screen.fill(rect)
    var y = rect.y
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
    var lines = readout(options: options)
    let counts = (data.label.count { $0 == 0 }, data.label.count { $0 == 1 })
    let kind: String
    switch data.separation {
    case .overlapping: kind = "overlapping"
    case .separable(_, let gap): kind = "separable (gap \(Fmt.num(gap, 3, ascii: options.ascii)))"
    }
    lines.append(("\(data.count) points: \(counts.0) + \(counts.1), \(kind)", .dim))
    if let e = dataError { lines.append((e, Theme.styled(Theme.warning, options))) }
    // Wrapped to the panel; on a short panel the details go first (see `readoutPriority`).
    var text = PanelText()
    for (line, style) in lines { text.add(line, style, Self.readoutPriority(line)) }
    let room = comparing ? max(0, rect.height - panes[0].descents.count) : rect.height
    y = text.draw(into: &screen, rect: inner, height: room)
    if comparing {
      for (i, d) in panes[0].descents.enumerated() where y < rect.maxY {
        let last = d.trajectory.last!
        let mark = options.hasColor ? Symbols.of(options).bullet : String(Theme.glyph(i))
        var x = screen.put(
          mark, x: inner.x, y: y, style: Style(foreground: Theme.color(i)), clip: inner)
        x = screen.put(" " + d.optimizer.kind.rawValue, x: x, y: y, clip: inner)
        let unit = options.ascii ? asciiOnly(panes[0].loss.unit.short) : panes[0].loss.unit.short
        let v =
          d.isDiverging ? "diverging" : "\(Fmt.num(last.loss, 4, ascii: options.ascii)) \(unit)"
        screen.put(v, x: inner.maxX - v.count - 1, y: y, clip: inner)
        y += 1
      }
    }
    let rest = rect.maxY - y
    // Only with room for its title and two ticks.
    guard rest >= ContourState.chartMinimum else { return }
    dataPlot(options: options).draw(
      into: &screen, rect: Rect(x: rect.x, y: y, width: rect.width, height: rest), options: options)
  }

  /// How much a readout line matters when the panel is short: the step, w and b, each surface's
  /// title and loss, and warnings stay; the minimum, the data summary and the formula go first.
  static func readoutPriority(_ line: String) -> PanelText.Priority {
    let essential = ["step", "w=", "loss=", "-- ", "diverging", "no finite", "rate"]
    let detail = ["min ", "region", "logit gradient", "mean "]
    if essential.contains(where: { line.hasPrefix($0) }) { return .essential }
    if detail.contains(where: { line.hasPrefix($0) })
      || line.first?.isNumber == true && line.contains("points")
    {
      return .detail
    }
    return .useful
  }

  /// The data panel: class 0 in a row just below 0, class 1 just above 1 (so that the curve, flat at 0 and 1
  /// where it saturates, does not hide them), the current σ(w·x + b) of each surface and its decision boundary
  /// x = −b/w.
  func dataPlot(options: RenderOptions) -> LinePlot {
    let r = data.xRange
    let pad = max((r.upperBound - r.lowerBound) * 0.05, 0.1)
    let xr = (r.lowerBound - pad)...(r.upperBound + pad)
    var plot = LinePlot(xRange: xr, yRange: -0.2...1.2)
    plot.xTitle = "x"
    plot.yTitle = options.ascii ? "p" : "σ"
    plot.showLegend = false
    var x0: [Double] = []
    var x1: [Double] = []
    for (x, y) in zip(data.x, data.label) {
      if y == 1 { x1.append(x) } else { x0.append(x) }
    }
    let colors = [Color(214), Color(177)]
    for (i, pane) in panes.enumerated() {
      let last = pane.current.trajectory.last!
      let (w, b) = (last.w, last.b)
      if w != 0 {
        let boundary = -b / w
        if xr.contains(boundary) {
          plot.series.append(
            Series(
              name: "boundary", color: Color(244), asciiGlyph: "|", emphasized: false,
              source: .points([boundary, boundary], [-0.1, 1.1])))
        }
      }
      plot.series.append(
        Series(
          name: pane.fit.title, color: colors[i % 2], asciiGlyph: i == 0 ? "*" : "+",
          emphasized: true, source: .function { sigmoid(w * $0 + b) }))
    }
    plot.series.append(
      Series(
        name: "class 0", color: Color(75), asciiGlyph: "o", emphasized: false,
        source: .scatter(x0, Array(repeating: -0.08, count: x0.count))))
    plot.series.append(
      Series(
        name: "class 1", color: Color(203), asciiGlyph: "x", emphasized: false,
        source: .scatter(x1, Array(repeating: 1.08, count: x1.count))))
    return plot
  }

  func status(options: RenderOptions) -> String {
    let a = options.ascii
    let last = current.trajectory.last!
    var s =
      "step \(last.step)  w=\(Fmt.num(last.w, 4, ascii: a)) b=\(Fmt.num(last.b, 4, ascii: a))"
    for pane in panes {
      s +=
        "  \(pane.loss.shortName) \(Fmt.num(pane.current.trajectory.last!.loss, 4, ascii: a)) \(pane.loss.unit.label)"
    }
    if panes.contains(where: { $0.descents.contains { $0.isDiverging } }) { s += "  diverging" }
    return s
  }
}
