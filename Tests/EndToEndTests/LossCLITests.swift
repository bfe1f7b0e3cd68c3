import Foundation
import Testing

/// `eval` with the losses added the new way, and the loss options' help and errors.
@Suite struct LossCLITests {
  func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
    let r = try Spawn.losslab(args)
    return (r.status, r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), r.stderr)
  }

  @Test func quantileWithTau() throws {
    let r = try run([
      "eval", "quantile", "--tau", "0.9", "--y-true", "1,2,3", "--y-pred", "1.5,1.5,1.5",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(abs(try #require(Double(r.out)) - 1.85 / 3) < 1e-11)  // eval prints 12 significant digits
    // The default τ = 0.5 is half of MAE (0.2 for this batch).
    let half = try run(["eval", "pinball", "--y-true", "1.1,2,1.7", "--y-pred", "1,1.7,1.5"])
    #expect(abs(try #require(Double(half.out)) - 0.1) < 1e-11)
  }

  @Test func focalMatchesKeras() throws {
    // keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True)([[0,1],[1,1]], [[.6,.4],[.8,.1]])
    let r = try run([
      "eval", "binary-focal-crossentropy", "--apply-class-balancing", "--y-true", "0,1;1,1",
      "--y-pred", "0.6,0.4;0.8,0.1",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(abs(try #require(Double(r.out)) - 0.19959239507978305) < 1e-11)
    let logits = try run([
      "eval", "focal", "--gamma", "1.5", "--alpha", "0.4", "--apply-class-balancing",
      "--from-logits", "--y-true", "1,0", "--y-pred=-2,3",
    ])
    #expect(abs(try #require(Double(logits.out)) - 1.2019305891916479) < 1e-11)
  }

  @Test func cosineFollowsKeras3() throws {
    let r = try run(["eval", "cosine-similarity", "--y-true", "1,0", "--y-pred", "1e-8,0"])
    #expect(r.out == "-0.1")
  }

  @Test func flatSparseLabels() throws {
    let p = "0.1,0.8,0.1;0.7,0.2,0.1;0.2,0.2,0.6"
    let flat = try run(["eval", "scce", "--y-true", "1,0,2", "--y-pred", p])
    let rows = try run(["eval", "scce", "--y-true", "1;0;2", "--y-pred", p])
    #expect(flat.status == 0 && flat.out == rows.out && !flat.out.isEmpty)
  }

  @Test func optionsForOtherLossesAreRefused() throws {
    let r = try run(["eval", "mse", "--tau", "0.3", "--y-true", "1", "--y-pred", "2"])
    #expect(r.status != 0)
    #expect(r.err.contains("--tau applies only to quantile, not mse"))
    let bad = try run(["eval", "quantile", "--tau", "1", "--y-true", "1", "--y-pred", "2"])
    #expect(bad.status != 0 && bad.err.contains("tau must lie strictly between 0 and 1"))
    let typo = try run(["eval", "quantil", "--y-true", "1", "--y-pred", "2"])
    #expect(typo.err.contains("did you mean 'quantile'?"))
  }

  @Test func helpListsTheLossesAndCompletionOffersThem() throws {
    let help = try run(["eval", "--help"])
    #expect(help.out.contains("quantile") && help.out.contains("focal"))
    let script = try run(["--generate-completion-script", "bash"])
    #expect(script.out.contains("binary-focal-crossentropy") && script.out.contains("pinball"))
  }

  @Test func descendFitsTheQuantile() throws {
    let r = try run(["descend", "--loss", "quantile", "--tau", "0.9", "--steps", "3", "--json"])
    #expect(r.status == 0, "\(r.err)")
    let wrong = try run(["descend", "--loss", "log-cosh"])
    #expect(wrong.status != 0 && wrong.err.contains("cannot fit a line"))
  }
}
