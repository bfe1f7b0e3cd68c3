/// Bars for several series side by side per category (e.g. two distributions), with category
/// labels, values on the bars where they fit, and one category highlighted.
public struct Histogram: Sendable {
  public var categories: [String]
  public var series: [(name: String, values: [Double], color: Color)]
  /// Top of the value axis; nil: a nice value at or above the largest bar.
  public var yMax: Double? = nil
  /// Category drawn highlighted (reverse label, bold bars).
  public var selected: Int? = nil
  /// Print values above bars where they fit.
  public var showValues = true

  public init(
    categories: [String], series: [(name: String, values: [Double], color: Color)],
    yMax: Double? = nil, selected: Int? = nil
  ) {
    self.categories = categories
    self.series = series
    self.yMax = yMax
    self.selected = selected
  }

  /// Where things go inside a rectangle (the category columns go into a `PlotScratch`).
  struct Layout {
    var area: Rect
    var legendRow: Int?
    var labelRow: Int?
    var axis: Bool
    var top: Double
  }

  /// The top of the value axis used for these values.
  var axisTop: Double {
    if let yMax, yMax > 0, yMax.isFinite { return yMax }
    let m = series.flatMap { $0.values }.filter { $0.isFinite }.max() ?? 1
    guard m > 0 else { return 1 }
    // Smallest 1/2/5 step multiple ≥ m.
    let ticks = Ticks.nice(0...m, maxCount: 4)
    let step = Ticks.step(of: ticks)
    let k = (m / step - 1e-9).rounded(.up)
    return Double(Ticks.label(k * step, step: step)) ?? k * step
  }

  /// The layout inside `rect`, with each category's columns written into `groups` (emptied first,
  /// its storage kept).
  func layout(_ rect: Rect, groups: inout [Rect]) -> Layout {
    var r = rect
    var legendRow: Int? = nil
    var labelRow: Int? = nil
    if r.height >= 6 && series.contains(where: { !$0.name.isEmpty }) {
      legendRow = r.y
      r.y += 1
      r.height -= 1
    }
    if r.height >= 3 && !categories.isEmpty {
      labelRow = r.maxY - 1
      r.height -= 1
    }
    let axis = r.width >= 20 && r.height >= 4
    let labelW = axis ? 5 : 0
    let area = Rect(
      x: r.x + labelW + (axis ? 1 : 0), y: r.y, width: r.width - labelW - (axis ? 1 : 0),
      height: r.height)
    let n = max(categories.count, 1)
    groups.removeAll(keepingCapacity: true)
    for k in 0..<categories.count {
      let x0 = area.x + k * area.width / n
      let x1 = area.x + (k + 1) * area.width / n
      groups.append(Rect(x: x0, y: area.y, width: x1 - x0, height: area.height))
    }
    return Layout(
      area: area, legendRow: legendRow, labelRow: labelRow, axis: axis, top: axisTop)
  }

  /// The screen columns of each category (its bars, value labels and label), for mouse clicks.
  public func categoryRects(in rect: Rect) -> [Rect] {
    var groups: [Rect] = []
    _ = layout(rect, groups: &groups)
    return groups
  }

  /// Series colour; without colour every series is plain and the fill tells them apart.
  func barStyle(_ index: Int, _ color: Color, _ colored: Bool) -> Style {
    colored ? Style(foreground: color) : Style.plain
  }

  /// Without colour (and not ASCII) every second series is filled with a shade instead of solid
  /// blocks, so printed pairs (P and Q) stay apart.
  static func shaded(_ index: Int, options: RenderOptions) -> Bool {
    !options.hasColor && !options.ascii && index % 2 == 1
  }

  /// The fill of a shaded bar (`shaded`), a whole cell at a time.
  static let shade: Unicode.Scalar = "▒"

  /// Bar glyphs in ASCII, one per series (cycling).
  static let asciiGlyphs: [Unicode.Scalar] = ["#", "=", "%", "@", "+", "o"]
  /// The top cell of a bar, by eighths of a cell.
  static let eighths: [Unicode.Scalar] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// Draws the histogram inside `rect` (nothing outside it); returns the bar area.
  @discardableResult
  public func draw(into screen: inout Screen, rect: Rect, options: RenderOptions) -> Rect {
    var scratch = PlotScratch()
    return draw(into: &screen, rect: rect, options: options, scratch: &scratch)
  }

