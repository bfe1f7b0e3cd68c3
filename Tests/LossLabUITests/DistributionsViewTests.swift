import Foundation
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
    #expect(t.contains("cat") && t.contains("dog") && t.contains("fox"))
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

  /// Under the bars each category's name stands apart from its neighbours' (cut short where the column is
  /// narrow, never run together as "cadofod"), for every preset and for twelve categories, at 60×20 and
  /// 80×24.
  @Test(arguments: [(60, 20), (80, 24)])
  func categoryNamesStandApart(width: Int, height: Int) {
    let states =
      DistributionPreset.all.indices.map {
        DistributionsState(preset: DistributionPreset.all[$0], index: $0)
      }
      + [
        app(.distributions, width: width, height: height, keys: "+ + + + + + + + +").state
          .distributions
      ]
    for d in states {
      var a = app(.distributions, width: width, height: height)
      a.state.distributions = d
      guard case .distributions(let l) = a.layout(width: width, height: height).view else {
        Issue.record("no distributions layout")
        return
      }
      let lines = a.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      // The frame's text drops trailing blanks: pad the row back to the frame's width.
      var row = Array(lines[l.chart.maxY - 1].unicodeScalars)
      row += Array(repeating: " ", count: max(0, width - row.count))
      for (k, g) in l.categories.enumerated() {
        let cells = String(String.UnicodeScalarView(row[g.x..<g.maxX]))
        let shown = cells.trimmingCharacters(in: .whitespaces)
        #expect(
          !shown.isEmpty && d.categories[k].hasPrefix(shown) && cells.last == " ",
          "\(width)x\(height) \(d.categories): '\(cells)' for \(d.categories[k])")
      }
    }
  }

  @Test func presetsCycleAndTheZeroCaseShowsInfinity() {
    var a = app(.distributions, width: 100, height: 30, keys: "n n n")
    #expect(a.state.distributions.presetIndex == 3)
    let t = a.text
    #expect(t.contains("∞"))
    #expect(t.contains("probability 0"))
    #expect(!t.lowercased().contains("nan"))
    _ = a.press("n n")
    #expect(a.state.distributions.presetIndex == 0)
  }

  @Test func tenLabelPresetShowsMeanBCE() {
    // The mean BCE is 0.247 nats (Keras); the view speaks bits unless `b` switches: 0.247 / ln 2.
    let bits = app(.distributions, width: 100, height: 30, keys: "n n").text
    #expect(bits.contains("mean BCE (bits)") && bits.contains("0.356"), "\(bits)")
    let nats = app(.distributions, width: 100, height: 30, keys: "n n b").text
    #expect(nats.contains("mean BCE (nats)") && nats.contains("0.247"), "\(nats)")
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

/// `f` and `F` fit a normal Q to P (LossCore's `NormalFitting`), and say which KL they minimised.
@Suite struct DistributionsFitTests {
  /// The two-peaked preset, Q fitted with `keys`.
  func fitted(_ keys: String, options: RenderOptions = .standard) -> LossLabApp {
    var a = app(.distributions, width: 120, height: 32, options: options)
    a.state.distributions.loadPreset(
      DistributionPreset.all.firstIndex { $0.name.hasPrefix("two peaks") }!)
    _ = a.press(keys)
    return a
  }

  @Test(arguments: [("f", KLDirection.forward), ("F", KLDirection.reverse)])
  func aFitReplacesQAndTheStatusLineNamesTheKLWithItsUnit(key: String, direction: KLDirection)
    throws
  {
    let a = fitted(key)
    let d = a.state.distributions
    let expected = try NormalFitting.fit(p: d.p, direction: direction)
    #expect(d.q == expected.q)
    #expect(d.editing == .q)
    let status = d.status(options: a.state.options)
    let value = Distributions.report(p: d.p, q: d.q, base: .bits)
    let kl = direction == .forward ? value.klPQ : value.klQP
    #expect(status.contains("minimising \(direction.name())"))
    #expect(status.contains("= \(String(format: "%.3f", kl)) bits"))
    #expect(abs(kl - expected.divergence(base: .bits)) < 1e-12)
    #expect(a.text.contains(status))
    // In nats the same fit reads in nats.
    var b = a
    _ = b.press("b")
    #expect(b.state.distributions.status(options: b.state.options).contains("nats"))
  }

  @Test func oneFitCoversBothPeaksAndTheOtherSitsOnOne() {
    let cover = fitted("f").state.distributions
    let seek = fitted("F").state.distributions
    // P's peaks are at 2 and 6.
    #expect(cover.q[2] > 0.1 && cover.q[6] > 0.1)
    #expect(seek.q[2] > 0.4 && seek.q[6] < 1e-6)
    #expect(cover.currentFit!.normal.sigma > 2 && seek.currentFit!.normal.sigma < 1)
  }

  @Test func editingQOrPEndsTheFitsReport() {
    var a = fitted("f")
    #expect(a.state.distributions.currentFit != nil)
    _ = a.press("Up")
    #expect(a.state.distributions.currentFit == nil)
    #expect(a.state.distributions.status(options: a.state.options).contains("KL(P‖Q)="))
    _ = a.press("F P Up")
    #expect(a.state.distributions.currentFit == nil)
  }

  @Test func aZeroInPIsExplainedNotFitted() {
    // cat/dog/fox with P's fox set to 0: no normal has a finite KL(Q‖P).
    var a = app(.distributions, keys: "P l l J J J J J J")
    #expect(a.state.distributions.p[2] == 0)
    let q = a.state.distributions.q
    _ = a.press("F")
    #expect(a.state.distributions.q == q)
    let status = a.state.distributions.status(options: a.state.options)
    #expect(status.contains("'fox' probability 0"))
    _ = a.press("f")  // KL(P‖Q) is fine
    #expect(a.state.distributions.currentFit?.direction == .forward)
    // ASCII frames stay ASCII.
    var b = app(.distributions, options: RenderOptions(ascii: true))
    _ = b.press("P l l J J J J J J F")
    let allASCII = b.text.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(allASCII)
    #expect(b.state.distributions.status(options: b.state.options).contains("KL(Q||P)"))
  }

  @Test func binaryLabelsHaveNoFit() {
    var a = app(.distributions, keys: "n n")
    #expect(a.state.distributions.binaryLabels)
    let q = a.state.distributions.q
    _ = a.press("f")
    #expect(a.state.distributions.q == q && a.state.distributions.notice != nil)
  }

  @Test func aScenarioCanAskForTheFitAndASavedFitComesBack() throws {
    let index = DistributionPreset.all.firstIndex { $0.name.hasPrefix("two peaks") }!
    let s = try Scenario.parse(
      "{\"view\": \"distributions\", \"distributions\": {\"preset\": \(index), \"fit\": \"q||p\"}}",
      file: "f.json", directory: "/")
    var state = AppState(view: .distributions, width: 120, height: 32, options: .standard)
    s.apply(to: &state)
    #expect(state.distributions.currentFit?.direction == .reverse)
    let (text, again) = try reopened(
      state, onto: AppState(view: .distributions, width: 120, height: 32, options: .standard),
      directory: "/")
    #expect(text.contains("\"fit\": \"q||p\""))
    #expect(again.distributions.q == state.distributions.q)
    #expect(throws: ScenarioError.self) {
      try Scenario.parse("{\"distributions\": {\"fit\": \"p|q\"}}", file: "h.json", directory: "/")
    }
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
