import AppEvents
import LossCore
import LossLabUI
import LossPlot

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A named piece of work to time. `make` runs once, untimed, and returns the timed iteration; `cleanUp`, if any,
/// runs once after the timing.
public struct BenchScenario {
  /// The scenario's name, as `losslab bench --only` and the benchmark harness show it.
  public var name: String
  /// Prepares the scenario (untimed) and returns one timed iteration.
  public var make: () -> () -> Void
  /// Removes what `make` left behind (a temporary file), if anything.
  public var cleanUp: (() -> Void)?

  public init(name: String, make: @escaping () -> () -> Void, cleanUp: (() -> Void)? = nil) {
    self.name = name
    self.make = make
    self.cleanUp = cleanUp
  }
}

///
/// `losslab bench` times these with its own loop; the package under `Benchmarks/` runs the same scenarios
/// under ordo-one/benchmark, which also counts heap allocations.
public enum BenchScenarios {
  static let wide = (width: 200, height: 60)

  static func frame(_ view: ViewID, _ w: Int, _ h: Int) -> BenchScenario {
    BenchScenario(name: "\(view.title.lowercased())-\(w)x\(h)") {
      var app = LossLabApp(state: AppState(view: view, width: w, height: h))
      _ = app.handle(.resize(width: w, height: h))
      // A warm frame: the caches hold what the first frame computed.
      var cache = app.makeRenderCache()
      // Drawn into the same screen each time, as the front end does.
      var screen = Screen(width: w, height: h)
      app.render(into: &screen, cache: &cache)
      return {
        app.render(into: &screen, cache: &cache)
        blackHole(screen.cells.count)
      }
    }
  }

  static func coldContour(_ loss: Loss, points: Int, label: String) -> BenchScenario {
    BenchScenario(name: "contour-cold-\(loss.shortName)-\(label)") {
      let data = try! LineData.tutorial(points: points)
      let contour = ContourState(source: .points(data), loss: loss)
      let (w, h) = wide
      return {
        // A cold frame: the scatter sample and the objective rebuilt, the surface sampled and the
        // map drawn afresh.
        var state = AppState(view: .contour, width: w, height: h, contour: contour)
        state.contour.recomputeFromData()
        blackHole(LossLabApp(state: state).render(width: w, height: h))
      }
    }
  }

  /// The surface alone, at the size of the classification map in a 200×60 frame (one sample per braille dot).
  /// `parallel: false` computes the columns one after the other (the same grid, on one core).
  static func classifySurface(
    _ loss: Loss, points: Int, label: String, parallel: Bool = true
  ) -> BenchScenario {
    BenchScenario(
      name: "classify-surface-\(loss.shortName)-\(label)\(parallel ? "" : "-1core")"
    ) {
      let data = try! ClassificationData.overlapping(points: points)
      let window = LogisticObjective.defaultWindow
      return {
        let f = LogisticObjective(data: data, loss: loss)
        blackHole(
          f.surface(columns: 288, rows: 224, w: window.w, b: window.b, parallel: parallel))
      }
    }
  }

  /// A cold 200×60 classification frame: the objective, its minimum and the surface built afresh.
  static func coldClassify(_ losses: [Loss], points: Int, label: String)
    -> BenchScenario
  {
    let name = losses.map(\.shortName).joined(separator: "+")
    return BenchScenario(name: "classify-cold-\(name)-\(label)") {
      let data = try! ClassificationData.overlapping(points: points)
      let (w, h) = wide
      return {
        let settings = ClassifySettings(
          source: .points(data), loss: losses[0], pair: losses.count > 1 ? losses[1] : nil)
        let state = AppState(
          view: .classify, width: w, height: h, classify: ClassifyState(settings))
        blackHole(LossLabApp(state: state).render(width: w, height: h))
      }
    }
  }

  /// One `s` press and the frame, with the surfaces cached.
  static func classifyStep(points: Int, label: String, keys: String = "") -> BenchScenario {
    BenchScenario(name: "classify-step-\(label)") {
      let (w, h) = wide
      let data = try! ClassificationData.overlapping(points: points)
      var app = LossLabApp(
        state: AppState(
          view: .classify, width: w, height: h,
          classify: ClassifyState(ClassifySettings(source: .points(data)))))
      _ = app.handle(.resize(width: w, height: h))
      for k in keys { _ = app.handle(.key(.character(k.unicodeScalars.first!))) }
      return stepping(app, width: w, height: h, warm: false)
    }
  }

