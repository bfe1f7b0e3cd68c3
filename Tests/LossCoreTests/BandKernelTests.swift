import LossKernels
import Testing

/// The band kernel (`Sources/LossKernels/band_sums.c`) against the sums written out point by point.
@Suite struct BandKernelTests {
  /// Points with t on both sides of θ and on it (t = θ is not below), for every length from 0 to 19. The kernel
  /// sums whole vectors of eight: the points after `count` up to the next multiple of eight are summed too (here
  /// they lie below θ, so each one counts), and none after that.
  @Test(arguments: 0..<20)
  func bandSumsAreThePointsBelowTheThresholdInWholeVectors(_ count: Int) {
    let (c, delta, theta) = (0.25, 0.5, 0.125)
    // t = a + 0.25 − 0.5·v: multiples of 1/8 around θ, some equal to it.
    let a = (0..<count).map { Double(($0 * 7) % 11) / 8 - 0.75 }
    let v = (0..<count).map { Double(($0 * 5) % 9) / 4 - 1 }
    // After the points: 16 more below θ (t = −1 − k/8), of which only those up to a multiple of 8 are read.
    let tailA = (0..<16).map { -1.25 - Double($0) / 8 }
    let tailV = [Double](repeating: 0, count: 16)
    let (pa, pv) = (a + tailA, v + tailV)
    let read = (count + 7) / 8 * 8
    var (n, sum, squares) = (0.0, 0.0, 0.0)
    for i in 0..<read {
      let t = (pa[i] + c) - delta * pv[i]
      if t < theta {
        n += 1
        sum += t
        squares += t * t
      }
    }
    var results: [[Double]] = []
    for wide: Int32 in [0, 1] {
      let (two, three) = Self.sums(
        pa, pv, [losslab_band(start: 0, count: count, theta: theta)], c, delta, wide)
      // Every t here is a multiple of 1/8, so every sum is exact in any order.
      #expect(
        two[0].count == n && two[0].sum == sum && two[0].squares == 0, "count \(count) wide \(wide)"
      )
      #expect(
        three[0].count == n && three[0].sum == sum && three[0].squares == squares,
        "count \(count) wide \(wide)")
      results.append([two[0].count, two[0].sum, three[0].count, three[0].sum, three[0].squares])
    }
    #expect(results[0].map(\.bitPattern) == results[1].map(\.bitPattern))
    #expect(count < 3 || (n > 0 && n < Double(read)), "the data has points on both sides")
  }

  /// Several bands in one call: each gets its own sums (its points, its threshold).
  @Test func bandsInOneCallAreSummedApart() {
    // t = a (c = 0, ṽ = 0): 0, 1, …, 23; bands [0, 8) below 5, [8, 16) below 11.5, [16, 24) below 100, and an
    // empty band.
    let a = (0..<24).map(Double.init)
    let v = [Double](repeating: 0, count: 24)
    let list = [
      losslab_band(start: 0, count: 8, theta: 5), losslab_band(start: 8, count: 8, theta: 11.5),
      losslab_band(start: 16, count: 8, theta: 100), losslab_band(start: 3, count: 0, theta: 100),
    ]
    for wide: Int32 in [0, 1] {
      let (_, three) = Self.sums(a, v, list, 0, 1, wide)
      let (counts, sums, squares): ([Double], [Double], [Double]) = (
        [5, 4, 8, 0], [10, 38, 156, 0], [30, 366, 3084, 0]
      )
      #expect(three.map(\.count) == counts, "wide \(wide)")
      #expect(three.map(\.sum) == sums, "wide \(wide)")
      #expect(three.map(\.squares) == squares, "wide \(wide)")
    }
  }

  /// After a strip's last point the strips put +∞ (and ṽ = 0): never below, whatever the column.
  @Test func infinitePaddingNeverCounts() {
    let a: [Double] = [0, 1, 2] + [Double](repeating: .infinity, count: 8)
    let v: [Double] = [0, 0, 0] + [Double](repeating: 0, count: 8)
    for wide: Int32 in [0, 1] {
      let (_, three) = Self.sums(
        a, v, [losslab_band(start: 0, count: 3, theta: 1e300)], -5, 7, wide)
      #expect(three[0].count == 3 && three[0].sum == -12 && three[0].squares == 50, "wide \(wide)")
    }
  }

  /// The kernel's sums without and with squares.
  static func sums(
    _ a: [Double], _ v: [Double], _ list: [losslab_band], _ c: Double, _ delta: Double,
    _ wide: Int32
  ) -> (two: [losslab_band_sums], three: [losslab_band_sums]) {
    var (two, three) = (
      [losslab_band_sums](repeating: .init(), count: list.count),
      [losslab_band_sums](repeating: .init(), count: list.count)
    )
    a.withUnsafeBufferPointer { a in
      v.withUnsafeBufferPointer { v in
        losslab_bands_below(
          a.baseAddress!, v.baseAddress!, list, list.count, c, delta, 0, wide, &two)
        losslab_bands_below(
          a.baseAddress!, v.baseAddress!, list, list.count, c, delta, 1, wide, &three)
      }
    }
    return (two, three)
  }
}
