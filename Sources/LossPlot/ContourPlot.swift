import LossCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A gradient-descent trajectory over (w, b) to draw on a contour map.
public struct ContourPath: Sendable {
  public var points: [(w: Double, b: Double)]
  public var color: Color
  public var name: String
  public init(points: [(w: Double, b: Double)], color: Color, name: String = "") {
    self.points = points
    self.color = color
    self.name = name
  }
}

/// A straight line from (w0, b0) to (w1, b1) drawn thin under the paths.
public struct ContourGuide: Sendable, Equatable {
  public var w0, b0, w1, b1: Double
  public var color: Color
  public init(from a: (w: Double, b: Double), to z: (w: Double, b: Double), color: Color) {
    (w0, b0, w1, b1, self.color) = (a.w, a.b, z.w, z.b, color)
  }
}

/// One point marked with a glyph (and an ASCII stand-in).
public struct ContourMark: Sendable, Equatable {
  public var w, b: Double
  public var glyph: String
  public var asciiGlyph: String
  public var color: Color
  public init(w: Double, b: Double, glyph: String, asciiGlyph: String, color: Color) {
    (self.w, self.b, self.glyph, self.asciiGlyph, self.color) = (w, b, glyph, asciiGlyph, color)
  }
}

/// A loss surface over (w, b): isolines by marching squares, filled bands where colour is on, a
/// level key, a marker at the minimum, optimizer paths and a gradient arrow.
public struct ContourPlot: Sendable {
  /// The values; x = w, y = b. Sample it at `sampleSize(for:options:)` for one sample per dot.
  public var grid: Grid2D
  /// Contour levels; nil: chosen from the grid's range (log-spaced when it spans decades).
  public var levels: [Double]? = nil
  public var xTitle = "w"
  public var yTitle = "b"
  /// Where the minimum is, marked with ◆ (`X` in ASCII).
  public var minimum: (x: Double, y: Double)? = nil
  public var paths: [ContourPath] = []
  /// Gradient direction at a point, drawn at a fixed length (only the direction matters).
  public var arrow: (x: Double, y: Double, dx: Double, dy: Double)? = nil
  /// Draw `arrow` at its true length (a step vector) instead of three cells (a direction).
  public var arrowToScale = false
  /// Straight guide lines under the paths (e.g. the Hessian's eigenvector axes through the minimum).
  public var guides: [ContourGuide] = []
  /// Single points marked over everything (e.g. the selected step, where a blow-up began).
  public var marks: [ContourMark] = []
  public var showKey = true

  public init(grid: Grid2D) { self.grid = grid }

  /// Width of the y tick label column (fixed, so the layout does not depend on the data).
  static let labelWidth = 6
  /// Columns the level key takes at the right (with a one-column gap).
  static let keyWidth = 10

  /// Whether the key fits beside the map in `rect`.
  static func keyFits(_ rect: Rect) -> Bool { rect.width >= 40 && rect.height >= 5 }

  /// The data area inside `rect` (the same one `draw` uses).
  public static func dataArea(for rect: Rect, options: RenderOptions, showKey: Bool = true) -> Rect
  {
    var r = rect
    if showKey && keyFits(rect) { r.width -= keyWidth }
    return Axes.area(rect: r, labelWidth: labelWidth, yTitle: true)
  }

  /// The grid size giving one sample per dot of the data area: sample the surface at exactly this
  /// resolution (once, and cache it).
  public static func sampleSize(for rect: Rect, options: RenderOptions, showKey: Bool = true)
    -> (columns: Int, rows: Int)
  {
    let a = dataArea(for: rect, options: options, showKey: showKey)
    let d = CanvasMode(options).dotsPerCell
    return (max(2, a.width * d.x), max(2, a.height * d.y))
  }

  /// The levels drawn: `levels` sorted, or an automatic choice.
  public func effectiveLevels(count: Int = 10) -> [Double] {
    if let levels { return levels.filter { $0.isFinite }.sorted() }
    guard let r = grid.finiteRange else { return [] }
    return ContourLines.levels(for: r, count: count)
  }