  /// The steady state of the three first views at 200×60: one key, its frame, and the cell diff against the
  /// frame before, after warm-up. These make no heap allocations (the harness checks it): a cursor move in
  /// Curves (`l`, then `h`), a descent step in Contour (`s`, reset with `0` every 200 steps) and a bar edit in
  /// Distributions (`k`, then `j`).
  public static var steady: [BenchScenario] {
    [
      steadyFrame(.curves, name: "curves-cursor", keys: ["l", "h"]),
      steadyFrame(.contour, name: "contour-step", keys: ["s"], resetEvery: 200),
      steadyFrame(.distributions, name: "distributions-edit", keys: ["k", "j"]),
    ]
  }

  static func steadyFrame(_ view: ViewID, name: String, keys: [Character], resetEvery: Int = 0)
    -> BenchScenario
  {
    BenchScenario(name: "steady-\(name)-200x60") {
      let (w, h) = wide
      var app = LossLabApp(state: AppState(view: view, width: w, height: h))
      _ = app.handle(.resize(width: w, height: h))
      var cache = app.makeRenderCache()
      var frames = FramePair(width: w, height: h)
      let keys = keys.map { Key.character($0.unicodeScalars.first!) }
      var count = 0
      return {
        if resetEvery > 0, count % resetEvery == resetEvery - 1 {
          _ = app.handle(.key(.character("0")))
        }
        _ = app.handle(.key(keys[count % keys.count]))
        count += 1
        frames.advance(app, cache: &cache)
        blackHole(frames.diff.spans.count)
      }
    }
  }

  /// Every scenario, in the order `losslab bench` runs them. `readFile` gives a file's bytes, as `--data` reads
  /// them (the `load-csv-1e6` scenario times it together with the parsing).
  public static func all(readFile: @escaping (String) throws -> [UInt8]) -> [BenchScenario] {
    [
      frame(.curves, 80, 24),
      frame(.curves, 200, 60),
      BenchScenario(name: "line-1e6") {
        let n = 1_000_000
        let xs = (0..<n).map { Double($0) / Double(n - 1) * 3 - 1 }
        let ys = xs.map { $0 * $0 }
        var plot = LinePlot(xRange: -1...2, yRange: 0...4)
        plot.series = [
          Series(
            name: "x²", color: Color(75), asciiGlyph: "*", emphasized: false,
            source: .points(xs, ys))
        ]
        return {
          var screen = Screen(width: wide.width, height: wide.height)
          plot.draw(into: &screen, rect: screen.bounds, options: .standard)
          blackHole(screen)
        }
      },
      coldContour(.mse, points: 50, label: "50"),
      coldContour(.mse, points: 10_000, label: "1e4"),
      coldContour(.mse, points: 1_000_000, label: "1e6"),
      coldContour(.mae, points: 10_000, label: "1e4"),
      coldContour(.huber, points: 10_000, label: "1e4"),
      coldContour(.mae, points: 1_000_000, label: "1e6"),
      coldContour(.huber, points: 1_000_000, label: "1e6"),
      coldContour(.quantile, points: 10_000, label: "1e4"),
      BenchScenario(name: "contour-step") {
        let (w, h) = wide
        var app = LossLabApp(state: AppState(view: .contour, width: w, height: h))
        _ = app.handle(.resize(width: w, height: h))
        return stepping(app, width: w, height: h, warm: false)
      },
      frame(.distributions, 200, 60),
      loadCSV(readFile: readFile),
      stepOwnData(.mse),
      stepOwnData(.mae),
      stepOwnData(.huber),
      stepTable(.mse, rows: 10_000, label: "1e4"),
      stepTable(.mae, rows: 10_000, label: "1e4"),
      stepTable(.huber, rows: 10_000, label: "1e4"),
      contourKeys("contour-step-inspector", setUp: "i", keys: ["s"]),
      contourKeys(
        "contour-timeline-scrub", setUp: String(repeating: "s", count: 100),
        keys: [",", ",", ".", "."]),
      contourKeys(
        "contour-timeline-inspector", setUp: "i" + String(repeating: "s", count: 100),
        keys: [",", ",", ".", "."]),
      coldClassify([.bce], points: 60, label: "60"),
      coldClassify([.bce, .mse], points: 60, label: "60"),
      coldClassify([.bce], points: 10_000, label: "1e4"),
      coldClassify([.mse], points: 10_000, label: "1e4"),
      coldClassify([.binaryFocalCrossentropy], points: 60, label: "60"),
      coldClassify([.binaryFocalCrossentropy], points: 10_000, label: "1e4"),
      classifyStep(points: 60, label: "60"),
      classifyStep(points: 60, label: "60-side-by-side", keys: "v"),
      classifyStep(points: 10_000, label: "1e4"),
      classifyStep(points: 10_000, label: "1e4-focal", keys: "mmmm"),
      classifySurface(.bce, points: 60, label: "60"),
      classifySurface(.mse, points: 60, label: "60"),
      classifySurface(.bce, points: 10_000, label: "1e4"),
      classifySurface(.mse, points: 10_000, label: "1e4"),
      classifySurface(.hinge, points: 10_000, label: "1e4"),
      classifySurface(.squaredHinge, points: 10_000, label: "1e4"),
      classifySurface(.binaryFocalCrossentropy, points: 60, label: "60"),
      classifySurface(.binaryFocalCrossentropy, points: 10_000, label: "1e4"),
      classifySurface(.mse, points: 10_000, label: "1e4", parallel: false),
      classifySurface(.binaryFocalCrossentropy, points: 10_000, label: "1e4", parallel: false),
    ] + steady
  }

