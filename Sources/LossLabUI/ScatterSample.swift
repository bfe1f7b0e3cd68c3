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
  public init(_ data: LineData, fit: (w: Double, b: Double, loss: Double)?) {
    let n = min(data.x.count, data.y.count)
    let stride = max(1, (n + Self.limit - 1) / Self.limit)
    let far = 3 * (fit?.loss ?? .infinity).squareRoot()
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(min(n, Self.limit * 2))
    ys.reserveCapacity(min(n, Self.limit * 2))
    var xlo = Double.infinity
    var xhi = -Double.infinity
    var ylo = Double.infinity
    var yhi = -Double.infinity
    var extra = 0
    data.x.withUnsafeBufferPointer { px in
      data.y.withUnsafeBufferPointer { py in
        for i in 0..<n {
          let x = px[i]
          let y = py[i]
          xlo = Swift.min(xlo, x)
          xhi = Swift.max(xhi, x)
          ylo = Swift.min(ylo, y)
          yhi = Swift.max(yhi, y)
          var keep = i % stride == 0
          if !keep, let fit, extra < Self.limit, abs(y - (fit.w * x + fit.b)) > far {
            keep = true
            extra += 1
          }
          if keep {
            xs.append(x)
            ys.append(y)
          }
        }
      }
    }
    x = xs
    y = ys
    total = n
    xRange = n > 0 ? xlo...xhi : 0...1
    yRange = n > 0 ? ylo...yhi : 0...1
  }
}
