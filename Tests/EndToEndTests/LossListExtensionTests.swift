import Foundation
import LossCore
import LossLabUI
import LossPlot
import Testing

@testable import losslab

/// A loss made up for this test: |ŷ − y|³, for every use except classification. If adding it to the list
/// is enough for eval, the curves view, the contour view's m cycle and completion to offer it, adding a
/// real loss is one file and one line.
let cubeLoss = Loss(
  id: "cube-test", shortName: "cube", title: "Cubed error (test only)", aliases: ["cubed"],
  uses: [.eval, .curve, .lineFit], lowerBound: 0,
  form: .pointwise(
    .init(
      value: { t, x, _ in abs(x - t) * abs(x - t) * abs(x - t) },
      derivative: { t, x, _ in 3 * (x - t) * abs(x - t) })),
  curve: CurveStyle("cube", entries: [(1, true)]))

/// Another made-up loss, for classification only: the exponential loss e^{−t·z} of AdaBoost on the score z with
/// labels t = ±1, with no fast surface of its own. Adding it to the list should put it in the classify view's
/// `m` cycle, `descend --model logistic` and completion.
let exponentialLoss = Loss(
  id: "exponential-test", shortName: "expo", title: "Exponential loss (test only)",
  uses: [.classificationFit], lowerBound: 0,
  form: .pointwise(
    .init(value: { t, x, _ in exp(-t * x) }, derivative: { t, x, _ in -t * exp(-t * x) })),
  classification: ClassificationFit(
    title: "exponential", logitGradientFormula: "−t·e^(−t·z)", labels: .signed,
    value: { z, t, _ in exp(-t * z) }, derivative: { z, t, _ in -t * exp(-t * z) },
    curvature: { z, t, _ in exp(-t * z) }, unboundedOnSeparableData: true),
  curve: CurveStyle("expo"))

@Suite struct LossListExtensionTests {
  let list = LossList.standard.appending(cubeLoss)

  @Test func aNewLossReachesEval() throws {
    try LossList.$current.withValue(list) {
      #expect(Loss.allCases.contains(cubeLoss))
      let loss = try LossName<EvalUse>(argument: "cubed")!.resolve()
      // (|1 − 3|³ + |0 − (−1)|³) / 2 = 4.5
      #expect(try loss.evaluate(yTrue: [[1, 0]], yPred: [[3, -1]]).value == 4.5)
      var eval = try Eval.parseAsRoot(["cube", "--y-true", "1", "--y-pred", "3"]) as! Eval
      try eval.validate()
      try eval.run()  // prints 8
      #expect(throws: LossCoreError.self) {
        var withTau = try Eval.parseAsRoot([
          "cube", "--tau", "0.3", "--y-true", "1", "--y-pred", "3",
        ])
        try withTau.run()
      }
    }
    // Outside the scope the standard list is back.
    #expect(!Loss.allCases.contains(cubeLoss))
  }

  @Test func aNewLossReachesTheCurvesView() throws {
    try LossList.$current.withValue(list) {
      let curves = CurvesState()
      let entry = try #require(curves.entries.last)
      #expect(entry.curve.loss == cubeLoss && entry.curve.target == 1 && entry.visible)
      #expect(try CurveNames.curve("cube:2").value(at: 0) == 8)
      var state = AppState(view: .curves, width: 100, height: 40)
      state.curves = curves
      let screen = LossLabApp(state: state).render(width: 100, height: 40)
      let text = (0..<screen.height).map { screen.line($0) }.joined(separator: "\n")
      #expect(text.contains("cube (y=1)"))  // the legend
      #expect(text.contains("cube y=1"))  // the panel row
    }
  }

  @Test func aNewLossJoinsTheContourCycleAndFits() throws {
    try LossList.$current.withValue(list) {
      var app = LossLabApp(state: AppState(view: .contour, width: 100, height: 30))
      var seen: [String] = [app.state.contour.loss.shortName]
      for _ in 0..<5 {
        _ = app.handle(.key(.character("m")))
        seen.append(app.state.contour.loss.shortName)
      }
      #expect(seen == ["mse", "mae", "huber", "quantile", "cube", "mse"])
      // Without a specialisation the objective uses per-point sums, and its minimum is found by search:
      // the gradient vanishes there.
      let f = LineFitObjective(data: try LineData.tutorial(points: 40), loss: cubeLoss)
      let m = f.minimum
      let g = f.gradient(w: m.w, b: m.b)
      #expect(abs(g.w) < 1e-6 && abs(g.b) < 1e-6, "\(g)")
    }
  }

  @Test func aNewLossIsOfferedByCompletion() throws {
    try LossList.$current.withValue(list) {
      #expect(LossName<EvalUse>.allValueStrings.contains("cube"))
      #expect(LossName<CurveUse>.allValueDescriptions["cube"]?.contains("test only") == true)
      let script = LossLab.completionScript(for: .bash)
      #expect(script.contains("cube-test") && script.contains("cubed"))
      let help = LossLab.helpMessage(for: Eval.self)
      #expect(help.contains("cube"))
    }
    #expect(!LossLab.completionScript(for: .bash).contains("cube-test"))
  }

  @Test func aNewClassificationLossJoinsTheClassifyViewAndDescend() throws {
    let list = LossList.standard.appending(exponentialLoss)
    try LossList.$current.withValue(list) {
      #expect(ClassifyState.losses.last == exponentialLoss)
      var app = LossLabApp(state: AppState(view: .classify, width: 120, height: 40))
      var seen: [String] = []
      for _ in 0..<6 {
        _ = app.handle(.key(.character("m")))
        seen.append(app.state.classify.loss.shortName)
      }
      #expect(seen == ["hinge", "squared-hinge", "mse", "focal", "expo", "bce"])
      // Without a fast surface, the surface is the per-point sum, cell by cell.
      let data = try ClassificationData.overlapping()
      let f = LogisticObjective(data: data, loss: exponentialLoss)
      let grid = f.surface(columns: 7, rows: 5, w: -2...2, b: -1...1)
      for i in 0..<7 {
        for j in 0..<5 {
          let (w, b) = (grid.x(i), grid.y(j))
          var sum = 0.0
          for (x, y) in zip(data.x, data.label) { sum += exp(-(2 * y - 1) * (w * x + b)) }
          #expect(abs(grid[i, j] - sum / 60) <= 1e-13 * sum / 60)
        }
      }
      // Damped Newton finds its minimum: the gradient vanishes there.
      guard case .point(let w, let b, _) = f.minimum else {
        Issue.record("no finite minimum on overlapping data")
        return
      }
      let g = f.gradient(w: w, b: b)
      #expect(abs(g.w) < 1e-9 && abs(g.b) < 1e-9, "\(g)")
      var descend = try Descend.parseAsRoot([
        "--model", "logistic", "--loss", "expo", "--w0", "0", "--b0", "0", "--lr", "0.1", "--steps",
        "3",
      ])
      try descend.run()  // prints the trajectory
      #expect(LossLab.completionScript(for: .bash).contains("exponential-test"))
      #expect(LossLab.helpMessage(for: ClassifyCommand.self).contains("expo"))
    }
  }
}
