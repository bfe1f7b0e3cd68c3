import LossCore
import LossPlot

/// What one (w, b) map keeps between frames: the sampled surface and the map drawn without its paths
/// (axes, bands, isolines, level key). Each is keyed by everything it depends on, so a frame reuses it
/// exactly when it would draw the same thing; the state never has to say "redraw".
///
/// The contour view keeps one (`ContourRenderCache`), the classification view one per surface
/// (`ClassifyRenderCache`). `Inputs` is what the surface depends on besides its window and size: the data
/// and the loss with its parameters.
///
/// `Inputs` is only `Sendable` in the type itself (the methods that compare keys ask for `Equatable`):
/// a requirement on the type is checked by the runtime when the type's metadata is first made, by a
/// search of every protocol conformance in the binary, at the start of every contour frame.
struct SurfaceMapCache<Inputs: Sendable>: Sendable {
  struct SurfaceKey: Sendable {
    var inputs: Inputs
    var w: ClosedRange<Double>
    var b: ClosedRange<Double>
    var columns: Int
    var rows: Int
  }

  struct BaseKey: Sendable {
    var surface: SurfaceKey
    var width: Int
    var height: Int
    var options: RenderOptions
    /// The paths' colours (the level key lists named paths in them).
    var colors: [Color]
  }

  /// The map's cells drawn with its top-left corner at (0, 0), and where its data area landed.
  struct BaseLayer: Sendable {
    var key: BaseKey
    var screen: Screen
    var frame: PlotFrame
  }

  /// The surface and the contour levels chosen for it (nil: the plot's own choice).
  private(set) var surface: (key: SurfaceKey, grid: Grid2D, levels: [Double]?)?
  private(set) var base: BaseLayer?
  /// The descents' paths of the last frame, rewritten in place each frame (a step adds a point, it does
  /// not copy the trajectory into a new array).
  private var paths: [ContourPath] = []
  /// The canvases the paths and the arrow are drawn on, reset each frame.
  private var overlay = ContourPlot.OverlayScratch()
  /// How many surfaces and base layers were computed (for tests that check reuse).
  private(set) var surfacesComputed = 0
  private(set) var basesDrawn = 0

  init() {}
}

extension SurfaceMapCache.SurfaceKey: Equatable where Inputs: Equatable {}
extension SurfaceMapCache.BaseKey: Equatable where Inputs: Equatable {}

extension SurfaceMapCache where Inputs: Equatable {

  /// The surface for `key` and its levels: the cached ones, or `compute`d and chosen by `levels` now (and
  /// kept).
  mutating func grid(
    for key: SurfaceKey, compute: (SurfaceKey) -> Grid2D, levels: (Grid2D) -> [Double]?
  ) -> (grid: Grid2D, levels: [Double]?) {
    if let s = surface, s.key == key { return (s.grid, s.levels) }
    let grid = compute(key)
    let chosen = levels(grid)
    surface = (key, grid, chosen)
    base = nil
    surfacesComputed += 1
    return (grid, chosen)
  }

  /// The base layer for the surface `key` at `width × height` with `options` under `plot`'s paths: the
  /// cached one when it was drawn for the same (compared without building a key), or drawn now (and kept).
  mutating func baseLayer(
    surface key: SurfaceKey, width: Int, height: Int, options: RenderOptions, plot: ContourPlot
  ) -> BaseLayer {
    if let b = base, b.key.surface == key, b.key.width == width, b.key.height == height,
      b.key.options == options, b.key.colors.elementsEqual(plot.paths.lazy.map(\.color))
    {
      return b
    }
    return baseLayer(
      for: BaseKey(
        surface: key, width: width, height: height, options: options,
        colors: plot.paths.map(\.color)),
      plot: plot)
  }

  /// The base layer for `key`: the cached one, or drawn now (and kept).
  mutating func baseLayer(for key: BaseKey, plot: ContourPlot) -> BaseLayer {
    if let b = base, b.key == key { return b }
    let local = Rect(x: 0, y: 0, width: key.width, height: key.height)
    var screen = Screen(width: key.width, height: key.height)
    let frame = plot.drawBase(into: &screen, rect: local, options: key.options)
    let layer = BaseLayer(key: key, screen: screen, frame: frame)
    base = layer
    basesDrawn += 1
    return layer
  }

