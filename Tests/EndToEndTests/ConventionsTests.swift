import Foundation
import Testing

/// Command-line conventions: the version, exit codes, where output goes, help for every command.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct ConventionsTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The version of the newest `## [x.y.z]` heading of CHANGELOG.md.
  static func changelogVersion() throws -> String {
    let text = try String(
      contentsOf: packageRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
    for line in text.split(separator: "\n") where line.hasPrefix("## [") {
      let rest = line.dropFirst(4)
      guard let close = rest.firstIndex(of: "]") else { continue }
      let version = String(rest[..<close])
      if version.lowercased() != "unreleased" { return version }
    }
    throw SpawnError("CHANGELOG.md has no version heading")
  }

  @Test func versionMatchesTheChangelog() throws {
    let expected = try Self.changelogVersion()
    #expect(expected.split(separator: ".").count == 3, "not x.y.z: \(expected)")
    let r = try Spawn.losslab(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout == expected + "\n")
    #expect(r.stderr.isEmpty)
  }

  @Test(arguments: [
    ["--no-such-option"], ["render"], ["render", "contour", "--width"], ["eval"],
    ["render", "curves", "--width", "0"], ["no-such-command", "x"],
  ])
  func usageErrorsExitTwo(_ arguments: [String]) throws {
    let r = try Spawn.losslab(arguments)
    #expect(r.status == 2, "\(arguments): \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("losslab: error: "))
    #expect(r.stderr.filter { $0 == "\n" }.count == 1, "one line: \(r.stderr)")
  }

  @Test(arguments: [
    ["eval", "mse", "--y-true", "1,2", "--y-pred", "x"],
    ["render", "contour", "--scenario", "/no/such/file.json"],
    ["kl", "--p", "0.5,0.5", "--q", "1,-1"],
  ])
  func badInputExitsOne(_ arguments: [String]) throws {
    let r = try Spawn.losslab(arguments)
    #expect(r.status == 1, "\(arguments): \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("losslab: error: "))
  }

  /// Every subcommand the root help lists has its own help page through `losslab help NAME`.
  @Test func helpTopicForEverySubcommand() throws {
    let root = try Spawn.losslab(["--help"])
    #expect(root.status == 0)
    let lines = root.stdout.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex(of: "SUBCOMMANDS:"))
    var names: [String] = []
    for line in lines[(start + 1)...] {
      guard line.hasPrefix("  "), !line.hasPrefix("    ") else {
        if line.isEmpty { break } else { continue }
      }
      names.append(String(line.dropFirst(2).prefix { $0 != " " && $0 != "," }))
    }
    #expect(names.count >= 8, "\(names)")
    for name in names {
      let r = try Spawn.losslab(["help", name])
      #expect(r.status == 0, "help \(name): \(r.stderr)")
      #expect(r.stdout.contains("USAGE: losslab \(name)"), "help \(name)")
    }
  }
}
