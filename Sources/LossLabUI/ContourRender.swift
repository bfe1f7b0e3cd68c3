import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What the contour view keeps between frames: its one map's surface and base layer, keyed by the
/// objective's inputs (data, loss, parameters), the window and the size; and the panel's rows that
/// change with the data, not with a step, and the storage its readout and charts are rewritten into,
/// so a descent step draws without allocating. The map cache's members read through (`cache.base`).
@dynamicMemberLookup
struct ContourRenderCache: Sendable {
  typealias Map = SurfaceMapCache<ContourSettings.ObjectiveInputs>
  var map = Map()
  var panel = ContourPanelCache()

  subscript<T>(dynamicMember path: KeyPath<Map, T>) -> T { map[keyPath: path] }
}

/// The contour panel's storage kept between frames.
struct ContourPanelCache: Sendable {
  /// What the best-fit list and the data legend are made from: the data, the loss and its parameters
  /// (the minima follow from them), the best-fit lines shown, the panel's width and the options.
  struct RowsKey: Equatable, Sendable {
    var inputs: ContourSettings.ObjectiveInputs
    var fitLines: [Loss]
    var width: Int
    var options: RenderOptions
  }

  /// The best-fit list and the data legend, and what they were made from.
  var rows: (key: RowsKey, bestFits: [[(String, Style)]], legend: [[(String, Style)]])?
  /// The readout, rewritten each frame.
  var readout = PanelText()
  /// The loss chart's points, each descent's steps and losses, rewritten each frame.
  var steps: [[Double]] = []
  var losses: [[Double]] = []
  /// The series of the chart being drawn.
  var series: [Series] = []
  /// The canvases and ticks of the loss, rate and data charts.
  var lossScratch = PlotScratch()
  var rateScratch = PlotScratch()
  var dataScratch = PlotScratch()
  /// The status line, rewritten each frame.
  var status = ""

  /// The best-fit rows and data legend of `state` at `width`: the kept ones when made from the same
  /// inputs, else made now (and kept).
  mutating func rows(_ state: ContourState, width: Int, options: RenderOptions) -> (
    bestFits: [[(String, Style)]], legend: [[(String, Style)]]
  ) {
    let s = state.settings
    if let r = rows, r.key.width == width, r.key.options == options,
      r.key.fitLines == s.fitLines, r.key.inputs == s.objectiveInputs
    {
      return (r.bestFits, r.legend)
    }
    let key = RowsKey(
      inputs: s.objectiveInputs, fitLines: s.fitLines, width: width, options: options)
    let made = (
      bestFits: state.bestFitRows(width: width, options: options),
      legend: state.dataLegendRows(width: width, options: options)
    )
    rows = (key, made.bestFits, made.legend)
    return made
  }
}

/// Where the parts of the contour view go in its rectangle, found without drawing.
public struct ContourLayout: Equatable, Sendable {
  /// The map (axes, bands, key).
  public var map: Rect
  /// The readout and the two charts.
  public var panel: Rect
  /// The map's data area and how its cells map to (w, b).
  public var mapFrame: PlotFrame
}

extension ContourState {
  /// The map on the left, the readout and charts on the right, and the map's data area.
  public func layout(_ rect: Rect, options: RenderOptions) -> ContourLayout {
    let (map, panel) = Self.split(rect)
    let frame = SurfaceMap.frame(for: map, window: window, options: options)
    return ContourLayout(map: map, panel: panel, mapFrame: frame)
  }

  /// The map on the left, the panel on the right: 46 columns from 100 wide; from 160×46 (a 160×48
  /// terminal) two fifths, so the readout, the loss chart and the data get the room instead of an
  /// ever wider map.
  static func split(_ rect: Rect) -> (map: Rect, panel: Rect) {
    let large = rect.width >= 160 && rect.height >= 46
    let pw =
      large
      ? rect.width * 2 / 5
      : (rect.width >= 100 ? min(46, rect.width * 2 / 5) : max(28, rect.width * 2 / 5))
    let panel = Rect(x: rect.maxX - pw, y: rect.y, width: pw, height: rect.height)
    return (Rect(x: rect.x, y: rect.y, width: rect.width - pw, height: rect.height), panel)
  }