  /// Draws a map into `map`: the surface of `inputs` over `window` (from the cache, else `compute`d at one
  /// sample per dot) with its contour `levels` (chosen once per surface; nil: the plot's own), the base
  /// layer of the plot `plot` makes of it (cached too), then the paths of `descents` and that plot's arrow
  /// and marks over it.
  mutating func draw(
    into screen: inout Screen, map: Rect, window: SurfaceWindow, inputs: Inputs,
    descents: [Descent], comparing: Bool, options: RenderOptions,
    compute: (SurfaceKey) -> Grid2D, levels: (Grid2D) -> [Double]?,
    plot: (Grid2D) -> ContourPlot
  ) {
    let size = SurfaceMap.sampleSize(for: map, options: options)
    let key = SurfaceKey(
      inputs: inputs, w: window.w, b: window.b, columns: size.columns, rows: size.rows)
    let surface = grid(for: key, compute: compute, levels: levels)
    var plot = plot(surface.grid)
    plot.levels = surface.levels
    SurfaceMap.paths(descents, comparing: comparing, into: &paths)
    plot.paths = paths
    let base = baseLayer(
      surface: key, width: map.width, height: map.height, options: options, plot: plot)
    screen.blit(base.screen, x: map.x, y: map.y)
    plot.drawOverlay(
      into: &screen, frame: base.frame.moved(by: map), options: options, scratch: &overlay)
  }
}

/// The (w, b) window a map shows.
struct SurfaceWindow: Equatable, Sendable {
  var w: ClosedRange<Double>
  var b: ClosedRange<Double>
}

/// What the two descent views draw alike on a (w, b) map: its sampling, its frame, the descents' paths and
/// the gradient arrow.
enum SurfaceMap {
  /// Samples for one per dot of the map's data area (at least 2 a side).
  static func sampleSize(for map: Rect, options: RenderOptions) -> (columns: Int, rows: Int) {
    let size = ContourPlot.sampleSize(for: map, options: options)
    return (max(2, size.columns), max(2, size.rows))
  }

  /// Where the data area of a map in `map` lands and how its cells map to (w, b), found without drawing.
  static func frame(for map: Rect, window: SurfaceWindow, options: RenderOptions) -> PlotFrame {
    ContourPlot.frame(
      for: map, xRange: window.w, yRange: window.b, samples: sampleSize(for: map, options: options),
      options: options)
  }

  /// The colour of descent `i`: one bright orange alone, the series colours in compare mode (the panel's
  /// rows name them). The map's grey bands keep every one of them in view.
  static func pathColor(_ i: Int, comparing: Bool) -> Color {
    comparing ? Theme.color(i) : Color(214)
  }

  /// Each descent's path, in its colour.
  static func paths(_ descents: [Descent], comparing: Bool) -> [ContourPath] {
    var out: [ContourPath] = []
    paths(descents, comparing: comparing, into: &out)
    return out
  }

  /// Each descent's path, in its colour, written into `paths` in place: the arrays it holds are refilled,
  /// so once they have held a path as long, this allocates nothing.
  static func paths(_ descents: [Descent], comparing: Bool, into paths: inout [ContourPath]) {
    if paths.count > descents.count { paths.removeLast(paths.count - descents.count) }
    for (i, d) in descents.enumerated() {
      if i == paths.count { paths.append(ContourPath(points: [], color: .default)) }
      paths[i].color = pathColor(i, comparing: comparing)
      paths[i].name = ""
      paths[i].points.removeAll(keepingCapacity: true)
      for s in d.trajectory { paths[i].points.append((w: s.w, b: s.b)) }
    }
  }

  /// The downhill arrow at `step` (against its gradient), when the gradient is finite and not zero.
  static func downhill(at step: DescentStep) -> (x: Double, y: Double, dx: Double, dy: Double)? {
    guard step.gradW.isFinite, step.gradB.isFinite, step.gradW != 0 || step.gradB != 0 else {
      return nil
    }
    return (x: step.w, y: step.b, dx: -step.gradW, dy: -step.gradB)
  }
}

extension PlotFrame {
  /// The frame of a layer drawn with its top-left corner at (0, 0), placed at `rect`'s corner.
  func moved(by rect: Rect) -> PlotFrame {
    var f = self
    f.area.x += rect.x
    f.area.y += rect.y
    return f
  }
}
