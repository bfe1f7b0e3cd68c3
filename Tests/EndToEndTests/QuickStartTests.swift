import Foundation
import Testing

/// The common command lines are read without ArgumentParser (`QuickStart`); these check that they
/// come out exactly as ArgumentParser's reading of the same line does. ArgumentParser takes the view
/// anywhere among the options, the quick reader only first, so `render OPTIONS VIEW` is the same
/// line read by ArgumentParser: output, errors and exit status must match byte for byte.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct QuickStartTests {
  /// `render VIEW ARGS` and `render ARGS VIEW` give the same output, errors and exit status.
  func expectSame(
    _ view: String, _ args: [String], env: [String: String?] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> SpawnResult {
    let quick = try Spawn.losslab(["render", view] + args, env: env)
    let parsed = try Spawn.losslab(["render"] + args + [view], env: env)
    #expect(quick.status == parsed.status, "\(args)", sourceLocation: sourceLocation)
    #expect(quick.stdout == parsed.stdout, "\(args)", sourceLocation: sourceLocation)
    #expect(quick.stderr == parsed.stderr, "\(args)", sourceLocation: sourceLocation)
    return quick
  }

  @Test func commonRendersMatchArgumentParser() throws {
    let lines: [(String, [String])] = [
      ("contour", ["--width", "200", "--height", "60"]),
      ("contour", ["--width=120", "--height=40", "--color", "always", "--keys", "s s s"]),
      ("curves", ["--ascii", "--width", "90"]),
      ("dist", ["--blocks", "--height", "30", "--color=never"]),
      ("Distributions", ["--format", "html", "--theme", "light"]),
      ("contours", ["--format=svg", "--width", "60", "--height", "20"]),
      ("curve", ["--keys", "Right Right Up", "--theme=dark", "--color", "always"]),
    ]
    for (view, args) in lines {
      let r = try expectSame(view, args)
      #expect(r.status == 0, "\(view) \(args): \(r.stderr)")
      #expect(!r.stdout.isEmpty, "\(view) \(args)")
    }
    // The frame really is the size asked for (so the options were read, not dropped).
    let r = try expectSame("contour", ["--width", "97", "--height", "31"])
    let rows = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(rows.count == 31)
    #expect(rows.allSatisfy { $0.count <= 97 } && rows.contains { $0.count > 80 })
    // Lines ArgumentParser also takes, read by it (a repeated option or flag: the quick reader
    // leaves those alone).
    _ = try expectSame("contour", ["--width", "80", "--width", "90", "--ascii", "--ascii"])
  }

  /// Environment that the options read (`LOSSLAB_THEME`, `NO_COLOR`) acts the same on both paths.
  @Test func environmentMatches() throws {
    _ = try expectSame("contour", ["--color", "always"], env: ["LOSSLAB_THEME": "light"])
    let bad = try expectSame("curves", [], env: ["LOSSLAB_THEME": "purple"])
    #expect(bad.status == 2 && bad.stderr.contains("LOSSLAB_THEME"), "\(bad.stderr)")
    _ = try expectSame("dist", ["--format", "svg"], env: ["NO_COLOR": "1"])
  }

  /// Lines near the quick shapes are left to ArgumentParser, which refuses them in its own words:
  /// a usage error (status 2) with the pointer to `losslab help` that only its errors get.
  @Test func oddLinesAreLeftToArgumentParser() throws {
    let refused: [[String]] = [
      ["contour", "--width", "0"],
      ["contour", "--width", "1001"],
      ["contour", "--keys", "--ascii", "s"],
      ["contour", "--color", "Always"],
      ["contour", "--ascii=true"],
      ["contour", "--theme"],
      ["contour", "--wdth", "80"],
      ["contour", "--format", "png"],
      ["contour", "extra"],
    ]
    for line in refused {
      let r = try Spawn.losslab(["render"] + line)
      #expect(r.status == 2, "\(line): \(r.stderr)")
      #expect(r.stdout.isEmpty, "\(line)")
      #expect(r.stderr.hasPrefix("losslab: error: "), "\(line): \(r.stderr)")
      #expect(r.stderr.hasSuffix(" (see 'losslab help')\n"), "\(line): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(line): \(r.stderr)")
    }
    // `--width +80` is a number to ArgumentParser: accepted there, so also when the view comes first.
    let plus = try Spawn.losslab(["render", "curves", "--width", "+80", "--height", "5"])
    let plain = try Spawn.losslab(["render", "curves", "--width", "80", "--height", "5"])
    #expect(plus.status == 0 && plus.stdout == plain.stdout, "\(plus.stderr)")
  }

  /// The app's quick lines without a terminal: the same one-line error and exit status 2 as
  /// ArgumentParser's reading (a line with `--scenario` is never read quickly).
  @Test func appWithoutTerminal() throws {
    let quick = try Spawn.losslab(["contour", "--ascii"])
    #expect(quick.status == 2)
    #expect(quick.stderr.hasPrefix("losslab: error: ") && quick.stderr.contains("terminal"))
    let lines: [[String]] = [
      [], ["curves"], ["dist", "--no-color"], ["--blocks", "--theme", "dark"],
    ]
    for line in lines {
      let r = try Spawn.losslab(line)
      #expect(r.status == quick.status && r.stderr == quick.stderr, "\(line): \(r.stderr)")
    }
    let bad = try Spawn.losslab(["contour", "--theme", "purple"])
    #expect(bad.status == 2 && bad.stderr.contains("purple"), "\(bad.stderr)")
    #expect(bad.stderr.split(separator: "\n").count == 1)
  }
}
