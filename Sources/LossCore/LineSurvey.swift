/// One pass over the points of a line fit that gathers what a change of data needs: the statistics of the MSE
/// objective, the data's box, and which blocks of points hold a point far from a given line.
///
/// The points are read in chunks that fit in cache; each chunk's statistics take two passes over it, and the
/// first of them also takes the box and the distances from the line, so the points come from memory once
/// (10⁶ points are 16 MB). ``LineFitObjective/init(_:loss:config:)`` takes the statistics from here instead of
/// reading the points again. The result is the same on one core or two, bit for bit, and the statistics are
/// those ``LineFitObjective/init(data:loss:config:)`` takes.
public struct LineSurvey: Sendable {
  /// Points per block of ``farBlocks``: block k holds the points 64k ..< 64(k + 1).
  public static let block = 64

  /// The points surveyed.
  public let data: LineData
  /// How many points there are: the shorter of x and y.
  public let count: Int
  /// The line distances were measured from, y = w·x + b, and the distance beyond which a point is far.
  public let line: (w: Double, b: Double, far: Double)?
  /// Smallest and largest x of the points, NaN left out (nil when no x is a number).
  public let xRange: ClosedRange<Double>?
  /// Smallest and largest y of the points, NaN left out (nil when no y is a number).
  public let yRange: ClosedRange<Double>?
  /// In increasing order, the blocks (of ``block`` points) that hold a point with |y − (w·x + b)| > far, computed
  /// just so; no other block holds one. Empty without a line.
  public let farBlocks: [Int]
  let statistics: LineStatistics

  /// Surveys `data`.
  ///
  /// - Parameters:
  ///   - data: the points.
  ///   - line: the line (w, b) to measure |y − (w·x + b)| from, and the distance `far` a point must exceed to be
  ///     far (nil: no far points).
  ///   - parallel: false does the same work on this thread (tests compare the two).
  public init(_ data: LineData, line: (w: Double, b: Double, far: Double)?, parallel: Bool = true) {
    let n = min(data.x.count, data.y.count)
    let blocks = (n + Self.block - 1) / Self.block
    let chunks = (n + LineStatistics.chunk - 1) / LineStatistics.chunk
    var flags = [Bool](repeating: false, count: blocks)
    var boxes = [Box](repeating: Box(), count: chunks)
    // Far = +∞ (no line) finds no point: |r| > +∞ is never true.
    let (w, b, far) = line ?? (0, 0, .infinity)
    statistics = flags.withUnsafeMutableBufferPointer { f in
      boxes.withUnsafeMutableBufferPointer { out in
        // Each chunk writes only its own blocks' flags and its own box.
        nonisolated(unsafe) let (flag, box) = (f.baseAddress, out.baseAddress)
        return LineStatistics(x: data.x, y: data.y, parallel: parallel) { x, y, count, start in
          LineStatistics.Moments(
            x, y, count: count, w: w, b: b, far: far, box: &box![start / LineStatistics.chunk],
            flags: flag! + start / Self.block)
        }
      }
    }
    var all = Box()
    for part in boxes { all.take(part) }
    self.data = data
    count = n
    self.line = line
    xRange = all.xlo <= all.xhi ? all.xlo...all.xhi : nil
    yRange = all.ylo <= all.yhi ? all.ylo...all.yhi : nil
    farBlocks = flags.indices.filter { flags[$0] }
  }

  /// The smallest and largest x and y seen (±∞ reversed when none).
  struct Box {
    var xlo = Double.infinity
    var xhi = -Double.infinity
    var ylo = Double.infinity
    var yhi = -Double.infinity

    /// Takes in another box (NaN never wins a compare, so it is left out).
    mutating func take(_ o: Box) {
      xlo = o.xlo < xlo ? o.xlo : xlo
      xhi = o.xhi > xhi ? o.xhi : xhi
      ylo = o.ylo < ylo ? o.ylo : ylo
      yhi = o.yhi > yhi ? o.yhi : yhi
    }
  }
}

