/// Left and bottom axes with nice ticks, labels that never overlap, and axis titles. Shared by the
/// line and contour plots.
struct Axes {
  /// Data ranges the area maps (the frame's ranges).
  var xRange: ClosedRange<Double>
  var yRange: ClosedRange<Double>
  /// Ranges the ticks are chosen in (inside the mapped ranges).
  var xTickRange: ClosedRange<Double>
  var yTickRange: ClosedRange<Double>
  var logY = false
  var xTitle = ""
  var yTitle = ""
  /// Fixed width of the y label column (so the layout does not depend on the data); nil: fit.
  var fixedLabelWidth: Int? = nil

  /// Below this size a plot shows its data only.
  static let minWidth = 14
  static let minHeight = 5
  /// From this height a plot has a row of its own for the y title (with two y ticks under it).
  static let titleRowMinimum = 7

  /// The data area for `rect` without drawing: what `draw` will return.
  static func area(rect: Rect, labelWidth: Int, yTitle: Bool) -> Rect {
    guard rect.width >= minWidth, rect.height >= minHeight else { return rect }
    let top = yTitle && rect.height >= Axes.titleRowMinimum ? 1 : 0
    return Rect(
      x: rect.x + labelWidth + 1, y: rect.y + top, width: rect.width - labelWidth - 1,
      height: rect.height - top - 2)
  }

  /// Where the data area goes in `rect`, and the row the y title takes (`top`: 0 or 1); the y ticks
  /// and labels that decide its left edge are written into `scratch` (its storage kept). `draw` uses
  /// exactly this, and `frame(rect:)` returns it without drawing. Nil: too small for axes.
  func layout(rect: Rect, scratch: inout AxesScratch) -> (area: Rect, top: Int)? {
    scratch.yTicks.removeAll(keepingCapacity: true)
    scratch.yLabels.removeAll(keepingCapacity: true)
    // A fixed layout (contour maps) always keeps the title row, so it matches `area(...)`.
    let hasTitleRow = !yTitle.isEmpty || fixedLabelWidth != nil
    guard rect.width >= Axes.minWidth, rect.height >= Axes.minHeight else { return nil }
    let top = hasTitleRow && rect.height >= Axes.titleRowMinimum ? 1 : 0
    let areaH = rect.height - top - 2
    // y ticks and labels.
    let maxY = max(1, (areaH + 1) / 2)
    if logY {
      Ticks.log(yTickRange, maxCount: maxY, into: &scratch.yTicks)
    } else {
      Ticks.nice(yTickRange, maxCount: min(maxY, 8), into: &scratch.yTicks)
    }
    let yStep = Ticks.step(of: scratch.yTicks)
    var widest = 0
    for t in scratch.yTicks {
      let label = logY ? Ticks.logLabel(t) : Ticks.label(t, step: yStep)
      widest = max(widest, label.unicodeScalars.count)
      scratch.yLabels.append(label)
    }
    var labelW = fixedLabelWidth ?? widest
    if let fixed = fixedLabelWidth, widest > fixed {
      scratch.yLabels.removeAll(keepingCapacity: true)
      scratch.yTicks.removeAll(keepingCapacity: true)
      labelW = fixed
    }
    if fixedLabelWidth == nil, labelW > rect.width / 3 {
      labelW = 0
      scratch.yLabels.removeAll(keepingCapacity: true)
    }
    let area = Rect(
      x: rect.x + labelW + 1, y: rect.y + top, width: rect.width - labelW - 1, height: areaH)
    return (area, top)
  }

  /// The frame `draw` returns for `rect`, found without drawing.
  func frame(rect: Rect) -> PlotFrame {
    var scratch = AxesScratch()
    return PlotFrame(
      area: layout(rect: rect, scratch: &scratch)?.area ?? rect, xRange: xRange, yRange: yRange,
      logY: logY)
  }

  /// Draws the axes inside `rect` and returns the frame of the data area. Nothing is drawn outside `rect`.
  func draw(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    var scratch = AxesScratch()
    return draw(into: &screen, rect: rect, options: options, scratch: &scratch)
  }