  /// The map's contour levels. Own data: levels in geometric steps above the minimum, so the rings show
  /// the valley's shape whatever the loss's scale; the tutorial keeps the plot's own key (nil).
  func mapLevels(grid: Grid2D) -> [Double]? {
    guard isOwnData || settings.standardized, let r = grid.finiteRange else { return nil }
    return ContourWindow.levels(minimum: minimum?.loss ?? r.lowerBound, maximum: r.upperBound)
  }

  /// The map without its paths and levels (`SurfaceMapCache.draw` adds them).
  func mapPlot(grid: Grid2D) -> ContourPlot {
    var plot = ContourPlot(grid: grid)
    plot.xTitle = "w (slope)"
    plot.yTitle = "b (intercept)"
    if let m = minimum { plot.minimum = (x: m.w, y: m.b) }
    let shown = shownPoint
    if !comparing, timeline.inspecting, shownStep > 0 {
      // The step vector that led to the shown step, at its true length.
      let from = current.trajectory[shownStep - 1]
      plot.arrow = (x: from.w, y: from.b, dx: shown.w - from.w, dy: shown.b - from.b)
      plot.arrowToScale = true
    } else if !comparing, !current.diverged || shownStep < lastStep {
      plot.arrow = SurfaceMap.downhill(at: shown)
    }
    if timeline.inspecting { plot.guides = eigenAxes() }
    if let report = timeline.report, !comparing, report.riseStart < current.trajectory.count {
      let p = current.trajectory[report.riseStart]
      plot.marks.append(
        ContourMark(w: p.w, b: p.b, glyph: "!", asciiGlyph: "!", color: ContourPlot.arrowColor))
    }
    if timeline.selected != nil || timeline.inspecting {
      for d in descents where shownStep < d.trajectory.count {
        let p = d.trajectory[shownStep]
        plot.marks.append(
          ContourMark(w: p.w, b: p.b, glyph: "●", asciiGlyph: "@", color: Color(231)))
      }
    }
    return plot
  }

  /// Draws the view: the map's base layer from the cache (computed when its key changed), the paths
  /// over it, then the panel.
  func render(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout ContourRenderCache
  ) {
    let (map, panel) = Self.split(rect)
    cache.map.draw(
      into: &screen, map: map, window: window, inputs: settings.objectiveInputs,
      descents: descents, comparing: comparing, options: options,
      compute: { objective.surface(columns: $0.columns, rows: $0.rows, w: $0.w, b: $0.b) },
      levels: mapLevels(grid:), plot: mapPlot(grid:))
    renderPanel(into: &screen, rect: panel, options: options, cache: &cache.panel)
  }

  /// The minima the panel lists: the MSE, MAE and Huber best fits (`bestFitLosses`, those found), and the
  /// view's own loss (with its τ) when it is another one, so a step comparing it with them shows all.
  public var panelMinima: [(loss: Loss, w: Double, b: Double)] {
    var out = Self.bestFitLosses.compactMap { l in minima[l].map { (l, $0.w, $0.b) } }
    if !Self.bestFitLosses.contains(loss), let m = minimum { out.append((loss, m.w, m.b)) }
    return out
  }

  /// Readout lines: `step N`, `w=…`, `b=…`, `loss=…`, gradient, rate, optimizer, minima, each with
  /// the priority that decides what a short panel drops first. In compare mode a table with a row
  /// per optimizer replaces gd's numbers (see `compareRows`).
  func readout(options: RenderOptions, width: Int = 44) -> PanelText {
    var lines = PanelText()
    readout(into: &lines, options: options, width: width)
    return lines
  }

