import Foundation
import Testing

/// What `losslab render` shows agrees with the numeric commands (`descend`, `kl`) and with
/// values worked out by hand; scenario files set the frame up.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct RenderContentTests {
  func render(_ args: [String]) throws -> String {
    let r = try Spawn.losslab(["render"] + args)
    #expect(r.status == 0, "\(args): \(r.stderr)")
    #expect(r.stderr.isEmpty)
    return r.stdout
  }

  @Test(arguments: [
    [], ["--optimizer", "adam", "--lr", "0.1"], ["--loss", "mae", "--outliers", "5"],
  ])
  func contourKeysStepLikeDescend(options: [String]) throws {
    let frame = try render(["contour", "--keys", "s s s"] + options)
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    #expect(shown == (try descendReadout(options, step: 3)), "\(frame)")
    // The status line agrees, with 4 decimals.
    let want = try descendReadout(options, step: 3)
    let w4 = String(format: "%.4f", try #require(Double(want.w)))
    #expect(frame.contains("step 3  w=\(w4)"), "\(frame)")
  }

  /// The contour keys that change the descent set the same thing as the `descend` options.
  @Test(arguments: [
    ("m s s", ["--loss", "mae"], 2),
    ("m m d s s", ["--loss", "huber", "--delta", "0.5"], 2),
    ("o s s s", ["--optimizer", "momentum"], 3),
    ("O s s", ["--optimizer", "lion"], 2),
    ("] s s", ["--lr", "1"], 2),
    ("[ s s", ["--lr", "0.25"], 2),
    ("x s s", ["--outliers", "5"], 2),
  ])
  func contourKeysMatchDescendOptions(keys: String, options: [String], steps: Int) throws {
    let frame = try render(["contour", "--keys", keys, "--width", "100", "--height", "30"])
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    #expect(shown == (try descendReadout(options, step: steps)), "\(keys):\n\(frame)")
  }

  @Test func spaceStepsTooAndStartOptionsAreUsed() throws {
    let options = ["--optimizer", "momentum", "--w0=-1", "--b0", "4"]
    let frame = try render(
      ["contour", "--keys", "s Space s s Space", "--width", "120", "--height", "40"] + options)
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    #expect(shown == (try descendReadout(options, step: 5)), "\(frame)")
  }

  @Test func distributionsMatchKL() throws {
    let p = "0.2,0.3,0.5"
    let q = "0.1,0.6,0.3"
    let frame = try render(["distributions", "--p", p, "--q", q])
    let r = try Spawn.losslab(["kl", "--p", p, "--q", q, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let rows: [(label: String, key: String)] = [
      ("H(P)", "entropy_p"), ("H(Q)", "entropy_q"), ("H(P,Q)", "cross_entropy_pq"),
      ("H(Q,P)", "cross_entropy_qp"), ("KL(P‖Q)", "kl_pq"), ("KL(Q‖P)", "kl_qp"),
      ("JS divergence", "js_divergence"), ("JS distance", "js_distance"),
    ]
    for row in rows {
      let value = try #require(json[row.key] as? Double, "\(row.key)")
      let pattern = try Regex(
        NSRegularExpression.escapedPattern(for: row.label) + #"\s+(\d+\.\d{3})"#)
      let match = try #require(frame.firstMatch(of: pattern), "no \(row.label) in:\n\(frame)")
      let shown = try #require(match.output[1].substring)
      #expect(String(shown) == String(format: "%.3f", value), "\(row.label)")
    }
    // Worked by hand: H(P) = −(0.2 log₂ 0.2 + 0.3 log₂ 0.3 + 0.5 log₂ 0.5) = 1.485 bits.
    #expect(frame.contains("1.485"))
    #expect(frame.contains("in bits"))
    // b switches to nats: KL(P‖Q) in nats is the bits value times ln 2.
    let nats = try render(["distributions", "--p", p, "--q", q, "--keys", "b"])
    let kl = try #require(json["kl_pq"] as? Double)
    let natsText = String(format: "%.3f", kl * log(2.0))
    #expect(
      nats.firstMatch(of: #/KL\(P‖Q\)\s+(\d+\.\d{3})/#).map { String($0.1) } == natsText, "\(nats)")
  }

  @Test func raisingABarRescalesTheOthersAndKLFollows() throws {
    // The preset edits Q, cat first: Up raises cat from 0.80 to 0.81 and the other 0.20 of Q
    // shrinks to 0.19, keeping its proportions: 0.15 → 0.1425, 0.05 → 0.0475.
    let frame = try render(["distributions", "--keys", "Up"])
    #expect(frame.contains("cat = 0.810"), "\(frame)")
    let r = try Spawn.losslab([
      "kl", "--p", "0.1,0.4,0.5", "--q", "0.81,0.1425,0.0475", "--json",
    ])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let kl = try #require(json["kl_pq"] as? Double)
    let shown = frame.firstMatch(of: #/KL\(P‖Q\)\s+(\d+\.\d{3})/#).map { String($0.1) }
    #expect(shown == String(format: "%.3f", kl), "\(frame)")
  }

  @Test func curvesWithChosenLossesFollowTheCursor() throws {
    // Three steps right of ŷ = 0.3 is ŷ = 0.39: MSE (1 − 0.39)² = 0.3721, slope 2(0.39 − 1) = −1.22;
    // MAE |1 − 0.39| = 0.61, slope −1.
    let frame = try render(["curves", "--loss", "mse", "--loss", "mae", "--keys", "l l l"])
    #expect(frame.contains("at ŷ = 0.390"), "\(frame)")
    // Each value with its loss's unit: MSE in squared units of y, MAE in units of y.
    #expect(
      frame.firstMatch(of: #/MSE \(?y=1\)?\s+0\.372\s+units²\s+-1\.220/#) != nil, "\(frame)")
    #expect(
      frame.firstMatch(of: #/MAE \(?y=1\)?\s+0\.610\s+units\s+-1\.000/#) != nil, "\(frame)")
    // Curves not asked for are listed without values.
    #expect(frame.firstMatch(of: #/BCE \(?y=0\)?\s+\d/#) == nil, "\(frame)")
    #expect(
      frame.contains("MSE y=1 = 0.372 squared units"), "the status line names the selected curve")
    // Down selects the next shown curve.
    let down = try render(["curves", "--loss", "mse", "--loss", "mae", "--keys", "l l l Down"])
    #expect(down.contains("MAE y=1 = 0.610 units of y"), "\(down)")
  }

  @Test func curvesTargetOption() throws {
    // BCE with target 1 at ŷ = 0.3 is −ln 0.3 = 1.204.
    let frame = try render(["curves", "--loss", "bce", "--target", "1"])
    #expect(frame.firstMatch(of: #/BCE \(?y=1\)?\s+1\.204/#) != nil, "\(frame)")
    #expect(frame.firstMatch(of: #/BCE \(?y=0\)?\s+\d/#) == nil, "\(frame)")
  }

  @Test func contourScenarioSetsTheSteps() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/adam.json"
    try """
    {
      "view": "contour",
      "contour": {
        "optimizer": "adam", "rate": 0.1,
        "start": [-1, 4],
        "steps": 7
      }
    }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let frame = try render(["contour", "--scenario", file])
    #expect(frame.contains("step 7"), "\(frame)")
    #expect(frame.contains("adam"), "\(frame)")
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    let want = try descendReadout(
      ["--optimizer", "adam", "--lr", "0.1", "--w0=-1", "--b0", "4"], step: 7)
    #expect(shown == want, "\(frame)")
    // Keys run after the scenario: two more steps.
    let more = try render(["contour", "--scenario", file, "--keys", "s s"])
    #expect(more.contains("step 9"), "\(more)")
  }

  /// `render --scenario` needs no view: the file's `"view"` picks it, and a view given on the
  /// command line wins. A file that names no view, without a view argument, is a usage error.
  @Test func scenarioNamesTheView() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/saved.json"
    try """
    {"view": "contour", "contour": {"optimizer": "adam", "rate": 0.1, "steps": 3}}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let frame = try render(["--scenario", file])
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    #expect(shown == (try descendReadout(["--optimizer", "adam", "--lr", "0.1"], step: 3)))

    let explicit = try render(["distributions", "--scenario", file])
    #expect(ContourReadout(explicit) == nil, "\(explicit)")
    #expect(explicit.contains("KL"), "\(explicit)")

    let bare = scratch.path + "/bare.json"
    try #"{"contour": {"steps": 3}}"#.write(toFile: bare, atomically: true, encoding: .utf8)
    let r = try Spawn.losslab(["render", "--scenario", bare])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "losslab: error: \(bare) names no view; give one: curves, contour, distributions, classify\n",
      "\(r.stderr)")
  }

  @Test func scenarioDataFromAnXYList() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/line.json"
    // Points on y = 2x + 1, started on that line: the loss is zero and stays zero.
    try """
    {"contour": {"data": {"xy": [[0, 1], [1, 3], [2, 5]]}, "start": [2, 1], "steps": 2}}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let frame = try render(["contour", "--scenario", file])
    let shown = try #require(ContourReadout(frame), "no readout in:\n\(frame)")
    #expect(shown == ContourReadout(step: 2, w: 2, b: 1, loss: 0), "\(frame)")
  }

  @Test func brokenScenarioNamesFileAndLine() throws {
    let scratch = try ScratchDirectory()
    let file = scratch.path + "/broken.json"
    try """
    {
      "view": "contour",
      "contour": {
        "rate": "fast"
      }
    }
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try Spawn.losslab(["render", "contour", "--scenario", file])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    #expect(
      r.stderr
        == "losslab: error: \(file):4:13: contour.rate must be a number, found the string \"fast\"\n",
      "\(r.stderr)")

    let syntax = scratch.path + "/comma.json"
    try "{\n  \"contour\": {\n    \"steps\": 7,\n  }\n}\n".write(
      toFile: syntax, atomically: true, encoding: .utf8)
    let s = try Spawn.losslab(["render", "contour", "--scenario", syntax])
    #expect(s.status != 0)
    #expect(s.stdout.isEmpty)
    #expect(
      s.stderr.hasPrefix("losslab: error: \(syntax):3:15: not valid JSON: a comma"), "\(s.stderr)")
    #expect(s.stderr.split(separator: "\n").count == 1, "\(s.stderr)")

    let missing = try Spawn.losslab([
      "render", "contour", "--scenario", scratch.path + "/nope.json",
    ])
    #expect(missing.status != 0)
    #expect(
      missing.stderr.hasPrefix("losslab: error: \(scratch.path)/nope.json"), "\(missing.stderr)")
  }
}
