import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a classification surface depends on besides its window and size.
struct ClassifySurfaceInputs: Equatable, Sendable {
  var source: ClassDataSource
  var loss: Loss
  var gamma: Double
}

/// What the classification view keeps between frames: one map cache per surface (two side by side).
struct ClassifyRenderCache: Sendable {
  var maps = [SurfaceMapCache<ClassifySurfaceInputs>](repeating: .init(), count: 2)
  /// How many surfaces were computed (for tests that check reuse).
  var surfacesComputed: Int { maps.reduce(0) { $0 + $1.surfacesComputed } }
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
    let frames = maps.map { SurfaceMap.frame(for: $0, window: window, options: options) }
    return ClassifyLayout(maps: maps, panel: panel, mapFrames: frames)
  }

  /// The maps on the left, the panel on the right. Side by side, the two maps sit next to each other when
  /// each is at least `sideBySideWidth` wide (room for a level key or for ticks and a title); on a narrower
  /// screen one above the other, each keeping its ticks and title.
  func split(_ rect: Rect) -> (maps: [Rect], panel: Rect) {
    let pw = rect.width >= 100 ? min(48, rect.width * 2 / 5) : max(30, rect.width * 2 / 5)
    let panel = Rect(x: rect.maxX - pw, y: rect.y, width: pw, height: rect.height)
    let all = Rect(x: rect.x, y: rect.y, width: rect.width - pw, height: rect.height)
    guard panes.count == 2 else { return ([all], panel) }
    if all.width / 2 < Self.sideBySideWidth, all.height >= 2 * Self.stackedHeight {
      let top = all.height / 2
      return (
        [
          Rect(x: all.x, y: all.y, width: all.width, height: top),
          Rect(x: all.x, y: all.y + top, width: all.width, height: all.height - top),
        ], panel
      )
    }
    let left = all.width / 2
    return (
      [
        Rect(x: all.x, y: all.y, width: left, height: all.height),
        Rect(x: all.x + left, y: all.y, width: all.width - left, height: all.height),
      ], panel
    )
  }

  /// The narrowest map drawn beside the other one.
  static let sideBySideWidth = 28
  /// The lowest map drawn above the other one: its title, two ticks, the axis and its labels.
  static let stackedHeight = 8

  /// The contour levels of `pane`'s map. Own data: levels in geometric steps above the minimum, as the
  /// contour view draws own data, so the rings show the valley whatever the window's scale; else the
  /// plot's own (nil).
  func mapLevels(_ pane: ClassifyPane, grid: Grid2D) -> [Double]? {
    guard isOwnData, let r = grid.finiteRange else { return nil }
    return ContourWindow.levels(
      minimum: pane.minimum.point?.loss ?? r.lowerBound, maximum: r.upperBound)
  }

  /// The map of `pane` without its paths and levels (`SurfaceMapCache.draw` adds them).
  func mapPlot(_ pane: ClassifyPane, grid: Grid2D, ascii: Bool) -> ContourPlot {
    var plot = ContourPlot(grid: grid)
    plot.xTitle = "w (slope)"
    plot.yTitle = "b (bias)  \(title(pane.objective, ascii: ascii))"
    if let m = pane.minimum.point { plot.minimum = (x: m.w, y: m.b) }
    if !comparing, !pane.current.diverged {
      plot.arrow = SurfaceMap.downhill(at: pane.current.current)
    }
    return plot
  }

  /// Draws the maps (each from its cache), then the panel.
  func render(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout ClassifyRenderCache
  ) {
    let (maps, panel) = split(rect)
    for (i, (map, pane)) in zip(maps, panes).enumerated() {
      cache.maps[i].draw(
        into: &screen, map: map, window: window,
        inputs: ClassifySurfaceInputs(
          source: settings.source, loss: pane.loss, gamma: pane.objective.gamma),
        descents: pane.descents, comparing: comparing, options: options,
        compute: { pane.objective.surface(columns: $0.columns, rows: $0.rows, w: $0.w, b: $0.b) },
        levels: { mapLevels(pane, grid: $0) },
        plot: { mapPlot(pane, grid: $0, ascii: options.ascii) })
    }
    renderPanel(into: &screen, rect: panel, options: options)
  }

  // MARK: Panel

  /// The readout: step, parameters (a row per optimizer in compare mode), rate and optimizer, then per
  /// surface its loss, accuracy, gradient, the logit gradient and what it means, and the minimum; each line
  /// with the priority that decides what a short panel drops first.
  func readout(options: RenderOptions, width: Int) -> PanelText {
    let a = options.ascii
    let heading = Theme.styled(Theme.heading, options)
    let warning = Theme.styled(Theme.warning, options)
    var lines = PanelText()
    let first = current.current
    lines.add(
      "step \(first.step)" + (running ? "  (running)" : ""), heading, .essential)
    if comparing {
      lines.add("loss in \(text(panes[0].loss.unit.label, a))", .bold, .essential)
      for (i, row) in CompareRows.rows(panes[0].descents, options: options, width: width)
        .enumerated()
      {
        lines.add(row.text, row.style, i == 0 ? .useful : .essential)
      }
    } else {
      lines.add(
        "w=\(Fmt.num(first.w, 6, ascii: a))  b=\(Fmt.num(first.b, 6, ascii: a))", .bold, .essential)
    }
    lines.add(
      "rate \(Fmt.num(learningRate, 4, ascii: a))  \(comparing ? "all optimizers" : optimizer.rawValue)",
      .plain, .essential)
    for pane in panes {
      paneReadout(pane, into: &lines, options: options, heading: heading, warning: warning)
    }
    let kind: String
    switch classes.separation {
    case .overlapping: kind = "overlapping"
    case .separable(_, let gap): kind = "separable (gap \(Fmt.num(gap, 3, ascii: a)))"
    }
    lines.add(
      "\(data.count) points: \(classes.x0.count) + \(classes.x1.count), \(kind)", .dim, .detail)
    if let note = dataNote { lines.add(text(note, a), .dim, .detail) }
    if let e = dataError { lines.add(text(e, a), warning, .essential) }
    return lines
  }

  /// `text` in ASCII when the frame is (the app's one fallback table).
  func text(_ text: String, _ ascii: Bool) -> String { ascii ? asciiOnly(text) : text }

  /// One surface's part of the readout.
  func paneReadout(
    _ pane: ClassifyPane, into lines: inout PanelText, options: RenderOptions, heading: Style,
    warning: Style
  ) {
    let a = options.ascii
    let s = Symbols.of(options)
    let d = pane.current
    let last = d.current
    lines.add("-- \(title(pane.objective, ascii: a)) --", heading, .essential)
    if !comparing {
      if panes.count == 2 {
        lines.add(
          "w=\(Fmt.num(last.w, 5, ascii: a))  b=\(Fmt.num(last.b, 5, ascii: a))", .plain,
          .essential)
      }
      lines.add(
        "loss=\(Fmt.num(last.loss, 6, ascii: a)) \(text(pane.loss.unit.label, a))  accuracy \(Fmt.num(100 * pane.accuracy, 3, ascii: a))%",
        .bold, .essential)
      // The larger component sets the scale below which the other is rounding noise.
      let scale = max(last.gradW.magnitude, last.gradB.magnitude)
      lines.add(
        "grad w \(Fmt.signed(last.gradW, 4, ascii: a, beside: scale))  b \(Fmt.signed(last.gradB, 4, ascii: a, beside: scale))",
        .plain, .useful)
      let g = pane.logitGradient
      let formula = a ? pane.fit.asciiLogitGradientFormula : pane.fit.logitGradientFormula
      if pane.loss == .binaryFocalCrossentropy {
        // Too long for one line of the panel: the definition of pₜ first.
        lines.add("logit gradient g, \(text("pₜ = σ(t·z)", a)):", .dim, .detail)
        lines.add("g = \(formula)", .dim, .detail)
      } else {
        lines.add("logit gradient g = \(formula)", .dim, .detail)
      }
      lines.add(
        "mean g \(Fmt.signed(g.mean, 3, ascii: a, beside: g.meanAbsolute))  mean |g| \(Fmt.num(g.meanAbsolute, 3, ascii: a))",
        .plain, .useful)
      if g.wrong > 0 {
        lines.add(
          "\(g.wrong) wrong, \(g.wrongSaturated) saturated: |g| \(Fmt.num(g.wrongMeanAbsolute, 3, ascii: a)) each",
          .plain, .useful)
      }
      let size = max(abs(last.gradW), abs(last.gradB))
      if let verdict = verdict(pane, size: size, ascii: a) {
        let stalled = verdict.hasPrefix("stalled")
        lines.add(verdict, stalled ? warning : .plain, stalled ? .essential : .useful)
      }
    }
    switch pane.minimum {
    case .point(let w, let b, let l):
      lines.add(
        "min w=\(Fmt.num(w, 4, ascii: a)) b=\(Fmt.num(b, 4, ascii: a)) loss \(Fmt.num(l, 4, ascii: a))",
        .dim, .detail)
    case .flat(let w, let b, _):
      lines.add("flat: loss 0 once every point clears its margin", .plain, .useful)
      lines.add(
        "region from w=\(Fmt.num(w, 4, ascii: a)) b=\(Fmt.num(b, 4, ascii: a)) (widest margin)",
        .dim, .detail)
    case .unbounded(let direction, _):
      lines.add("no finite minimum (separable classes):", warning, .essential)
      lines.add(
        "w grows without bound, to \(direction > 0 ? "+" : "-")\(s.infinity); the path goes on",
        warning, .useful)
    }
    if pane.descents.contains(where: { $0.isDiverging }) {
      lines.add("diverging: lower the rate with [", warning, .essential)
    }
  }

  /// What the logit gradient says about the current step: stalled on a plateau, or pulled home.
  func verdict(_ pane: ClassifyPane, size: Double, ascii: Bool) -> String? {
    let g = pane.logitGradient
    guard g.wrong > 0 else { return nil }
    if g.wrongSaturated * 2 >= g.wrong && size < 0.02 {
      return "stalled: wrong points saturated, their g ~ 0"
    }
    if pane.loss == .binaryCrossentropy && g.wrongMeanAbsolute > 0.5 {
      return "wrong points pull hard: |\(text("σ", ascii)) - y| near 1"
    }
    return nil
  }

  /// The loss's title (the loss list's, in ASCII when the frame is), with γ for the focal loss
  /// (`focal (logits) γ=2`).
  func title(_ objective: LogisticObjective, ascii: Bool) -> String {
    let name = ascii ? objective.fit.asciiTitle : objective.fit.title
    guard objective.loss.parameters.contains(.gamma) else { return name }
    return name + text(" γ=\(NumberText.short(objective.gamma))", ascii)
  }

  /// A line about where the data came from: the rows a table skipped.
  var dataNote: String? {
    if case .table(let t) = settings.source { return t.note }
    return nil
  }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    screen.fill(rect)
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
    // Wrapped to the panel; on a short panel the details go first.
    let y = readout(options: options, width: inner.width).draw(into: &screen, rect: inner)
    let rest = rect.maxY - y
    // Only with room for its title and two ticks.
    guard rest >= ContourState.chartMinimum else { return }
    dataPlot(options: options).draw(
      into: &screen, rect: Rect(x: rect.x, y: y, width: rect.width, height: rest), options: options)
  }

  /// The data panel: class 0 in a row just below 0, class 1 just above 1 (so that the curve, flat at 0 and 1
  /// where it saturates, does not hide them), the current σ(w·x + b) of each surface and its decision boundary
  /// x = −b/w.
  func dataPlot(options: RenderOptions) -> LinePlot {
    let r = classes.xRange
    let pad = max((r.upperBound - r.lowerBound) * 0.05, 0.1)
    let xr = (r.lowerBound - pad)...(r.upperBound + pad)
    var plot = LinePlot(xRange: xr, yRange: -0.2...1.2)
    plot.xTitle = "x"
    plot.yTitle = options.ascii ? "p" : "σ"
    plot.showLegend = false
    let (x0, x1) = (classes.x0, classes.x1)
    let colors = [Color(214), Color(177)]
    for (i, pane) in panes.enumerated() {
      let last = pane.current.current
      let (w, b) = (last.w, last.b)
      if let boundary = pane.boundary {
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
        "  \(pane.loss.shortName) \(Fmt.num(pane.current.trajectory.last!.loss, 4, ascii: a)) \(text(pane.loss.unit.label, a))"
    }
    if panes.contains(where: { $0.descents.contains { $0.isDiverging } }) { s += "  diverging" }
    return s
  }
}
