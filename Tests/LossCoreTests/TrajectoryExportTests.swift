import Foundation
import LossCore
import Testing

@Suite struct TrajectoryExportTests {
  func descent(_ kind: OptimizerKind) throws -> Descent {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    var d = Descent(
      objective: objective, optimizer: kind, learningRate: 0.1,
      schedule: .inverseTime(decaySteps: 1, decayRate: 1, staircase: false), w0: 0.5, b0: 1.5)
    d.run(steps: 3)
    return d
  }

  @Test func csvHasAColumnPerSlotAndParameter() throws {
    let d = try descent(.adam)
    let rows = d.exportCSV().split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(
      rows[0] == ["step", "w", "b", "loss", "grad_w", "grad_b", "rate", "m_w", "m_b", "v_w", "v_b"])
    #expect(rows.count == 5 && rows.allSatisfy { $0.count == 11 })
    #expect(rows[1][6] == "" && rows[1][7] == "0.0")
    // Inverse-time decay with rate 1 per step: steps 1, 2, 3 use 0.1/1, 0.1/2, 0.1/3.
    #expect(rows[2][6] == "\(0.1)" && rows[3][6] == "\(0.1 / 2)" && rows[4][6] == "\(0.1 / 3)")
    let m = d.optimizerState(afterStep: 3).slot("m")!
    #expect(rows[4][7] == "\(m[0])" && rows[4][8] == "\(m[1])")
    #expect(Double(rows[4][1]) == d.trajectory[3].w)
  }

  @Test func jsonReadsBackToTheRun() throws {
    let d = try descent(.adadelta)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(d.exportJSON().utf8)) as? [String: Any])
    #expect(object["optimizer"] as? String == "adadelta")
    #expect(
      object["schedule"] as? String == "inverse-time:decay_steps=1,decay_rate=1,staircase=false")
    #expect(object["weight_decay"] is NSNull)
    let steps = try #require(object["trajectory"] as? [[String: Any]])
    #expect(steps.count == 4)
    let slots = try #require(steps[2]["slots"] as? [String: [Double]])
    let state = d.optimizerState(afterStep: 2)
    // (Foundation's JSON reader on Linux can be one ulp off, so compare to 1e-15.)
    func close(_ a: [Double]?, _ b: [Double]?) -> Bool {
      guard let a, let b, a.count == b.count else { return false }
      return zip(a, b).allSatisfy { abs($0 - $1) <= 1e-15 * abs($1) }
    }
    #expect(close(slots["accumulated_grad"], state.slot("accumulated_grad")))
    #expect(close(slots["accumulated_delta"], state.slot("accumulated_delta")))
    #expect(close([steps[3]["w"] as? Double ?? 0], [d.trajectory[3].w]))
  }
}