  /// `draw(into:rect:options:)` with its tick values and labels in `scratch`, whose storage a plot
  /// drawn every frame keeps (see `PlotScratch`).
  func draw(
    into screen: inout Screen, rect: Rect, options: RenderOptions, scratch: inout AxesScratch
  ) -> PlotFrame {
    guard let (area, top) = layout(rect: rect, scratch: &scratch) else {
      return PlotFrame(area: rect, xRange: xRange, yRange: yRange, logY: logY)
    }
    let frame = PlotFrame(area: area, xRange: xRange, yRange: yRange, logY: logY)
    let ascii = options.ascii
    let axisStyle = Style.plain
    let vbar: Unicode.Scalar = ascii ? "|" : "│"
    let hbar: Unicode.Scalar = ascii ? "-" : "─"
    // y axis.
    let ax = area.x - 1
    for r in area.y..<area.maxY {
      screen.put(vbar, x: ax, y: r, style: axisStyle, clip: rect)
    }
    screen.put(
      ascii ? "+" : "└" as Unicode.Scalar, x: ax, y: area.maxY, style: axisStyle, clip: rect)
    for c in area.x..<area.maxX {
      screen.put(hbar, x: c, y: area.maxY, style: axisStyle, clip: rect)
    }
    let yTicks = scratch.yTicks
    for (i, t) in yTicks.enumerated() {
      // A row already taken by an earlier tick keeps that tick's label.
      guard let r = frame.row(y: t), !yTicks[..<i].contains(where: { frame.row(y: $0) == r })
      else { continue }
      screen.put(ascii ? "+" : "┤" as Unicode.Scalar, x: ax, y: r, style: axisStyle, clip: rect)
      if i < scratch.yLabels.count {
        let l = scratch.yLabels[i]
        screen.put(l, x: ax - l.unicodeScalars.count, y: r, clip: rect)
      }
    }
    // x title at the right end of the label row, when it fits in half the width.
    let labelRow = area.maxY + 1
    var labelEnd = rect.maxX
    let xt = xTitle.unicodeScalars.count
    if xt > 0, xt + 2 <= area.width / 2 {
      labelEnd = rect.maxX - xt - 1
      screen.put(xTitle, x: rect.maxX - xt, y: labelRow, style: .bold, clip: rect)
    }
    // x ticks: the most that fit without overlapping.
    // At most a dozen ticks, at least four columns apart; fewer while labels would overlap.
    var count = max(1, min(area.width / 4, 12))
    while count >= 1 {
      Ticks.nice(xTickRange, maxCount: count, into: &scratch.xTicks)
      let ticks = scratch.xTicks
      let step = Ticks.step(of: ticks)
      // Where tick t goes and where its label starts (nil: the label is left out).
      func place(_ t: Double) -> (c: Int, start: Int, label: String?)? {
        guard let c = frame.column(x: t) else { return nil }
        let l = Ticks.label(t, step: step)
        let n = l.unicodeScalars.count
        let start = min(max(c - n / 2, rect.x), labelEnd - n)
        // A label is only ever written under its own tick; one pushed off it by the edge or the
        // title is left out (the tick mark stays).
        if start > c || start + n <= c || start < rect.x { return (c, start, nil) }
        return (c, start, l)
      }
      // First the check (no label overlaps the one before), then the drawing: nothing is stored.
      var prevEnd = rect.x - 1
      var ok = true
      var labelled = 0
      for t in ticks {
        guard let p = place(t), let l = p.label else { continue }
        if p.start <= prevEnd {
          ok = false
          break
        }
        labelled += 1
        prevEnd = p.start + l.unicodeScalars.count
      }
      // At least two labelled ticks when the width allows; else fewer ticks are tried.
      if ok, count > 2, labelled < 2 { ok = false }
      if ok {
        for t in ticks {
          guard let p = place(t) else { continue }
          screen.put(
            ascii ? "+" : "┬" as Unicode.Scalar, x: p.c, y: area.maxY, style: axisStyle, clip: rect)
          if let l = p.label { screen.put(l, x: p.start, y: labelRow, clip: rect) }
        }
        break
      }
      count -= 1
    }
    if top == 1, yTitle.unicodeScalars.count <= rect.width {
      // Fits whole (what the parts below join back to).
      screen.put(yTitle, x: rect.x, y: rect.y, style: .bold, clip: rect)
    } else if top == 1 {
      // A title too wide for the plot loses its later parts (separated by two spaces), whole.
      var parts = yTitle.split(separator: "  ", omittingEmptySubsequences: false).map(String.init)
      while parts.count > 1, parts.joined(separator: "  ").unicodeScalars.count > rect.width {
        parts.removeLast()
      }
      screen.put(parts.joined(separator: "  "), x: rect.x, y: rect.y, style: .bold, clip: rect)
    }
    return frame
  }
}

/// The tick values and labels `Axes` works out for a frame, kept so that the next frame reuses
/// their storage.
struct AxesScratch: Sendable {
  var yTicks: [Double] = []
  var yLabels: [String] = []
  var xTicks: [Double] = []
}
