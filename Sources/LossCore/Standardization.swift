/// Feature scaling for the line fit: x replaced by its z-score z = (x − mean)/sd, and lines converted between the
/// two coordinate systems.
///
/// On z the MSE Hessian is 2·I (condition number 1), so gradient descent goes straight to the minimum instead of
/// zig-zagging down a long valley. A line y = w_z·z + b_z is the line y = (w_z/sd)·x + (b_z − w_z·mean/sd) in the
/// original units.
public struct Standardization: Sendable, Equatable {
  /// mean(x).
  public let mean: Double
  /// The population standard deviation of x, √(Σ(x − x̄)²/N), > 0.
  public let deviation: Double

  /// The scaling of `x`; nil when all x are equal (there is no spread to scale by).
  public init?(x: [Double]) {
    guard !x.isEmpty else { return nil }
    let m = x.reduce(0, +) / Double(x.count)
    var s = 0.0
    for v in x {
      let d = v - m
      s += d * d
    }
    let sd = (s / Double(x.count)).squareRoot()
    guard sd > 0, sd.isFinite else { return nil }
    (mean, deviation) = (m, sd)
  }

  /// z = (x − mean)/sd.
  public func z(_ x: Double) -> Double { (x - mean) / deviation }

  /// The data with x replaced by z-scores (y unchanged).
  public func apply(to data: LineData) -> LineData {
    LineData(x: data.x.map(z), y: data.y)
  }

  /// The labelled points with x replaced by z-scores (labels unchanged). A logit w_z·z + b_z is the logit
  /// (w_z/sd)·x + (b_z − w_z·mean/sd) over the original x, so ``original(w:b:)`` converts a classifier too.
  public func apply(to data: ClassificationData) -> ClassificationData {
    ClassificationData(unchecked: data.x.map(z), data.label)
  }

  /// A line over z as a line over the original x.
  public func original(w: Double, b: Double) -> (w: Double, b: Double) {
    (w / deviation, b - w * mean / deviation)
  }

  /// A line over the original x as a line over z.
  public func standardized(w: Double, b: Double) -> (w: Double, b: Double) {
    (w * deviation, b + w * mean)
  }
}
