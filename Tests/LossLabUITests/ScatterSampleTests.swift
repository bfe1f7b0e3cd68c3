import LossCore
import Testing

@testable import LossLabUI

/// The scatter sample is chosen from a `LineSurvey` (one pass over the points shared with the MSE statistics) since
/// mse1e6; it must choose exactly the points the chunked scan before it chose, on any data.
@Suite struct ScatterSampleTests {
  /// Random data around y = 0.5x − 2 with ties (repeated x and y), outliers beyond 3 RMSE (few, or more than the
  /// limit), points exactly on the far threshold, and n below, at and above the sample's limit and the chunks.
  @Test(arguments: [
    (0, 0.0), (1, 0.0), (2, 0.5), (3, 0.0), (65, 0.1), (3999, 0.0), (4000, 0.01), (4001, 0.3),
    (8001, 0.002),
    (65_535, 0.0), (65_537, 0.01), (100_003, 0.0004), (300_001, 0.05),
  ])
  func theSampleIsTheOneTheChunkedScanChose(count: Int, outliers: Double) {
    var rng = SplitMix64(seed: UInt64(count) &+ 1234)
    var x: [Double] = []
    var y: [Double] = []
    for _ in 0..<count {
      let u = rng.nextUnit()
      let xi = u < 0.3 ? Double(Int(u * 20)) : 10 * rng.nextUnit()
      var yi = 0.5 * xi - 2 + (2 * rng.nextUnit() - 1)
      if u < 0.05 { yi = 0.5 * xi - 2 }  // ties on the line
      let v = rng.nextUnit()
      if v < outliers { yi += v < outliers / 2 ? 25 : -25 }
      x.append(xi)
      y.append(yi)
    }
    let data = LineData(x: x, y: y)
    // The least-squares fit, and a line with a round RMSE (1, so far = 3) where some points sit exactly 3 away.
    var exact = data
    for i in Swift.stride(from: 0, to: count, by: 7) { exact.y[i] = i % 2 == 0 ? 3 : -3 }
    var cases: [(LineData, (w: Double, b: Double, loss: Double)?)] = [
      (data, nil), (data, (0, 0, 1)), (exact, (0, 0, 1)),
    ]
    if count >= 2 { cases.append((data, LineFitObjective(data: data, loss: .mse).minimum)) }
    for (d, fit) in cases {
      let before = ScatterSampleBefore(d, fit: fit)
      for parallel in [false, true] {
        let now = ScatterSample(d, fit: fit, parallel: parallel)
        #expect(
          now.x == before.x && now.y == before.y, "count \(count), fit \(String(describing: fit))")
        #expect(
          now.total == before.total && now.xRange == before.xRange && now.yRange == before.yRange)
      }
    }
  }
}

/// The scatter sample as chosen before mse1e6 (commit e3ebf56, `Sources/LossLabUI/ScatterSample.swift`), kept
/// word for word to compare the new choice with.
struct ScatterSampleBefore: Equatable {
  static let limit = ScatterSample.limit

  var x: [Double]
  var y: [Double]
  /// How many points the data has (the sample draws `x.count` of them).
  var total: Int
  /// Smallest and largest x and y of the whole data.
  var xRange: ClosedRange<Double>
  var yRange: ClosedRange<Double>

  /// `fit` is the least-squares line and its mean squared error, to find the points far from it.
  /// `parallel: false` does the same work on this thread (the result is the same either way).
  init(_ data: LineData, fit: (w: Double, b: Double, loss: Double)?, parallel: Bool = true) {
    let n = min(data.x.count, data.y.count)
    let stride = max(1, (n + Self.limit - 1) / Self.limit)
    let far = 3 * (fit?.loss ?? .infinity).squareRoot()
    // Fixed chunks, scanned on all cores, then joined in order: each keeps its every-stride-th points and (up to
    // the limit) its far ones; the join takes far points only while the whole sample has room for them, exactly
    // as one pass from the first point would.
    let chunk = 65_536
    let chunks = max(1, (n + chunk - 1) / chunk)
    var parts = [Part](repeating: Part(), count: chunks)
    data.x.withUnsafeBufferPointer { px in
      data.y.withUnsafeBufferPointer { py in
        parts.withUnsafeMutableBufferPointer { out in
          nonisolated(unsafe) let (xs, ys, o) = (px, py, out.baseAddress!)
          Parallel.forEach(chunks, parallel: parallel) { k in
            o[k] = Part(
              xs, ys, range: (k * chunk)..<Swift.min(n, (k + 1) * chunk), stride: stride,
              fit: fit.map { ($0.w, $0.b, far) })
          }
        }
      }
    }
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(min(n, Self.limit * 2))
    ys.reserveCapacity(min(n, Self.limit * 2))
    var xlo = Double.infinity
    var xhi = -Double.infinity
    var ylo = Double.infinity
    var yhi = -Double.infinity
    var extra = 0
    for part in parts {
      xlo = Swift.min(xlo, part.xlo)
      xhi = Swift.max(xhi, part.xhi)
      ylo = Swift.min(ylo, part.ylo)
      yhi = Swift.max(yhi, part.yhi)
      for (i, isFar) in zip(part.kept, part.far) {
        if isFar {
          guard extra < Self.limit else { continue }
          extra += 1
        }
        xs.append(data.x[i])
        ys.append(data.y[i])
      }
    }
    x = xs
    y = ys
    total = n
    xRange = n > 0 ? xlo...xhi : 0...1
    yRange = n > 0 ? ylo...yhi : 0...1
  }

