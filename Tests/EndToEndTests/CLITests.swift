import Foundation
import Testing

/// Parses the first JSON object of the output.
func jsonObject(_ text: String) throws -> [String: Any] {
  let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
  return try #require(value as? [String: Any])
}

@Suite struct EvalCommandTests {
  func value(_ args: [String]) throws -> Double {
    let r = try Spawn.losslab(["eval"] + args)
    #expect(r.status == 0, "stderr: \(r.stderr)")
    return try #require(Double(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  @Test func workedNumbers() throws {
    #expect(abs(try value(["bce", "--y-true", "0", "--y-pred", "0.3"]) - 0.35667) < 5e-6)
    #expect(
      abs(try value(["mae", "--y-true", "1.1,2,1.7", "--y-pred", "1,1.7,1.5"]) - 0.2) < 1e-12)
    #expect(abs(try value(["bce", "--y-true", "1", "--y-pred", "0.6"]) - 0.51) < 5e-3)
    #expect(
      abs(try value(["binary-crossentropy", "--y-true", "1", "--y-pred", "0.7"]) - 0.36) < 5e-3)
    let y = "1,1,1,1,1,0,0,0,0,0"
    let p = "0.8,0.9,0.9,0.6,0.8,0.1,0.4,0.2,0.1,0.3"
    #expect(abs(try value(["bce", "--y-true", y, "--y-pred", p]) - 0.247) < 5e-4)
    let ySamples = y.replacingOccurrences(of: ",", with: ";")
    let pSamples = p.replacingOccurrences(of: ",", with: ";")
    #expect(abs(try value(["bce", "--y-true", ySamples, "--y-pred", pSamples]) - 0.247) < 5e-4)
  }

  @Test func negativeValuesWithAndWithoutEquals() throws {
    // mse of [1, 2] against [−1, 2] = (4 + 0)/2.
    #expect(try value(["mse", "--y-true", "1,2", "--y-pred", "-1,2"]) == 2)
    #expect(try value(["mse", "--y-true=1,2", "--y-pred=-1,2"]) == 2)
    #expect(try value(["mse", "--y-pred", "-1,2", "--y-true", "-1,-2"]) == 8)
  }

  @Test func jsonShape() throws {
    let r = try Spawn.losslab(["eval", "bce", "--y-true", "0;1", "--y-pred", "0.3;0.7", "--json"])
    #expect(r.status == 0)
    let object = try jsonObject(r.stdout)
    #expect(object["loss"] as? String == "binary-crossentropy")
    let value = try #require(object["value"] as? Double)
    let perSample = try #require(object["per_sample"] as? [Double])
    #expect(perSample.count == 2)
    #expect(abs(value - 0.35667494393873245) < 1e-12)
    #expect(abs(perSample[1] - 0.35667494393873245) < 1e-12)
  }

  @Test func fromLogitsAndDelta() throws {
    // sigmoid(0) = 0.5 → ln 2.
    #expect(
      abs(try value(["bce", "--y-true", "1", "--y-pred", "0", "--from-logits"]) - log(2.0)) < 1e-12)
    // Huber with δ = 2 on an error of 3: 2·3 − 2 = 4.
    #expect(try value(["huber", "--y-true", "0", "--y-pred", "3", "--delta", "2"]) == 4)
  }
}

@Suite struct CommandErrorTests {
  /// Runs and checks: non-zero exit, nothing on stdout, one line on stderr starting `losslab: error:`.
  func failure(_ args: [String]) throws -> String {
    let r = try Spawn.losslab(args)
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(r.stderr)")
    #expect(r.stderr.hasPrefix("losslab: error: "))
    return String(lines.first ?? "")
  }

  @Test func badInputs() throws {
    #expect(
      try failure(["eval", "bcee", "--y-true", "1", "--y-pred", "0.5"]).contains(
        "did you mean 'bce'?"))
    #expect(
      try failure(["eval", "bce", "--y-true", "1", "--y-pred", "0.5x"]).contains(
        "'0.5x' is not a number"))
    #expect(
      try failure(["eval", "mse", "--y-true", "1,2", "--y-pred", "1"]).contains(
        "y_true has 2 values"))
    #expect(
      try failure(["eval", "mse", "--y-true", "nan", "--y-pred", "1"]).contains(
        "not a finite number"))
    #expect(try failure(["eval", "mse", "--y-true", "", "--y-pred", "1"]).contains("empty"))
    #expect(
      try failure(["eval", "scce", "--y-true", "5", "--y-pred", "0.5,0.5"]).contains(
        "class index 5"))
    #expect(try failure(["eval", "mse", "--y-true", "1"]).contains("--y-pred"))
    #expect(try failure(["kl", "--p", "0.5,0.6", "--q", "0.5,0.5"]).contains("sums to 1.1"))
    #expect(
      try failure(["kl", "--p", "0.5,0.5", "--q", "1"]).contains("--p has 2 values but --q has 1"))
    #expect(try failure(["descend", "--optimizer", "adamm"]).contains("did you mean 'adam'?"))
    #expect(try failure(["descend", "--lr", "-0.1"]).contains("--lr must be a positive number"))
    #expect(try failure(["descend", "--lr", "0"]).contains("--lr must be a positive number"))
    #expect(
      try failure(["descend", "--data", "/nonexistent/points.csv"]).contains(
        "/nonexistent/points.csv"))
  }

  @Test func csvErrorNamesTheLine() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(getpid()).csv")
      .path
    try "x,y\n0,1\n1,two\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { unlink(path) }
    #expect(
      try failure(["descend", "--data", path])
        == "losslab: error: \(path):3: 'y' (column 2): 'two' is not a number"
    )
  }
}

