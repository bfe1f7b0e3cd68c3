/// Curves y = f(x) and point sets over x and y axes, with legend, cursor and markers.
public struct LinePlot: Sendable {
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  /// log₁₀ y axis; `yRange` stays in data units and must be positive.
  public var logY = false
  public var xTitle = ""
  public var yTitle = ""
  public var series: [Series] = []
  public var showLegend = true
  /// A dim vertical line at this x.
  public var cursorX: Double? = nil
  /// Highlighted points, e.g. where the cursor meets each curve.
  public var markers: [(x: Double, y: Double, color: Color)] = []
  /// Dot glyphs to use; nil: braille, or ASCII when the options ask for it (ASCII always wins).
  public var canvasMode: CanvasMode? = nil

  public init(
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, logY: Bool = false,
    xTitle: String = "", yTitle: String = "", series: [Series] = []
  ) {
    self.xRange = xRange
    self.yRange = yRange
    self.logY = logY
    self.xTitle = xTitle
    self.yTitle = yTitle
    self.series = series
  }

  /// The ranges the plot maps (made usable: finite, increasing, positive on a log axis).
  private var mappedRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let xr = LinePlot.sane(xRange)
    var yr = LinePlot.sane(yRange)
    if logY && !(yr.lowerBound > 0) {
      yr = max(yr.upperBound * 1e-3, 1e-12)...max(yr.upperBound, 1e-9)
    }
    return (xr, yr)
  }

  private func axes(_ xr: ClosedRange<Double>, _ yr: ClosedRange<Double>) -> Axes {
    Axes(
      xRange: xr, yRange: yr, xTickRange: xr, yTickRange: yr, logY: logY, xTitle: xTitle,
      yTitle: yTitle)
  }

  /// Where `draw` puts the data area inside `rect` (already within the screen), and how its cells
  /// map to data: the frame `draw` returns, found without drawing (for hit-testing a click).
  public func frame(in rect: Rect) -> PlotFrame {
    let (xr, yr) = mappedRanges
    guard !rect.isEmpty else { return PlotFrame(area: rect, xRange: xr, yRange: yr, logY: logY) }
    return axes(xr, yr).frame(rect: rect)
  }

  /// Draws the plot inside `rect` (nothing outside it) and returns where the data area landed.
  /// Small rectangles drop the legend, then the axes and labels.
  @discardableResult
  public func draw(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    var scratch = PlotScratch()
    return draw(into: &screen, rect: rect, options: options, scratch: &scratch)
  }

  /// `draw(into:rect:options:)` on the canvas and tick storage of `scratch`: a plot redrawn every
  /// frame with the same scratch (kept in a render cache) allocates nothing for them.
  @discardableResult
  public func draw(
    into screen: inout Screen, rect: Rect, options: RenderOptions, scratch: inout PlotScratch
  ) -> PlotFrame {
    let rect = rect.intersection(screen.bounds)
    let (xr, yr) = mappedRanges
    guard !rect.isEmpty else { return PlotFrame(area: rect, xRange: xr, yRange: yr, logY: logY) }
    screen.fill(rect)
    let frame = axes(xr, yr).draw(
      into: &screen, rect: rect, options: options, scratch: &scratch.axes)
    let area = frame.area
    if options.ascii { screen.asciify(rect) }
    guard !area.isEmpty else { return frame }
    let colored = options.hasColor
    // Without colour, several series are told apart by their glyphs (braille dots all look alike), so
    // they are drawn on the glyph canvas even where Unicode is available.
    let useGlyphs = !colored && series.count > 1
    let mode = options.ascii || useGlyphs ? CanvasMode.ascii : (canvasMode ?? CanvasMode(options))
    scratch.canvas.reset(columns: area.width, rows: area.height, mode: mode)
    // The emphasized series last, over the others.
    for pass in 0..<2 {
      for s in series where s.emphasized == (pass == 1) {
        let g: UInt8 = useGlyphs ? (s.asciiGlyph.asciiValue ?? 42) : 0
        plot(s, on: &scratch.canvas, frame: frame, glyph: g)
      }
    }
    let canvas = scratch.canvas
    // Cursor under the data.
    if let cx = cursorX, let c = frame.column(x: cx) {
      for r in area.y..<area.maxY where canvas.bits[(r - area.y) * area.width + c - area.x] == 0 {
        screen.put(options.ascii ? ":" : "│", x: c, y: r, style: .dim, clip: area)
      }
    }
    canvas.draw(into: &screen, at: (area.x, area.y), colored: colored, clip: area)
    if series.contains(where: { $0.emphasized }) {
      // Bold where an emphasized series' colour won.
      var em = ColorSet()
      for s in series where s.emphasized { em.insert(s.color) }
      let sw = screen.width
      canvas.bits.withUnsafeBufferPointer { bits in
        canvas.colors.withUnsafeBufferPointer { colors in
          screen.cells.withUnsafeMutableBufferPointer { cells in
            for r in 0..<area.height {
              for c in 0..<area.width {
                let k = r * area.width + c
                if bits[k] != 0, em.contains(colors[k]) {
                  cells[(area.y + r) * sw + area.x + c].style.attributes.insert(.bold)
                }
              }
            }
          }
        }
      }
    }
    for m in markers {
      guard let c = frame.column(x: m.x), let r = frame.row(y: m.y) else { continue }
      screen.put(
        options.ascii ? "o" : "●", x: c, y: r,
        style: colored ? Style(foreground: m.color).with(.bold) : .bold, clip: area)
    }
    if showLegend {
      drawLegend(into: &screen, area: area, canvas: canvas, options: options, glyphs: useGlyphs)
    }
    if options.ascii { screen.asciify(rect) }
    return frame
  }

  /// A usable range: finite, increasing, non-empty.
  static func sane(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
    var lo = r.lowerBound.isFinite ? r.lowerBound : -1
    var hi = r.upperBound.isFinite ? r.upperBound : lo + 1
    if hi <= lo {
      let pad = lo == 0 ? 1 : lo.magnitude * 0.5
      lo -= pad
      hi = lo + 2 * pad
    }
    return lo...hi
  }

  private func plot(_ s: Series, on canvas: inout Canvas, frame: PlotFrame, glyph: UInt8) {
    let w = canvas.dotWidth
    let h = canvas.dotHeight
    let x0 = frame.xRange.lowerBound
    let xs = frame.xRange.upperBound - frame.xRange.lowerBound
    let yHi = frame.yHi
    let ys = frame.yHi - frame.yLo
    let dh = Double(h)
    let dw = Double(w)
    let log = frame.logY
    @inline(__always) func dotY(_ y: Double) -> Double {
      let v = log ? log10Safe(y) : y
      if v.isNaN { return .nan }
      return (yHi - v) / ys * dh - 0.5
    }
    @inline(__always) func dotX(_ x: Double) -> Double { (x - x0) / xs * dw - 0.5 }
    let color = s.color
    /// y = f(x) sampled once per dot column at the dot centre, consecutive samples joined.
    func function(_ f: (Double) -> Double) {
      var prev = Double.nan
      /// A run to the top or bottom edge in column `col` when the curve's value at the end of its
      /// domain (between `inside` and `outside`) lies beyond the plot: an asymptote like BCE's at 0 and 1.
      func runToEdgeAtDomainEnd(col: Int, from dotYInside: Double, inside: Double, outside: Double)
      {
        let limit = dotY(Self.valueAtDomainEdge(f, inside: inside, outside: outside))
        guard limit.isInfinite || limit < 0 || limit > Double(h - 1) else { return }
        let edge = limit < 0 ? 0 : h - 1
        canvas.line(Double(col), dotYInside, Double(col), Double(edge), color: color, glyph: glyph)
      }
      for dx in 0..<w {
        let x = x0 + (Double(dx) + 0.5) / dw * xs
        let fy = dotY(f(x))
        if fy.isFinite {
          if prev.isFinite {
            canvas.line(Double(dx - 1), prev, Double(dx), fy, color: color, glyph: glyph)
          } else if prev.isInfinite {
            // Coming back from ±∞: a run from the edge it left by.
            let edge = prev < 0 ? 0 : h - 1
            canvas.line(Double(dx), Double(edge), Double(dx), fy, color: color, glyph: glyph)
          } else if dx > 0 {
            // Entering the domain: the curve may come down from an asymptote at its edge.
            canvas.line(Double(dx), fy, Double(dx), fy, color: color, glyph: glyph)
            let xPrev = x0 + (Double(dx) - 0.5) / dw * xs
            runToEdgeAtDomainEnd(col: dx, from: fy, inside: x, outside: xPrev)
          } else {
            canvas.line(Double(dx), fy, Double(dx), fy, color: color, glyph: glyph)
          }
        } else if fy.isNaN, prev.isFinite {
          // Leaving the domain: run to the edge if the curve heads off the plot there.
          let xPrev = x0 + (Double(dx) - 0.5) / dw * xs
          runToEdgeAtDomainEnd(col: dx - 1, from: prev, inside: xPrev, outside: x)
        } else if fy.isInfinite, prev.isFinite {
          // Leaving to ±∞ (fy = −∞ is the top): run to the edge, never back across.
          let edge = fy < 0 ? 0 : h - 1
          canvas.line(Double(dx), prev, Double(dx), Double(edge), color: color, glyph: glyph)
        }
        prev = fy
      }
    }
    switch s.source {
    case .function(let f):
      function(f)
    case .line(let slope, let intercept):
      // The same samples as `.function { slope * $0 + intercept }`, without a closure to allocate.
      function { slope * $0 + intercept }
    case .points(let xsArr, let ysArr):
      var px = Double.nan
      var py = Double.nan
      // The dot the last segment ended on, when it lay well inside (-1: none). A segment from there
      // to a point on the same dot would set only that dot again, so it is skipped: dense data
      // (many points a dot) then costs one comparison a point.
      var lastX = -1
      var lastY = -1
      for k in 0..<min(xsArr.count, ysArr.count) {
        let fx = dotX(xsArr[k])
        let fy = dotY(ysArr[k])
        if fx.isFinite && fy.isFinite {
          if fx > -0.25 && fx < dw - 0.75 && fy > -0.25 && fy < dh - 0.75 {
            let ix = Int(fx + 0.5)
            let iy = Int(fy + 0.5)
            if ix == lastX && iy == lastY {
              px = fx
              py = fy
              continue
            }
            (lastX, lastY) = (ix, iy)
          } else {
            (lastX, lastY) = (-1, -1)
          }
          if px.isFinite && py.isFinite {
            canvas.line(px, py, fx, fy, color: color, glyph: glyph)
          } else {
            canvas.line(fx, fy, fx, fy, color: color, glyph: glyph)
          }
        } else {
          (lastX, lastY) = (-1, -1)
        }
        px = fx
        py = fy
      }
    case .scatter(let xsArr, let ysArr):
      // A lone point is drawn at its rounded position when it lies in the canvas's clip box (what
      // `line(x, y, x, y)` does), so no clipping is needed; NaN and ±∞ fail the test.
      let lo = -0.5 + 1e-9
      let hiX = dw - 0.5 - 1e-9
      let hiY = dh - 0.5 - 1e-9
      // Scales multiplied rather than divided by: scatters can be millions of points.
      let kx = dw / xs
      let ky = dh / ys
      xsArr.withUnsafeBufferPointer { xsp in
        ysArr.withUnsafeBufferPointer { ysp in
          canvas.setDots(count: min(xsp.count, ysp.count), color: color, glyph: glyph) { k in
            let fx = (xsp[k] - x0) * kx - 0.5
            let v = log ? log10Safe(ysp[k]) : ysp[k]
            let fy = (yHi - v) * ky - 0.5
            guard fx >= lo, fx <= hiX, fy >= lo, fy <= hiY else { return nil }
            return (Int(fx + 0.5), Int(fy + 0.5))
          }
        }
      }
    }
  }

  /// The value `f` approaches at the end of its domain, found by bisection between a point where it is
  /// defined (`inside`) and one where it is NaN (`outside`).
  static func valueAtDomainEdge(_ f: (Double) -> Double, inside: Double, outside: Double) -> Double
  {
    var a = inside
    var b = outside
    var v = f(a)
    for _ in 0..<48 {
      let m = (a + b) / 2
      let fm = f(m)
      if fm.isNaN {
        b = m
      } else {
        a = m
        v = fm
      }
    }
    return v
  }

  private func drawLegend(
    into screen: inout Screen, area: Rect, canvas: Canvas, options: RenderOptions, glyphs: Bool
  ) {
    // The named series, counted without collecting them.
    var h = 0
    var longest = 0
    for s in series where !s.name.isEmpty {
      h += 1
      longest = max(longest, s.name.unicodeScalars.count)
    }
    guard h > 0 else { return }
    let w = longest + 4
    guard w <= area.width / 2, h <= area.height / 2 else { return }
    // The corner with the fewest drawn cells: top right, top left, bottom right, bottom left.
    var best = (area.width - w, 0)
    var bestCount = Int.max
    for k in 0..<4 {
      let c = (k % 2 == 0 ? area.width - w : 0, k < 2 ? 0 : area.height - h)
      let n = canvas.filledCells(in: Rect(x: c.0, y: c.1, width: w, height: h))
      if n < bestCount {
        bestCount = n
        best = c
      }
    }
    let colored = options.hasColor
    var i = -1
    for s in series where !s.name.isEmpty {
      i += 1
      let x = area.x + best.0
      let y = area.y + best.1 + i
      screen.fill(Rect(x: x, y: y, width: w, height: 1).intersection(area))
      let sample: String
      if glyphs {
        sample = String(repeating: s.asciiGlyph, count: 2)
      } else {
        sample = options.ascii ? "--" : "──"
      }
      let st = colored ? Style(foreground: s.color).with(s.emphasized ? .bold : []) : Style.plain
      screen.put(sample, x: x + 1, y: y, style: st, clip: area)
      screen.put(s.name, x: x + 4, y: y, clip: area)
    }
  }
}

