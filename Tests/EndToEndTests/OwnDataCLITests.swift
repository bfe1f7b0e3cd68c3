import Foundation
import Testing

/// `losslab descend --data`: tables at very different scales, column choice, and bad tables.
@Suite struct OwnDataCLITests {
  /// A reproducible table: x = offset + spread·u, y = slope·x + intercept + noise·(2v − 1), u and v uniform
  /// from a 64-bit LCG (Knuth's MMIX constants), 6 significant digits as a person's file would have.
  static func table(
    rows: Int, xOffset: Double, xSpread: Double, slope: Double, intercept: Double, noise: Double
  ) -> (text: String, x: [Double], y: [Double]) {
    var state: UInt64 = 12345
    func unit() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var lines = ["x,y"]
    var xs: [Double] = []
    var ys: [Double] = []
    for _ in 0..<rows {
      let x = Double(String(format: "%.6g", xOffset + xSpread * unit()))!
      let y = Double(String(format: "%.9g", slope * x + intercept + noise * (2 * unit() - 1)))!
      xs.append(x)
      ys.append(y)
      lines.append(String(format: "%.6g,%.9g", x, y))
    }
    return (lines.joined(separator: "\n") + "\n", xs, ys)
  }

  /// 2/λmax from the sums, with the closed form of a symmetric 2 × 2 matrix's largest eigenvalue.
  static func limit(_ x: [Double]) -> Double {
    let n = Double(x.count)
    let a = 2 * x.reduce(0) { $0 + $1 * $1 } / n
    let b = 2 * x.reduce(0, +) / n
    let c = 2.0
    let largest = (a + c) / 2 + (((a - c) / 2) * ((a - c) / 2) + b * b).squareRoot()
    return 2 / largest
  }

  static let scales:
    [(
      name: String, xOffset: Double, xSpread: Double, slope: Double, intercept: Double,
      noise: Double
    )] = [
      ("small-x", 1e-3, 2e-3, 4000, 2, 0.5),
      ("large-x", 1e4, 500, 0.03, 7, 2),
      ("offset-y", 0, 10, 3, 1e5, 4),
    ]

  @Test(arguments: 0..<3)
  func twentyDefaultStepsLowerTheLossAndTheLimitIsTwoOverLambdaMax(_ index: Int) throws {
    let s = Self.scales[index]
    let t = Self.table(
      rows: 300, xOffset: s.xOffset, xSpread: s.xSpread, slope: s.slope, intercept: s.intercept,
      noise: s.noise)
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/\(s.name).csv"
    try t.text.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try Spawn.losslab(["descend", "--data", path, "--steps", "20", "--json"])
    #expect(r.status == 0, "\(s.name): \(r.stderr)")
    let o = try jsonObject(r.stdout)
    let limit = try #require(o["stability_limit"] as? Double)
    #expect(abs(limit - Self.limit(t.x)) <= 1e-9 * limit, "\(s.name)")
    let rate = try #require(o["learning_rate"] as? Double)
    #expect(rate < limit && rate >= limit / 5, "\(s.name): rate \(rate), limit \(limit)")
    let steps = try #require(o["trajectory"] as? [[String: Any]])
    #expect(steps.count == 21, "\(s.name)")
    let losses = steps.compactMap { $0["loss"] as? Double }
    // Start: the "predict the mean" line, w = 0 and b = mean(y).
    let meanY = t.y.reduce(0, +) / Double(t.y.count)
    #expect(steps[0]["w"] as? Double == 0)
    #expect(abs((steps[0]["b"] as? Double ?? .nan) - meanY) <= 1e-12 * abs(meanY))
    // Below 2/λmax, gradient descent on a quadratic lowers the loss at every step.
    for k in 1..<losses.count {
      #expect(losses[k] <= losses[k - 1] * (1 + 1e-15), "\(s.name): step \(k)")
    }
    #expect(losses[20] < losses[0], "\(s.name)")
  }

