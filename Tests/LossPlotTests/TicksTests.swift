import LossCore
import LossPlot
import Testing

/// Whether `v` is k·step for an integer k (within rounding).
private func isMultiple(_ v: Double, of step: Double) -> Bool {
  let k = v / step
  return abs(k - k.rounded()) < 1e-6
}

/// Whether `step` is 1, 2 or 5 × 10ⁿ.
private func isNiceStep(_ step: Double) -> Bool {
  var m = step
  while m >= 10 { m /= 10 }
  while m < 1 { m *= 10 }
  return [1.0, 2.0, 5.0, 10.0].contains { abs($0 - m) < 1e-6 }
}

@Test func ticksAreNiceAndInsideTheRangeForManyRanges() {
  // A deterministic spread of ranges: offsets and spans over many magnitudes, both signs.
  var checked = 0
  for e in -6...8 {
    for a in stride(from: -3.7, through: 3.7, by: 0.9) {
      for spanFactor in [0.013, 0.37, 1.0, 2.9, 7.7] {
        let scale = ContourLines.pow10(e)
        let lo = a * scale
        let hi = lo + spanFactor * scale * 3
        for maxCount in [2, 3, 5, 8, 12] {
          let t = Ticks.nice(lo...hi, maxCount: maxCount)
          #expect(t.count <= maxCount)
          #expect(!t.isEmpty, "no ticks in \(lo)...\(hi) max \(maxCount)")
          for v in t { #expect(v >= lo && v <= hi, "\(v) outside \(lo)...\(hi)") }
          if t.count >= 2 {
            let step = t[1] - t[0]
            #expect(isNiceStep(step), "step \(step)")
            for v in t { #expect(isMultiple(v, of: step)) }
            for k in 1..<t.count { #expect(abs((t[k] - t[k - 1]) - step) < step * 1e-6) }
          }
          checked += 1
        }
      }
    }
  }
  #expect(checked > 1000)
}

@Test func tickLabelsAreExactDecimals() {
  #expect(Ticks.label(7, step: 1) == "7")
  #expect(Ticks.label(0.1 * 3, step: 0.1) == "0.3")
  #expect(Ticks.label(0, step: 0.5) == "0.0")
  #expect(Ticks.label(1, step: 0.5) == "1.0")
  #expect(Ticks.label(-0.25, step: 0.05) == "-0.25")
  #expect(Ticks.label(1500, step: 500) == "1500")
  #expect(Ticks.label(2_000_000_0, step: 10_000_000) == "2e7")
  #expect(Ticks.label(0.00002, step: 0.00001) == "2e-5")
  // Labels of generated ticks never show float noise like 0.30000000000000004 or 6.9.
  for t in Ticks.nice(0.1...0.9, maxCount: 9) {
    #expect(Ticks.label(t, step: 0.1).count == 3, "\(t)")
  }
}

@Test func logTicksArePowersOfTen() {
  #expect(Ticks.log(0.001...100, maxCount: 10) == [0.001, 0.01, 0.1, 1, 10, 100])
  #expect(Ticks.log(0.001...100, maxCount: 3) == [0.001, 0.1, 10])
  // Less than two decades: 2× and 5× fill in.
  #expect(Ticks.log(1.5...30, maxCount: 8) == [2, 5, 10, 20])
  #expect(Ticks.logLabel(0.01) == "0.01")
  #expect(Ticks.logLabel(100_000_000) == "1e8")
}

@Test func degenerateRangesGiveNoTicks() {
  #expect(Ticks.nice(3...3, maxCount: 5).isEmpty)
  #expect(Ticks.nice(0...Double.infinity, maxCount: 5).isEmpty)
  #expect(Ticks.nice(0...1, maxCount: 0).isEmpty)
  #expect(Ticks.log(-1...10, maxCount: 5).isEmpty)
}
