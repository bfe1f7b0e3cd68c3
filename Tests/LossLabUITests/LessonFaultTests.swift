import LossCore
import Testing

@testable import LossLabUI

/// The faults issue 15 found in the old lessons, each rebuilt as the old step had it: the claim the
/// step now makes fails on the old screen, so the claim test would have caught it.
@Suite struct LessonFaultTests {
  func state(_ json: String) throws -> AppState {
    let scenario = try Scenario.parse(json, file: "old-step.json")
    var s = AppState(width: 100, height: 30)
    scenario.apply(to: &s)
    return s
  }

  func fails(
    _ claim: LessonClaim, _ state: AppState, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      !LessonCheck.check(claim, in: state).holds, "\(claim) held", sourceLocation: sourceLocation)
  }

  let data = #""data": {"points": 50, "seed": 42, "noise": 0.5}"#

  /// "Rate 0.8 … still converges, slowly": it diverges (the limit is 0.788).
  @Test func rate08DoesNotConverge() throws {
    let s = try state(
      #"{"view": "contour", "contour": {\#(data), "rate": 0.8, "start": [0.5, 1.5], "steps": 20}}"#)
    fails(.converges(true, nil), s)
    #expect(LessonCheck.check(.diverges(true, nil), in: s).holds)
    #expect(LessonCheck.check(.panelSaysDiverging(true), in: s).holds)
  }

  /// With five outliers the MSE minimum (−0.08, 3.55) was outside the old window [0, 4] × [1, 5];
  /// and "barely moved" for MAE: it moves 17%.
  @Test func mseMinimumOutsideTheOldWindow() throws {
    let s = try state(
      #"{"view": "contour", "contour": {\#(data), "loss": "mse", "outliers": 5, "window": {"w": [0, 4], "b": [1, 5]}}}"#
    )
    fails(.minimumInsideWindow([.mse]), s)
    fails(.value(.minimum(.mae, .w), .init(expected: 2.06, tolerance: 0.05)), s)
  }

  /// At δ = 1 Huber sits farther from w = 2 than MAE does; and a minimum the panel does not list (the
  /// quantile loss's, on an MSE step; the panel lists MSE, MAE and Huber) cannot be claimed as listed.
  @Test func huberAtDelta1IsNotCloserThanMAE() throws {
    let s = try state(
      #"{"view": "contour", "contour": {\#(data), "loss": "huber", "delta": 1, "outliers": 5, "window": {"w": [-1, 4], "b": [1, 5]}}}"#
    )
    let gapMAE = LessonQuantity.gap(.minimum(.mae, .w), .number(2))
    let gapHuber = LessonQuantity.gap(.minimum(.huber, .w), .number(2))
    fails(.greater(gapMAE, gapHuber), s)
    let mse = try state(
      #"{"view": "contour", "contour": {\#(data), "loss": "mse", "outliers": 5}}"#)
    fails(.minimaListed([.quantile]), mse)
  }

  /// The text was about y = 1 while the selected curve was BCE (y = 0).
  @Test func selectedCurveWasTheOtherOne() throws {
    let s = try state(
      #"{"view": "curves", "curves": {"show": ["bce:0", "bce:1"], "select": "bce:0", "cursor": 0.6}}"#
    )
    fails(.selectedCurve(LossCurve(.binaryCrossentropy, target: 1, delta: 1)), s)
  }

  /// "After 20 steps the path has barely bent" at rate 0.05: w has already moved a third of the way.
  @Test func pathHadNotBarelyBent() throws {
    let s = try state(
      #"{"view": "contour", "contour": {\#(data), "rate": 0.05, "start": [0.5, 1.5], "steps": 20}}"#
    )
    fails(.value(.descent(.finalW, nil), .init(expected: 0.5, tolerance: 0.2)), s)
  }

  /// RMSprop's first step is √10·lr in Keras, not "about lr".
  @Test func rmspropFirstStepIsNotLr() throws {
    let s = try state(
      #"{"view": "contour", "contour": {\#(data), "rate": 0.1, "start": [0.5, 1.5], "compare": true}}"#
    )
    fails(.value(.descent(.firstStepW, .rmsprop), .init(expected: 0.1, tolerance: 0.05)), s)
  }

  /// Units: 1.927 is KL(P‖Q) in bits; in nats (as Keras's kl-divergence and `eval` print) it is 1.336.
  @Test func klInBitsIsNotKLInNats() throws {
    let s = try state(#"{"view": "distributions", "distributions": {"preset": 0, "base": "nats"}}"#)
    fails(.value(.distribution(.klPQ), .init(expected: 1.927, tolerance: 0.0005)), s)
    fails(.unit(.bits), s)
    #expect(
      LessonCheck.check(
        .value(.distribution(.klPQ), .init(expected: 1.336, tolerance: 0.0005)), in: s
      ).holds)
  }
}

/// The screen faults issue 15 listed beside the lessons.
@Suite struct LessonScreenFaultTests {
  /// BCE's slope reads 0 at ŷ = 0 because Keras clips ŷ; the status line says so.
  @Test func clippedSlopeIsExplained() throws {
    var s = AppState(width: 100, height: 30)
    try Scenario.parse(
      #"{"view": "curves", "curves": {"show": ["bce:1"], "select": "bce:1", "cursor": 0}}"#,
      file: "x"
    ).apply(to: &s)
    let status = s.curves.status(options: .standard)
    #expect(status.contains("slope +0.000") && status.contains("Keras clips"), "\(status)")
    s.curves.cursorX = 0.5
    #expect(!s.curves.status(options: .standard).contains("clips"))
  }

  /// The distributions status line names the category's own share before the total KL.
  @Test func statusLineSeparatesTheShareFromTheTotal() {
    let d = DistributionsState()
    let status = d.status(options: .standard)
    #expect(status.hasPrefix("cat: p=0.100 q=0.800 share -0.300 bits of total KL"), "\(status)")
  }
}
