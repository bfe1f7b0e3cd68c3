import ArgumentParser
import LossCore
import LossLabUI

/// The option only the logistic model has: separable data.
struct LogisticDataOptions: ParsableArguments {
  @Flag(
    help:
      "Logistic model: generate separable classes (a gap between them) instead of overlapping ones."
  )
  var separable = false
}

/// Where the classification data comes from: the seeded generator (default) or a table whose y column
/// holds the labels.
enum ClassificationSource {
  /// The data the options describe. Generated data: `--points` (default 60) points from `--seed`,
  /// overlapping unless `separable`; a table: `--data` or `--dataset` with `--x` and `--y`.
  static func load(_ data: DataOptions, separable: Bool) throws(LossCoreError)
    -> ClassificationData
  {
    guard data.noise == nil, data.outliers == nil else {
      throw LossCoreError("--noise and --outliers belong to the line fit's data")
    }
    if let table = try data.table() {
      guard !separable else {
        throw LossCoreError("--separable generates data; leave it out with --data or --dataset")
      }
      return try ClassificationData(table: table)
    }
    let n = data.points ?? ClassificationData.defaultPoints
    let s = data.seed ?? ClassificationData.defaultSeed
    return separable
      ? try ClassificationData.separable(points: n, seed: s)
      : try ClassificationData.overlapping(points: n, seed: s)
  }
}
