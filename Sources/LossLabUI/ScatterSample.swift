import LossCore

/// The points the contour view's small scatter draws, and the data's extent, worked out once per data
/// change: all points when there are few; for many, every k-th point plus every point far from the
/// least-squares line (so outliers always show). A million points then cost nothing per frame.
public struct ScatterSample: Sendable, Equatable {
  public static let limit = 4000

  public var x: [Double]
  public var y: [Double]
  /// How many points the data has (the sample draws `x.count` of them).
  public var total: Int
  /// Smallest and largest x and y of the whole data.
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>

  /// `fit` is the least-squares line and its mean squared error, to find the points far from it.
  /// `parallel: false` does the same work on this thread (the result is the same either way).
  public init(_ data: LineData, fit: (w: Double, b: Double, loss: Double)?, parallel: Bool = true) {
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
      for i in range {
        let x = px[i]
        let y = py[i]
        xlo = Swift.min(xlo, x)
        xhi = Swift.max(xhi, x)
        ylo = Swift.min(ylo, y)
        yhi = Swift.max(yhi, y)
        if i == next {
          next += stride
          kept.append(i)
          far.append(false)
        } else if let fit, farCount < ScatterSample.limit, abs(y - (fit.w * x + fit.b)) > fit.far {
          kept.append(i)
          far.append(true)
          farCount += 1
        }
      }
    }
  }
}
