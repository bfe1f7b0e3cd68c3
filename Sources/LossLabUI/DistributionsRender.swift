import LossCore
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the parts of the distributions view go in its rectangle, found without drawing.
public struct DistributionsLayout: Equatable, Sendable {
  /// The bars.
  public var chart: Rect
  /// The row of per-category contributions under the bars (zero height when short).
  public var contributions: Rect
  /// The numbers on the right (zero width when narrow).
  public var panel: Rect
  /// The columns of each category's bars, left to right.
  public var categories: [Rect]
}

extension DistributionsState {
  static let pColor = Color(75)
  static let qColor = Color(215)

  func split(_ rect: Rect) -> (chart: Rect, contributions: Rect, panel: Rect) {
    let pw = rect.width >= 90 ? 38 : (rect.width >= 60 ? 30 : 0)
    let panel = Rect(x: rect.maxX - pw, y: rect.y, width: pw, height: rect.height)
    let left = Rect(x: rect.x, y: rect.y, width: rect.width - pw, height: rect.height)
    let contribHeight = left.height >= 14 ? 3 : 0
    let chart = Rect(x: left.x, y: left.y, width: left.width, height: left.height - contribHeight)
    let contrib = Rect(x: left.x, y: chart.maxY, width: left.width, height: contribHeight)
    return (chart, contrib, panel)
  }

  /// The bars, the contributions row, the panel, and where each category's bars are.
  public func layout(_ rect: Rect) -> DistributionsLayout {
    let (chart, contrib, panel) = split(rect)
    let hist = Histogram(
      categories: categories,
      series: [(name: "P", values: p, color: .default), (name: "Q", values: q, color: .default)])
    return DistributionsLayout(
      chart: chart, contributions: contrib, panel: panel, categories: hist.categoryRects(in: chart))
  }

  var report: DistributionReport { Distributions.report(p: p, q: q, base: base) }

  /// Binary cross-entropy of each label, for the ten-label preset, in the view's unit (Keras gives
  /// nats; bits are nats / ln 2, as everywhere else in the view).
  var labelLosses: [Double] {
    let nats =
      (try? Loss.binaryCrossentropy.evaluate(yTrue: p.map { [$0] }, yPred: q.map { [$0] }).perSample)
      ?? []
    return base == .bits ? nats.map { $0 / log(2.0) } : nats
  }

  func render(into screen: inout Screen, rect: Rect, options: RenderOptions) {
    var cache = DistributionsRenderCache()
    render(into: &screen, rect: rect, options: options, cache: &cache)
  }

  /// Draws the bars, the contributions row and the panel with what `cache` keeps between frames (the
  /// histogram and its layout, the report for the current P and Q, the text buffers): a bar edit
  /// draws without allocating.
  func render(
    into screen: inout Screen, rect: Rect, options: RenderOptions,
    cache: inout DistributionsRenderCache
  ) {
    let (chart, contrib, panel) = split(rect)
    let names =
      binaryLabels
      ? ("y (target)", options.ascii ? "y_pred (predicted)" : "ŷ (predicted)") : ("P", "Q")
    cache.histogram.categories = categories
    cache.histogram.series[0] = (name: names.0, values: p, color: Self.pColor)
    cache.histogram.series[1] = (name: names.1, values: q, color: Self.qColor)
    cache.histogram.selected = selected
    cache.histogram.draw(into: &screen, rect: chart, options: options, scratch: &cache.scratch)
    // Let go of the state's arrays, so that the next edit changes them in place.
    cache.histogram.categories = []
    cache.histogram.series[0].values = []
    cache.histogram.series[1].values = []
    if contrib.height > 0 {
      renderContributions(
        into: &screen, rect: contrib, columns: cache.scratch.categoryRects, options: options,
        cache: &cache)
    }
    if panel.width > 0 { renderPanel(into: &screen, rect: panel, options: options, cache: &cache) }
  }

