import ArgumentParser
import LossCore

/// `losslab kl`: entropy, cross-entropy, KL and Jensen–Shannon of two distributions.
struct KL: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kl",
    abstract:
      "Compare two discrete distributions: entropy, cross-entropy, KL both ways, Jensen–Shannon.",
    discussion: """
      Information-theory semantics (no Keras clipping): 0·log 0 = 0, and a zero in Q where P > 0 makes \
      KL(P‖Q) infinite (printed inf; in JSON the string "inf"). P and Q must be non-negative and sum to 1 \
      (within 1e-6) unless --normalize rescales them.

      Examples:
        losslab kl --p 0.1,0.4,0.5 --q 0.8,0.15,0.05
        losslab kl --p 0.1,0.4,0.5 --q 0.8,0.15,0.05 --base e --json
        losslab kl --p 1,4,5 --q 16,3,1 --normalize
      """)

  @Option(
    name: .customLong("p"), parsing: .unconditional, help: "Distribution P, e.g. \"0.1,0.4,0.5\".")
  var p: String

  @Option(
    name: .customLong("q"), parsing: .unconditional, help: "Distribution Q, e.g. \"0.8,0.15,0.05\"."
  )
  var q: String

  @Option(
    help: "Logarithm base: 2 (bits), e (nats) or 10 (dits).", completion: .list(["2", "e", "10"]))
  var base: String = "2"

  @Flag(help: "Rescale P and Q to sum to 1.")
  var normalize = false

  @Flag(help: "Print the results as one JSON object.")
  var json = false

  func run() throws {
    guard let logBase = LogBase(rawValue: base.lowercased()) else {
      throw LossCoreError("--base must be 2, e or 10, got '\(base)'")
    }
    let p = try distribution(self.p, name: "--p")
    let q = try distribution(self.q, name: "--q")
    guard p.count == q.count else {
      throw LossCoreError("--p has \(p.count) values but --q has \(q.count)")
    }
    let r = Distributions.report(p: p, q: q, base: logBase)
    let rows: [(String, Double)] = [
      ("entropy_p", r.entropyP), ("entropy_q", r.entropyQ),
      ("cross_entropy_pq", r.crossEntropyPQ), ("cross_entropy_qp", r.crossEntropyQP),
      ("kl_pq", r.klPQ), ("kl_qp", r.klQP),
      ("js_divergence", r.jsDivergence), ("js_distance", r.jsDistance),
    ]
    if json {
      var fields = ["\"base\": \(jsonString(logBase.rawValue))"]
      fields += rows.map { "\(jsonString($0.0)): \(jsonNumber($0.1))" }
      fields.append("\"contributions_pq\": \(jsonArray(r.contributionsPQ))")
      print("{" + fields.joined(separator: ", ") + "}")
    } else {
      print("base              \(logBase.rawValue) (\(logBase.unit))")
      for (name, value) in rows {
        print(name.padded(to: 18) + short(value))
      }
      print("contributions_pq  " + r.contributionsPQ.map(short).joined(separator: ", "))
    }
  }

  private func distribution(_ text: String, name: String) throws(LossCoreError) -> [Double] {
    let rows = try NumberList.parse(text, name: name)
    guard rows.count == 1 else {
      throw LossCoreError(
        "\(name): one distribution expected (separate values with commas, not semicolons)")
    }
    return try Distributions.validated(rows[0], name: name, normalize: normalize)
  }
}
