import LossCore
import Testing

@testable import LossPlot

/// The contour map with colour: bands at quadrant resolution, paths over the bands without a strip
/// of the terminal's background, and every mark readable on its band.
@Suite struct ContourBandTests {
  /// The MAE diamond |w − 2| + 0.5·|b − 3| with three levels, in colour.
  func diamond(paths: [ContourPath] = [], theme: Background = .dark) -> (Screen, PlotFrame) {
    var screen = Screen(width: 70, height: 22)
    let options = RenderOptions(background: theme)
    let n = ContourPlot.sampleSize(for: screen.bounds, options: options)
    var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
    p.levels = [0.5, 1, 1.5]
    p.paths = paths
    let f = p.draw(into: &screen, rect: screen.bounds, options: options)
    return (screen, f)
  }

  /// The band of the diamond's value at (w, b).
  func band(_ w: Double, _ b: Double) -> Int {
    let v = abs(w - 2) + 0.5 * abs(b - 3)
    return [0.5, 1, 1.5].filter { $0 <= v }.count
  }

  @Test func bandEdgesFollowTheSurfaceToAQuarterOfACell() {
    let (screen, f) = diamond()
    let palette = Palette.sequential(4, depth: .full256)
    let quadrants: [Unicode.Scalar] = [
      " ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█",
    ]
    let cw = (f.xRange.upperBound - f.xRange.lowerBound) / Double(f.area.width)
    let ch = (f.yRange.upperBound - f.yRange.lowerBound) / Double(f.area.height)
    var (split, agree, total) = (0, 0, 0)
    for y in f.area.y..<f.area.maxY {
      for x in f.area.x..<f.area.maxX {
        let cell = screen[x, y]
        guard let bits = quadrants.firstIndex(of: cell.scalar) else {
          Issue.record("(\(x), \(y)) holds '\(cell.scalar)', not a band fill")
          continue
        }
        if bits != 0 { split += 1 }
        // Each quadrant's colour is the band of the surface at the quadrant's centre.
        let left = f.xRange.lowerBound + Double(x - f.area.x) * cw
        let top = f.yRange.upperBound - Double(y - f.area.y) * ch
        for q in 0..<4 {
          let w = left + (q % 2 == 0 ? 0.25 : 0.75) * cw
          let b = top - (q < 2 ? 0.25 : 0.75) * ch
          let shown = bits & (1 << q) != 0 ? cell.style.foreground : cell.style.background
          total += 1
          if shown == palette[band(w, b)] { agree += 1 }
        }
      }
    }
    // Cells across a level are split (not whole cells of one band), and the quadrants agree with
    // the surface except where a quadrant straddles a level (the surface is sampled per dot).
    #expect(split >= 3 * f.area.height)
    #expect(Double(agree) >= 0.97 * Double(total), "\(agree) of \(total) quadrants agree")
  }