extension LineFitObjective {
  /// The loss of fitting a line to the surveyed points, with the statistics the survey took (no further pass
  /// over the points): the same objective as ``init(data:loss:config:)`` of `survey.data`.
  ///
  /// - Parameters:
  ///   - survey: the points and their statistics.
  ///   - loss: how a residual y − (w·x + b) is scored (a pointwise loss that supports line fits).
  ///   - config: the loss's parameters (δ > 0, τ in (0, 1)).
  public init(_ survey: LineSurvey, loss: Loss, config: LossConfig = .init()) {
    self.data = survey.data
    self.loss = loss
    self.config = config
    self.stats = survey.statistics
  }
}

extension LineStatistics.Moments {
  /// ``init(_:_:count:)`` of a chunk whose first pass also takes the chunk's box (into `box`) and, for each block of
  /// ``LineSurvey/block`` points from `x`, whether one of them has |y − (w·x + b)| > far (`flags[k]` for the
  /// k-th; set, never cleared). The sums are the same, in the same order, so the moments are too, bit for bit.
  ///
  /// The box and the largest |residual| of a block are kept by selects two lanes wide, the new value compared
  /// first so that NaN (which loses every compare) is never kept: a point is far exactly when |r| > far.
  init(
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int,
    w: Double, b: Double, far: Double, box: inout LineSurvey.Box, flags: UnsafeMutablePointer<Bool>
  ) {
    var sx = SIMD4<Double>()
    var sy = SIMD4<Double>()
    var xlo = SIMD2<Double>(repeating: .infinity)
    var xhi = SIMD2<Double>(repeating: -.infinity)
    var (ylo, yhi) = (xlo, xhi)
    let (vw, vb) = (SIMD4<Double>(repeating: w), SIMD4<Double>(repeating: b))
    let vfar = SIMD2<Double>(repeating: far)
    let magnitude = SIMD2<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
    let quads = count / 4
    let quadsPerBlock = LineSurvey.block / 4
    var (px, py) = (UnsafeRawPointer(x), UnsafeRawPointer(y))
    var q = 0
    var k = 0
    while q < quads {
      let end = Swift.min(q + quadsPerBlock, quads)
      var big = SIMD2<Double>()
      while q < end {
        let vx = px.loadUnaligned(as: SIMD4<Double>.self)
        let vy = py.loadUnaligned(as: SIMD4<Double>.self)
        sx += vx
        sy += vy
        Self.lower(&xlo, vx)
        Self.raise(&xhi, vx)
        Self.lower(&ylo, vy)
        Self.raise(&yhi, vy)
        let r = unsafeBitCast(vy - (vw * vx + vb), to: SIMD4<UInt64>.self)
        Self.raise(
          &big,
          unsafeBitCast(r & SIMD4(lowHalf: magnitude, highHalf: magnitude), to: SIMD4<Double>.self))
        px += 32
        py += 32
        q += 1
      }
      flags[k] = any(big .> vfar)
      k += 1
    }
    var tail = LineSurvey.Box()
    for i in (4 * quads)..<count {
      let (xi, yi) = (x[i], y[i])
      tail.take(LineSurvey.Box(xlo: xi, xhi: xi, ylo: yi, yhi: yi))
      if abs(yi - (w * xi + b)) > far { flags[i / LineSurvey.block] = true }
    }
    box.take(
      LineSurvey.Box(
        xlo: xlo[1] < xlo[0] ? xlo[1] : xlo[0], xhi: xhi[1] > xhi[0] ? xhi[1] : xhi[0],
        ylo: ylo[1] < ylo[0] ? ylo[1] : ylo[0], yhi: yhi[1] > yhi[0] ? yhi[1] : yhi[0]))
    box.take(tail)
    self.init(x, y, count: count, sums: (sx, sy))
  }

  /// Lowers each lane of `m` to the smaller of it and the two values of `v` in that lane's place (NaN never wins).
  @inline(__always)
  private static func lower(_ m: inout SIMD2<Double>, _ v: SIMD4<Double>) {
    let (a, b) = (v.lowHalf, v.highHalf)
    m = m.replacing(with: a, where: a .< m)
    m = m.replacing(with: b, where: b .< m)
  }

  /// Raises each lane of `m` to the larger of it and the two values of `v` in that lane's place (NaN never wins).
  @inline(__always)
  private static func raise(_ m: inout SIMD2<Double>, _ v: SIMD4<Double>) {
    let (a, b) = (v.lowHalf, v.highHalf)
    m = m.replacing(with: a, where: a .> m)
    m = m.replacing(with: b, where: b .> m)
  }
}
