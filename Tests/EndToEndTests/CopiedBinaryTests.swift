import Foundation
import Testing

/// The lessons and cards are compiled into the binary: a copy of the binary alone, run from
/// another folder, still has them.
@Suite struct CopiedBinaryTests {
  @Test func aCopiedBinaryKeepsItsLessonsAndCards() throws {
    let original = try #require(LosslabBinary.path, "build losslab first")
    let scratch = try ScratchDirectory()
    let copy = scratch.path + "/losslab"
    try FileManager.default.copyItem(atPath: original, toPath: copy)
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["losslab"])

    let list = runFreshCopy([copy, "lesson", "--list"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("kl-asymmetry"), "\(list.stdout)")
    #expect(list.stdout.split(separator: "\n").count >= 6, "\(list.stdout)")

    let card = runFreshCopy([
      copy, "render", "distributions", "--keys", "e", "--width", "100", "--height", "30",
      "--color", "never",
    ])
    #expect(card.status == 0, "\(card.stderr)")
    #expect(card.stdout.contains("KL divergence KL(P||Q)"), "\(card.stdout)")
  }
}

/// Runs a binary that was just written. Other tests in this process spawn children all the time,
/// and a child forked while the copy was open for writing holds that descriptor until it execs, so
/// `posix_spawn` of the copy can fail with ETXTBSY ("could not start"). That is a property of
/// multi-threaded test processes, not of losslab: try again until the spawn itself succeeds (at
/// most 10 s); the result is then whatever the binary did.
private func runFreshCopy(_ argv: [String]) -> Spawn.Output {
  var result = Spawn.run(argv, timeout: .seconds(60))
  let clock = ContinuousClock()
  let deadline = clock.now.advanced(by: .seconds(10))
  while result.status == -1, result.stderr.hasPrefix("could not start"), clock.now < deadline {
    usleep(20_000)
    result = Spawn.run(argv, timeout: .seconds(60))
  }
  return result
}
