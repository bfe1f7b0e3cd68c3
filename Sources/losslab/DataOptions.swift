import ArgumentParser
import LossCore

/// Where the line-fit data comes from: the tutorial generator (default) or a CSV file.
struct DataOptions: ParsableArguments {
  @Option(help: "Number of generated points, x evenly spaced on [0, 1] (default 50).")
  var points: Int?

  @Option(help: "Seed of the SplitMix64 generator for the noise (default \(LineData.defaultSeed)).")
  var seed: UInt64?

  @Option(
    parsing: .unconditional,
    help: "Half-width of the uniform noise added to y = 2x + 3 (default 0.5, at most 1e100).")
  var noise: Double?

  @Option(
    help: ArgumentHelp(
      "Add K outliers far below the line at the right (x evenly spaced on [0.8, 1], y = 2x + 3 − 6).",
      valueName: "K"))
  var outliers: Int?

  @Option(
    help: ArgumentHelp(
      "Read x,y points from a CSV file instead (header line optional; values within ±1e100).",
      valueName: "FILE.csv"), completion: .file(extensions: ["csv"]))
  var data: String?

  /// The data these options describe.
  func load() throws(LossCoreError) -> LineData {
    if let data {
      guard points == nil, seed == nil, noise == nil, outliers == nil else {
        throw LossCoreError(
          "--data cannot be combined with --points, --seed, --noise or --outliers")
      }
      return try LineData.csv(contentsOf: data)
    }
    return try LineData.tutorial(
      points: points ?? 50, seed: seed ?? LineData.defaultSeed, noise: noise ?? 0.5,
      outliers: outliers ?? 0)
  }
}