  @Test func pathsKeepTheirBandsBackgroundAndRead() {
    for theme in Background.allCases {
      let (screen, f) = diamond(
        paths: [
          ContourPath(points: [(0.2, 1.5), (3.8, 4.5)], color: Color(214), name: "gd"),
          ContourPath(points: [(0.2, 4.5), (3.8, 1.5)], color: Color(75), name: "adam"),
        ], theme: theme)
      let shown = screen.adapted(to: theme)
      var onBand = 0
      var pathCells = 0
      for y in f.area.y..<f.area.maxY {
        for x in f.area.x..<f.area.maxX where (0x2801...0x28FF).contains(screen[x, y].scalar.value)
        {
          pathCells += 1
          let st = screen[x, y].style
          // Never the terminal's own background (the old dark strip): a grey of the ramp.
          #expect(st.background != .default, "(\(x), \(y)) on the terminal's background")
          if Palette.sequential(4, depth: .full256).contains(st.background) { onBand += 1 }
          let c = shown[x, y].style
          #expect(
            RGB.contrast(c.foreground.rgb!, c.background.rgb!) >= 3, "(\(x), \(y)) on \(theme)")
        }
      }
      #expect(pathCells >= 40)
      // On the dark theme the bright paths read on most bands as they are.
      if theme == .dark {
        #expect(onBand * 2 >= pathCells, "\(onBand) of \(pathCells) on their band")
      }
    }
  }

  @Test func readableBackgroundMovesOnlyAsFarAsNeeded() {
    // Orange reads on the darkest grey; on a light grey the nearest grey that reads is darker.
    let orange = Color(214)
    #expect(Palette.readableBackground(under: orange, over: Color(233), theme: .dark) == Color(233))
    let moved = Palette.readableBackground(under: orange, over: Color(250), theme: .dark)
    #expect(moved.index! < 250)
    #expect(RGB.contrast(orange.rgb!, moved.rgb!) >= 3)
    let oneLighter = Color(moved.index! + 1)
    #expect(RGB.contrast(orange.rgb!, oneLighter.rgb!) < 3, "not the nearest grey that reads")
    // No grey ramp on 8 colours: the band where the colour reads (white on blue), else the
    // terminal's own background (white on light grey; orange, shown as red there, on blue).
    #expect(Palette.readableBackground(under: .brightWhite, over: .blue, theme: .dark) == .blue)
    #expect(Palette.readableBackground(under: .brightWhite, over: .white, theme: .dark) == .default)
    #expect(Palette.readableBackground(under: orange, over: .blue, theme: .dark) == .default)
    // No colour: kept.
    #expect(
      Palette.readableBackground(under: .default, over: Color(250), theme: .dark) == Color(250))
  }
}

/// A path across every band keeps each band's own background (no paler or darker patches along it) and still
/// reads on it (a WCAG ratio of 3, as graphics need) on a dark and on a light terminal: where its colour is
/// too faint on a band it takes a darker or lighter shade of that colour instead. For the contour view's
/// orange and each compare-mode series colour.
@Test(arguments: Background.allCases)
func pathsReadOnEveryBandWithoutPatches(_ theme: Background) {
  let rect = Rect(x: 0, y: 0, width: 60, height: 24)
  let options = RenderOptions(background: theme)
  let indices: [UInt8] = [214, 203, 78, 75, 221, 177, 80, 215, 141, 114, 250, 210]
  // From a corner (the highest band) through the minimum to the other corner.
  let line: [(w: Double, b: Double)] = (0...40).map { k in
    let t = Double(k) / 40
    return (w: -2 + 8 * t, b: 7 - 8 * t)
  }
  for color in indices.map(Color.init) {
    let n = ContourPlot.sampleSize(for: rect, options: options)
    var plot = ContourPlot(grid: Fixtures.bowl(columns: n.columns, rows: n.rows))
    plot.paths = [ContourPath(points: line, color: color, name: "")]
    var screen = Screen(width: rect.width, height: rect.height)
    let frame = plot.drawBase(into: &screen, rect: rect, options: options)
    let base = screen
    plot.drawOverlay(into: &screen, frame: frame, options: options)
    let shown = screen.adapted(to: theme)
    var pathCells = 0
    var bands = Set<UInt8>()
    for y in 0..<rect.height {
      for x in 0..<rect.width where screen[x, y] != base[x, y] && screen[x, y].scalar != " " {
        pathCells += 1
        #expect(
          screen[x, y].style.background == base[x, y].style.background,
          "\(color) on \(theme): a patch at \(x),\(y)")
        bands.insert(base[x, y].style.background.index ?? 0)
        let cell = shown[x, y]
        let fg = cell.style.foreground.rgb ?? theme.defaultColors.foreground
        let bg = cell.style.background.rgb ?? theme.defaultColors.background
        #expect(RGB.contrast(fg, bg) >= 3, "\(color) on \(theme) at \(x),\(y)")
      }
    }
    #expect(pathCells > 30 && bands.count >= 5, "\(pathCells) cells over \(bands.count) bands")
  }
}