  /// `readout(options:width:)` written into `lines` (emptied first, its storage kept): the lines that
  /// change with every step are written piece by piece into the panel's one text buffer.
  func readout(into lines: inout PanelText, options: RenderOptions, width: Int = 44) {
    let a = options.ascii
    let last = shownPoint
    lines.removeAll()
    let heading = Theme.styled(Theme.heading, options)
    let warn = Theme.styled(Theme.warning, options)
    lines.add(heading, .essential) {
      $0 += "step "
      $0 += String(last.step)
      if shownStep < lastStep {
        $0 += " of "
        $0 += String(lastStep)
      }
      $0 += "  ("
      $0 += loss.shortName
      $0 += ")"
      if running { $0 += "  (running)" }
    }
    let unit = loss.unit
    if comparing {
      lines.add("loss in \(unit.label)", .bold, .essential)
      for (i, row) in compareRows(options: options, width: width).enumerated() {
        lines.add(row.text, row.style, i == 0 ? .useful : .essential)
      }
    } else {
      lines.addPosition(w: last.w, b: last.b, digits: 6, ascii: a, .bold, .essential)
      lines.add(.bold, .essential) {
        $0 += "loss="
        $0 += Fmt.num(last.loss, 6, ascii: a)
        $0 += " "
        $0 += unit.label
      }
      lines.addGradient(w: last.gradW, b: last.gradB, ascii: a)
    }
    lines.addRate(shownRate, optimizer: optimizer, comparing: comparing, ascii: a) {
      // The loss's own parameter (Huber's δ, the quantile's τ), if it has one.
      if let p = LossCurve(loss, config: lossConfig).parameter {
        $0 += "  "
        $0 += a ? p.symbol!.ascii : p.symbol!.unicode
        $0 += "="
        $0 += Fmt.num(p.value(in: lossConfig)!, 3, ascii: a)
      }
    }
    if schedule != .constant {
      lines.add("schedule \(schedule.name) (S cycles)", .plain, .useful)
    }
    if let report = timeline.report {
      let text = options.ascii ? Self.asciiMath(report.message) : report.message
      lines.add(text, warn, .useful)
      lines.add("[ lowers the rate", warn, .essential)
      lines.add("u rewinds to step \(report.riseStart)", warn, .essential)
    } else if descents.contains(where: { $0.isDiverging }) {
      lines.add("diverging: lower the rate with [", warn, .essential)
    }
    if let note = dataNote { lines.add(note, .dim, .detail) }
    if isOwnData || settings.standardized {
      func g(_ v: Double) -> String { String(cFormat: "%.3g", v) }
      let limit = "gd limit 2/λmax=\(g(curvature.stabilityLimit))"
      let kappa = g(curvature.conditionNumber)
      lines.add("\(limit)  cond \(kappa)", .plain, .useful)
      if let s = scaling {
        lines.add("z-scores (z): cond \(g(rawCurvature.conditionNumber)) → \(kappa)", .dim, .detail)
        let last = current.trajectory.last!
        let line = s.original(w: last.w, b: last.b)
        lines.add(
          "in x units: y=\(Fmt.num(line.w, 4, ascii: a))x\(Fmt.signed(line.b, 4, ascii: a))",
          .dim, .detail)
      }
    }
    if let e = dataError { lines.add(e, warn, .essential) }
  }

  /// How each best-fit line looks: its colour, and its glyph where there is no colour.
  static func fitLineLook(_ loss: Loss) -> (color: Color, glyph: Character) {
    switch loss {
    case .mse: (Color(75), "M")
    case .mae: (Color(210), "A")
    default: (Color(177), "H")
    }
  }

  /// A line's sample for a legend: `─` in its colour, `-` in ASCII, its glyph without colour (what the plot
  /// then draws it with).
  static func lineSample(color: Color, glyph: Character, bold: Bool = false, options: RenderOptions)
    -> (String, Style)
  {
    guard options.hasColor else { return (String(glyph), bold ? .bold : .plain) }
    let style = Style(foreground: color).with(bold ? .bold : [])
    return (options.ascii ? "-" : "─", style)
  }

  /// The best-fit list under the readout: one row a loss, `─ MSE min w=… b=…`, its sample in front when `f`
  /// draws the line (dim when it does not); ` min` is dropped when the row would not fit `width`.
  func bestFitRows(width: Int, options: RenderOptions) -> [[(String, Style)]] {
    let a = options.ascii
    func name(_ l: Loss) -> String { l == .huber ? "Huber" : l.shortName.uppercased() }
    let found = panelMinima
    // The three best fits always have a row (saying so when not searched for); the view's own other loss too.
    let listed = Self.bestFitLosses + found.map(\.loss).filter { !Self.bestFitLosses.contains($0) }
    var rows: [[(String, Style)]] = []
    for loss in listed {
      guard let m = found.first(where: { $0.loss == loss }) else {
        rows.append([("  \(name(loss)) min: not computed, >\(Self.maeMinimumLimit) pts", .dim)])
        continue
      }
      let drawn = settings.fitLines.contains(loss)
      let look = Self.fitLineLook(loss)
      let lead =
        drawn
        ? Self.lineSample(color: look.color, glyph: look.glyph, options: options) : (" ", .plain)
      let numbers = "w=\(Fmt.num(m.w, 3, ascii: a)) b=\(Fmt.num(m.b, 3, ascii: a))"
      var text = " \(name(loss)) min \(numbers)"
      if 1 + text.count > width { text = " \(name(loss)) \(numbers)" }
      rows.append([lead, (text, drawn ? .plain : .dim)])
    }
    return rows
  }