  /// What one chunk of the data contributes: its extent, and the points it would keep (in order), each marked
  /// far (kept only while the sample has room) or not.
  private struct Part {
    var xlo = Double.infinity
    var xhi = -Double.infinity
    var ylo = Double.infinity
    var yhi = -Double.infinity
    var kept: [Int] = []
    var far: [Bool] = []

    init() {}

    init(
      _ px: UnsafeBufferPointer<Double>, _ py: UnsafeBufferPointer<Double>, range: Range<Int>,
      stride: Int, fit: (w: Double, b: Double, far: Double)?
    ) {
      var farCount = 0
      var next = (range.lowerBound + stride - 1) / stride * stride  // the next multiple of stride
      // Blocks of 64 points: the extent, and the largest |residual| of the block, without branches (selects, two
      // lanes); only a block with a far point is walked point by point (most blocks hold none).
      let block = 64
      var (xlo0, xhi0, ylo0, yhi0) = (
        Double.infinity, -Double.infinity, Double.infinity, -Double.infinity
      )
      var (xlo1, xhi1, ylo1, yhi1) = (xlo0, xhi0, ylo0, yhi0)
      var start = range.lowerBound
      let (w, b, far) = fit ?? (0, 0, .infinity)
      while start < range.upperBound {
        let end = Swift.min(start + block, range.upperBound)
        var big0 = 0.0
        var big1 = 0.0
        var i = start
        while i + 2 <= end {
          let (x0, y0, x1, y1) = (px[i], py[i], px[i + 1], py[i + 1])
          xlo0 = x0 < xlo0 ? x0 : xlo0
          xhi0 = x0 > xhi0 ? x0 : xhi0
          ylo0 = y0 < ylo0 ? y0 : ylo0
          yhi0 = y0 > yhi0 ? y0 : yhi0
          xlo1 = x1 < xlo1 ? x1 : xlo1
          xhi1 = x1 > xhi1 ? x1 : xhi1
          ylo1 = y1 < ylo1 ? y1 : ylo1
          yhi1 = y1 > yhi1 ? y1 : yhi1
          // NaN residuals are never far (as `abs(r) > far` says), and never win a select.
          let r0 = abs(y0 - (w * x0 + b))
          let r1 = abs(y1 - (w * x1 + b))
          big0 = r0 > big0 ? r0 : big0
          big1 = r1 > big1 ? r1 : big1
          i += 2
        }
        if i < end {
          let (x0, y0) = (px[i], py[i])
          xlo0 = x0 < xlo0 ? x0 : xlo0
          xhi0 = x0 > xhi0 ? x0 : xhi0
          ylo0 = y0 < ylo0 ? y0 : ylo0
          yhi0 = y0 > yhi0 ? y0 : yhi0
          let r0 = abs(y0 - (w * x0 + b))
          big0 = r0 > big0 ? r0 : big0
        }
        if fit != nil, farCount < ScatterSampleBefore.limit, big0 > far || big1 > far {
          for i in start..<end {
            if i == next {
              next += stride
              kept.append(i)
              self.far.append(false)
            } else if farCount < ScatterSampleBefore.limit, abs(py[i] - (w * px[i] + b)) > far {
              kept.append(i)
              self.far.append(true)
              farCount += 1
            }
          }
        } else {
          while next < end {
            kept.append(next)
            self.far.append(false)
            next += stride
          }
        }
        start = end
      }
      xlo = Swift.min(xlo0, xlo1)
      xhi = Swift.max(xhi0, xhi1)
      ylo = Swift.min(ylo0, ylo1)
      yhi = Swift.max(yhi0, yhi1)
    }
  }
}
