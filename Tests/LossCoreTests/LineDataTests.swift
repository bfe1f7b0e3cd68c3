import Foundation
import LossCore
import Testing

@Suite struct LineDataTests {
  @Test func splitMix64KnownOutputs() {
    // Reference outputs of SplitMix64 for seed 0 (as in the published C code by Vigna).
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
    #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func tutorialDataIsTheDocumentedSequence() throws {
    let data = try LineData.tutorial()
    #expect(data.x.count == 50 && data.y.count == 50)
    #expect(data.x[0] == 0 && data.x[49] == 1)
    // Computed independently (Python re-implementation of SplitMix64 and the documented recipe).
    #expect(data.y[0] == 3.241564878771823)
    #expect(data.y[1] == 2.700726719407532)
    #expect(data.y[49] == 5.469371237967552)
    for (x, y) in zip(data.x, data.y) { #expect(abs(y - (2 * x + 3)) <= 0.5) }
    #expect(try LineData.tutorial(seed: 7) != data)
  }

  @Test func outliersSitFarBelowTheLineAtTheRight() throws {
    let data = try LineData.tutorial(points: 10, outliers: 3)
    #expect(data.x.count == 13)
    #expect(Array(data.x.suffix(3)) == [0.8, 0.9, 1.0])
    for (x, y) in zip(data.x.suffix(3), data.y.suffix(3)) { #expect(abs(y - (2 * x - 3)) < 1e-12) }
  }

  @Test func badGenerationOptions() {
    #expect(throws: LossCoreError("points must be between 2 and 100000000, got 1")) {
      try LineData.tutorial(points: 1)
    }
    #expect(throws: LossCoreError("noise must be a finite number >= 0, got -1")) {
      try LineData.tutorial(noise: -1)
    }
  }

  @Test func csvWithAndWithoutHeader() throws {
    let a = try LineData.csv(text: "x,y\n0,1\n1,3\n\n2, 5\n", source: "a.csv")
    #expect(a == LineData(x: [0, 1, 2], y: [1, 3, 5]))
    let b = try LineData.csv(text: "# comment\n0,1\n1,3", source: "b.csv")
    #expect(b == LineData(x: [0, 1], y: [1, 3]))
  }

  @Test func csvErrorsNameFileLineAndColumn() {
    #expect(throws: LossCoreError("d.csv:3: 'x' (column 1): 'oops' is not a number")) {
      try LineData.csv(text: "x,y\n0,1\noops,2\n", source: "d.csv")
    }
    #expect(throws: LossCoreError("d.csv:2: 3 fields, but line 1 has 2 (separator ',')")) {
      try LineData.csv(text: "0,1\n1,2,3\n", source: "d.csv")
    }
    #expect(throws: LossCoreError("d.csv:2: column 1: 'inf' is not a finite number")) {
      try LineData.csv(text: "0,1\ninf,2\n", source: "d.csv")
    }
    #expect(
      throws: LossCoreError("d.csv: only one data row (line 2); a line needs at least 2 points")
    ) {
      try LineData.csv(text: "x,y\n0,1\n", source: "d.csv")
    }
  }

  @Test func leastSquaresOfAnExactLine() {
    let fit = LineData(x: [0, 1, 2, 3], y: [1, 3, 5, 7]).leastSquares
    #expect(abs(fit.w - 2) < 1e-12 && abs(fit.b - 1) < 1e-12)
  }
}
