/// Points (x, y) for the line-fit view and `losslab descend`.
public struct LineData: Sendable, Equatable {
  public var x: [Double]
  public var y: [Double]

  public init(x: [Double], y: [Double]) {
    self.x = x
    self.y = y
  }

  /// The default seed of ``tutorial(points:seed:noise:outliers:)``.
  public static let defaultSeed: UInt64 = 42
  /// How far below the line y = 2x + 3 the outliers of ``tutorial(points:seed:noise:outliers:)`` sit.
  public static let outlierDrop = 6.0
  /// The largest |x|, |y| and noise accepted: the sums of squares behind the losses and gradients stay finite
  /// (1e100² times 1e8 points is far below the largest Double).
  public static let largestValue = 1e100

  /// The classic tutorial's data: `points` x values evenly spaced on [0, 1], y = 2x + 3 + U(−noise, noise).
  ///
  /// The noise comes from ``SplitMix64`` seeded with `seed`, one draw per point in order:
  /// u = nextUnit(), noise term = noise·(2u − 1). So every machine gets the same points.
  /// `outliers` adds K extra points far below the line at the right: x evenly spaced on [0.8, 1]
  /// (x = 1 when K = 1), y = 2x + 3 − 6, no noise. They pull an MSE fit down much more than an MAE fit.
  public static func tutorial(
    points: Int = 50, seed: UInt64 = defaultSeed, noise: Double = 0.5, outliers: Int = 0
  ) throws(LossCoreError) -> LineData {
    guard points >= 2, points <= 100_000_000 else {
      throw LossCoreError("points must be between 2 and 100000000, got \(points)")
    }
    guard noise.isFinite, noise >= 0 else {
      throw LossCoreError("noise must be a finite number >= 0, got \(NumberText.short(noise))")
    }
    guard noise <= largestValue else {
      throw LossCoreError(
        "noise must be at most 1e100 (larger values overflow the loss), got \(NumberText.short(noise))"
      )
    }
    guard outliers >= 0, outliers <= 1_000_000 else {
      throw LossCoreError("outliers must be between 0 and 1000000, got \(outliers)")
    }
    var rng = SplitMix64(seed: seed)
    var xs: [Double] = []
    var ys: [Double] = []
    xs.reserveCapacity(points + outliers)
    ys.reserveCapacity(points + outliers)
    for i in 0..<points {
      let x = Double(i) / Double(points - 1)
      xs.append(x)
      ys.append(2 * x + 3 + noise * (2 * rng.nextUnit() - 1))
    }
    for k in 0..<outliers {
      let x = outliers == 1 ? 1.0 : 0.8 + 0.2 * Double(k) / Double(outliers - 1)
      xs.append(x)
      ys.append(2 * x + 3 - outlierDrop)
    }
    return LineData(x: xs, y: ys)
  }

  /// Parses CSV text of x,y rows (see ``DataTable`` for the format; a table of two columns, or the first two of a
  /// header-less table, are x and y).
  ///
  /// - Parameters:
  ///   - text: the contents of the file.
  ///   - source: the file name for messages, e.g. `data.csv:7: column 1: 'abc' is not a number`.
  public static func csv(text: String, source: String) throws(LossCoreError) -> LineData {
    try DataTable.parse(Array(text.utf8), source: source).data
  }

  /// The least-squares line (minimum of MSE). With all x equal: w = 0, b = mean y.
  public var leastSquares: (w: Double, b: Double) {
    let s = LineStatistics(x: x, y: y)
    return s.leastSquares
  }
}

/// Centred sufficient statistics of (x, y): n, means and centred second moments.
struct LineStatistics: Sendable {
  let n: Double
  let meanX: Double, meanY: Double
  /// Σ(x − x̄)², Σ(x − x̄)(y − ȳ), Σ(y − ȳ)².
  let sxx: Double, sxy: Double, syy: Double

  init(x: [Double], y: [Double]) {
    n = Double(x.count)
    meanX = x.reduce(0, +) / n
    meanY = y.reduce(0, +) / n
    var sxx = 0.0
    var sxy = 0.0
    var syy = 0.0
    for (xi, yi) in zip(x, y) {
      let dx = xi - meanX
      let dy = yi - meanY
      sxx += dx * dx
      sxy += dx * dy
      syy += dy * dy
    }
    (self.sxx, self.sxy, self.syy) = (sxx, sxy, syy)
  }

  var leastSquares: (w: Double, b: Double) {
    let w = sxx > 0 ? sxy / sxx : 0
    return (w, meanY - w * meanX)
  }

  /// mean((w·x + b − y)²) in O(1).
  func mse(w: Double, b: Double) -> Double {
    let c = w * meanX + b - meanY
    return max(0, (w * w * sxx - 2 * w * sxy + syy) / n) + c * c
  }

  /// (mean(2r·x), mean(2r)) in O(1).
  func mseGradient(w: Double, b: Double) -> (w: Double, b: Double) {
    let c = w * meanX + b - meanY
    return (2 * (w * sxx - sxy) / n + 2 * meanX * c, 2 * c)
  }
}