  /// One row under the bars: p·log(p/q) per category (or the per-label loss).
  func renderContributions(
    into screen: inout Screen, rect: Rect, columns: [Rect], options: RenderOptions,
    cache: inout DistributionsRenderCache
  ) {
    let a = options.ascii
    let values = binaryLabels ? labelLosses : cache.report(for: self).contributionsPQ
    // The title, shortened when the row is too narrow for it.
    let room = rect.width - 1
    for short in [false, true] {
      cache.text.removeAll(keepingCapacity: true)
      if binaryLabels {
        cache.text += short ? "BCE per label (" : "binary cross-entropy per label ("
      } else {
        cache.text += a ? "p*log(p/q)" : "p·log(p/q)"
        cache.text += short ? " (" : " per category ("
      }
      cache.text += unit
      cache.text += ")"
      if cache.text.unicodeScalars.count <= room { break }
    }
    screen.put(cache.text, x: rect.x + 1, y: rect.y + 1, style: .dim, clip: rect)
    // Each number centred under its bars, one column narrower than them so neighbours never touch;
    // with 2 decimals, else 1; when even that does not fit, only the selected category's.
    let shown = values.prefix(columns.count)
    var digits: Int? = nil
    for d in [2, 1]
    where zip(shown, columns).allSatisfy({ v, column in
      Fmt.signed(v, d, ascii: a).count < column.width
    }) {
      digits = d
      break
    }
    guard let digits else {
      guard values.indices.contains(selected) else { return }
      cache.text.removeAll(keepingCapacity: true)
      cache.text += categories[selected]
      cache.text += ": "
      cache.text += Fmt.signed(values[selected], 3, ascii: a)
      cache.text += " "
      cache.text += unit
      screen.put(cache.text, x: rect.x + 1, y: rect.y + 2, style: .bold, clip: rect)
      return
    }
    for (i, v) in shown.enumerated() {
      let column = columns[i]
      let text = Fmt.signed(v, digits, ascii: a)
      let x = column.x + max(0, (column.width - text.count) / 2)
      var style: Style = i == selected ? .bold : .plain
      if options.hasColor && v.isFinite { style = style.fg(v >= 0 ? Color(210) : Color(114)) }
      screen.put(
        text, x: x, y: rect.y + 2, style: style,
        clip: Rect(x: column.x, y: rect.y + 2, width: column.width, height: 1))
    }
  }

  var unit: String { base == .bits ? "bits" : "nats" }

  func renderPanel(
    into screen: inout Screen, rect: Rect, options: RenderOptions,
    cache: inout DistributionsRenderCache
  ) {
    screen.fill(rect)
    let a = options.ascii
    let s = Symbols.of(options)
    let inner = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: rect.height)
    var y = rect.y
    func row(_ label: String, _ value: String, _ style: Style = .plain) {
      guard y < rect.maxY else { return }
      screen.put(label, x: inner.x, y: y, style: style, clip: inner)
      screen.put(value, x: inner.maxX - value.count, y: y, style: style.with(.bold), clip: inner)
      y += 1
    }
    func line(_ text: String, _ style: Style = .plain) {
      TextWrap.forEachLine(text, width: inner.width) { part in
        guard y < rect.maxY else { return }
        screen.put(part, x: inner.x, y: y, style: style, clip: inner)
        y += 1
      }
    }
    /// A line built in the cache's text buffer (no string of its own).
    func line(_ style: Style, _ build: (inout String) -> Void) {
      cache.text.removeAll(keepingCapacity: true)
      build(&cache.text)
      line(cache.text, style)
    }
    let heading = Theme.styled(Theme.heading, options)
    let presetName = presetIndex >= 0 ? DistributionPreset.all[presetIndex].name : "custom"
    line(presetName, heading)
    let editName =
      binaryLabels ? (editing == .p ? "targets y" : "predictions") : (editing == .p ? "P" : "Q")
    line(.dim) {
      $0 += "editing "
      $0 += editName
      $0 += ", "
      $0 += categories[selected]
      $0 += " = "
      $0 += Fmt.num(values[selected], 3, ascii: a)
    }
    y += 1
    if binaryLabels {
      let losses = labelLosses
      let mean = losses.isEmpty ? 0 : losses.reduce(0, +) / Double(losses.count)
      row("mean BCE (\(unit))", Fmt.num(mean, 3, ascii: a))
      row(
        "worst label",
        losses.indices.max(by: { losses[$0] < losses[$1] }).map { categories[$0] } ?? "-")
      y += 1
      line(
        "Each bar pair is one label: its target y (0 or 1) and the predicted probability. A confident wrong prediction costs the most.",
        .dim)
      return
    }
    let r = cache.report(for: self)
    let par = s.parallel
    row("H(P)", Fmt.num(r.entropyP, 3, ascii: a))
    row("H(Q)", Fmt.num(r.entropyQ, 3, ascii: a))
    row("H(P,Q)", Fmt.num(r.crossEntropyPQ, 3, ascii: a))
    row("H(Q,P)", Fmt.num(r.crossEntropyQP, 3, ascii: a))
    let klStyle = options.hasColor ? Style(foreground: Color(221)) : Style.plain
    row("KL(P\(par)Q)", Fmt.num(r.klPQ, 3, ascii: a), klStyle)
    row("KL(Q\(par)P)", Fmt.num(r.klQP, 3, ascii: a), klStyle)
    row("JS divergence", Fmt.num(r.jsDivergence, 3, ascii: a))
    row("JS distance", Fmt.num(r.jsDistance, 3, ascii: a))
    line(base == .bits ? "in bits (b: nats)" : "in nats (b: bits)", .dim)
    y += 1
    if let fit = currentFit {
      let (mu, sigma) = a ? ("mu", "sigma") : ("μ", "σ")
      let how = fit.direction == .forward ? "covers P's mass" : "seeks one mode"
      line(
        "Q: normal \(mu) \(Fmt.num(fit.normal.mu, 2, ascii: a)) \(sigma) \(Fmt.num(fit.normal.sigma, 2, ascii: a)), minimising \(fit.direction.name(parallel: par)): it \(how).",
        Theme.styled(Theme.heading, options))
      y += 1
    }
    let warning = Theme.styled(Theme.warning, options)
    if let i = zip(p, q).enumerated().first(where: { $0.element.0 > 0 && $0.element.1 == 0 })?
      .offset
    {
      line(warning) {
        $0 += "KL(P"
        $0 += par
        $0 += "Q) = "
        $0 += s.infinity
        $0 += ": Q gives '"
        $0 += categories[i]
        $0 += "' probability 0 but P does not."
      }
    } else if let i = zip(p, q).enumerated().first(where: { $0.element.1 > 0 && $0.element.0 == 0 }
    )?.offset {
      line(warning) {
        $0 += "KL(Q"
        $0 += par
        $0 += "P) = "
        $0 += s.infinity
        $0 += ": P gives '"
        $0 += categories[i]
        $0 += "' probability 0 but Q does not."
      }
    } else {
      line(
        a
          ? "KL is not symmetric: KL(P||Q) weighs surprises by P, KL(Q||P) by Q."
          : "KL is not symmetric: KL(P‖Q) weighs surprises by P, KL(Q‖P) by Q.", .dim)
    }
  }

  func status(options: RenderOptions) -> String {
    var text = ""
    let report = binaryLabels || notice != nil ? nil : self.report
    status(options: options, report: report, into: &text)
    return text
  }

  /// The status line written into `text` (emptied first, its storage kept); `report` is this
  /// state's `report` (from the render cache; unused with a notice or binary labels).
  func status(options: RenderOptions, report: DistributionReport?, into text: inout String) {
    let a = options.ascii
    let name = categories[selected]
    text.removeAll(keepingCapacity: true)
    if let notice {
      text += a ? asciiOnly(notice) : notice
      return
    }
    if binaryLabels {
      let l = labelLosses
      text +=
        "label \(name): y=\(Fmt.num(p[selected], 0, ascii: a)) \(a ? "y_pred" : "ŷ")=\(Fmt.num(q[selected], 3, ascii: a)) BCE=\(Fmt.num(l.indices.contains(selected) ? l[selected] : 0, 3, ascii: a)) \(unit)"
      return
    }
    let r = report ?? self.report
    let par = Symbols.of(options).parallel
    if let fit = currentFit {
      let kl = fit.direction == .forward ? r.klPQ : r.klQP
      let (mu, sigma) = a ? ("mu", "sigma") : ("μ", "σ")
      text +=
        "Q = normal fit minimising \(fit.direction.name(parallel: par)) = \(Fmt.num(kl, 3, ascii: a)) \(unit)  \(mu)=\(Fmt.num(fit.normal.mu, 2, ascii: a)) \(sigma)=\(Fmt.num(fit.normal.sigma, 2, ascii: a))"
      return
    }
    text += name
    text += ": p="
    text += Fmt.num(p[selected], 3, ascii: a)
    text += " q="
    text += Fmt.num(q[selected], 3, ascii: a)
    text += " share "
    text += Fmt.num(r.contributionsPQ[selected], 3, ascii: a)
    text += " "
    text += unit
    text += " of total KL(P"
    text += par
    text += "Q)="
    text += Fmt.num(r.klPQ, 3, ascii: a)
    text += " "
    text += unit
  }
}

