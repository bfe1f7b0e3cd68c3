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

  /// Points per chunk: a chunk's x and y (256 KiB) stay in cache between its two passes.
  static let chunk = 16_384

  /// The statistics of fixed chunks of ``chunk`` points, each taken about its own means (two passes over data in
  /// cache), merged left to right (Chan, Golub and LeVeque's pairwise update). The chunks are the same whether one
  /// core or two sum them, so the result is too, bit for bit; big data uses both cores.
  init(x: [Double], y: [Double], parallel: Bool = true) {
    self.init(x: x, y: y, parallel: parallel) { xs, ys, count, _ in Moments(xs, ys, count: count) }
  }

  /// The same chunks and merge, each chunk's moments taken by `moments(x, y, count, start)`, where `x` and `y` point
  /// at the chunk's first point, index `start`. ``LineSurvey`` looks at each chunk's points there too, while they
  /// are in cache; `moments` must give what ``Moments/init(_:_:count:)`` gives.
  init(
    x: [Double], y: [Double], parallel: Bool,
    moments: @Sendable (UnsafePointer<Double>, UnsafePointer<Double>, Int, Int) -> Moments
  ) {
    let count = min(x.count, y.count)
    n = Double(count)
    let chunks = (count + Self.chunk - 1) / Self.chunk
    var merged = Moments.empty
    if count == 0 {
      // Nothing to sum: zero means and moments.
    } else if chunks == 1 {
      merged = x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in moments(px.baseAddress!, py.baseAddress!, count, 0) }
      }
    } else {
      var parts = [Moments](repeating: .empty, count: chunks)
      x.withUnsafeBufferPointer { px in
        y.withUnsafeBufferPointer { py in
          parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let (xs, ys, o) = (
              px.baseAddress!, py.baseAddress!, out.baseAddress!
            )
            // Each chunk writes only its own slot.
            Parallel.forEach(chunks, parallel: parallel) { k in
              let start = k * Self.chunk
              o[k] = moments(xs + start, ys + start, Swift.min(Self.chunk, count - start), start)
            }
          }
        }
      }
      for part in parts { merged.merge(part) }
    }
    (meanX, meanY) = (merged.meanX, merged.meanY)
    (sxx, sxy, syy) = (merged.sxx, merged.sxy, merged.syy)
  }

  /// Count, means and centred second moments of a run of points.
  struct Moments {
    var count: Double
    var meanX: Double, meanY: Double
    var sxx: Double, sxy: Double, syy: Double

    static let empty = Moments(count: 0, meanX: 0, meanY: 0, sxx: 0, sxy: 0, syy: 0)

    init(count: Double, meanX: Double, meanY: Double, sxx: Double, sxy: Double, syy: Double) {
      (self.count, self.meanX, self.meanY) = (count, meanX, meanY)
      (self.sxx, self.sxy, self.syy) = (sxx, sxy, syy)
    }

    /// Two passes over `count` points: the means, then the centred sums (four running sums each, so the loop is
    /// not one long chain of dependent additions).
    init(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) {
      var sx = SIMD4<Double>()
      var sy = SIMD4<Double>()
      let quads = count / 4
      for q in 0..<quads {
        let i = 4 * q
        sx += SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3])
        sy += SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3])
      }
      self.init(x, y, count: count, sums: (sx, sy))
    }

    /// The rest of ``init(_:_:count:)`` after the first pass, given its four running sums of x and y (the sums of
    /// points 4q + lane for each lane, over the first `count / 4` groups of four): the means, then the second pass.
    init(
      _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int,
      sums: (x: SIMD4<Double>, y: SIMD4<Double>)
    ) {
      let quads = count / 4
      var tx = sums.x.sum()
      var ty = sums.y.sum()
      for i in (4 * quads)..<count {
        tx += x[i]
        ty += y[i]
      }
      let c = Double(count)
      let mx = count > 0 ? tx / c : 0
      let my = count > 0 ? ty / c : 0
      var axx = SIMD4<Double>()
      var axy = SIMD4<Double>()
      var ayy = SIMD4<Double>()
      let vmx = SIMD4(repeating: mx)
      let vmy = SIMD4(repeating: my)
      for q in 0..<quads {
        let i = 4 * q
        let dx = SIMD4(x[i], x[i + 1], x[i + 2], x[i + 3]) - vmx
        let dy = SIMD4(y[i], y[i + 1], y[i + 2], y[i + 3]) - vmy
        axx += dx * dx
        axy += dx * dy
        ayy += dy * dy
      }
      var (xx, xy, yy) = (axx.sum(), axy.sum(), ayy.sum())
      for i in (4 * quads)..<count {
        let dx = x[i] - mx
        let dy = y[i] - my
        xx += dx * dx
        xy += dx * dy
        yy += dy * dy
      }
      self.init(count: c, meanX: mx, meanY: my, sxx: xx, sxy: xy, syy: yy)
    }

    /// Takes in the points of `other`, which follow these.
    mutating func merge(_ other: Moments) {
      guard other.count > 0 else { return }
      guard count > 0 else {
        self = other
        return
      }
      let total = count + other.count
      let dx = other.meanX - meanX
      let dy = other.meanY - meanY
      let weight = count * other.count / total
      meanX += dx * (other.count / total)
      meanY += dy * (other.count / total)
      sxx += other.sxx + dx * dx * weight
      sxy += other.sxy + dx * dy * weight
      syy += other.syy + dy * dy * weight
      count = total
    }
  }

  var leastSquares: (w: Double, b: Double) {
    let w = sxx > 0 ? sxy / sxx : 0
    return (w, meanY - w * meanX)
  }

  /// A scale for steps in w near the least-squares slope: four of its standard errors, √(MSE/Sxx) at the least
  /// squares line (nil without a spread in x or a finite, positive error).
  var slopeScale: Double? {
    let (w, b) = leastSquares
    let scale = 4 * (mse(w: w, b: b) / sxx).squareRoot()
    return sxx > 0 && scale.isFinite && scale > 0 ? scale : nil
  }

  /// mean((w·x + b − y)²) in O(1).
  func mse(w: Double, b: Double) -> Double {
    let c = w * meanX + b - meanY
    return max(0, (w * w * sxx - 2 * w * sxy + syy) / n) + c * c
  }

  /// ``mse(w:b:)`` at every (ws[i], bs[j]), row-major, written once (no zeroed grid first): the same values
  /// bit for bit, with the w-only terms taken once per column.
  func mseSurface(ws: [Double], bs: [Double]) -> [Double] {
    let columns = ws.count
    let spread = ws.map { w in max(0, (w * w * sxx - 2 * w * sxy + syy) / n) }
    let slope = ws.map { w in w * meanX }
    return [Double](unsafeUninitializedCapacity: columns * bs.count) { out, initialized in
      var k = 0
      for b in bs {
        for i in 0..<columns {
          let c = slope[i] + b - meanY
          out[k] = spread[i] + c * c
          k += 1
        }
      }
      initialized = k
    }
  }

  /// (mean(2r·x), mean(2r)) in O(1).
  func mseGradient(w: Double, b: Double) -> (w: Double, b: Double) {
    let c = w * meanX + b - meanY
    return (2 * (w * sxx - sxy) / n + 2 * meanX * c, 2 * c)
  }
}