@Suite struct KLCommandTests {
  @Test func worked() throws {
    let r = try Spawn.losslab(["kl", "--p", "0.10,0.40,0.50", "--q", "0.80,0.15,0.05", "--json"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let o = try jsonObject(r.stdout)
    #expect(o["base"] as? String == "2")
    let expected: [String: Double] = [
      "kl_pq": 1.927, "kl_qp": 2.022, "entropy_p": 1.361, "entropy_q": 0.884,
      "cross_entropy_pq": 3.288,
      "cross_entropy_qp": 2.906, "js_divergence": 0.420, "js_distance": 0.648,
    ]
    for (key, want) in expected {
      let got = try #require(o[key] as? Double, "\(key)")
      #expect(abs(got - want) < 5e-4, "\(key)")
    }
    let nats = try jsonObject(
      try Spawn.losslab([
        "kl", "--p", "0.1,0.4,0.5", "--q", "0.8,0.15,0.05", "--base", "e", "--json",
      ]).stdout)
    #expect(abs((nats["kl_pq"] as? Double ?? 0) - 1.33568) < 5e-6)
  }

  @Test func infiniteKLIsTheStringInf() throws {
    let r = try Spawn.losslab(["kl", "--p", "0.5,0.5", "--q", "1,0", "--json"])
    #expect(r.status == 0)
    let o = try jsonObject(r.stdout)
    #expect(o["kl_pq"] as? String == "inf")
    #expect(o["kl_qp"] as? Double == 1)
    let text = try Spawn.losslab(["kl", "--p", "0.5,0.5", "--q", "1,0"]).stdout
    #expect(text.contains("kl_pq             inf"))
  }

  @Test func normalizeRescales() throws {
    let r = try Spawn.losslab(["kl", "--p", "1,1", "--q", "3,1", "--normalize", "--json"])
    #expect(r.status == 0)
    let o = try jsonObject(r.stdout)
    // KL((½, ½) ‖ (¾, ¼)) in bits = ½·log2(2/3) + ½·log2(2).
    let want = 0.5 * log2(2.0 / 3) + 0.5
    #expect(abs((o["kl_pq"] as? Double ?? 0) - want) < 1e-12)
  }
}

@Suite struct DescendCommandTests {
  func trajectory(_ args: [String]) throws -> [[String: Double]] {
    let r = try Spawn.losslab(["descend", "--json"] + args)
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let o = try jsonObject(r.stdout)
    let steps = try #require(o["trajectory"] as? [[String: Any]])
    return steps.map { $0.compactMapValues { $0 as? Double } }
  }

  @Test func jsonShapeAndFirstGDStepByHand() throws {
    let t = try trajectory(["--steps", "3", "--lr", "0.1"])
    #expect(t.count == 4)
    #expect(t.map { $0["step"] } == [0, 1, 2, 3])
    // Numbers only (rate is null at step 0; slots are an object): step 0 has no rate, later steps do.
    #expect(Set(t[0].keys) == ["step", "w", "b", "loss", "grad_w", "grad_b"])
    for s in t.dropFirst() {
      #expect(Set(s.keys) == ["step", "w", "b", "loss", "grad_w", "grad_b", "rate"])
      #expect(s["rate"] == 0.1)
    }
    #expect(t[0]["w"] == 0.5 && t[0]["b"] == 1.5)
    // gd: θ₁ = θ₀ − lr·g₀, with the gradient the command printed for step 0.
    #expect(abs(t[1]["w"]! - (0.5 - 0.1 * t[0]["grad_w"]!)) < 1e-12)
    #expect(abs(t[1]["b"]! - (1.5 - 0.1 * t[0]["grad_b"]!)) < 1e-12)
  }

  @Test func matchesKerasRMSpropOnHuber() throws {
    // Keras 3 RMSprop(learning_rate=0.05), float64, Huber gradients on the default data (see LossCoreTests).
    let t = try trajectory([
      "--loss", "huber", "--optimizer", "rmsprop", "--lr", "0.05", "--steps", "2",
    ])
    #expect(abs(t[1]["w"]! - 0.6581135667816016) < 1e-9)
    #expect(abs(t[2]["b"]! - 1.7728101828581526) < 1e-9)
  }

  @Test func jsonHasSlotsAndScheduledRates() throws {
    let r = try Spawn.losslab([
      "descend", "--json", "--steps", "3", "--optimizer", "adamw", "--lr", "0.2",
      "--schedule", "piecewise:boundaries=1,values=0.2/0.05",
    ])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let steps = try #require(try jsonObject(r.stdout)["trajectory"] as? [[String: Any]])
    #expect(steps.map { $0["rate"] as? Double } == [nil, 0.2, 0.2, 0.05])
    #expect(steps[0]["rate"] is NSNull)
    // Keras's AdamW slots after one step: m = 0.1·g₀, v = 0.001·g₀².
    let g0 = try #require(steps[0]["grad_w"] as? Double)
    let slots = try #require(steps[1]["slots"] as? [String: [Double]])
    #expect(Set(slots.keys) == ["m", "v"])
    #expect(abs(slots["m"]![0] - 0.1 * g0) < 1e-12 && abs(slots["v"]![0] - 0.001 * g0 * g0) < 1e-12)
    // AdamW, lr 0.2, weight decay 0.004 on the default data: Keras's first step (Tests/KerasScripts).
    #expect(abs((steps[1]["w"] as? Double ?? 0) - 0.6995997468099977) < 1e-9)
  }

  /// Under a schedule the table has a rate column (the rate each step used, as the JSON's `rate`),
  /// and the header names the schedule rather than a rate piecewise never uses.
  @Test func scheduledTextShowsEachStepsRate() throws {
    let r = try Spawn.losslab([
      "descend", "--steps", "4", "--schedule", "piecewise:boundaries=2/3,values=0.3/0.1/0.03",
    ])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(
      lines.contains {
        $0.hasPrefix("# gd, schedule piecewise:boundaries=2/3,values=0.3/0.1/0.03;")
      })
    #expect(!lines.contains { $0.contains("lr 0.5") })
    let table = lines.filter { !$0.hasPrefix("#") }
    #expect(table[0].split(separator: " ").last == "rate")
    // Keras: step k uses the schedule at k − 1; piecewise gives v0 while that is <= 2, then v1.
    let rates = table.dropFirst(2).map { $0.split(separator: " ").last.map(String.init) }
    #expect(rates == ["0.3", "0.3", "0.3", "0.1"])
    #expect(table[1].split(separator: " ").count == 6)  // step 0 used no rate
  }

  @Test func inspectWritesTheUpdateWithItsNumbers() throws {
    let r = try Spawn.losslab([
      "descend", "--optimizer", "momentum", "--lr", "0.1", "--steps", "5", "--inspect", "2",
    ])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "step 2  momentum  rate 0.1")
    // Keras SGD(momentum=0.9), lr 0.1: w goes 0.749795 → 1.16304 at step 2 (Tests/LossCoreTests).
    #expect(lines.contains("  w: 0.749795 → 1.16304"))
    #expect(lines.contains { $0.hasPrefix("  velocity = 0.9·(0.249795) − rate·g = ") })
  }

  @Test func badScheduleAndInspectOptions() throws {
    func failure(_ args: [String]) throws -> String {
      let r = try Spawn.losslab(["descend"] + args)
      #expect(r.status != 0)
      return r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(
      try failure(["--schedule", "cosin:decay_steps=4"])
        == "losslab: error: unknown schedule 'cosin'; did you mean 'cosine'?")
    #expect(
      try failure(["--schedule", "piecewise:boundaries=10,values=0.3"])
        == "losslab: error: schedule 'piecewise': values needs one more item than boundaries (1 boundaries, 1 values)"
    )
    #expect(
      try failure(["--inspect", "41"])
        == "losslab: error: --inspect must be a step between 1 and --steps (40), got 41")
    #expect(
      try failure(["--weight-decay", "-1"])
        == "losslab: error: --weight-decay must be a number >= 0, got -1")
  }

  @Test func csvAndNegativeStart() throws {
    let r = try Spawn.losslab(["descend", "--csv", "--steps", "2", "--w0", "-1", "--b0=-2"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[0] == "step,w,b,loss,grad_w,grad_b,rate")
    #expect(lines[1].hasPrefix("0,-1.0,-2.0,"))
  }

  @Test func dataFromCSVAndOutliers() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("pts-\(getpid()).csv")
      .path
    try "x,y\n0,1\n1,3\n2,5\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { unlink(path) }
    // On y = 2x + 1 from (w, b) = (2, 1) the loss and gradient are zero.
    let t = try trajectory(["--data", path, "--w0", "2", "--b0", "1", "--steps", "1"])
    #expect(t[0]["loss"] == 0 && t[1]["w"] == 2 && t[1]["b"] == 1)
    let clean = try trajectory(["--steps", "0"])
    let dirty = try trajectory(["--steps", "0", "--outliers", "3"])
    #expect(dirty[0]["loss"]! > clean[0]["loss"]!)
  }

  @Test func blowUpKeepsStepsAndFails() throws {
    let r = try Spawn.losslab(["descend", "--lr", "50", "--steps", "100", "--csv"])
    #expect(r.status == 1)
    let rows = r.stdout.split(separator: "\n").count - 1
    #expect(rows > 1 && rows < 101)
    #expect(r.stderr.hasPrefix("losslab: error: descent diverged after step"))
  }
}