  /// One step and one frame of the contour view on a 10⁶-point table (as `--data` gives it: own data, framed),
  /// for each loss: MSE steps in O(1), MAE and Huber cost a pass over the points per step.
  static func stepOwnData(_ loss: Loss) -> BenchScenario {
    BenchScenario(name: "contour-step-1e6-\(loss.rawValue)") {
      let (w, h) = wide
      var state = AppState(view: .contour, width: w, height: h)
      state.contour = ContourState(
        ContourSettings(source: .points(try! LineData.tutorial(points: 1_000_000)), loss: loss))
      state.contour.frameForData()
      var app = LossLabApp(state: state)
      _ = app.handle(.resize(width: w, height: h))
      return stepping(app, width: w, height: h, warm: true)
    }
  }

  /// One step and one frame of the contour view on a table of `rows` rows read from CSV text, as
  /// `--data points.csv` opens it (the table as the source, framed for its data), after a warm frame.
  static func stepTable(_ loss: Loss, rows: Int, label: String) -> BenchScenario {
    BenchScenario(name: "contour-step-table-\(label)-\(loss.rawValue)") {
      let (w, h) = wide
      let table = try! DataTable.parse(BenchTable.csv(rows: rows), source: "bench.csv")
      var state = AppState(view: .contour, width: w, height: h)
      state.contour = ContourState(
        ContourSettings(
          source: .table(TableSource(table: table, place: .file("bench.csv"))), loss: loss))
      state.contour.frameForData()
      var app = LossLabApp(state: state)
      _ = app.handle(.resize(width: w, height: h))
      return stepping(app, width: w, height: h, warm: true)
    }
  }

  /// The default contour view at 200×60 after the keys of `setUp` (untimed), then one key of `keys`
  /// in turn and its frame per iteration, after a warm frame: the inspector (`i`) open while stepping,
  /// or the timeline's selected step moved back and forth (`,` `.`) along a 100-step path.
  static func contourKeys(_ name: String, setUp: String, keys: [Character]) -> BenchScenario {
    BenchScenario(name: name) {
      let (w, h) = wide
      var app = LossLabApp(state: AppState(view: .contour, width: w, height: h))
      _ = app.handle(.resize(width: w, height: h))
      for k in setUp { _ = app.handle(.key(.character(k.unicodeScalars.first!))) }
      var cache = app.makeRenderCache()
      blackHole(app.render(width: w, height: h, cache: &cache))
      let keys = keys.map { Key.character($0.unicodeScalars.first!) }
      var count = 0
      return {
        if keys == [.character("s")], count % 200 == 199 { _ = app.handle(.key(.character("0"))) }
        _ = app.handle(.key(keys[count % keys.count]))
        count += 1
        blackHole(app.render(width: w, height: h, cache: &cache))
      }
    }
  }

