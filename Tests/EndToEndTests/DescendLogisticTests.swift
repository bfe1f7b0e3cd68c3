import Foundation
import Testing

/// `losslab descend --model logistic`: the classification view's numbers on the command line.
@Suite struct DescendLogisticTests {
  func run(_ args: [String]) throws -> (steps: [[String: Double]], stderr: String) {
    let r = try Spawn.losslab(["descend", "--model", "logistic", "--json"] + args)
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let o = try jsonObject(r.stdout)
    let steps = try #require(o["trajectory"] as? [[String: Any]])
    return (steps.map { $0.compactMapValues { $0 as? Double } }, r.stderr)
  }

  @Test func matchesKerasCrossEntropyAndMSE() throws {
    // Keras 3 SGD(learning_rate=1.0) from (−5, 3), float64 (Tests/KerasScripts/logistic_reference.py).
    let bce = try run(["--steps", "2"]).steps
    #expect(bce[0]["w"] == -5 && bce[0]["b"] == 3)
    #expect(Set(bce[0].keys) == ["step", "w", "b", "loss", "grad_w", "grad_b", "accuracy"])
    #expect(abs(bce[2]["w"]! - -2.808350507884831) < 1e-9)
    #expect(abs(bce[2]["b"]! - 2.612469367526616) < 1e-9)
    #expect(abs(bce[2]["loss"]! - 3.748933027062091) < 1e-9)
    let mse = try run(["--loss", "mse", "--steps", "2"]).steps
    #expect(abs(mse[2]["w"]! - -4.980232669332403) < 1e-9)
    #expect(abs(mse[2]["loss"]! - 0.7076514218993503) < 1e-9)
  }

  /// Keras 3 binary_focal_crossentropy(from_logits=True) with jax.grad, SGD(1.0) and Adam(0.1) from (−5, 3),
  /// float64 (Tests/KerasScripts/logistic_focal.py); the loss by the loss list's name, γ given or the default 2.
  @Test func matchesKerasFocal() throws {
    let gd = try run(["--loss", "binary-focal-crossentropy", "--steps", "2"]).steps
    #expect(abs(gd[0]["loss"]! - 6.039347594644294) < 1e-9)
    #expect(abs(gd[0]["grad_w"]! - -0.8538560362587235) < 1e-9)
    #expect(abs(gd[2]["w"]! - -3.0234179871406353) < 1e-9)
    #expect(abs(gd[2]["b"]! - 2.6972818659459494) < 1e-9)
    #expect(abs(gd[2]["loss"]! - 3.8210541985989965) < 1e-9)
    let adam = try run([
      "--loss", "focal", "--gamma", "0.5", "--optimizer", "adam", "--lr", "0.1", "--steps", "8",
    ]).steps
    #expect(abs(adam[8]["w"]! - -4.193994573394917) < 1e-9)
    #expect(abs(adam[8]["b"]! - 2.1956811677385635) < 1e-9)
    #expect(abs(adam[8]["loss"]! - 5.1222389043329954) < 1e-9)
    let r = try Spawn.losslab(["descend", "--model", "logistic", "--loss", "bce", "--gamma", "1"])
    #expect(
      r.status != 0 && r.stderr.contains("--gamma belongs to --loss binary-focal-crossentropy"))
    let bad = try Spawn.losslab(["descend", "--model", "logistic", "--loss", "focal", "--gamma=-1"])
    #expect(bad.status != 0 && bad.stderr.contains("--gamma must be a number >= 0, got -1"))
  }

  @Test func msePlateauStallsWhereCrossEntropyWalksHome() throws {
    let bce = try run(["--steps", "60"]).steps
    let mse = try run(["--loss", "mse", "--steps", "60"]).steps
    #expect(bce[60]["loss"]! < 0.41 && bce[60]["accuracy"]! >= 0.7)
    #expect(mse[60]["loss"]! > 0.65 && mse[60]["accuracy"]! < 0.35)
    #expect(abs(mse[60]["grad_w"]!) < 0.05)
  }

  @Test func separableDataKeepsGrowingW() throws {
    let (t, stderr) = try run(["--separable", "--steps", "400"])
    let w = t.map { $0["w"]! }
    #expect(zip(w.dropFirst(200), w.dropFirst(201)).allSatisfy { $0 < $1 })
    #expect(t[400]["accuracy"] == 1)
    #expect(stderr.contains("no finite minimum") && stderr.contains("w grows without bound"))
  }

  @Test func labelledTableByColumnName() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cls-\(getpid()).csv")
      .path
    try "size,malignant\n-1,-1\n-0.5,1\n0.5,-1\n1,1\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    defer { unlink(path) }
    let t = try run([
      "--data", path, "--x", "size", "--y", "malignant", "--w0", "0", "--b0", "0", "--steps", "1",
    ]).steps
    // At w = b = 0 every σ is ½: loss log 2, gradient mean((½ − y)·x) = (−½·−1 + ½·−0.5 − ½·0.5 + −½·1)/4.
    #expect(abs(t[0]["loss"]! - log(2.0)) < 1e-15)
    #expect(abs(t[0]["grad_w"]! - -0.125) < 1e-15)
    #expect(t[0]["grad_b"] == 0)
  }

  @Test func badInputSaysWhat() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).csv")
      .path
    try "x,label\n1,0\n2,2\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { unlink(path) }
    let cases: [([String], String)] = [
      (
        ["--data", path],
        "losslab: error: \(path): data row 2, 'label' (column 2): label 2 is not 0 or 1 (or -1 or 1)"
      ),
      (
        ["--loss", "hnge"],
        "losslab: error: unknown loss 'hnge'; did you mean 'hinge'?"
      ),
      (["--noise", "1"], "losslab: error: --noise and --outliers belong to the line fit's data"),
      (["--x", "a"], "losslab: error: --sep, --x and --y choose columns of a table"),
    ]
    for (args, prefix) in cases {
      let r = try Spawn.losslab(["descend", "--model", "logistic"] + args)
      #expect(r.status == 1)
      #expect(r.stderr.hasPrefix(prefix), "\(args): \(r.stderr)")
    }
    let line = try Spawn.losslab(["descend", "--separable"])
    #expect(
      line.status == 1
        && line.stderr.contains("--separable belongs to --model logistic"))
  }
}