/// What the distributions view keeps between frames (in `AppRenderCache`): the histogram and its
/// layout storage, the report of the P and Q it last saw (copied, so the state's arrays stay its
/// own), and a text buffer. A bar edit then draws without allocating.
struct DistributionsRenderCache: Sendable {
  /// The bars; each frame puts the state's categories and values in and takes them out again.
  var histogram = Histogram(
    categories: [],
    series: [
      (name: "P", values: [], color: DistributionsState.pColor),
      (name: "Q", values: [], color: DistributionsState.qColor),
    ], yMax: 1)
  var scratch = PlotScratch()
  /// A panel line or title being built (rewritten for each).
  var text = ""
  /// The status line (rewritten each frame).
  var status = ""
  private var reportP: [Double] = []
  private var reportQ: [Double] = []
  private var reportBase: LogBase?
  private var cachedReport: DistributionReport?

  /// `state.report`, worked out again only when P, Q or the base changed since the last call.
  mutating func report(for state: DistributionsState) -> DistributionReport {
    if let r = cachedReport, reportBase == state.base, reportP == state.p, reportQ == state.q {
      return r
    }
    reportP.removeAll(keepingCapacity: true)
    reportP.append(contentsOf: state.p)
    reportQ.removeAll(keepingCapacity: true)
    reportQ.append(contentsOf: state.q)
    reportBase = state.base
    if cachedReport == nil {
      cachedReport = state.report
    } else {
      Distributions.report(p: state.p, q: state.q, base: state.base, into: &cachedReport!)
    }
    return cachedReport!
  }
}