  @Test func textHeaderShowsTheLimit() throws {
    let r = try Spawn.losslab(["descend", "--steps", "1"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("MSE stability limit 2/λmax = 0.7884"), "\(r.stdout)")
    #expect(r.stdout.contains("# gd, lr 0.5;"), "\(r.stdout)")
  }

  /// Five columns with quoted headers holding separators and quotes; both names and numbers pick columns.
  @Test func xAndYPickTheRightColumns() throws {
    let text =
      [
        #""id","Height (cm)","note, free text","Weight; ""kg""","flag""#,
        #"1,150,"a, b",50,1"#,
        #"2,160,"",58,0"#,
        #"3,170,"say ""hi""",71,1"#,
        "4,185,x,80,0",
      ].joined(separator: "\r\n") + "\r\n"
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/five.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let x = [150.0, 160, 170, 185]
    let y = [50.0, 58, 71, 80]
    for (xc, yc) in [("Height (cm)", "Weight; \"kg\""), ("2", "4"), ("height (cm)", "4")] {
      let r = try Spawn.losslab([
        "descend", "--data", path, "--x", xc, "--y", yc, "--w0", "0", "--b0", "0", "--steps", "0",
        "--json",
      ])
      #expect(r.status == 0, "\(xc), \(yc): \(r.stderr)")
      let step = try #require((try jsonObject(r.stdout)["trajectory"] as? [[String: Any]])?.first)
      // At (0, 0): loss = mean(y²), ∂/∂w = −2·mean(x·y), ∂/∂b = −2·mean(y).
      let n = Double(x.count)
      let loss = y.reduce(0) { $0 + $1 * $1 } / n
      let gw = -2 * zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } / n
      let gb = -2 * y.reduce(0, +) / n
      #expect(abs((step["loss"] as? Double ?? .nan) - loss) < 1e-9 * loss)
      #expect(abs((step["grad_w"] as? Double ?? .nan) - gw) < 1e-9 * abs(gw))
      #expect(abs((step["grad_b"] as? Double ?? .nan) - gb) < 1e-9 * abs(gb))
    }
    let wrong = try Spawn.losslab(["descend", "--data", path, "--x", "height", "--y", "4"])
    #expect(wrong.status == 1)
    #expect(
      wrong.stderr.hasPrefix(
        "losslab: error: \(path):1: no column 'height' for --x; did you mean 'Height (cm)'?"),
      "\(wrong.stderr)")
    let none = try Spawn.losslab(["descend", "--data", path])
    #expect(none.status == 1)
    #expect(none.stderr.contains("\(path):1: 5 columns"), "\(none.stderr)")
  }

  @Test func skippedRowsAreReportedAndStandardInputWorks() throws {
    let r = try Spawn.losslab(
      ["descend", "--data", "-", "--steps", "0"], stdin: "x;y\n1;2\n2;NA\n3;5,5\n;7\n4;9\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasPrefix(
        "# data: <stdin>, x 'x' (column 1), y 'y' (column 2): 3 points; skipped 2 rows with a missing value (lines 3, 5)"
      ), "\(r.stdout)")
    let csv = try Spawn.losslab(
      ["descend", "--data", "-", "--steps", "0", "--csv"], stdin: "x,y\n1,2\n2,NA\n3,5\n")
    #expect(csv.stdout.hasPrefix("step,w,b,loss"))
    #expect(csv.stderr == "losslab: note: <stdin>: skipped 1 row with a missing value (line 3)\n")
  }

  @Test func badTablesGetOneLineNamingFileLineAndColumn() throws {
    let scratch = try ScratchDirectory()
    let cases: [(String, String, String)] = [
      ("text.csv", "x,y\n1,2\n2,three\n", "text.csv:3: 'y' (column 2): 'three' is not a number"),
      ("empty.csv", "", "empty.csv: empty file"),
      ("one.csv", "x,y\n1,2\n", "one.csv: only one data row (line 2)"),
      ("flat.csv", "x,y\n4,1\n4,2\n4,3\n", "flat.csv: every x in 'x' (column 1) is 4"),
      ("ragged.csv", "1,2\n3,4,5\n", "ragged.csv:2: 3 fields, but line 1 has 2"),
    ]
    for (name, text, message) in cases {
      try text.write(toFile: scratch.path + "/" + name, atomically: true, encoding: .utf8)
      let r = try Spawn.losslab(["descend", "--data", scratch.path + "/" + name])
      #expect(r.status == 1, "\(name)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(name): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
    }
  }

  @Test func standardizeRoundsTheContoursAndConvertsTheLineBack() throws {
    let t = Self.table(rows: 200, xOffset: 1e4, xSpread: 500, slope: 0.03, intercept: 7, noise: 2)
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/big-x.csv"
    try t.text.write(toFile: path, atomically: true, encoding: .utf8)
    let r = try Spawn.losslab([
      "descend", "--data", path, "--standardize", "--steps", "60", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try jsonObject(r.stdout)
    #expect(abs((o["condition_number"] as? Double ?? 0) - 1) < 1e-9)
    #expect(abs((o["stability_limit"] as? Double ?? 0) - 1) < 1e-9)
    let before = try #require(
      (o["standardize"] as? [String: Any])?["condition_number_before"] as? Double)
    #expect(before > 1e6)
    // The least-squares line, by the normal equations in centred form.
    let n = Double(t.x.count)
    let mx = t.x.reduce(0, +) / n
    let my = t.y.reduce(0, +) / n
    let sxy = zip(t.x, t.y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = t.x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let line = try #require(o["original_line"] as? [String: Double])
    #expect(abs(line["w"]! - sxy / sxx) < 1e-6 * abs(sxy / sxx), "\(line)")
    #expect(abs(line["b"]! - (my - sxy / sxx * mx)) < 1e-4, "\(line)")
  }

  /// Anscombe (1973) printed the same line for all four sets: y = 3.00 + 0.500·x, and mean(y) = 7.50.
  @Test(arguments: 1...4)
  func anscombeSetsShareTheirPublishedLine(_ k: Int) throws {
    let r = try Spawn.losslab([
      "descend", "--dataset", "anscombe-\(k)", "--standardize", "--steps", "3", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try jsonObject(r.stdout)
    #expect(o["points"] as? Int == 11)
    let line = try #require(o["original_line"] as? [String: Double])
    #expect(abs(line["w"]! - 0.5) < 0.001 && abs(line["b"]! - 3) < 0.005, "\(line)")
    let start = try #require((o["trajectory"] as? [[String: Any]])?.first)
    #expect(abs((start["b"] as? Double ?? 0) - 7.50) < 0.005)
  }

  /// The iris table as R documents it: 150 rows, petal length from 1.0 to 6.9 cm, mean petal width 1.20.
  @Test func irisOpensByNameAndListsWithTheOthers() throws {
    let r = try Spawn.losslab(["descend", "--dataset", "iris", "--steps", "0", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try jsonObject(r.stdout)
    #expect(o["points"] as? Int == 150 && o["x_column"] as? Int == 3 && o["y_column"] as? Int == 4)
    let start = try #require((o["trajectory"] as? [[String: Any]])?.first)
    #expect(abs((start["b"] as? Double ?? 0) - 1.1993) < 0.0001)
    let list = try Spawn.losslab(["datasets"])
    #expect(list.status == 0)
    let names = list.stdout.split(separator: "\n").map {
      $0.split(separator: " ").first.map(String.init)
    }
    #expect(
      names == ["anscombe-1", "anscombe-2", "anscombe-3", "anscombe-4", "iris", "challenger"])
    let wrong = try Spawn.losslab(["descend", "--dataset", "anscombe"])
    #expect(wrong.status == 1 && wrong.stderr.contains("unknown data set 'anscombe'"))
  }

  /// The contour view on tables at three scales, through `render` (the app's own frames): the minima are
  /// marked inside the map, twenty default steps lower the loss without diverging, and the panel's limit is
  /// 2/λmax computed here.
  @Test(arguments: 0..<3)
  func contourViewFramesTablesAtAnyScale(_ index: Int) throws {
    let s = Self.scales[index]
    let t = Self.table(
      rows: 300, xOffset: s.xOffset, xSpread: s.xSpread, slope: s.slope, intercept: s.intercept,
      noise: s.noise)
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/\(s.name).csv"
    try t.text.write(toFile: path, atomically: true, encoding: .utf8)
    func frame(_ extra: [String]) throws -> [Substring] {
      let r = try Spawn.losslab(
        ["render", "contour", "--data", path, "--width", "120", "--height", "36"] + extra)
      #expect(r.status == 0, "\(s.name): \(r.stderr)")
      return r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    }
    // The map is the left 74 columns (the panel takes 46 of 120); its minimum marker is drawn only inside it.
    for loss in ["mse", "mae", "huber"] {
      let lines = try frame(["--loss", loss])
      #expect(
        lines.contains { $0.prefix(74).contains("◆") },
        "\(s.name) \(loss):\n\(lines.joined(separator: "\n"))")
    }
    let start = try frame([])
    let after = try frame(["--keys", Array(repeating: "s", count: 20).joined(separator: " ")])
    let text = after.joined(separator: "\n")
    #expect(text.contains("step 20") && !text.contains("diverging"), "\(s.name):\n\(text)")
    func loss(_ lines: [Substring]) -> Double? {
      for l in lines {
        guard let r = l.range(of: "loss=") else { continue }
        return Double(l[r.upperBound...].prefix { !$0.isWhitespace })
      }
      return nil
    }
    let l0 = try #require(loss(start))
    let l20 = try #require(loss(after))
    #expect(l20 < l0, "\(s.name): \(l0) → \(l20)")
    #expect(
      text.contains("gd limit 2/λmax=\(String(format: "%.3g", Self.limit(t.x)))"),
      "\(s.name):\n\(text)")
  }
}