  /// The scatter's legend: the points (how many, and how many are drawn when sampled), the current fit, and
  /// the true line of the tutorial data, flowed into rows of `width` cells.
  func dataLegendRows(width: Int, options: RenderOptions) -> [[(String, Style)]] {
    let total = scatterSample.total
    let shown = scatterSample.x.count
    var pointsText =
      shown < total ? "showing \(shown) of \(total) points" : "\(total) points"
    if outliers > 0 { pointsText += " (\(outliers) outliers)" }
    let dot: (String, Style) =
      options.hasColor
      ? (options.ascii ? "." : "·", Style(foreground: Color(250))) : (".", .plain)
    var entries: [[(String, Style)]] = [[dot, (" " + pointsText, .plain)]]
    entries.append([
      Self.lineSample(color: Color(221), glyph: "*", bold: true, options: options),
      (" fit", .plain),
    ])
    if showsTrueLine {
      entries.append([
        Self.lineSample(color: Color(78), glyph: "-", options: options), (" y=2x+3", .plain),
      ])
    }
    // Two spaces between entries, one when that keeps them on one row; else a row each as needed.
    let widths = entries.map { $0.reduce(0) { $0 + $1.0.count } }
    let oneRow = widths.reduce(0, +) + entries.count - 1 <= width
    let gap = oneRow && widths.reduce(0, +) + 2 * (entries.count - 1) > width ? " " : "  "
    var rows: [[(String, Style)]] = []
    var used = 0
    for (e, n) in zip(entries, widths) {
      if rows.isEmpty || used + gap.count + n > width {
        rows.append(e)
        used = n
      } else {
        rows[rows.count - 1].append((gap, .plain))
        rows[rows.count - 1] += e
        used += gap.count + n
      }
    }
    return rows
  }

  /// The tutorial's points come from y = 2x + 3, which the scatter draws; own data has no such line.
  var showsTrueLine: Bool { !isOwnData && !settings.standardized }

  /// Puts a row of styled pieces at (x, y), clipped to `clip`.
  static func put(_ row: [(String, Style)], x: Int, y: Int, into screen: inout Screen, clip: Rect) {
    var x = x
    for (text, style) in row { x = screen.put(text, x: x, y: y, style: style, clip: clip) }
  }

  /// Compare mode's table (see `CompareRows`).
  func compareRows(options: RenderOptions, width: Int) -> [(text: String, style: Style)] {
    CompareRows.rows(descents, options: options, width: width)
  }

