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
    let (chart, contrib, panel) = split(rect)
    let names =
      binaryLabels ? ["y (target)", "\(options.ascii ? "y_pred" : "ŷ") (predicted)"] : ["P", "Q"]
    var hist = Histogram(
      categories: categories,
      series: [
        (name: names[0], values: p, color: Self.pColor),
        (name: names[1], values: q, color: Self.qColor),
      ])
    hist.selected = selected
    hist.yMax = 1
    hist.draw(into: &screen, rect: chart, options: options)
    if contrib.height > 0 {
      renderContributions(
        into: &screen, rect: contrib, columns: hist.categoryRects(in: chart), options: options)
    }
    if panel.width > 0 { renderPanel(into: &screen, rect: panel, options: options) }
  }

  /// One row under the bars: p·log(p/q) per category (or the per-label loss).
  func renderContributions(
    into screen: inout Screen, rect: Rect, columns: [Rect], options: RenderOptions
  ) {
    let a = options.ascii
    let values: [Double]
    let titles: [String]
    let term = a ? "p*log(p/q)" : "p·log(p/q)"
    if binaryLabels {
      values = labelLosses
      titles = ["binary cross-entropy per label (\(unit))", "BCE per label (\(unit))"]
    } else {
      values = report.contributionsPQ
      titles = ["\(term) per category (\(unit))", "\(term) (\(unit))"]
    }
    let room = rect.width - 1
    let title = titles.first { $0.unicodeScalars.count <= room } ?? titles.last!
    screen.put(title, x: rect.x + 1, y: rect.y + 1, style: .dim, clip: rect)
    // Each number centred under its bars, one column narrower than them so neighbours never touch;
    // with 2 decimals, else 1; when even that does not fit, only the selected category's.
    let shown = values.prefix(columns.count)
    var texts: [String]? = nil
    for digits in [2, 1] {
      let t = shown.map { Fmt.signed($0, digits, ascii: a) }
      if zip(t, columns).allSatisfy({ $0.count < $1.width }) {
        texts = t
        break
      }
    }
    guard let texts else {
      guard values.indices.contains(selected) else { return }
      let text =
        "\(categories[selected]): \(Fmt.signed(values[selected], 3, ascii: a)) \(unit)"
      screen.put(text, x: rect.x + 1, y: rect.y + 2, style: .bold, clip: rect)
      return
    }
    for (i, v) in shown.enumerated() {
      let column = columns[i]
      let text = texts[i]
      let x = column.x + max(0, (column.width - text.count) / 2)
      var style: Style = i == selected ? .bold : .plain
      if options.hasColor && v.isFinite { style = style.fg(v >= 0 ? Color(210) : Color(114)) }
      screen.put(
        text, x: x, y: rect.y + 2, style: style,
        clip: Rect(x: column.x, y: rect.y + 2, width: column.width, height: 1))
    }
  }

  var unit: String { base == .bits ? "bits" : "nats" }

  func renderPanel(into screen: inout Screen, rect: Rect, options: RenderOptions) {
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
    let heading = Theme.styled(Theme.heading, options)
    let presetName = presetIndex >= 0 ? DistributionPreset.all[presetIndex].name : "custom"
    line(presetName, heading)
    let editName =
      binaryLabels ? (editing == .p ? "targets y" : "predictions") : (editing == .p ? "P" : "Q")
    line(
      "editing \(editName), \(categories[selected]) = \(Fmt.num(values[selected], 3, ascii: a))",
      .dim)
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
    let r = report
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
    line("in \(unit) (b: \(base == .bits ? "nats" : "bits"))", .dim)
    y += 1
    if let fit = currentFit {
      let (mu, sigma) = a ? ("mu", "sigma") : ("μ", "σ")
      let how = fit.direction == .forward ? "covers P's mass" : "seeks one mode"
      line(
        "Q: normal \(mu) \(Fmt.num(fit.normal.mu, 2, ascii: a)) \(sigma) \(Fmt.num(fit.normal.sigma, 2, ascii: a)), minimising \(fit.direction.name(parallel: par)): it \(how).",
        Theme.styled(Theme.heading, options))
      y += 1
    }
    if let i = zip(p, q).enumerated().first(where: { $0.element.0 > 0 && $0.element.1 == 0 })?
      .offset
    {
      line(
        "KL(P\(par)Q) = \(s.infinity): Q gives '\(categories[i])' probability 0 but P does not.",
        Theme.styled(Theme.warning, options))
    } else if let i = zip(p, q).enumerated().first(where: { $0.element.1 > 0 && $0.element.0 == 0 }
    )?.offset {
      line(
        "KL(Q\(par)P) = \(s.infinity): P gives '\(categories[i])' probability 0 but Q does not.",
        Theme.styled(Theme.warning, options))
    } else {
      line("KL is not symmetric: KL(P\(par)Q) weighs surprises by P, KL(Q\(par)P) by Q.", .dim)
    }
  }

  func status(options: RenderOptions) -> String {
    let a = options.ascii
    let name = categories[selected]
    if let notice { return a ? asciiOnly(notice) : notice }
    if binaryLabels {
      let l = labelLosses
      return
        "label \(name): y=\(Fmt.num(p[selected], 0, ascii: a)) \(a ? "y_pred" : "ŷ")=\(Fmt.num(q[selected], 3, ascii: a)) BCE=\(Fmt.num(l.indices.contains(selected) ? l[selected] : 0, 3, ascii: a)) \(unit)"
    }
    let r = report
    let par = Symbols.of(options).parallel
    if let fit = currentFit {
      let kl = fit.direction == .forward ? r.klPQ : r.klQP
      let (mu, sigma) = a ? ("mu", "sigma") : ("μ", "σ")
      return
        "Q = normal fit minimising \(fit.direction.name(parallel: par)) = \(Fmt.num(kl, 3, ascii: a)) \(unit)  \(mu)=\(Fmt.num(fit.normal.mu, 2, ascii: a)) \(sigma)=\(Fmt.num(fit.normal.sigma, 2, ascii: a))"
    }
    return
      "\(name): p=\(Fmt.num(p[selected], 3, ascii: a)) q=\(Fmt.num(q[selected], 3, ascii: a)) share \(Fmt.num(r.contributionsPQ[selected], 3, ascii: a)) \(unit) of total KL(P\(par)Q)=\(Fmt.num(r.klPQ, 3, ascii: a)) \(unit)"
  }
}
