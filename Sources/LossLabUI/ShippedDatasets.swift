import LossCore

/// A table that ships inside the binary (see `Datasets/README.md` for sources), opened with `--dataset NAME` or
/// `"data": {"dataset": NAME}` in a scenario.
public struct Dataset: Sendable {
  public var name: String
  /// One line for `losslab datasets`.
  public var summary: String
  /// The x and y columns used when `--x` and `--y` are not given.
  public var x: String
  public var y: String
  var bytes: [UInt8]

  /// The table, with `x`/`y` (header names or 1-based numbers) overriding the default columns.
  public func table(x: String?, y: String?) throws(LossCoreError) -> DataTable {
    try DataTable.parse(
      bytes, source: name, options: TableOptions(separator: .comma, x: x ?? self.x, y: y ?? self.y))
  }
}

/// The data sets that ship with losslab.
public enum Datasets {
  public static let all: [Dataset] = [
    Dataset(
      name: "anscombe-1", summary: "Anscombe's quartet I: a noisy straight line (1973)", x: "x",
      y: "y",
      bytes: PackageResources.anscombe_1_csv),
    Dataset(
      name: "anscombe-2", summary: "Anscombe's quartet II: a smooth curve, not a line", x: "x",
      y: "y",
      bytes: PackageResources.anscombe_2_csv),
    Dataset(
      name: "anscombe-3", summary: "Anscombe's quartet III: a line with one outlier", x: "x",
      y: "y",
      bytes: PackageResources.anscombe_3_csv),
    Dataset(
      name: "anscombe-4", summary: "Anscombe's quartet IV: one far point sets the slope", x: "x",
      y: "y", bytes: PackageResources.anscombe_4_csv),
    Dataset(
      name: "iris",
      summary: "Fisher's iris flowers (1936), 150 rows; petal width against length, cm",
      x: "petal_length", y: "petal_width", bytes: PackageResources.iris_csv),
    Dataset(
      name: "challenger",
      summary:
        "The 23 shuttle flights before Challenger (1989): O-ring distress (0/1) against launch temperature, °F",
      x: "temperature", y: "distress", bytes: PackageResources.challenger_csv),
  ]

  /// The data set called `name`, or an error listing them (with a "did you mean").
  public static func named(_ name: String) throws(LossCoreError) -> Dataset {
    if let d = all.first(where: { $0.name == name.lowercased() }) { return d }
    let names = all.map(\.name)
    let hint = closestName(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
    throw LossCoreError(
      "unknown data set '\(name.escapedForMessage)'; \(hint)(data sets: \(names.joined(separator: ", ")))"
    )
  }
}
