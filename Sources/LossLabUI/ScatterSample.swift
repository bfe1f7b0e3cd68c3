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
    self.init(Self.survey(data, fit: fit, parallel: parallel))
  }

  /// The one pass over `data` a sample needs: the data's box, and the blocks holding points more than three root
  /// mean squared errors from `fit` (the least-squares line and its MSE). The same survey gives the MSE
  /// objective its statistics (`LineFitObjective(survey, loss:)`), so a data change reads the points once.
  public static func survey(
    _ data: LineData, fit: (w: Double, b: Double, loss: Double)?, parallel: Bool = true
  ) -> LineSurvey {
    LineSurvey(data, line: fit.map { ($0.w, $0.b, 3 * $0.loss.squareRoot()) }, parallel: parallel)
  }

  /// The sample of a survey made by ``survey(_:fit:parallel:)``: every stride-th point (stride = ⌈n / limit⌉,
  /// from the first), and, while fewer than `limit` were added, each other point farther than the survey's `far`
  /// from its line, all in order: what one pass from the first point would keep. Only the survey's far blocks are
  /// looked at point by point.
  public init(_ survey: LineSurvey) {
    let data = survey.data
    let n = survey.count
    let stride = max(1, (n + Self.limit - 1) / Self.limit)
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(min(n, Self.limit * 2))
    ys.reserveCapacity(min(n, Self.limit * 2))
    var next = 0  // the next multiple of stride
    var extra = 0
    if let line = survey.line {
      let (w, b, far) = line
      for k in survey.farBlocks {
        guard extra < Self.limit else { break }
        let start = k * LineSurvey.block
        while next < start {
          xs.append(data.x[next])
          ys.append(data.y[next])
          next += stride
        }
        for i in start..<min(n, start + LineSurvey.block) {
          if i == next {
            next += stride
          } else if extra < Self.limit, abs(data.y[i] - (w * data.x[i] + b)) > far {
            extra += 1
          } else {
            continue
          }
          xs.append(data.x[i])
          ys.append(data.y[i])
        }
      }
    }
    while next < n {
      xs.append(data.x[next])
      ys.append(data.y[next])
      next += stride
    }
    x = xs
    y = ys
    total = n
    xRange = n > 0 ? survey.xRange ?? 0...1 : 0...1
    yRange = n > 0 ? survey.yRange ?? 0...1 : 0...1
  }
}
