/// Where a plot's data area landed on the screen and how cells map to data values; use it for
/// mouse clicks and overlays.
public struct PlotFrame: Sendable, Equatable {
  /// The data area in screen cells (empty when the rectangle was too small to plot anything).
  public var area: Rect
  public var xRange: ClosedRange<Double>
  public var yRange: ClosedRange<Double>
  /// y is on a log₁₀ scale (yRange is then in data units and must be positive).
  public var logY: Bool

  public init(area: Rect, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, logY: Bool) {
    self.area = area
    self.xRange = xRange
    self.yRange = yRange
    self.logY = logY
  }

  var yLo: Double { logY ? log10Safe(yRange.lowerBound) : yRange.lowerBound }
  var yHi: Double { logY ? log10Safe(yRange.upperBound) : yRange.upperBound }

  /// The x value at the centre of screen column `column`.
  public func dataX(column: Int) -> Double {
    let w = Double(max(area.width, 1))
    return xRange.lowerBound + (Double(column - area.x) + 0.5) / w
      * (xRange.upperBound - xRange.lowerBound)
  }

  /// The y value at the centre of screen row `row`.
  public func dataY(row: Int) -> Double {
    let h = Double(max(area.height, 1))
    let t = yHi - (Double(row - area.y) + 0.5) / h * (yHi - yLo)
    return logY ? pow10(t) : t
  }

  /// The screen column showing `x`, or nil outside the data area.
  public func column(x: Double) -> Int? {
    let span = xRange.upperBound - xRange.lowerBound
    guard x.isFinite, span > 0, !area.isEmpty else { return nil }
    let f = (x - xRange.lowerBound) / span * Double(area.width)
    guard f >= 0, f <= Double(area.width) else { return nil }
    return area.x + min(Int(f), area.width - 1)
  }

  /// The screen row showing `y`, or nil outside the data area.
  public func row(y: Double) -> Int? {
    let v = logY ? log10Safe(y) : y
    let span = yHi - yLo
    guard v.isFinite, span > 0, !area.isEmpty else { return nil }
    let f = (yHi - v) / span * Double(area.height)
    guard f >= 0, f <= Double(area.height) else { return nil }
    return area.y + min(Int(f), area.height - 1)
  }
}
