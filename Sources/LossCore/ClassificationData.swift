/// Labelled one-dimensional points for the logistic fit p = σ(w·x + b): each x has a class, 0 or 1.
///
/// Labels are kept as 0/1. Tables with ±1 labels (as hinge losses use) are read as −1 → 0, 1 → 1, and the
/// hinge losses turn 0/1 back into ±1 as Keras does (y ← 2y − 1), so both spellings give the same fit.
public struct ClassificationData: Sendable, Equatable {
  public private(set) var x: [Double]
  /// 0 or 1, one per x.
  public private(set) var label: [Double]

  /// The default seed of the generated data sets (the same as the line-fit data's).
  public static let defaultSeed: UInt64 = LineData.defaultSeed
  /// The number of points of the default data set.
  public static let defaultPoints = 60
  /// The largest |x| accepted: the logits w·x + b stay far from overflow for any sane window.
  public static let largestValue = 1e6

  /// Points with 0/1 labels.
  /// - Throws: when counts differ, a label is not 0 or 1, an x is not finite or beyond ±1e6, or one class is missing.
  public init(x: [Double], label: [Double]) throws(LossCoreError) {
    guard x.count == label.count else {
      throw LossCoreError("\(x.count) x values but \(label.count) labels")
    }
    for (i, yi) in label.enumerated() where yi != 0 && yi != 1 {
      throw LossCoreError("point \(i + 1): label \(NumberText.short(yi)) is not 0 or 1")
    }
    try self.init(checking: x, label) { "point \($0 + 1): x" }
  }

  /// Points whose labels are 0 or 1: checks that every x is finite and within ±1e6 (`place(i)` names point
  /// i in the message) and that both classes have points (`source`, when given, starts that message).
  init(
    checking x: [Double], _ label: [Double], source: String? = nil, place: (Int) -> String
  ) throws(LossCoreError) {
    for (i, xi) in x.enumerated() where !(xi.isFinite && abs(xi) <= Self.largestValue) {
      throw LossCoreError(
        "\(place(i)) = \(NumberText.short(xi)) must be finite and within ±1e6")
    }
    let count1 = label.count { $0 == 1 }
    let count0 = label.count - count1
    let prefix = source.map { "\($0): " } ?? ""
    if count0 == 0 || count1 == 0 {
      let only = count0 == 0 ? 1 : 0
      throw LossCoreError(
        prefix
          + "needs points of both classes (0 and 1), but every label is \(only); the fit would push b without bound"
      )
    }
    self.init(unchecked: x, label)
  }

  /// The number of points.
  public var count: Int { x.count }

  /// The default data: `points` points, half of class 0 and half of class 1 (point i has class i mod 2), with
  /// x uniform on [−3, 1) for class 0 and on [−1, 3) for class 1. The two classes overlap on [−1, 1), so the
  /// cross-entropy has a finite minimum (unless a tiny sample happens not to overlap).
  ///
  /// Each point takes one draw u = nextUnit() from ``SplitMix64`` seeded with `seed`, in order:
  /// x = −3 + 4u (class 0) or x = −1 + 4u (class 1). Every machine gets the same points.
  public static func overlapping(points: Int = defaultPoints, seed: UInt64 = defaultSeed)
    throws(LossCoreError) -> ClassificationData
  {
    try generated(points: points, seed: seed) { label, u in label == 0 ? -3 + 4 * u : -1 + 4 * u }
  }

  /// Separable data: as ``overlapping(points:seed:)`` but class 0 on (−3, −0.5] and class 1 on [0.5, 3):
  /// x = −0.5 − 2.5u or x = 0.5 + 2.5u. Nothing lies in (−0.5, 0.5), so a logistic fit can always do better by
  /// making w larger: the cross-entropy has no finite minimum.
  public static func separable(points: Int = defaultPoints, seed: UInt64 = defaultSeed)
    throws(LossCoreError) -> ClassificationData
  {
    try generated(points: points, seed: seed) { label, u in
      label == 0 ? -0.5 - 2.5 * u : 0.5 + 2.5 * u
    }
  }

