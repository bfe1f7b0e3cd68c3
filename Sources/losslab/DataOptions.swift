import ArgumentParser
import LossCore
import LossLabUI

/// Where the line-fit data comes from: the tutorial generator (default) or a table.
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
      "Read the points from a CSV table instead ('-' for standard input). Header optional; "
        + "separators , ; tab or spaces; rows with an empty or NA value are skipped.",
      valueName: "FILE"), completion: .file(extensions: ["csv", "tsv", "txt"]))
  var data: String?

  @Option(
    help: ArgumentHelp(
      "Open a data set that ships with losslab (see 'losslab datasets'), e.g. anscombe-2 or iris.",
      valueName: "NAME"), completion: .list(Datasets.all.map(\.name)))
  var dataset: String?

  @Option(
    help: ArgumentHelp(
      "The separator of --data: ',' ';' tab or space (default: detected).", valueName: "SEP"))
  var sep: String?

  @Option(
    help: ArgumentHelp(
      "The x column of --data: a header name or a 1-based number (default: column 1 of two).",
      valueName: "COL"))
  var x: String?

  @Option(
    help: ArgumentHelp(
      "The y column of --data: a header name or a 1-based number (default: column 2 of two).",
      valueName: "COL"))
  var y: String?

  /// Whether any option chooses the data.
  var isGiven: Bool {
    data != nil || dataset != nil || points != nil || seed != nil || noise != nil || outliers != nil
  }

  /// The table `--data` or `--dataset` names, read and parsed; nil without either.
  func table() throws(LossCoreError) -> DataTable? { try source()?.table }

  /// The table `--data` or `--dataset` names, read and parsed, with where it came from (a file by its
  /// absolute path, so a saved scenario reads it again from anywhere); nil without either.
  func source() throws(LossCoreError) -> TableSource? {
    if let dataset {
      guard data == nil else { throw LossCoreError("choose one of --data and --dataset") }
      guard points == nil, seed == nil, noise == nil, outliers == nil else {
        throw LossCoreError(
          "--dataset cannot be combined with --points, --seed, --noise or --outliers")
      }
      guard sep == nil else {
        throw LossCoreError("--sep is for --data; a data set's separator is known")
      }
      let d = try Datasets.named(dataset)
      return TableSource(table: try d.table(x: x, y: y), place: .dataset(d.name))
    }
    guard let data else {
      guard sep == nil, x == nil, y == nil else {
        throw LossCoreError(
          "--sep, --x and --y choose columns of a table; give the table with --data or --dataset")
      }
      return nil
    }
    guard points == nil, seed == nil, noise == nil, outliers == nil else {
      throw LossCoreError("--data cannot be combined with --points, --seed, --noise or --outliers")
    }
    let separator = try sep.map { (s) throws(LossCoreError) -> FieldSeparator in
      guard let f = FieldSeparator(spelling: s) else {
        throw LossCoreError("--sep must be ',', ';', tab or space, got '\(s.escapedForMessage)'")
      }
      return f
    }
    let bytes = try DataFile.read(data)
    let table = try DataTable.parse(
      bytes, source: data == "-" ? "<stdin>" : data,
      options: TableOptions(separator: separator, x: x, y: y))
    return TableSource(
      table: table, place: data == "-" ? .standardInput : .file(DataFile.absolutePath(data)))
  }

  /// The data these options describe.
  func load() throws(LossCoreError) -> LineData {
    if let table = try table() { return table.data }
    return try LineData.tutorial(
      points: points ?? 50, seed: seed ?? LineData.defaultSeed, noise: noise ?? 0.5,
      outliers: outliers ?? 0)
  }
}