  func renderPanel(
    into screen: inout Screen, rect: Rect, options: RenderOptions, cache: inout ContourPanelCache
  ) {
    screen.fill(rect)
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 1, height: rect.height)
    if timeline.inspecting {
      renderInspector(into: &screen, rect: inner, options: options)
      return
    }
    // The readout takes what it needs (dropping details on a short panel), then the best fits
    // when they fit whole.
    readout(into: &cache.readout, options: options, width: inner.width)
    var y = cache.readout.draw(into: &screen, rect: inner)
    let (fits, legend) = cache.rows(self, width: inner.width, options: options)
    if rect.maxY - y >= fits.count {
      for row in fits {
        Self.put(row, x: inner.x, y: y, into: &screen, clip: inner)
        y += 1
      }
    }
    // The charts under it, most important first (the data with its fit, then the loss by step,
    // then the rate): each needs `chartMinimum` rows (a title, two ticks, the axis and its labels;
    // the scatter its legend too); those that do not fit are left out whole, and the others share
    // the rows, drawn in their display order (loss, rate, data).
    var rest = rect.maxY - y
    var used = 0
    func takeRows(_ extra: Int) -> Bool {
      guard used + Self.chartMinimum + extra <= rest else { return false }
      used += Self.chartMinimum + extra
      return true
    }
    let showsData = takeRows(legend.count)
    let showsLoss = takeRows(0)
    let showsRate = schedule != .constant && takeRows(0)
    let count = (showsLoss ? 1 : 0) + (showsRate ? 1 : 0) + (showsData ? 1 : 0)
    guard count > 0 else { return }
    if showsData { rest -= legend.count }
    var top = y
    var drawn = 0
    /// The rect of the next chart: an equal share of the rows, the first one taking the remainder.
    func nextRect() -> Rect {
      let h = rest / count + (drawn == 0 ? rest % count : 0)
      drawn += 1
      defer { top += h }
      // In the panel's inner columns, as its text: a chart's title never touches the map.
      return Rect(x: inner.x, y: top, width: inner.width, height: h)
    }
    if showsLoss {
      let r = nextRect()
      lossChart(ascii: options.ascii, cache: &cache).draw(
        into: &screen, rect: r, options: options, scratch: &cache.lossScratch)
    }
    if showsRate {
      let r = nextRect()
      rateChart().draw(into: &screen, rect: r, options: options, scratch: &cache.rateScratch)
    }
    if showsData {
      // The legend right above the scatter it explains.
      for row in legend {
        Self.put(row, x: inner.x, y: top, into: &screen, clip: inner)
        top += 1
      }
      let r = nextRect()
      scatter(series: &cache.series).draw(
        into: &screen, rect: r, options: options, scratch: &cache.dataScratch)
    }
  }

  /// The fewest rows a small chart is drawn in: its title, two ticks, the axis and its labels.
  static let chartMinimum = 7

  /// The rate of the shown step: the one it was taken with (the next step's at step 0).
  var shownRate: Double { current.rate(ofStep: max(1, shownStep)) }

  /// The inspector: the shown step's update with its numbers (the text of `descend --inspect`), long
  /// lines broken before their ` = value`, then the curvature and the stable rate.
  func renderInspector(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    let a = options.ascii
    func shown(_ text: String) -> String {
      a ? String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII ? $0 : "?" })) : text
    }
    var lines = PanelText()
    for (i, raw) in inspectorLines.enumerated() {
      let text = a ? Self.asciiMath(raw) : raw
      let style: Style = i == 0 ? Theme.styled(Theme.heading, options) : .plain
      for piece in Self.breakAtValue(text, width: rect.width) {
        lines.add(shown(piece), style, .essential)
      }
    }
    lines.add("", .plain, .detail)
    for l in curvatureLines(ascii: a) { lines.add(shown(l), .dim, .useful) }
    lines.add("i closes  , . < > choose the step", .dim, .detail)
    lines.draw(into: &screen, rect: rect)
  }

  /// `line` split before its last ` = ` when longer than `width` (the value goes on an indented line).
  static func breakAtValue(_ line: String, width: Int) -> [String] {
    let scalars = Array(line.unicodeScalars)
    guard scalars.count > width, let r = line.ranges(of: " = ").last else {
      return [line]
    }
    let head = String(line[..<r.lowerBound])
    let indent = String(repeating: " ", count: min(6, head.prefix { $0 == " " }.count + 4))
    return [head, indent + "= " + String(line[r.upperBound...])]
  }

  /// The rate each step used, against the step, with the shown step marked.
  func rateChart() -> LinePlot {
    let d = current
    let steps = max(40, d.trajectory.count - 1)
    let xs = (1...steps).map(Double.init)
    let ys = (1...steps).map { d.rate(ofStep: $0) }
    let hi = max(ys.max() ?? 1, 1e-12)
    var plot = LinePlot(xRange: 0...Double(steps), yRange: 0...hi * 1.05)
    plot.xTitle = "step"
    plot.yTitle = "rate"
    plot.showLegend = false
    plot.series.append(
      Series(
        name: "rate", color: Color(177), asciiGlyph: "r", emphasized: true,
        source: .points(xs, ys)))
    if shownStep > 0 { plot.cursorX = Double(shownStep) }
    return plot
  }

  /// Loss against step for every descent.
  func lossChart(ascii: Bool = false) -> LinePlot {
    var cache = ContourPanelCache()
    return lossChart(ascii: ascii, cache: &cache)
  }

  /// `lossChart(ascii:)` with its points and series written into `cache`'s arrays (emptied first, their
  /// storage kept).
  func lossChart(ascii: Bool, cache: inout ContourPanelCache) -> LinePlot {
    var steps = 10
    for d in descents { steps = max(steps, d.trajectory.count - 1) }
    var hi = 0.0
    for d in descents { for s in d.trajectory where s.loss.isFinite { hi = max(hi, s.loss) } }
    if hi <= 0 { hi = 1 }
    // A linear axis from 0: its labels stay put while the loss falls, so a step redraws little.
    var plot = LinePlot(xRange: 0...Double(steps), yRange: 0...hi * 1.05)
    plot.xTitle = "step"
    plot.yTitle = "loss, \(loss.unit.short)"
    if ascii { plot.yTitle = asciiOnly(plot.yTitle) }
    plot.showLegend = false
    cache.series.removeAll(keepingCapacity: true)
    for (i, d) in descents.enumerated() {
      if i == cache.losses.count {
        cache.steps.append([])
        cache.losses.append([])
      }
      cache.steps[i].removeAll(keepingCapacity: true)
      cache.losses[i].removeAll(keepingCapacity: true)
      for s in d.trajectory {
        cache.steps[i].append(Double(s.step))
        cache.losses[i].append(s.loss)
      }
      cache.series.append(
        Series(
          name: d.optimizer.kind.rawValue, color: SurfaceMap.pathColor(i, comparing: comparing),
          asciiGlyph: Theme.glyph(i), emphasized: i == 0,
          source: .points(cache.steps[i], cache.losses[i])))
    }
    plot.series = cache.series
    if timeline.selected != nil { plot.cursorX = Double(shownStep) }
    return plot
  }

  /// The data, the current line y = wx + b, the true line y = 2x + 3 (tutorial data) and the best-fit lines `f`
  /// chose; `dataLegendRows` and `bestFitRows` are their legend.
  func scatter() -> LinePlot {
    var series: [Series] = []
    return scatter(series: &series)
  }

  /// `scatter()` with its series written into `series` (emptied first, its storage kept).
  func scatter(series: inout [Series]) -> LinePlot {
    let sample = scatterSample
    let (xs, ys) = (sample.x, sample.y)
    let (xlo, xhi) = (sample.xRange.lowerBound, sample.xRange.upperBound)
    let (ylo, yhi) = (sample.yRange.lowerBound, sample.yRange.upperBound)
    let pad = max((yhi - ylo) * 0.1, 0.1)
    var plot = LinePlot(
      xRange: xlo...(xhi > xlo ? xhi : xlo + 1), yRange: (ylo - pad)...(yhi + pad))
    plot.xTitle = scaling == nil ? "x" : "z"
    plot.yTitle = "y"
    plot.showLegend = false
    let w = shownPoint.w
    let b = shownPoint.b
    series.removeAll(keepingCapacity: true)
    if showsTrueLine {
      series.append(
        Series(
          name: "y=2x+3", color: Color(78), asciiGlyph: "-", emphasized: false,
          source: .function { 2 * $0 + 3 }))
    }
    for loss in settings.fitLines {
      guard let m = minima[loss] else { continue }
      let look = Self.fitLineLook(loss)
      series.append(
        Series(
          name: loss.shortName, color: look.color, asciiGlyph: look.glyph, emphasized: false,
          source: .line(slope: m.w, intercept: m.b)))
    }
    series.append(
      Series(
        name: "fit", color: Color(221), asciiGlyph: "*", emphasized: true,
        source: .line(slope: w, intercept: b)))
    // The points last, over the lines, so a line never hides one.
    series.append(
      Series(
        name: "data", color: Color(250), asciiGlyph: ".", emphasized: true,
        source: .scatter(xs, ys)))
    plot.series = series
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
    text.removeAll(keepingCapacity: true)
    if timeline.confirmingDrop {
      text += "drop steps \(shownStep + 1)-\(lastStep) and step on from step \(shownStep)? y/n"
      return
    }
    let last = shownPoint
    let a = options.ascii
    // Parts separated by two spaces, most important first (the status bar keeps a prefix).
    text += "step "
    text += String(last.step)
    if descents.contains(where: { $0.isDiverging }) { text += "  diverging" }
    text += "  w="
    text += Fmt.num(last.w, 4, ascii: a)
    text += " b="
    text += Fmt.num(last.b, 4, ascii: a)
    text += " loss="
    text += Fmt.num(last.loss, 4, ascii: a)
    text += " "
    text += loss.unit.label
  }
}
