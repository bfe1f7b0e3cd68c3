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

    let list = Spawn.run([copy, "lesson", "--list"], timeout: .seconds(60))
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("kl-asymmetry"), "\(list.stdout)")
    #expect(list.stdout.split(separator: "\n").count >= 6, "\(list.stdout)")

    let card = Spawn.run([
      copy, "render", "distributions", "--keys", "e", "--width", "100", "--height", "30",
      "--color", "never",
    ], timeout: .seconds(60))
    #expect(card.status == 0, "\(card.stderr)")
    #expect(card.stdout.contains("KL divergence KL(P||Q)"), "\(card.stdout)")
  }
}