  private static func generated(
    points: Int, seed: UInt64, _ place: (Int, Double) -> Double
  ) throws(LossCoreError) -> ClassificationData {
    guard points >= 2, points <= 10_000_000 else {
      throw LossCoreError("points must be between 2 and 10000000, got \(points)")
    }
    var rng = SplitMix64(seed: seed)
    var xs: [Double] = []
    var labels: [Double] = []
    xs.reserveCapacity(points)
    labels.reserveCapacity(points)
    for i in 0..<points {
      let label = i % 2
      xs.append(place(label, rng.nextUnit()))
      labels.append(Double(label))
    }
    return ClassificationData(unchecked: xs, labels)
  }

  init(unchecked x: [Double], _ label: [Double]) {
    self.x = x
    self.label = label
  }

  /// Reads labels as given in a table: all of them 0/1, or all of them −1/1 (−1 becomes class 0).
  ///
  /// - Parameters:
  ///   - values: the labels as read.
  ///   - places: where each label came from, for messages (e.g. `data.csv:7`).
  ///   - source: the table's name, for messages.
  /// - Throws: `data.csv:7: label '0.5' is not 0 or 1 (or −1 or 1)`, or a message when 0 and −1 are mixed.
  public static func labels(_ values: [Double], places: [String], source: String)
    throws(LossCoreError) -> [Double]
  {
    var zero: String? = nil
    var minusOne: String? = nil
    for (v, place) in zip(values, places) {
      switch v {
      case 0: zero = zero ?? place
      case -1: minusOne = minusOne ?? place
      case 1: break
      default:
        throw LossCoreError("\(place): label \(NumberText.short(v)) is not 0 or 1 (or -1 or 1)")
      }
      if let zero, let minusOne {
        throw LossCoreError(
          "\(source): labels mix 0 (\(zero)) and -1 (\(minusOne)); use 0/1 or -1/1 throughout")
      }
    }
    return values.map { $0 == 1 ? 1 : 0 }
  }

  /// How the two classes lie on the x axis.
  public enum Separation: Sendable, Equatable {
    /// Each class has a point beyond some point of the other: the cross-entropy has a finite minimum.
    case overlapping
    /// Every class-1 x is ≥ every class-0 x (`direction` +1) or ≤ it (−1): a fit gains by letting w go to
    /// +∞ (or −∞) with the boundary −b/w kept between the classes. `gap` is the space between them (≥ 0).
    case separable(direction: Double, gap: Double)
  }

  /// Whether the classes overlap or can be split by one threshold.
  public var separation: Separation {
    let r = classRanges
    if r[0].upperBound <= r[1].lowerBound {
      return .separable(direction: 1, gap: r[1].lowerBound - r[0].upperBound)
    }
    if r[1].upperBound <= r[0].lowerBound {
      return .separable(direction: -1, gap: r[0].lowerBound - r[1].upperBound)
    }
    return .overlapping
  }

  /// The smallest and largest x of class 0 and of class 1 (±∞ for a class without points).
  var classRanges: [(lowerBound: Double, upperBound: Double)] {
    var lo = [Double.infinity, .infinity]
    var hi = [-Double.infinity, -Double.infinity]
    for (xi, yi) in zip(x, label) {
      let c = yi == 1 ? 1 : 0
      lo[c] = min(lo[c], xi)
      hi[c] = max(hi[c], xi)
    }
    return [(lo[0], hi[0]), (lo[1], hi[1])]
  }

  /// The smallest and largest x.
  public var xRange: ClosedRange<Double> {
    var lo = Double.infinity
    var hi = -Double.infinity
    for v in x {
      lo = min(lo, v)
      hi = max(hi, v)
    }
    return lo...hi
  }
}
