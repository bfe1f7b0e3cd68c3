import LossCore
import LossPlot
import Testing

@testable import LossLabUI

@Suite struct DistributionsViewTests {
  @Test func defaultFrameShowsTheRedGreenBlueNumbers() {
    let t = app(.distributions, width: 100, height: 30).text
    for v in ["1.927", "2.022", "1.361", "0.884", "3.288", "2.906", "0.420", "0.648"] {
      #expect(t.contains(v), "missing \(v)")
    }
    #expect(t.contains("red") && t.contains("green") && t.contains("blue"))
  }

  @Test func editingKeepsTheSumAtOneAndBarsInRange() {
    var a = app(.distributions)
    var rng = SystemRandomNumberGenerator()
    let keys = [
      "Up", "Down", "S-Up", "S-Down", "Left", "Right", "P", "Q", "Space", "+", "-", "s", "k", "j",
      "K", "J",
    ]
    for _ in 0..<3000 {
      _ = a.press(keys.randomElement(using: &rng)!)
      let d = a.state.distributions
      for v in [d.p, d.q] {
        #expect(abs(v.reduce(0, +) - 1) < 1e-12)
        #expect(v.allSatisfy { $0 >= 0 && $0 <= 1 })
      }
      #expect((2...12).contains(d.categories.count))
      #expect(d.p.count == d.categories.count && d.q.count == d.categories.count)
    }
  }

  @Test func raisingABarRescalesTheOthersProportionally() {
    let a = app(.distributions, keys: "P Right Up")
    let p = a.state.distributions.p
    #expect(abs(p[1] - 0.41) < 1e-12)
    // The other two keep their 1:5 ratio.
    #expect(abs(p[2] / p[0] - 5) < 1e-9)
  }

  @Test func presetsCycleAndTheZeroCaseShowsInfinity() {
    var a = app(.distributions, width: 100, height: 30, keys: "n n n")
    #expect(a.state.distributions.presetIndex == 3)
    let t = a.text
    #expect(t.contains("∞"))
    #expect(t.contains("probability 0"))
    #expect(!t.lowercased().contains("nan"))
    _ = a.press("n")
    #expect(a.state.distributions.presetIndex == 0)
  }

  @Test func tenLabelPresetShowsMeanBCE() {
    let t = app(.distributions, width: 100, height: 30, keys: "n n").text
    #expect(t.contains("0.247"))
  }

  @Test func bitsAndNats() {
    let t = app(.distributions, width: 100, height: 30, keys: "b").text
    #expect(t.contains("1.336"))
  }

  @Test func swapExchangesPAndQ() {
    let a = app(.distributions, keys: "s")
    #expect(a.state.distributions.p == [0.80, 0.15, 0.05])
  }
}

@Suite struct PresetMenuTests {
  @Test func menuListsPresetsAndPicksOne() {
    var a = app(.distributions, keys: "m")
    #expect(a.state.overlay == .presetMenu(selected: 0))
    for preset in DistributionPreset.all { #expect(a.text.contains(preset.name)) }
    _ = a.press("j j Enter")
    #expect(a.state.overlay == nil)
    #expect(a.state.distributions.presetIndex == 2)
    _ = a.press("m 4")
    #expect(a.state.distributions.presetIndex == 3)
    _ = a.press("m Escape")
    #expect(a.state.overlay == nil)
    #expect(a.state.distributions.presetIndex == 3)
  }
}

/// One rule for `q`: it quits here as in every view; `P`/`Q` pick what is edited, Space switches.
@Suite struct DistributionsPickKeysTests {
  @Test func capitalsPickSpaceSwitchesAndQQuits() {
    var a = app(.distributions)
    _ = a.press("P")
    #expect(a.state.distributions.editing == .p)
    _ = a.press("Space")
    #expect(a.state.distributions.editing == .q)
    _ = a.press("Space")
    #expect(a.state.distributions.editing == .p)
    _ = a.press("Q")
    #expect(a.state.distributions.editing == .q)
    #expect(a.press("q") == .quit)
  }
}
