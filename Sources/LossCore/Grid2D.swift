/// Values sampled on a regular grid over a rectangle of the plane, row-major.
///
/// Column `i` is at `x = xRange.lowerBound + i·(xRange width)/(columns − 1)`; row `j` likewise
/// for `y`, with row 0 at the *lowest* y. Used for loss surfaces over (w, b) and their contours.
public struct Grid2D: Sendable, Equatable {
  public let columns: Int
  public let rows: Int
  public let xRange: ClosedRange<Double>
  public let yRange: ClosedRange<Double>
  public var values: [Double]

  public init(
    columns: Int, rows: Int, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
    values: [Double]? = nil
  ) {
    precondition(columns >= 2 && rows >= 2, "a grid needs at least 2×2 samples")
    self.columns = columns
    self.rows = rows
    self.xRange = xRange
    self.yRange = yRange
    self.values = values ?? Array(repeating: 0, count: columns * rows)
    precondition(self.values.count == columns * rows)
  }

  /// The x coordinate of column `i`.
  @inlinable public func x(_ i: Int) -> Double {
    xRange.lowerBound + (xRange.upperBound - xRange.lowerBound) * Double(i) / Double(columns - 1)
  }
  /// The y coordinate of row `j`.
  @inlinable public func y(_ j: Int) -> Double {
    yRange.lowerBound + (yRange.upperBound - yRange.lowerBound) * Double(j) / Double(rows - 1)
  }
  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { values[j * columns + i] }
    set { values[j * columns + i] = newValue }
  }
  /// Smallest and largest finite value, or nil when none is finite.
  ///
  /// Four values at a time, with masks (the scalar loop's branch on `isFinite` and its NaN-aware min and max
  /// kept it from vectorising). Where the result is a zero, the plain loop says which zero (min keeps the first
  /// of equal values, max the last), so ±0 come out as they always did.
  public var finiteRange: ClosedRange<Double>? {
    let (lo, hi) = values.withUnsafeBufferPointer { p -> (Double, Double) in
      let n = p.count
      guard let base = p.baseAddress else { return (.infinity, -.infinity) }
      let raw = UnsafeRawPointer(base)
      let (inf, ninf) = (SIMD4<Double>(repeating: .infinity), SIMD4<Double>(repeating: -.infinity))
      var (lo, hi) = (inf, ninf)
      var i = 0
      while i &+ 4 <= n {
        let v = raw.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self)
        let finite = (v .> ninf) .& (v .< inf)  // false for ±∞ and NaN
        lo.replace(with: v, where: finite .& (v .< lo))
        hi.replace(with: v, where: finite .& (v .> hi))
        i &+= 4
      }
      var (l, h) = (lo.min(), hi.max())
      while i < n {
        let v = base[i]
        if v.isFinite {
          l = Swift.min(l, v)
          h = Swift.max(h, v)
        }
        i &+= 1
      }
      return (l, h)
    }
    guard lo == 0 || hi == 0 else { return lo <= hi ? lo...hi : nil }
    var (l, h) = (Double.infinity, -Double.infinity)
    for v in values where v.isFinite {
      l = min(l, v)
      h = max(h, v)
    }
    return l <= h ? l...h : nil
  }
}
