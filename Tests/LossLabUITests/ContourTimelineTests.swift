import Foundation
import LossCore
import LossPlot
import Testing

@testable import LossLabUI

@Suite struct ContourTimelineTests {
  @Test func scrubbingSelectsEarlierStepsAndEveryPanelShowsThem() {
    var a = app(.contour, width: 110, height: 34, keys: "s s s s s")
    #expect(a.state.contour.shownStep == 5)
    _ = a.press(", ,")
    #expect(a.state.contour.shownStep == 3)
    let p = a.state.contour.current.trajectory[3]
    #expect(a.text.contains("step 3 of 5"))
    #expect(a.text.contains("w=\(String(format: "%.6f", p.w))"))
    _ = a.press("<")
    #expect(a.state.contour.shownStep == 0)
    _ = a.press("> .")
    #expect(a.state.contour.shownStep == 5 && a.state.contour.timeline.selected == nil)
  }

  @Test func steppingFromAnEarlierStepAsksThenDropsTheLaterSteps() {
    var a = app(.contour, keys: "s s s s s , ,")
    let before = a.state.contour.current.trajectory
    _ = a.press("s")
    #expect(a.state.contour.timeline.confirmingDrop)
    #expect(a.text.contains("drop steps 4-5 and step on from step 3? y/n"))
    #expect(a.state.contour.current.trajectory == before)  // nothing dropped yet
    _ = a.press("n")
    #expect(
      !a.state.contour.timeline.confirmingDrop && a.state.contour.current.trajectory == before)
    _ = a.press("s y")
    // Cut back to step 3 and one step on: the same point as the original step 4 (deterministic).
    #expect(a.state.contour.current.trajectory.count == 5)
    #expect(a.state.contour.current.trajectory == Array(before.prefix(5)))
    #expect(a.state.contour.timeline.selected == nil)
  }

  @Test func inspectorShowsTheTextOfDescendInspect() throws {
    var a = app(.contour, width: 120, height: 40, keys: "o o o o o s s s")  // adam
    _ = a.press(", i")
    let c = a.state.contour
    #expect(c.optimizer == .adam && c.shownStep == 2)
    let expected = c.current.inspection(ofStep: 2)
    #expect(c.inspectorLines == expected)
    let screen = a.text
    for line in expected where line.count < 40 {
      #expect(screen.contains(line.trimmingCharacters(in: .whitespaces)), "\(line)")
    }
    #expect(screen.contains("stable rate") == false)  // adam: no fixed bound
    #expect(screen.contains("gd stable < 0.788; adam adapts its steps"))
  }

  @Test func curvatureForMSEAndNoneForMAE() {
    var a = app(.contour, width: 120, height: 40, keys: "s i")
    let lambda = MSECurvature(data: a.state.contour.data).eigenvalues
    #expect(a.text.contains("λmax \(String(format: "%.3f", lambda.largest))"))
    #expect(a.text.contains("stable rate < 0.788  (2/λmax)"))
    _ = a.press("m")
    #expect(a.text.contains("MAE: planes, no single curvature"))
    _ = a.press("m")
    #expect(a.text.contains("Huber: no single curvature"))
  }

  @Test func aBlowUpPausesMarksTheRiseAndRewinds() throws {
    var a = app(.contour, width: 110, height: 34)
    a.state.contour.change { $0.learningRate = 0.9 }
    _ = a.press("r")
    var ticks = 0
    while a.state.contour.running && ticks < 100 {
      _ = a.handle(.tick)
      ticks += 1
    }
    let c = a.state.contour
    let report = try #require(c.timeline.report)
    #expect(!c.running && !c.current.diverged)  // paused before overflowing
    #expect(report.oscillating == ["w", "b"])
    #expect(a.text.contains("u rewinds to step \(report.riseStart)"))
    // The message wraps at the panel's width; its parts are all there.
    let t = a.text
    #expect(t.contains("1.14×") && t.contains("the stable bound") && t.contains("2/λmax"), "\(t)")
    _ = a.press("u")
    #expect(a.state.contour.current.trajectory.count == report.riseStart + 1)
  }

  @Test func scheduleCycleDrivesTheRateAndItsChart() {
    var a = app(.contour, width: 110, height: 40, keys: "S")
    #expect(a.state.contour.schedule.name == "exponential")
    _ = a.press("s s s")
    let d = a.state.contour.current
    #expect(d.rate(ofStep: 3) < d.rate(ofStep: 1))
    #expect(a.text.contains("schedule exponential (S cycles)"))
    #expect(a.text.contains("rate"))
  }

  @Test func exportSavesTheTrajectoryAsCSVOrJSON() throws {
    var a = app(.contour, keys: "o s s")  // momentum
    var files = FakeFiles()
    a.press("t", files: &files)
    #expect(a.text.contains("save trajectory (.csv or .json) to:"))
    a.press("Enter", files: &files)
    let csv = try #require(files.files["trajectory.csv"])
    #expect(csv == a.state.contour.current.exportCSV() + "\n")
    #expect(csv.hasPrefix("step,w,b,loss,grad_w,grad_b,rate,velocity_w,velocity_b\n"))
    a.press("t", files: &files)
    a.type("run.json")
    a.press("Enter", files: &files)
    #expect(files.files["run.json"] == a.state.contour.current.exportJSON() + "\n")
  }
}

@Suite struct InspectorASCIITests {
  @Test func theASCIIInspectorSpellsTheMathOut() {
    let a = app(
      .contour, width: 120, height: 40, keys: "O O O O s s s i",
      options: RenderOptions(ascii: true, color: .none))
    #expect(a.state.contour.optimizer == .nadam)
    let screen = a.text
    let pureASCII = screen.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(pureASCII)
    #expect(screen.contains("mu(t) = 0.9*(1 - 1/2*0.96^3)"))
    #expect(screen.contains("step = -rate*m_hat/(sqrt(v_hat) + eps)"))
  }
}

@Suite struct ScheduleScenarioTests {
  @Test func scheduleAndWeightDecayRoundTripThroughAScenario() throws {
    var a = app(.contour, keys: "o o o o o o")  // adamw
    a.state.contour.change {
      $0.schedule = .cosine(decaySteps: 20, alpha: 0.1, warmupTarget: 0.8, warmupSteps: 3)
      $0.weightDecay = 0.01
    }
    _ = a.press("s s s s")
    let (text, state) = try reopened(a.state, onto: AppState(width: 100, height: 30))
    #expect(
      text.contains(
        "\"schedule\": \"cosine:decay_steps=20,alpha=0.1,warmup_target=0.8,warmup_steps=3\""))
    #expect(text.contains("\"weight_decay\": 0.01"))
    #expect(state.contour.schedule == a.state.contour.schedule)
    #expect(state.contour.settings.weightDecay == 0.01)
    #expect(state.contour.current.trajectory == a.state.contour.current.trajectory)
  }

  @Test func aBadScheduleInAScenarioNamesTheProblem() {
    let text = #"{"contour": {"schedule": "cosine:decay_steps=0"}}"#
    let error = #expect(throws: ScenarioError.self) { try Scenario.parse(text, file: "s.json") }
    #expect(
      error?.message.contains("decay_steps must be > 0") == true, "\(String(describing: error))")
  }
}
