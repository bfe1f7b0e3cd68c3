import Foundation
import Testing

/// Bad `render` arguments: one line `losslab: error: …` on stderr naming what was wrong, a
/// non-zero exit and nothing on stdout.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct RenderErrorTests {
  /// Runs `losslab render ARGS`, checks the failure shape and returns the error line.
  func failure(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String
  {
    let r = try Spawn.losslab(["render"] + args)
    #expect(r.status != 0, "\(args) succeeded", sourceLocation: sourceLocation)
    #expect(r.status != -1, "\(args) timed out", sourceLocation: sourceLocation)
    #expect(r.stdout.isEmpty, "\(args) printed: \(r.stdout)", sourceLocation: sourceLocation)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(args) stderr: \(r.stderr)", sourceLocation: sourceLocation)
    #expect(
      r.stderr.hasPrefix("losslab: error: "), "\(args) stderr: \(r.stderr)",
      sourceLocation: sourceLocation)
    return String(lines.first ?? "")
  }

  @Test func badSizes() throws {
    #expect(try failure(["curves", "--width", "0"]).contains("--width"))
    #expect(try failure(["curves", "--width", "0"]).contains("0"))
    #expect(try failure(["contour", "--height=-3"]).contains("--height"))
    #expect(try failure(["contour", "--height=-3"]).contains("-3"))
    #expect(try failure(["distributions", "--width", "1001"]).contains("1001"))
    #expect(try failure(["curves", "--width", "wide"]).contains("wide"))
  }

  @Test func unknownView() throws {
    let line = try failure(["contur"])
    #expect(line.contains("'contur'"), "\(line)")
    #expect(line.contains("curves") && line.contains("distributions"), "\(line)")
    #expect(try failure([]).contains("view"))
  }

  @Test func badKeyName() throws {
    let line = try failure(["contour", "--keys", "Lefty"])
    #expect(line.contains("'Lefty'"), "\(line)")
    // The position is named when the bad key is not the first.
    let later = try failure(["contour", "--keys", "s s Upp"])
    #expect(later.contains("'Upp'") && later.contains("3"), "\(later)")
  }

  @Test func badDistributions() throws {
    let sum = try failure(["distributions", "--p", "0.5,0.6", "--q", "0.5,0.5"])
    #expect(sum.contains("--p") && sum.contains("1.1"), "\(sum)")
    let lengths = try failure(["distributions", "--p", "0.5,0.5", "--q", "0.2,0.3,0.5"])
    #expect(lengths.contains("2") && lengths.contains("3"), "\(lengths)")
    let word = try failure(["distributions", "--p", "0.5,half", "--q", "0.5,0.5"])
    #expect(word.contains("half"), "\(word)")
    #expect(try failure(["distributions", "--p", "0.5,0.5"]).contains("--q"))
  }

  @Test func badViewOptions() throws {
    #expect(try failure(["contour", "--loss", "hinge"]).contains("hinge"))
    #expect(try failure(["curves", "--loss", "nope"]).contains("nope"))
    #expect(try failure(["contour", "--optimizer", "adamm"]).contains("adamm"))
    #expect(try failure(["contour", "--lr", "0"]).contains("--lr"))
    #expect(try failure(["contour", "--color", "sometimes"]).contains("sometimes"))
  }
}