  /// Draws the map inside `rect` (nothing outside it) and returns where the data area landed; its
  /// ranges are the grid's, widened by half a sample so sample points sit at dot centres.
  /// The same as `drawBase` followed by `drawOverlay`.
  @discardableResult
  public func draw(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    let frame = drawBase(into: &screen, rect: rect, options: options)
    drawOverlay(into: &screen, frame: frame, options: options)
    return frame
  }

  /// The x and y ranges of the data area: the grid's, widened by half a sample.
  private var plotRanges: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    Self.plotRanges(
      xRange: grid.xRange, yRange: grid.yRange, columns: grid.columns, rows: grid.rows)
  }

  static func plotRanges(
    xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int
  ) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
    let hx = (xRange.upperBound - xRange.lowerBound) / Double(columns - 1)
    let hy = (yRange.upperBound - yRange.lowerBound) / Double(rows - 1)
    return (
      LinePlot.sane((xRange.lowerBound - hx / 2)...(xRange.upperBound + hx / 2)),
      LinePlot.sane((yRange.lowerBound - hy / 2)...(yRange.upperBound + hy / 2))
    )
  }

  /// Where `draw` puts the data area in `rect`, and how its cells map to (x, y), for a grid over
  /// `xRange` × `yRange` sampled `samples` times: the frame `draw` returns, found without drawing
  /// (for hit-testing a click).
  public static func frame(
    for rect: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
    samples: (columns: Int, rows: Int), options: RenderOptions, showKey: Bool = true
  ) -> PlotFrame {
    let (xr, yr) = plotRanges(
      xRange: xRange, yRange: yRange, columns: max(2, samples.columns), rows: max(2, samples.rows))
    guard !rect.isEmpty else { return PlotFrame(area: rect, xRange: xr, yRange: yr, logY: false) }
    let area = dataArea(for: rect, options: options, showKey: showKey)
    return PlotFrame(area: area, xRange: xr, yRange: yr, logY: false)
  }

  /// Draws the part of the map that does not move while an optimizer steps: axes, filled bands,
  /// isolines and the level key (with the paths' names and colours, not their points). Cache the
  /// result and `Screen.blit` it back, then call `drawOverlay` with the returned frame (shifted by
  /// where the copy went).
  @discardableResult
  public func drawBase(into screen: inout Screen, rect: Rect, options: RenderOptions) -> PlotFrame {
    let rect = rect.intersection(screen.bounds)
    let hx = (grid.xRange.upperBound - grid.xRange.lowerBound) / Double(grid.columns - 1)
    let hy = (grid.yRange.upperBound - grid.yRange.lowerBound) / Double(grid.rows - 1)
    let (xr, yr) = plotRanges
    guard !rect.isEmpty else { return PlotFrame(area: rect, xRange: xr, yRange: yr, logY: false) }
    screen.fill(rect)
    let withKey = showKey && ContourPlot.keyFits(rect)
    var plotRect = rect
    if withKey { plotRect.width -= ContourPlot.keyWidth }
    let axes = Axes(
      xRange: xr, yRange: yr, xTickRange: LinePlot.sane(grid.xRange),
      yTickRange: LinePlot.sane(grid.yRange), xTitle: xTitle, yTitle: yTitle,
      fixedLabelWidth: ContourPlot.labelWidth)
    let frame = axes.draw(into: &screen, rect: plotRect, options: options)
    let area = frame.area
    if options.ascii { screen.asciify(rect) }
    guard !area.isEmpty else { return frame }
    // About one level per two rows (3...10), so small maps are not solid with lines.
    let lv = effectiveLevels(count: min(10, max(3, area.height / 2)))
    let colored = options.hasColor
    let palette = Palette.sequential(lv.count + 1, depth: options.color)
    let mode = CanvasMode(options)
    var canvas = Canvas(columns: area.width, rows: area.height, mode: mode)
    let dw = Double(canvas.dotWidth)
    let dh = Double(canvas.dotHeight)
    let xs = xr.upperBound - xr.lowerBound
    let ys = yr.upperBound - yr.lowerBound
    // With colour and Unicode, bands are filled at quadrant resolution (2×2 a cell) and their
    // edges are the isolines; ASCII keeps whole-cell bands with isolines drawn over them.
    let subCell = colored && !options.ascii
    if subCell {
      fillQuadrantBands(into: &screen, area: area, ranges: (xr, yr), levels: lv, palette: palette)
    }
    // Filled bands: one grid lookup per cell; remember each cell's line colour.
    let contrast = palette.map { Palette.contrast(on: $0) }
    var lineColor = [Color](
      repeating: .default, count: colored && !subCell ? area.width * area.height : 0)
    if colored && !subCell {
      let cols = (0..<area.width).map { c in
        let x = frame.dataX(column: area.x + c)
        return min(max(Int(((x - grid.xRange.lowerBound) / hx).rounded()), 0), grid.columns - 1)
      }
      let sw = screen.width
      screen.cells.withUnsafeMutableBufferPointer { cells in
        grid.values.withUnsafeBufferPointer { vals in
          for r in 0..<area.height {
            let y = frame.dataY(row: area.y + r)
            let j = min(max(Int(((y - grid.yRange.lowerBound) / hy).rounded()), 0), grid.rows - 1)
            let rowStart = (area.y + r) * sw + area.x
            for c in 0..<area.width {
              let v = vals[j * grid.columns + cols[c]]
              guard v.isFinite else { continue }
              var band = 0
              while band < lv.count && lv[band] <= v { band += 1 }
              cells[rowStart + c].style.background = palette[band]
              lineColor[r * area.width + c] = contrast[band]
            }
          }
        }
      }
    }
    // Isolines: grid-index coordinates map to dots by one affine map per axis.
    let ax = hx / xs * dw
    let bx = (grid.xRange.lowerBound - xr.lowerBound) / xs * dw - 0.5
    let ay = -hy / ys * dh
    let by = (yr.upperBound - grid.yRange.lowerBound) / ys * dh - 0.5
    // Without colour each level is drawn with its own letter (the key shows the same letter).
    if !subCell {
      ContourLines.forEachIndexSegment(grid, levels: lv) { s in
        canvas.line(
          bx + ax * s.x0, by + ay * s.y0, bx + ax * s.x1, by + ay * s.y1, color: .default,
          glyph: colored ? 0 : Self.levelLetters[s.level % Self.levelLetters.count])
      }
    }
    canvas.draw(into: &screen, at: (area.x, area.y), colored: colored, clip: area)
    if colored && !subCell {
      for r in 0..<area.height {
        for c in 0..<area.width where canvas.bits[r * area.width + c] != 0 {
          screen.cells[(area.y + r) * screen.width + area.x + c].style.foreground =
            lineColor[r * area.width + c]
        }
      }
    }
    if withKey {
      drawKey(
        into: &screen,
        rect: Rect(
          x: rect.maxX - ContourPlot.keyWidth + 1, y: area.y, width: ContourPlot.keyWidth - 1,
          height: area.height), levels: lv, palette: palette, options: options)
    }
    if options.ascii { screen.asciify(rect) }
    return frame
  }

  /// Fills `area` with the bands at quadrant resolution: each cell is sampled at its four quadrant
  /// centres; a cell in one band gets that band's background, a cell across a level gets the quadrant
  /// glyph of its upper band's quadrants, in the upper band's colour over the lower band's.
  private func fillQuadrantBands(
    into screen: inout Screen, area: Rect,
    ranges: (x: ClosedRange<Double>, y: ClosedRange<Double>), levels lv: [Double],
    palette: [Color]
  ) {
    let hx = (grid.xRange.upperBound - grid.xRange.lowerBound) / Double(grid.columns - 1)
    let hy = (grid.yRange.upperBound - grid.yRange.lowerBound) / Double(grid.rows - 1)
    let xs = ranges.x.upperBound - ranges.x.lowerBound
    let ys = ranges.y.upperBound - ranges.y.lowerBound
    // The grid column of each half-cell column, the grid row of each half-cell row (top down).
    let cols = (0..<area.width * 2).map { k in
      let x = ranges.x.lowerBound + (Double(k) + 0.5) / Double(area.width * 2) * xs
      return min(max(Int(((x - grid.xRange.lowerBound) / hx).rounded()), 0), grid.columns - 1)
    }
    let rows = (0..<area.height * 2).map { k in
      let y = ranges.y.upperBound - (Double(k) + 0.5) / Double(area.height * 2) * ys
      return min(max(Int(((y - grid.yRange.lowerBound) / hy).rounded()), 0), grid.rows - 1)
    }
    let sw = screen.width
    let n = grid.columns
    let width = 2 * area.width
    // The band of every quadrant of a row of cells (its top half-cells, then its bottom ones): how many levels
    // lie at or below the value (-1: not finite). With the levels in increasing order, the search starts at the
    // band of the quadrant to the left (mostly the same) and moves down or up; otherwise it counts from 0.
    let increasing = zip(lv, lv.dropFirst()).allSatisfy { $0 <= $1 }
    var scratch = [Int](repeating: 0, count: 2 * width)
    screen.cells.withUnsafeMutableBufferPointer { cells in
      grid.values.withUnsafeBufferPointer { vals in
        lv.withUnsafeBufferPointer { lv in
          cols.withUnsafeBufferPointer { cols in
            scratch.withUnsafeMutableBufferPointer { scratch in
              let levels = lv.count
              let bands = scratch.baseAddress!
              for r in 0..<area.height {
                for half in 0..<2 {
                  let row = vals.baseAddress! + rows[2 * r + half] * n
                  let out = bands + half * width
                  var b = 0
                  for i in 0..<width {
                    let v = row[cols[i]]
                    guard v.isFinite else {
                      out[i] = -1
                      continue
                    }
                    if increasing {
                      while b > 0 && lv[b - 1] > v { b -= 1 }
                    } else {
                      b = 0
                    }
                    while b < levels && lv[b] <= v { b += 1 }
                    out[i] = b
                  }
                }
                let rowStart = (area.y + r) * sw + area.x
                for c in 0..<area.width {
                  // Quadrants in the bit order of `CanvasGlyphs.quadrants`: 1 top-left, 2 top-right,
                  // 4 bottom-left, 8 bottom-right.
                  let b0 = bands[2 * c]
                  let b1 = bands[2 * c + 1]
                  let b2 = bands[width + 2 * c]
                  let b3 = bands[width + 2 * c + 1]
                  let hi = max(max(b0, b1), max(b2, b3))
                  guard hi >= 0 else { continue }
                  @inline(__always) func finite(_ b: Int) -> Int { b < 0 ? Int.max : b }
                  let lo = min(min(finite(b0), finite(b1)), min(finite(b2), finite(b3)))
                  var cell = cells[rowStart + c]
                  cell.style.background = palette[lo]
                  if hi > lo {
                    // Each quadrant goes to the nearer of the two bands (ties, and no value, to the lower).
                    @inline(__always) func upper(_ b: Int) -> Bool { b - lo > hi - b }
                    let bits =
                      (upper(b0) ? 1 : 0) | (upper(b1) ? 2 : 0) | (upper(b2) ? 4 : 0)
                      | (upper(b3) ? 8 : 0)
                    if bits == 15 {
                      cell.style.background = palette[hi]
                    } else if bits != 0 {
                      cell.scalar = CanvasGlyphs.quadrants[bits]
                      cell.style.foreground = palette[hi]
                    }
                  }
                  cells[rowStart + c] = cell
                }
              }
            }
          }
        }
      }
    }
  }

  /// The glyphs of paths 0, 1, 2, ... where there is no colour (the same order as the app's legends).
  /// No isoline letter (`levelGlyphs`) is among them.
  public static let pathGlyphs: [UInt8] = Array("*+ox#@%&=~^".utf8)

  /// The letters that draw contour levels where there is no colour: level 0 (the lowest) is `a`, the
  /// next `b`, ... They skip `o` and `x` (path glyphs) and `l` (read as 1), and cycle after 23 levels.
  public static let levelLetters: [UInt8] = Array("abcdefghijkmnpqrstuvwyz".utf8)

  /// Draws what changes from step to step, inside `frame.area`: the paths (a dot blob at every
  /// step, an arrowhead where one leaves the map), the minimum marker and the gradient arrow.
  /// Cells a path crosses show the path's dots instead of the isoline's. Draws nothing unless
  /// `frame.area` lies wholly on `screen` (as every frame `drawBase` returns does).
  public func drawOverlay(into screen: inout Screen, frame: PlotFrame, options: RenderOptions) {
    var scratch = OverlayScratch()
    drawOverlay(into: &screen, frame: frame, options: options, scratch: &scratch)
  }

  /// The canvases the overlay draws its guides, paths and arrow on. Keep one with a map that is redrawn
  /// every frame (an optimizer stepping) and pass it to `drawOverlay(into:frame:options:scratch:)`: the
  /// canvases are then reset, not allocated, each frame.
  public struct OverlayScratch: Sendable {
    var guides = Canvas()
    var paths = Canvas()
    var arrow = Canvas()
    public init() {}
  }

  /// `drawOverlay(into:frame:options:)` on the canvases of `scratch`.
  public func drawOverlay(
    into screen: inout Screen, frame: PlotFrame, options: RenderOptions,
    scratch: inout OverlayScratch
  ) {
    let area = frame.area.intersection(screen.bounds)
    guard !area.isEmpty, area == frame.area else { return }
    let xr = frame.xRange
    let yr = frame.yRange
    let colored = options.hasColor
    // Without colour, several paths are told apart by glyphs (`*`, `+`, `o`, ...) on the glyph canvas.
    let pathGlyphs = !colored && paths.count > 1
    let mode = pathGlyphs ? CanvasMode.ascii : CanvasMode(options)
    let dw = Double(area.width * mode.dotsPerCell.x)
    let dh = Double(area.height * mode.dotsPerCell.y)
    let xs = xr.upperBound - xr.lowerBound
    let ys = yr.upperBound - yr.lowerBound
    @inline(__always) func dotX(_ x: Double) -> Double { (x - xr.lowerBound) / xs * dw - 0.5 }
    @inline(__always) func dotY(_ y: Double) -> Double { (yr.upperBound - y) / ys * dh - 0.5 }
    // Guides, thin and under the paths.
    if !guides.isEmpty {
      scratch.guides.reset(columns: area.width, rows: area.height, mode: CanvasMode(options))
      for g in guides {
        scratch.guides.line(dotX(g.w0), dotY(g.b0), dotX(g.w1), dotY(g.b1), color: g.color)
      }
      scratch.guides.draw(
        into: &screen, at: (area.x, area.y), background: nil,
        colored: colored, attributes: [], clip: area)
      keepReadable(&screen, canvas: scratch.guides, area: area, theme: options.background)
    }
    // Paths, each in its own colour, with a dot blob at every step.
    scratch.paths.reset(columns: area.width, rows: area.height, mode: mode)
    var exits: [(c: Int, r: Int, glyph: Unicode.Scalar, color: Color)] = []
    let maxX = dw - 0.5
    let maxY = dh - 0.5
    func inside(_ x: Double, _ y: Double) -> Bool { x >= -0.5 && x < maxX && y >= -0.5 && y < maxY }
    let cw = Double(mode.dotsPerCell.x)
    let ch = Double(mode.dotsPerCell.y)
    for (k, p) in paths.enumerated() {
      let glyph: UInt8 = pathGlyphs ? Self.pathGlyphs[k % Self.pathGlyphs.count] : 0
      var prev: (Double, Double)? = nil
      for pt in p.points {
        let x = dotX(pt.w)
        let y = dotY(pt.b)
        guard x.isFinite, y.isFinite else {
          prev = nil
          continue
        }
        if let (px, py) = prev {
          let (fromInside, toInside) = (inside(px, py), inside(x, y))
          if fromInside && toInside {
            scratch.paths.line(px, py, x, y, color: p.color, glyph: glyph)
          } else if fromInside || toInside,
            let (ax, ay, ex, ey) = Canvas.clip(px, py, x, y, maxX: maxX, maxY: maxY)
          {
            // Only the part inside the map is drawn; a step that leaves it ends in an arrow at the
            // edge. Steps from outside to outside (a run blowing up) draw nothing: no bands across.
            scratch.paths.line(ax, ay, ex, ey, color: p.color, glyph: glyph)
            if fromInside {
              let c = min(max(Int(((ex + 0.5) / cw).rounded(.down)), 0), area.width - 1)
              let r = min(max(Int(((ey + 0.5) / ch).rounded(.down)), 0), area.height - 1)
              exits.append(
                (c, r, ContourPlot.arrowGlyph(x - px, y - py, ascii: options.ascii), p.color))
            }
          }
        }
        if inside(x, y) {
          let ix = Int(x.rounded())
          let iy = Int(y.rounded())
          scratch.paths.set(ix, iy, color: p.color, glyph: glyph)
          scratch.paths.set(ix + 1, iy, color: p.color, glyph: glyph)
          scratch.paths.set(ix, iy + 1, color: p.color, glyph: glyph)
          scratch.paths.set(ix + 1, iy + 1, color: p.color, glyph: glyph)
        }
        prev = (x, y)
      }
    }
    // Path cells keep their band's background: no dark strip along the path, and the path's bright
    // colour reads on every grey band.
    scratch.paths.draw(
      into: &screen, at: (area.x, area.y), background: nil, colored: colored, attributes: .bold,
      clip: area)
    // A path colour that is too faint on its band gets the nearest grey that reads under it.
    keepReadable(&screen, canvas: scratch.paths, area: area, theme: options.background)
    for e in exits {
      screen.put(
        String(e.glyph), x: area.x + e.c, y: area.y + e.r,
        style: Self.readable(
          screen[area.x + e.c, area.y + e.r].style, colored ? e.color : .default, options),
        clip: area)
    }
    // Gradient arrow: fixed length of three cells (in dot units of the x axis).
    if let a = arrow {
      let x = dotX(a.x)
      let y = dotY(a.y)
      let ddx = a.dx / xs * dw
      let ddy = -a.dy / ys * dh
      let n = (ddx * ddx + ddy * ddy).squareRoot()
      if x.isFinite, y.isFinite, n > 0, n.isFinite, inside(x, y) {
        let len = arrowToScale ? max(n, cw) : 3 * cw
        let ex = x + ddx / n * len
        let ey = y + ddy / n * len
        scratch.arrow.reset(columns: area.width, rows: area.height, mode: mode)
        scratch.arrow.line(x, y, ex, ey, color: Self.arrowColor)
        // Over the band, like the paths (bold bright red reads on every grey).
        scratch.arrow.draw(
          into: &screen, at: (area.x, area.y), background: nil,
          colored: colored, attributes: .bold, clip: area)
        keepReadable(&screen, canvas: scratch.arrow, area: area, theme: options.background)
        if inside(ex, ey) {
          let c = Int(((ex + 0.5) / cw).rounded(.down))
          let r = Int(((ey + 0.5) / ch).rounded(.down))
          let st = screen[area.x + c, area.y + r].style
          screen.put(
            String(ContourPlot.arrowGlyph(ddx, ddy, ascii: options.ascii)), x: area.x + c,
            y: area.y + r,
            style: Self.readable(st, colored ? Self.arrowColor : .default, options, shading: true),
            clip: area)
        }
      }
    }
    // Minimum marker, over the arrow: near the end of a descent the arrow starts next to it.
    if let m = minimum, let c = frame.column(x: m.x), let r = frame.row(y: m.y) {
      let st = screen[c, r].style
      screen.put(
        options.ascii ? "X" : "◆", x: c, y: r,
        style: st.fg(colored ? Palette.contrast(on: st.background) : .default).with(.bold),
        clip: area)
    }
    for m in marks {
      guard let c = frame.column(x: m.w), let r = frame.row(y: m.b) else { continue }
      let st = screen[c, r].style
      screen.put(
        options.ascii ? m.asciiGlyph : m.glyph, x: c, y: r,
        style: Self.readable(st, colored ? m.color : .default, options), clip: area)
    }
    if options.ascii { screen.asciify(area) }
  }

  /// The gradient arrow's red: from the 6×6×6 cube, so on a band it is faint on it takes a darker or
  /// lighter red (`Palette.readable`) rather than a patch.
  public static let arrowColor = Color(196)

  /// `style` with `foreground`, bold, over a background it reads on; with `shading`, the nearest shade
  /// or tint of the colour over the band instead where the readable grey would show as a patch
  /// (`Palette.readable`). Marks that name a path by its colour (the arrow where it leaves the map)
  /// keep the colour exactly.
  static func readable(
    _ style: Style, _ foreground: Color, _ options: RenderOptions, shading: Bool = false
  ) -> Style {
    var s = style.fg(foreground).with(.bold)
    if shading {
      (s.foreground, s.background) = Palette.readable(
        foreground, over: style.background, theme: options.background)
    } else {
      s.background = Palette.readableBackground(
        under: foreground, over: style.background, theme: options.background)
    }
    return s
  }

  /// Makes each cell `canvas` drew (its top-left at `area`'s) read on its band: its colour, or the
  /// nearest tint or shade of it, over the band, else over a grey it reads on (`Palette.readable`).
  private func keepReadable(
    _ screen: inout Screen, canvas: Canvas, area: Rect, theme: Background
  ) {
    let sw = screen.width
    let columns = canvas.columns
    canvas.bits.withUnsafeBufferPointer { bits in
      screen.cells.withUnsafeMutableBufferPointer { cells in
        let rows = min(canvas.rows, area.height, canvas.rowHi + 1)
        for r in min(canvas.rowLo, rows)..<rows {
          for c in 0..<min(columns, area.width) where bits[r * columns + c] != 0 {
            let k = (area.y + r) * sw + area.x + c
            (cells[k].style.foreground, cells[k].style.background) = Palette.readable(
              cells[k].style.foreground, over: cells[k].style.background, theme: theme)
          }
        }
      }
    }
  }

  /// One of eight arrows for a direction in screen space (dy down); ASCII uses `> ^ < v`.
  static func arrowGlyph(_ dx: Double, _ dy: Double, ascii: Bool) -> Unicode.Scalar {
    if ascii {
      return abs(dx) >= abs(dy) ? (dx >= 0 ? ">" : "<") : (dy < 0 ? "^" : "v")
    }
    let glyphs: [Unicode.Scalar] = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
    // Angle counter-clockwise from +x with y up, in eighths.
    let a = atan2(-dy, dx)
    let k = Int((a / (Double.pi / 4)).rounded()) & 7
    return glyphs[k]
  }

  /// Level key: one row per level, highest first, a colour swatch (the band from that level up)
  /// and the value; then the names of the paths in their colours.
  private func drawKey(
    into screen: inout Screen, rect: Rect, levels: [Double], palette: [Color],
    options: RenderOptions
  ) {
    // Named paths go at the bottom (one row each after a gap) when the levels keep 2+ rows.
    let named = paths.filter { !$0.name.isEmpty }
    let pathRows = named.isEmpty ? 0 : named.count + 1
    let keepPaths = rect.height - pathRows >= 3
    if keepPaths && !named.isEmpty {
      let glyphs = !options.hasColor && paths.count > 1  // as drawOverlay draws them
      for (k, p) in named.enumerated() {
        let y = rect.maxY - named.count + k
        let index = paths.firstIndex { $0.name == p.name } ?? k
        let mark =
          glyphs
          ? String(UnicodeScalar(Self.pathGlyphs[index % Self.pathGlyphs.count]))
          : (options.ascii ? "*" : "●")
        let x = screen.put(
          mark, x: rect.x, y: y,
          style: options.hasColor ? Style(foreground: p.color).with(.bold) : .bold, clip: rect)
        screen.put(p.name, x: x + 1, y: y, clip: rect)
      }
    }
    guard !levels.isEmpty, rect.height >= 2 else { return }
    screen.put("level", x: rect.x, y: rect.y, style: .bold, clip: rect)
    let rows = rect.height - 1 - (keepPaths ? pathRows : 0)
    guard rows >= 1 else { return }
    let every = (levels.count + rows - 1) / rows
    let shown = stride(from: levels.count - 1, through: 0, by: -every).map { $0 }
    let step = Ticks.step(of: levels)
    let uniform = zip(levels, levels.dropFirst()).allSatisfy {
      abs(($1 - $0) - step) <= 1e-9 * max(abs(step), 1e-300)
    }
    for (row, k) in shown.enumerated() {
      let y = rect.y + 1 + row
      var x = rect.x
      if options.hasColor {
        screen.put("  ", x: x, y: y, style: Style(background: palette[k + 1]), clip: rect)
        x += 3
      } else {
        // The letter the level's isoline is drawn with.
        let letter = Self.levelLetters[k % Self.levelLetters.count]
        x = screen.put(String(UnicodeScalar(letter)), x: x, y: y, style: .bold, clip: rect) + 1
      }
      let label =
        uniform ? Ticks.label(levels[k], step: step) : NumberText.short(levels[k], significant: 6)
      screen.put(label, x: x, y: y, clip: rect)
    }
  }
}
