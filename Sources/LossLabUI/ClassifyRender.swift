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
  var standardized: Bool
  var loss: Loss
  var gamma: Double
}

/// What the classification view keeps between frames: one map cache per surface (two side by side), and
/// the storage the panel's readout and data plot are rewritten into each frame.
struct ClassifyRenderCache: Sendable {
  var maps = [SurfaceMapCache<ClassifySurfaceInputs>](repeating: .init(), count: 2)
  /// The readout, rewritten each frame.
  var readout = PanelText()
  /// The data plot's series, rewritten each frame.
  var series: [Series] = []
  /// The heights the data plot draws each class's points at, one a point (they change with the data only).
  var classRows: (low: [Double], high: [Double]) = ([], [])
  /// The x of each surface's decision boundary, twice (its ends), rewritten each frame.
  var boundaries: [[Double]] = []

  /// `[x, x]` for the boundary of surface `i`, in storage kept for it.
  mutating func boundaryX(_ i: Int, at x: Double) -> [Double] {
    while boundaries.count <= i { boundaries.append([0, 0]) }
    boundaries[i][0] = x
    boundaries[i][1] = x
    return boundaries[i]
  }

  /// The data plot's canvas and ticks.
  var scratch = PlotScratch()
  /// The status line, rewritten each frame.
  var status = ""
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
          source: settings.source, standardized: scaling != nil, loss: pane.loss,
          gamma: pane.objective.gamma),
        descents: pane.descents, comparing: comparing, options: options,
        compute: { pane.objective.surface(columns: $0.columns, rows: $0.rows, w: $0.w, b: $0.b) },
        levels: { mapLevels(pane, grid: $0) },
        plot: { mapPlot(pane, grid: $0, ascii: options.ascii) })
    }
    renderPanel(into: &screen, rect: panel, options: options, cache: &cache)
  }

  // MARK: Panel

  /// The readout: step, parameters (a row per optimizer in compare mode), rate and optimizer, then per
  /// surface its loss, accuracy, gradient, the logit gradient and what it means, and the minimum; each line
  /// with the priority that decides what a short panel drops first.
  func readout(options: RenderOptions, width: Int) -> PanelText {
    var lines = PanelText()
    readout(into: &lines, options: options, width: width)
    return lines
  }

  /// `readout(options:width:)` written into `lines` (emptied first, its storage kept): the lines that change
  /// with every step are written piece by piece into the panel's one text buffer.
  func readout(into lines: inout PanelText, options: RenderOptions, width: Int) {
    let a = options.ascii
    let heading = Theme.styled(Theme.heading, options)
    let warning = Theme.styled(Theme.warning, options)
    lines.removeAll()
    let first = current.current
    lines.add(heading, .essential) {
      $0 += "step "
      $0 += String(first.step)
      if running { $0 += "  (running)" }
    }
    if comparing {
      lines.add("loss in \(text(panes[0].loss.unit.label, a))", .bold, .essential)
      for (i, row) in CompareRows.rows(panes[0].descents, options: options, width: width)
        .enumerated()
      {
        lines.add(row.text, row.style, i == 0 ? .useful : .essential)
      }
    } else {
      lines.addPosition(w: first.w, b: first.b, digits: 6, ascii: a, .bold, .essential)
    }
    lines.addRate(learningRate, optimizer: optimizer, comparing: comparing, ascii: a)
    for pane in panes {
      paneReadout(pane, into: &lines, options: options, heading: heading, warning: warning)
    }
    lines.add(.dim, .detail) {
      $0 += String(data.count)
      $0 += " points: "
      $0 += String(classes.x0.count)
      $0 += " + "
      $0 += String(classes.x1.count)
      switch classes.separation {
      case .overlapping: $0 += ", overlapping"
      case .separable(_, let gap):
        $0 += ", separable (gap "
        $0 += Fmt.num(gap, 3, ascii: a)
        $0 += ")"
      }
    }
    if let s = scaling { scalingReadout(s, into: &lines, ascii: a) }
    if let note = dataNote { lines.add(text(note, a), .dim, .detail) }
    if let e = dataError { lines.add(text(e, a), warning, .essential) }
  }

  /// With z-scores: how z is made, and the shown step's classifier and boundary in x's own units.
  func scalingReadout(_ s: Standardization, into lines: inout PanelText, ascii a: Bool) {
    lines.add(.dim, .detail) {
      $0 += "z-scores: z = (x "
      $0 += s.mean < 0 ? "+ " : (a ? "- " : "− ")
      $0 += Fmt.num(abs(s.mean), 4, ascii: a)
      $0 += ")/"
      $0 += Fmt.num(s.deviation, 4, ascii: a)
    }
    let last = current.current
    let line = s.original(w: last.w, b: last.b)
    lines.add(.dim, .detail) {
      $0 += "in x units: w="
      $0 += Fmt.num(line.w, 4, ascii: a)
      $0 += " b="
      $0 += Fmt.num(line.b, 4, ascii: a)
      if line.w != 0 {
        $0 += " boundary x="
        $0 += Fmt.num(-line.b / line.w, 4, ascii: a)
      }
    }
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
    lines.add(heading, .essential) {
      $0 += "-- "
      title(pane.objective, ascii: a, into: &$0)
      $0 += " --"
    }
    if !comparing {
      if panes.count == 2 {
        lines.addPosition(w: last.w, b: last.b, digits: 5, ascii: a, .plain, .essential)
      }
      lines.add(.bold, .essential) {
        $0 += "loss="
        $0 += Fmt.num(last.loss, 6, ascii: a)
        $0 += " "
        $0 += pane.loss.unit.label  // ASCII already
        $0 += "  accuracy "
        $0 += Fmt.num(100 * pane.accuracy, 3, ascii: a)
        $0 += "%"
      }
      lines.addGradient(w: last.gradW, b: last.gradB, ascii: a)
      let g = pane.logitGradient
      let formula = a ? pane.fit.asciiLogitGradientFormula : pane.fit.logitGradientFormula
      if pane.loss == .binaryFocalCrossentropy {
        // Too long for one line of the panel: the definition of pₜ first.
        lines.add(.dim, .detail) {
          $0 += "logit gradient g, "
          $0 += a ? "pt = sigma(t*z)" : "pₜ = σ(t·z)"
          $0 += ":"
        }
        lines.add(.dim, .detail) {
          $0 += "g = "
          $0 += formula
        }
      } else {
        lines.add(.dim, .detail) {
          $0 += "logit gradient g = "
          $0 += formula
        }
      }
      lines.add(.plain, .useful) {
        $0 += "mean g "
        $0 += Fmt.signed(g.mean, 3, ascii: a, beside: g.meanAbsolute)
        $0 += "  mean |g| "
        $0 += Fmt.num(g.meanAbsolute, 3, ascii: a)
      }
      if g.wrong > 0 {
        lines.add(.plain, .useful) {
          $0 += String(g.wrong)
          $0 += " wrong, "
          $0 += String(g.wrongSaturated)
          $0 += " saturated: |g| "
          $0 += Fmt.num(g.wrongMeanAbsolute, 3, ascii: a)
          $0 += " each"
        }
      }
      let size = max(abs(last.gradW), abs(last.gradB))
      if let verdict = verdict(pane, size: size, ascii: a) {
        let stalled = verdict.hasPrefix("stalled")
        lines.add(verdict, stalled ? warning : .plain, stalled ? .essential : .useful)
      }
    }
    switch pane.minimum {
    case .point(let w, let b, let l):
      lines.add(.dim, .detail) {
        $0 += "min w="
        $0 += Fmt.num(w, 4, ascii: a)
        $0 += " b="
        $0 += Fmt.num(b, 4, ascii: a)
        $0 += " loss "
        $0 += Fmt.num(l, 4, ascii: a)
      }
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
      return ascii
        ? "wrong points pull hard: |sigma - y| near 1" : "wrong points pull hard: |σ - y| near 1"
    }
    return nil
  }

  /// The loss's title (the loss list's, in ASCII when the frame is), with γ for the focal loss
  /// (`focal (logits) γ=2`).
  func title(_ objective: LogisticObjective, ascii: Bool) -> String {
    var text = ""
    title(objective, ascii: ascii, into: &text)
    return text
  }

  /// `title(_:ascii:)` appended to `text`.
  func title(_ objective: LogisticObjective, ascii: Bool, into text: inout String) {
    text += ascii ? objective.fit.asciiTitle : objective.fit.title
    guard objective.loss.parameters.contains(.gamma) else { return }
    text += ascii ? " gamma=" : " γ="
    text += NumberText.short(objective.gamma)
  }

  /// A line about where the data came from: the rows a table skipped.
  var dataNote: String? {
    if case .table(let t) = settings.source { return t.note }
    return nil
  }

  func renderPanel(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout ClassifyRenderCache
  ) {
    screen.fill(rect)
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
    // Wrapped to the panel; on a short panel the details go first.
    readout(into: &cache.readout, options: options, width: inner.width)
    let y = cache.readout.draw(into: &screen, rect: inner)
    let rest = rect.maxY - y
    // Only with room for its title and two ticks.
    guard rest >= ContourState.chartMinimum else { return }
    dataPlot(options: options, cache: &cache).draw(
      into: &screen, rect: Rect(x: rect.x, y: y, width: rect.width, height: rest), options: options,
      scratch: &cache.scratch)
  }

  /// The data panel: class 0 in a row just below 0, class 1 just above 1 (so that the curve, flat at 0 and 1
  /// where it saturates, does not hide them), the current σ(w·x + b) of each surface and its decision boundary
  /// x = −b/w.
  /// The ends of a decision boundary's line, just beyond the classes' rows.
  static let boundaryY: [Double] = [-0.1, 1.1]

  func dataPlot(options: RenderOptions) -> LinePlot {
    var cache = ClassifyRenderCache()
    return dataPlot(options: options, cache: &cache)
  }

  /// `dataPlot(options:)` with its series written into `cache`'s (emptied first, its storage kept) and the
  /// classes' rows of points kept there.
  func dataPlot(options: RenderOptions, cache: inout ClassifyRenderCache) -> LinePlot {
    let r = classes.xRange
    let pad = max((r.upperBound - r.lowerBound) * 0.05, 0.1)
    let xr = (r.lowerBound - pad)...(r.upperBound + pad)
    var plot = LinePlot(xRange: xr, yRange: -0.2...1.2)
    plot.xTitle = scaling == nil ? "x" : "z"
    plot.yTitle = options.ascii ? "p" : "σ"
    plot.showLegend = false
    let (x0, x1) = (classes.x0, classes.x1)
    if cache.classRows.low.count != x0.count {
      cache.classRows.low = Array(repeating: -0.08, count: x0.count)
    }
    if cache.classRows.high.count != x1.count {
      cache.classRows.high = Array(repeating: 1.08, count: x1.count)
    }
    cache.series.removeAll(keepingCapacity: true)
    for (i, pane) in panes.enumerated() {
      let last = pane.current.current
      let (w, b) = (last.w, last.b)
      if let boundary = pane.boundary {
        if xr.contains(boundary) {
          cache.series.append(
            Series(
              name: "boundary", color: Color(244), asciiGlyph: "|", emphasized: false,
              source: .points(cache.boundaryX(i, at: boundary), Self.boundaryY)))
        }
      }
      cache.series.append(
        Series(
          name: pane.fit.title, color: i % 2 == 0 ? Color(214) : Color(177),
          asciiGlyph: i == 0 ? "*" : "+",
          emphasized: true, source: .function { sigmoid(w * $0 + b) }))
    }
    cache.series.append(
      Series(
        name: "class 0", color: Color(75), asciiGlyph: "o", emphasized: false,
        source: .scatter(x0, cache.classRows.low)))
    cache.series.append(
      Series(
        name: "class 1", color: Color(203), asciiGlyph: "x", emphasized: false,
        source: .scatter(x1, cache.classRows.high)))
    plot.series = cache.series
    return plot
  }

  func status(options: RenderOptions) -> String {
    var text = ""
    status(options: options, into: &text)
    return text
  }

  /// The status line written into `text` (emptied first, its storage kept), piece by piece: a frame
  /// kept in a render cache then writes it without allocating.
  func status(options: RenderOptions, into text: inout String) {
    let a = options.ascii
    let last = current.trajectory.last!
    text.removeAll(keepingCapacity: true)
    text += "step "
    text += String(last.step)
    text += "  w="
    text += Fmt.num(last.w, 4, ascii: a)
    text += " b="
    text += Fmt.num(last.b, 4, ascii: a)
    for pane in panes {
      text += "  "
      text += pane.loss.shortName
      text += " "
      text += Fmt.num(pane.current.trajectory.last!.loss, 4, ascii: a)
      text += " "
      text += pane.loss.unit.label  // ASCII already
    }
    if panes.contains(where: { $0.descents.contains { $0.isDiverging } }) { text += "  diverging" }
  }
}
