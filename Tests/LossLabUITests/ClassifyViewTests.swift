import Foundation
import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// The classification view: its readout is the descent LossCore computes, side by side steps both surfaces
/// together, separable data says why there is no minimum, and cached frames equal fresh ones.
@Suite struct ClassifyViewTests {
  /// The descent the view should show, computed from LossCore alone.
  func expected(_ loss: Loss, steps: Int, separable: Bool = false) -> DescentStep {
    let data =
      separable ? try! ClassificationData.separable() : try! ClassificationData.overlapping()
    var d = Descent(
      objective: LogisticObjective(data: data, loss: loss), optimizer: .gd,
      learningRate: LogisticObjective.defaultLearningRate, w0: LogisticObjective.defaultStart.w,
      b0: LogisticObjective.defaultStart.b)
    d.run(steps: steps)
    return d.current
  }

  @Test func stepsAreTheCoreDescentAndTheReadoutShowsThem() {
    var a = app(.classify, width: 140, height: 44, keys: "s s s s s s s")
    let want = expected(.bce, steps: 7)
    #expect(a.state.classify.current.current == want)
    let text = a.text
    #expect(text.contains("step 7"))
    #expect(text.contains("w=\(Fmt.num(want.w, 6))  b=\(Fmt.num(want.b, 6))"))
    #expect(text.contains("loss=\(Fmt.num(want.loss, 6))"))
    _ = a.press("m")  // the next loss of the list: a new surface, the path starts again
    #expect(a.state.classify.loss == ClassifyState.losses[1])
    #expect(a.state.classify.loss != .bce && a.state.classify.current.trajectory.count == 1)
  }

