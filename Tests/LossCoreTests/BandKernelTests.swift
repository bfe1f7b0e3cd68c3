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
      let (two, three) = pa.withUnsafeBufferPointer { a in
        pv.withUnsafeBufferPointer { v in
          (
            losslab_band_below(a.baseAddress!, v.baseAddress!, count, c, delta, theta, wide),
            losslab_band_below_squares(
              a.baseAddress!, v.baseAddress!, count, c, delta, theta, wide)
          )
        }
      }
      // Every t here is a multiple of 1/8, so every sum is exact in any order.
      #expect(two.count == n && two.sum == sum && two.squares == 0, "count \(count) wide \(wide)")
      #expect(
        three.count == n && three.sum == sum && three.squares == squares,
        "count \(count) wide \(wide)")
      results.append([two.count, two.sum, three.count, three.sum, three.squares])
    }
    #expect(results[0].map(\.bitPattern) == results[1].map(\.bitPattern))
    #expect(count < 3 || (n > 0 && n < Double(read)), "the data has points on both sides")
  }

  /// After a strip's last point the strips put +∞ (and ṽ = 0): never below, whatever the column.
  @Test func infinitePaddingNeverCounts() {
    let a: [Double] = [0, 1, 2] + [Double](repeating: .infinity, count: 8)
    let v: [Double] = [0, 0, 0] + [Double](repeating: 0, count: 8)
    for wide: Int32 in [0, 1] {
      let s = a.withUnsafeBufferPointer { a in
        v.withUnsafeBufferPointer { v in
          losslab_band_below_squares(a.baseAddress!, v.baseAddress!, 3, -5, 7, 1e300, wide)
        }
      }
      #expect(s.count == 3 && s.sum == -12 && s.squares == 50, "wide \(wide)")
    }
  }
}