/// A set of colours as bits (the 256 palette entries and the default): no hashing, no allocation.
struct ColorSet {
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var hasDefault = false

  mutating func insert(_ c: Color) {
    guard let i = c.index else {
      hasDefault = true
      return
    }
    let bit = UInt64(1) << (i & 63)
    switch i >> 6 {
    case 0: words.0 |= bit
    case 1: words.1 |= bit
    case 2: words.2 |= bit
    default: words.3 |= bit
    }
  }

  @inline(__always)
  func contains(_ c: Color) -> Bool {
    guard let i = c.index else { return hasDefault }
    let bit = UInt64(1) << (i & 63)
    switch i >> 6 {
    case 0: return words.0 & bit != 0
    case 1: return words.1 & bit != 0
    case 2: return words.2 & bit != 0
    default: return words.3 & bit != 0
    }
  }
}

/// What a plot reuses from one frame to the next: the dot canvas its data is drawn on and the
/// axes' tick values and labels (a histogram: its category columns). Keep one per plot in a render
/// cache and pass it to `draw(into:rect:options:scratch:)`; once it has held a frame of that size,
/// drawing again allocates nothing for them.
public struct PlotScratch: Sendable {
  /// The canvas the data is drawn on, reset (not re-allocated) at each draw.
  public var canvas = Canvas()
  var axes = AxesScratch()
  /// The columns of a histogram's categories, left to right, from its last `draw`.
  public internal(set) var categoryRects: [Rect] = []
  /// The tick values of a histogram's value axis.
  var ticks: [Double] = []

  public init() {}
}