  /// Reads and parses a 10⁶-row x,y CSV file (about 18 MB, see ``BenchTable``), as `--data` does: file to bytes,
  /// bytes to a table. `LOSSLAB_BENCH_CSV=path` times that file instead (the peers script passes the file it gives
  /// pandas and numpy).
  static func loadCSV(readFile: @escaping (String) throws -> [UInt8]) -> BenchScenario {
    let given = ProcessInfo.processInfo.environment["LOSSLAB_BENCH_CSV"]
    let path =
      given
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "losslab-bench-\(getpid()).csv"
      ).path
    return BenchScenario(
      name: "load-csv-1e6",
      make: {
        if given == nil {
          _ = FileManager.default.createFile(
            atPath: path, contents: Data(BenchTable.csv(rows: 1_000_000)))
        }
        return {
          do {
            let table = try DataTable.parse(readFile(path), source: path)
            blackHole(table)
          } catch {
            fatalError("load-csv-1e6: \(error)")
          }
        }
      },
      cleanUp: { if given == nil { try? FileManager.default.removeItem(atPath: path) } })
  }
}

/// The table the `load-csv-1e6` scenario reads: a header `x,y`, then x = i/(n − 1) and
/// y = 2x + 3 + U(−0.5, 0.5) (SplitMix64, seed 42), both with 6 decimals: `0.000001,3.347436`.
public enum BenchTable {
  /// The text of the table, `n` rows under the header.
  public static func csv(rows n: Int) -> [UInt8] {
    var out: [UInt8] = Array("x,y\n".utf8)
    out.reserveCapacity(4 + 18 * n)
    var rng = SplitMix64(seed: 42)
    func append(_ v: Double) {
      let scaled = Int((v * 1e6).rounded())
      out.append(contentsOf: String(scaled / 1_000_000).utf8)
      out.append(UInt8(ascii: "."))
      var fraction = scaled % 1_000_000
      var digits = [UInt8](repeating: UInt8(ascii: "0"), count: 6)
      for k in stride(from: 5, through: 0, by: -1) {
        digits[k] = UInt8(ascii: "0") + UInt8(fraction % 10)
        fraction /= 10
      }
      out.append(contentsOf: digits)
    }
    for i in 0..<n {
      let x = Double(i) / Double(n - 1)
      append(x)
      out.append(UInt8(ascii: ","))
      append(2 * x + 3 + (rng.nextUnit() - 0.5))
      out.append(UInt8(ascii: "\n"))
    }
    return out
  }
}

/// Keeps the optimizer from deleting work whose result is unused.
@inline(never)
public func blackHole<T>(_ value: T) {
  withExtendedLifetime(value) {}
}

/// Two frames, the one the terminal shows and the next, and what changed between them: what the front end keeps
/// from frame to frame (render into the spare screen, `Screen.diff`, then swap the two), so a steady frame reuses
/// their storage.
struct FramePair {
  var shown: Screen
  var next: Screen
  var diff = ScreenDiff(redrawAll: true, spans: [])

  init(width: Int, height: Int) {
    shown = Screen(width: width, height: height)
    next = Screen(width: width, height: height)
  }

  mutating func advance(_ app: LossLabApp, cache: inout AppRenderCache) {
    app.render(into: &next, cache: &cache)
    Screen.diff(from: shown, to: next, into: &diff)
    swap(&shown, &next)
  }
}

extension BenchScenarios {
  /// One descent step (`s`) and its frame per iteration, on `app`'s own render cache; every 200 steps
  /// `0` starts over, so a long run never walks off to a diverged or converged state. `warm` renders
  /// once before timing (a cold surface is another scenario).
  static func stepping(_ app: LossLabApp, width w: Int, height h: Int, warm: Bool) -> () -> Void {
    var app = app
    var cache = app.makeRenderCache()
    // Drawn into the same screen each time, as the front end does.
    var screen = Screen(width: w, height: h)
    if warm { app.render(into: &screen, cache: &cache) }
    var count = 0
    return {
      count += 1
      if count % 200 == 0 { _ = app.handle(.key(.character("0"))) }
      _ = app.handle(.key(.character("s")))
      app.render(into: &screen, cache: &cache)
      blackHole(screen.cells.count)
    }
  }
}
