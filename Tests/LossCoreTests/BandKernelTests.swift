import LossKernels
import Testing

/// The band kernel (`Sources/LossKernels/band_sums.c`) against the sums written out point by point.
@Suite struct BandKernelTests {
  /// Points with t on both sides of θ and on it (t = θ is not below), for every length from 0 to 19 (every
  /// remainder of the last, masked vector), read from the middle of padded arrays whose padding would count.
  @Test(arguments: 0..<20)
  func bandSumsAreThePointsBelowTheThreshold(_ count: Int) {
    let (c, delta, theta) = (0.25, 0.5, 0.125)
    // t = a + 0.25 − 0.5·v: multiples of 1/8 around θ, some equal to it.
    let a = (0..<count).map { Double(($0 * 7) % 11) / 8 - 0.75 }
    let v = (0..<count).map { Double(($0 * 5) % 9) / 4 - 1 }
    // Padding: values far below θ, which would count if read.
    let pad = [Double](repeating: -1e6, count: Int(losslab_band_padding))
    let (pa, pv) = (pad + a + pad, pad + v + pad)
    var (n, sum, squares) = (0.0, 0.0, 0.0)
    for i in 0..<count {
      let t = (a[i] + c) - delta * v[i]
      if t < theta {
        n += 1
        sum += t
        squares += t * t
      }
    }
    let p = pad.count
    for wide: Int32 in [0, 1] {
      let two = pa.withUnsafeBufferPointer { a in
        pv.withUnsafeBufferPointer { v in
          losslab_band_below(a.baseAddress! + p, v.baseAddress! + p, count, c, delta, theta, wide)
        }
      }
      let three = pa.withUnsafeBufferPointer { a in
        pv.withUnsafeBufferPointer { v in
          losslab_band_below_squares(
            a.baseAddress! + p, v.baseAddress! + p, count, c, delta, theta, wide)
        }
      }
      // Every t here is a multiple of 1/8, so every sum is exact in any order.
      #expect(two.count == n && two.sum == sum && two.squares == 0, "count \(count) wide \(wide)")
      #expect(
        three.count == n && three.sum == sum && three.squares == squares,
        "count \(count) wide \(wide)")
    }
    #expect(count < 3 || (n > 0 && n < Double(count)), "the data has points on both sides")
  }
}
