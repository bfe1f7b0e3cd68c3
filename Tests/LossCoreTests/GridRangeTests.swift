import LossCore
import Testing

/// The plain loop `Grid2D.finiteRange` replaced (min keeps the first of equal values, max the last).
private func plainFiniteRange(_ values: [Double]) -> ClosedRange<Double>? {
  var lo = Double.infinity
  var hi = -Double.infinity
  for v in values where v.isFinite {
    lo = min(lo, v)
    hi = max(hi, v)
  }
  return lo <= hi ? lo...hi : nil
}

/// The same range, and the same zero signs at its ends, on grids of every length mod 4 holding NaN, ±∞, ±0,
/// subnormals and ordinary values in random places.
@Test func finiteRangeIsThePlainLoopsBitForBit() {
  var rng = SplitMix64(seed: 41)
  let specials: [Double] = [
    .nan, .infinity, -.infinity, 0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
  ]
  for trial in 0..<400 {
    let columns = 2 + trial % 7
    let rows = 2 + (trial / 7) % 5
    var values = [Double](repeating: 0, count: columns * rows)
    for k in values.indices {
      let pick = rng.next() % 10
      values[k] =
        pick < 3
        ? specials[Int(rng.next() % UInt64(specials.count))]
        : (Double(rng.next() % 2001) - 1000) / 8
    }
    // Some grids hold no finite value, some only zeros of both signs.
    if trial % 37 == 0 { values = values.map { $0.isFinite ? .nan : $0 } }
    if trial % 41 == 0 {
      values = values.map { $0.isFinite ? (rng.next() % 2 == 0 ? 0 : -0.0) : $0 }
    }
    let grid = Grid2D(columns: columns, rows: rows, xRange: 0...1, yRange: 0...1, values: values)
    let got = grid.finiteRange
    let want = plainFiniteRange(values)
    #expect(got?.lowerBound.bitPattern == want?.lowerBound.bitPattern, "trial \(trial)")
    #expect(got?.upperBound.bitPattern == want?.upperBound.bitPattern, "trial \(trial)")
  }
}