  /// `draw(into:rect:options:)` with its layout kept in `scratch`: the storage is reused when a
  /// histogram is redrawn every frame, and `scratch.categoryRects` holds each category's columns
  /// afterwards (what `categoryRects(in:)` returns).
  @discardableResult
  public func draw(
    into screen: inout Screen, rect: Rect, options: RenderOptions, scratch: inout PlotScratch
  ) -> Rect {
    let rect = rect.intersection(screen.bounds)
    guard !rect.isEmpty else {
      scratch.categoryRects.removeAll(keepingCapacity: true)
      return rect
    }
    screen.fill(rect)
    let l = layout(rect, groups: &scratch.categoryRects)
    let area = l.area
    let colored = options.hasColor
    let asciiGlyphs = Histogram.asciiGlyphs
    let eighths = Histogram.eighths
    if let y = l.legendRow {
      var x = rect.x
      for (k, s) in series.enumerated() {
        let sample =
          options.ascii
          ? asciiGlyphs[k % asciiGlyphs.count]
          : (Histogram.shaded(k, options: options) ? Histogram.shade : "█")
        x = screen.put(String(sample), x: x, y: y, style: barStyle(k, s.color, colored), clip: rect)
        x = screen.put(" ", x: x, y: y, clip: rect)
        x = screen.put(s.name, x: x, y: y, clip: rect) + 2
      }
    }
    if l.axis, area.height >= 1 {
      Ticks.nice(0...l.top, maxCount: max(2, area.height / 2), into: &scratch.ticks)
      let ticks = scratch.ticks
      let step = Ticks.step(of: ticks)
      // Ticks go up, so their rows go down: a row already labelled can only be the last one.
      var lastRow = Int.max
      for t in ticks {
        let row = area.maxY - 1 - Int((t / l.top * Double(area.height - 1)).rounded())
        guard row >= area.y, row != lastRow else { continue }
        lastRow = row
        let s = Ticks.label(t, step: step)
        guard s.unicodeScalars.count <= 5 else { continue }
        screen.put(s, x: area.x - 1 - s.unicodeScalars.count, y: row, style: .dim, clip: rect)
      }
      for y in area.y..<area.maxY {
        screen.put(options.ascii ? "|" : "│", x: area.x - 1, y: y, style: .dim, clip: rect)
      }
    }
    let ns = max(series.count, 1)
    for (k, g) in scratch.categoryRects.enumerated() {
      let isSel = selected == k
      let inner = g.width >= ns + 1 ? Rect(x: g.x, y: g.y, width: g.width - 1, height: g.height) : g
      let barW = max(1, inner.width / ns)
      let pad = (inner.width - barW * ns) / 2
      for (si, s) in series.enumerated() {
        guard k < s.values.count else { continue }
        let v = s.values[k]
        let bx = inner.x + pad + si * barW
        let bar = Rect(x: bx, y: g.y, width: barW, height: g.height).intersection(g)
        guard !bar.isEmpty, v.isFinite, v > 0 else { continue }
        var st = barStyle(si, s.color, colored)
        if isSel { st = st.with(.bold) }
        let frac = min(v / l.top, 1)
        var topRow = bar.maxY
        let shaded = Histogram.shaded(si, options: options)
        if options.ascii || shaded {
          var cellsH = Int((frac * Double(bar.height)).rounded())
          let glyph = String(shaded ? Histogram.shade : asciiGlyphs[si % asciiGlyphs.count])
          if cellsH == 0 {
            for x in bar.x..<bar.maxX {
              screen.put("_", x: x, y: bar.maxY - 1, style: st, clip: bar)
            }
            cellsH = 1
          } else {
            for y in (bar.maxY - cellsH)..<bar.maxY {
              for x in bar.x..<bar.maxX { screen.put(glyph, x: x, y: y, style: st, clip: bar) }
            }
          }
          topRow = bar.maxY - cellsH
        } else {
          let h8 = max(1, Int((frac * Double(bar.height * 8)).rounded()))
          let full = h8 / 8
          let rem = h8 % 8
          for y in (bar.maxY - full)..<bar.maxY {
            for x in bar.x..<bar.maxX { screen.put("█", x: x, y: y, style: st, clip: bar) }
          }
          if rem > 0 {
            for x in bar.x..<bar.maxX {
              screen.put(
                String(eighths[rem - 1]), x: x, y: bar.maxY - full - 1, style: st, clip: bar)
            }
          }
          topRow = bar.maxY - full - (rem > 0 ? 1 : 0)
        }
        if showValues, topRow - 1 >= bar.y {
          let text = Histogram.valueLabel(v)
          if text.unicodeScalars.count <= barW {
            let x = bar.x + (barW - text.unicodeScalars.count + 1) / 2
            screen.put(text, x: x, y: topRow - 1, style: .dim, clip: bar)
          }
        }
      }
      if let y = l.labelRow {
        // The name keeps its group's last column free, so neighbouring names never touch.
        let room = max(1, g.width - 1)
        let scalars = categories[k].unicodeScalars
        let name = Substring(scalars.prefix(room))
        let x = g.x + (room - name.unicodeScalars.count) / 2
        screen.put(
          name, x: x, y: y, style: isSel ? Style.reverse.with(.bold) : .plain,
          clip: Rect(x: g.x, y: y, width: room, height: 1))
      }
    }
    if options.ascii { screen.asciify(rect) }
    return area
  }

  /// A short value label: two decimals below 10, fewer above.
  static func valueLabel(_ v: Double) -> String {
    if v < 10 { return Ticks.label(v, step: 0.01) }
    if v < 100 { return Ticks.label(v, step: 0.1) }
    return Ticks.label(v, step: 1)
  }
}