  /// The panel's readouts come from the same pass as the shown descent's step: they are LossCore's
  /// `accuracy` and `logitGradient` at each pane's last point, side by side and in compare mode (where the
  /// other optimizers step as plain descents).
  @Test func readoutsAreTheCoreReadingsAtTheLastStep() {
    for keys in ["v s s s s", "c s s s s s", "m m m m s s s"] {
      let a = app(.classify, width: 140, height: 44, keys: keys)
      for pane in a.state.classify.panes {
        let now = pane.current.current
        #expect(now.step > 0, "\(keys)")
        #expect(pane.accuracy == pane.objective.accuracy(w: now.w, b: now.b), "\(keys)")
        #expect(pane.logitGradient == pane.objective.logitGradient(w: now.w, b: now.b), "\(keys)")
        #expect(pane.boundary == -now.b / now.w)
        for d in pane.descents.dropFirst() {
          var plain = Descent(
            objective: pane.objective, optimizer: d.optimizer.kind,
            learningRate: d.optimizer.learningRate,
            w0: d.trajectory[0].w, b0: d.trajectory[0].b)
          plain.run(steps: d.trajectory.count - 1)
          #expect(plain.trajectory == d.trajectory, "\(keys) \(d.optimizer.kind)")
        }
      }
      #expect(
        a.state.classify.panes[0].descents.count
          == (keys.hasPrefix("c") ? OptimizerKind.allCases.count : 1))
    }
  }

  @Test func sideBySideStepsBothSurfacesFromTheSameStart() {
    let a = app(
      .classify, width: 160, height: 48, keys: "v s s s s s s s s s s s s s s s s s s s s")
    let panes = a.state.classify.panes
    #expect(panes.map(\.loss) == [.bce, .mse])
    #expect(panes[0].current.current == expected(.bce, steps: 20))
    #expect(panes[1].current.current == expected(.mse, steps: 20))
    let text = a.text
    // Cross-entropy walks home; MSE on σ stalls on its plateau, and the panel says why.
    #expect(panes[0].current.current.loss < 0.45)
    #expect(panes[1].current.current.loss > 0.7)
    #expect(text.contains("-- BCE (logits) --") && text.contains("-- MSE on σ --"))
    #expect(text.contains("stalled: wrong points saturated"))
    #expect(text.contains("wrong points pull hard"))
    #expect(text.contains("b (bias)  BCE (logits)") && text.contains("b (bias)  MSE on σ"))
  }

  @Test func separableDataHasNoMinimumMarkerAndWKeepsGrowing() {
    var a = app(.classify, width: 140, height: 44, keys: "x")
    #expect(a.state.classify.panes[0].minimum == .unbounded(direction: 1, infimum: 0))
    var last = -Double.infinity
    for _ in 0..<8 {
      _ = a.press("s s s s s s s s s s")
      let w = a.state.classify.current.current.w
      #expect(w > last)
      last = w
    }
    #expect(a.state.classify.current.current == expected(.bce, steps: 80, separable: true))
    let text = a.text
    #expect(text.contains("no finite minimum (separable classes):"))
    #expect(text.contains("w grows without bound, to +∞; the path goes on"))
    #expect(!text.contains("◆"), "no minimum marker at the edge of the map")
    // Hinge has a flat region at zero loss: its tip is marked and named.
    _ = a.press("m")  // hinge follows BCE in the loss list
    #expect(a.state.classify.loss == .hinge)
    let hinge = a.text
    #expect(hinge.contains("flat: loss 0 once every point clears its margin"))
    #expect(hinge.contains("◆"))
  }

  @Test func clickStartsTheDescentWhereClicked() {
    var a = app(.classify, width: 140, height: 44)
    let layout = a.state.classify.layout(a.contentRect, options: a.state.options)
    let frame = layout.mapFrames[0]
    let (x, y) = (frame.area.x + frame.area.width / 2, frame.area.y + frame.area.height / 3)
    _ = a.handle(.mouse(MouseEvent(x: x, y: y)))
    let start = a.state.classify.start
    #expect(start.w == frame.dataX(column: x) && start.b == frame.dataY(row: y))
    #expect(a.state.classify.current.trajectory.count == 1)
  }

  /// The focal surface: the fifth loss of `m`, stepped as LossCore steps it, γ shown and changed with d / D
  /// (a new surface and a fresh path), and the logit gradient on the panel is the loss's own.
  @Test func focalSurfaceStepsAndGammaKeysRebuildIt() {
    var a = app(.classify, width: 140, height: 44, keys: "m m m m s s s")
    let c = a.state.classify
    #expect(c.loss == .binaryFocalCrossentropy && c.gamma == 2)
    var d = Descent(
      objective: LogisticObjective(
        data: try! ClassificationData.overlapping(), loss: .binaryFocalCrossentropy),
      optimizer: .gd, learningRate: 1, w0: -5, b0: 3)
    d.run(steps: 3)
    #expect(c.current.current == d.current)
    let text = a.text
    #expect(text.contains("-- focal (logits) γ=2 --"), "\(text)")
    #expect(text.contains("b (bias)  focal (logits) γ=2"))
    #expect(text.contains("g = t·(1−pₜ)^γ·(γpₜ·log pₜ − (1−pₜ))"))
    let g = c.panes[0].objective.logitGradient(w: d.current.w, b: d.current.b)
    #expect(text.contains("mean g \(Fmt.signed(g.mean, 3))"))
    _ = a.press("d")
    #expect(a.state.classify.gamma == 1.5 && a.state.classify.current.trajectory.count == 1)
    #expect(a.state.classify.panes[0].objective.gamma == 1.5)
    #expect(a.text.contains("γ=1.5"))
    _ = a.press("D D D D D D D D D D D")
    #expect(a.state.classify.gamma == 5)  // the loss list's range for γ ends at 5
    // γ does not touch a surface that does not read it: the path of BCE keeps its steps.
    var b = app(.classify, width: 140, height: 44, keys: "s s d")
    #expect(b.state.classify.current.trajectory.count == 3)
    #expect(!b.text.contains("γ="))
  }

  @Test(arguments: [
    "s s s s", "v s s s s", "x s s s s s s", "c s s s", "m m m s s", "+ s s - s", "m m m m s d s",
    "z s s z s", "v z s s",
  ])
  func cachedFramesEqualFramesDrawnFromScratch(_ keys: String) {
    var a = app(.classify, width: 160, height: 48)
    var cache = a.makeRenderCache()
    var frame = a.render(width: 160, height: 48, cache: &cache)
    for k in try! KeyNames.parse(keys) {
      _ = a.handle(.key(k))
      frame = a.render(width: 160, height: 48, cache: &cache)
      #expect(frame == a.render(width: 160, height: 48), "after \(k)")
    }
    #expect(frame.text.contains("step"))
  }

  @Test func stepsReuseTheSurfaces() {
    var a = app(.classify, width: 160, height: 48, keys: "v")
    var cache = a.makeRenderCache()
    _ = a.render(width: 160, height: 48, cache: &cache)
    #expect(cache.classify.surfacesComputed == 2)
    for _ in 0..<5 {
      _ = a.press("s")
      _ = a.render(width: 160, height: 48, cache: &cache)
    }
    #expect(cache.classify.surfacesComputed == 2)
    _ = a.press("M")  // the right-hand loss changes: one new surface
    _ = a.render(width: 160, height: 48, cache: &cache)
    #expect(cache.classify.surfacesComputed == 3)
  }

  /// Own data is framed as the contour view frames its own: the start predicts the base rate, the window
  /// holds it and the minimum, and gd at the chosen rate walks downhill. The Challenger fit is the one
  /// published for these 23 flights (logit p = 15.04 − 0.232·t; Dalal, Fowlkes and Hoadley 1989).
  @Test func ownDataIsFramedAroundTheStartAndTheMinimum() throws {
    let table = try Datasets.named("challenger").table(x: nil, y: nil)
    var c = ClassifyState()
    c.change { $0.source = .table(TableSource(table: table, place: .dataset("challenger"))) }
    c.frameForData()
    let m = try #require(c.panes[0].minimum.point)
    #expect(abs(m.w - -0.2322) < 5e-4 && abs(m.b - 15.043) < 5e-3, "\(m)")
    #expect(c.start.w == 0 && abs(c.start.b - log(7.0 / 16)) < 1e-12)
    #expect(c.wRange.contains(m.w) && c.bRange.contains(m.b))
    #expect(c.wRange.contains(0) && c.bRange.contains(c.start.b))
    // Framed, not lost in a huge window: the start and the minimum span most of each side.
    #expect(abs(m.w) > 0.6 * (c.wRange.upperBound - c.wRange.lowerBound))
    #expect(abs(m.b - c.start.b) > 0.6 * (c.bRange.upperBound - c.bRange.lowerBound))
    for _ in 0..<200 { c.step() }
    let path = c.current.trajectory
    #expect(!c.current.diverged)
    #expect(zip(path, path.dropFirst()).allSatisfy { $1.loss <= $0.loss }, "gd at the framed rate")
  }

  /// At the framed start b predicts the class share, so mean(σ − y) = ∂L/∂b is zero in exact arithmetic;
  /// in floating point it is about 1e-17 of its terms. The readout says 0 there, and still prints a small
  /// gradient that is real.
  @Test func roundingNoiseInTheGradientReadsAsZero() throws {
    let table = try Datasets.named("challenger").table(x: nil, y: nil)
    var a = app(.classify, width: 100, height: 30)
    a.state.classify.change {
      $0.source = .table(TableSource(table: table, place: .dataset("challenger")))
    }
    a.state.classify.frameForData()
    let start = a.state.classify.start
    let gradient = a.state.classify.panes[0].objective.gradient(w: start.w, b: start.b)
    #expect(gradient.b.magnitude < 1e-12 * gradient.w.magnitude)
    let text = a.text
    #expect(text.contains("  b +0.0000"), "\(text)")
    #expect(text.contains("mean g +0.000  mean |g|"), "\(text)")
    #expect(Fmt.signed(1.9e-17, 4, ascii: false, beside: 1.78) == "+0.0000")
    #expect(Fmt.signed(-3e-6, 4, ascii: false, beside: 1e-3) == Fmt.signed(-3e-6, 4))
    #expect(Fmt.signed(-3e-6, 4) != "+0.0000" && Fmt.signed(-3e-6, 4) != "-0.0000")
  }

  /// Points near x = 10⁴: the window still holds the start and the minimum, and the rate keeps gd stable.
  @Test func ownDataFarFromZeroIsFramed() throws {
    var rng = SplitMix64(seed: 7)
    let x = (0..<200).map { _ in 10_000 + 40 * (Double(rng.next() % 10_000) / 10_000 - 0.5) }
    let label = x.map { $0 > 10_000 ? 1.0 : 0.0 }.enumerated().map {
      $0.offset % 7 == 0 ? 1 - $0.element : $0.element
    }
    var c = ClassifyState()
    c.change { $0.source = .points(try! ClassificationData(x: x, label: label)) }
    c.frameForData()
    let m = try #require(c.panes[0].minimum.point)
    #expect(c.wRange.contains(m.w) && c.bRange.contains(m.b), "\(m) \(c.wRange) \(c.bRange)")
    #expect(c.wRange.contains(c.start.w) && c.bRange.contains(c.start.b))
    for _ in 0..<100 { c.step() }
    #expect(!c.current.diverged && c.current.current.loss < c.current.trajectory[0].loss)
  }

  /// Separable own data: no finite minimum, so the window frames the start and the widest-margin fit and
  /// twice it, and the path is seen heading off that way.
  @Test func separableOwnDataFramesThePathHeadingOff() throws {
    var c = ClassifyState()
    c.change {
      $0.source = .points(
        try! ClassificationData(x: [1, 2, 3, 5, 6, 7], label: [0, 0, 0, 1, 1, 1]))
    }
    c.frameForData()
    #expect(c.panes[0].minimum == .unbounded(direction: 1, infimum: 0))
    // The widest-margin fit: w = 2/gap = 1, b = −w·4 (the gap's middle).
    #expect(c.wRange.contains(2) && c.bRange.contains(-8) && c.wRange.contains(0))
    for _ in 0..<30 { c.step() }
    let path = c.current.trajectory
    #expect(zip(path, path.dropFirst()).allSatisfy { $1.w > $0.w }, "w keeps growing")
    #expect(path.prefix(10).allSatisfy { c.wRange.contains($0.w) && c.bRange.contains($0.b) })
  }

  /// `z` fits on z-scores of x. The loss is the same function in either coordinates (σ(w_z·z + b_z) is
  /// σ(w·x + b) with the converted w and b), so the two descents can be compared by loss alone: on the
  /// Challenger temperatures (x near 70), 30 gd steps from the framed start reach the published fit on
  /// z-scores, while on the raw temperatures the path is still far above the minimum. A second `z` gives
  /// the raw data back.
  @Test func zFitsOnZScoresAndGetsThereFaster() throws {
    let table = try Datasets.named("challenger").table(x: nil, y: nil)
    var a = app(.classify, width: 140, height: 44)
    a.state.classify.change {
      $0.source = .table(TableSource(table: table, place: .dataset("challenger")))
    }
    a.state.classify.frameForData()
    var raw = a.state.classify
    _ = a.press("z")
    var z = a.state.classify
    let s = try #require(z.scaling)
    #expect(z.settings.standardized && raw.scaling == nil)
    #expect(z.data.x == raw.data.x.map { ($0 - s.mean) / s.deviation })
    #expect(z.data.label == raw.data.label)
    // A square window in z's units, holding the start and the minimum.
    let spans = (
      z.wRange.upperBound - z.wRange.lowerBound, z.bRange.upperBound - z.bRange.lowerBound
    )
    #expect(abs(spans.0 - spans.1) < 1e-12 * spans.0, "\(z.wRange) \(z.bRange)")
    // Centred on the minimum, so its rings are whole, with the start inside: on the Challenger data the box of
    // the start and the minimum alone put the minimum a tenth of the way in from the left edge.
    let floor = try #require(z.panes[0].minimum.point)
    let middle = (
      (z.wRange.lowerBound + z.wRange.upperBound) / 2,
      (z.bRange.lowerBound + z.bRange.upperBound) / 2
    )
    #expect(abs(floor.w - middle.0) < 0.1 * spans.0, "w: \(floor.w) in \(z.wRange)")
    #expect(abs(floor.b - middle.1) < 0.1 * spans.1, "b: \(floor.b) in \(z.bRange)")
    #expect(z.wRange.contains(z.current.current.w) && z.bRange.contains(z.current.current.b))
    let n = Double(z.data.count)
    let mean = z.data.x.reduce(0, +) / n
    let sd = (z.data.x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / n).squareRoot()
    #expect(abs(mean) < 1e-12 && abs(sd - 1) < 1e-12)
    let best = try #require(raw.panes[0].minimum.point).loss
    let bestZ = try #require(z.panes[0].minimum.point)
    #expect(abs(bestZ.loss - best) < 1e-9, "the same minimum in either coordinates")
    for _ in 0..<30 {
      raw.step()
      z.step()
    }
    let zLoss = z.current.current.loss
    let rawLoss = raw.current.current.loss
    #expect(zLoss - best < 1e-4, "z-scores: \(zLoss) against \(best)")
    #expect(rawLoss - best > 1e-2, "raw temperatures: \(rawLoss) against \(best)")
    // Converted back to °F, the z fit is the published one (logit p = 15.04 − 0.232·t).
    let fit = s.original(w: z.current.current.w, b: z.current.current.b)
    #expect(abs(fit.w - -0.2322) < 2e-3 && abs(fit.b - 15.043) < 0.15, "\(fit)")
    for _ in 0..<30 { _ = a.press("s") }
    let shown = s.original(
      w: a.state.classify.current.current.w, b: a.state.classify.current.current.b)
    let text = a.text
    #expect(
      text.contains("z-scores: z = (x − \(Fmt.num(s.mean, 4)))/\(Fmt.num(s.deviation, 4))"),
      "\(text)")
    #expect(
      text.contains("in x units: w=\(Fmt.num(shown.w, 4)) b=\(Fmt.num(shown.b, 4))"), "\(text)")
    _ = a.press("z")
    #expect(a.state.classify.scaling == nil && a.state.classify.data == raw.data)
    #expect(!a.text.contains("z-scores"))
  }

  /// A negative mean reads as x + |mean|, not x − −mean.
  @Test func aNegativeMeanReadsAsAPlus() throws {
    var a = app(.classify, width: 140, height: 44, keys: "z")
    let s = try #require(a.state.classify.scaling)
    #expect(s.mean < 0)
    #expect(a.text.contains("z-scores: z = (x + \(Fmt.num(-s.mean, 4)))/"), "\(a.text)")
    _ = a.press("z")
    #expect(a.state.classify.scaling == nil)
  }

  @Test func asciiFramesArePureASCII() {
    let a = app(
      .classify, width: 120, height: 40, keys: "v s s", options: RenderOptions(ascii: true))
    let text = a.text
    #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
    #expect(text.contains("-- MSE on sigmoid --"))
  }
}
