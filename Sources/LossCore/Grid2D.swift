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
  public var finiteRange: ClosedRange<Double>? {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in values where v.isFinite {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo <= hi ? lo...hi : nil
  }
}
