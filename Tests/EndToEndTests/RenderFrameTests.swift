import Foundation
import Testing

/// The shape of what `losslab render` prints: exactly H lines of at most W columns, ASCII when
/// asked, colour escapes only when wanted.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct RenderFrameTests {
  static let views = ["curves", "contour", "distributions"]
  static let sizes = [(1, 1), (20, 5), (39, 11), (40, 12), (60, 16), (80, 24), (200, 60)]

  /// The lines of a frame: the output must end with a newline, which is not a line of its own.
  static func lines(_ output: String) -> [Substring] {
    #expect(output.hasSuffix("\n"), "no final newline: \(output.suffix(20).debugDescription)")
    return output.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
  }

  @Test(arguments: views)
  func exactlyHLinesOfAtMostWColumns(view: String) throws {
    for (width, height) in Self.sizes {
      for ascii in [false, true] {
        let args =
          ["render", view, "--width", "\(width)", "--height", "\(height)"]
          + (ascii ? ["--ascii"] : [])
        let r = try Spawn.losslab(args)
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(r.stderr.isEmpty, "\(args): \(r.stderr)")
        let lines = Self.lines(r.stdout)
        #expect(lines.count == height, "\(args): \(lines.count) lines\n\(r.stdout)")
        // Every glyph losslab draws is one column wide, so columns = Unicode scalars.
        let widest = lines.map { $0.unicodeScalars.count }.max() ?? 0
        #expect(widest <= width, "\(args): a line of \(widest) columns\n\(r.stdout)")
        #expect(!r.stdout.contains("\u{1b}"), "\(args): escapes in a file")
        if ascii {
          #expect(
            r.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "\(args): non-ASCII\n\(r.stdout)")
        }
      }
    }
  }

  @Test(arguments: views)
  func fullSizeFramesShowTheTopBarAndUseUnicode(view: String) throws {
    let r = try Spawn.losslab(["render", view])
    #expect(r.status == 0)
    let lines = Self.lines(r.stdout)
    #expect(lines.count == 24)
    #expect(lines.first?.contains("1 Curves") == true, "\(r.stdout)")
    // Without --ascii the frame uses box drawing, braille or block glyphs.
    #expect(r.stdout.unicodeScalars.contains { !$0.isASCII }, "\(r.stdout)")
  }

  @Test func aFrameTooSmallForTheViewSaysWhatItNeeds() throws {
    // The contour view needs 60×16.
    let r = try Spawn.losslab(["render", "contour", "--width", "59", "--height", "16"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("make the window at least 60×16"), "\(r.stdout)")
    let ok = try Spawn.losslab(["render", "contour", "--width", "60", "--height", "16"])
    #expect(!ok.stdout.contains("make the window"), "\(ok.stdout)")
    #expect(ok.stdout.contains("step 0"), "\(ok.stdout)")
    let ascii = try Spawn.losslab([
      "render", "contour", "--width", "40", "--height", "12", "--ascii",
    ])
    #expect(ascii.stdout.contains("make the window at least 60x16"), "\(ascii.stdout)")
  }

  /// The message wraps on a narrow frame; all of it must still be there.
  @Test func theTooSmallMessageKeepsTheSizeWhenItWraps() throws {
    let r = try Spawn.losslab(["render", "contour", "--width", "20", "--height", "5"])
    #expect(r.status == 0)
    let text = r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    #expect(text.contains("make the window at least 60×16"), "\(r.stdout)")
    #expect(text.contains("now 20×5"), "\(r.stdout)")
  }

  @Test(arguments: views)
  func colorAlwaysWritesEscapesAndNeverNone(view: String) throws {
    let always = try Spawn.losslab(["render", view, "--color", "always"])
    #expect(always.status == 0)
    #expect(always.stdout.contains("\u{1b}["), "\(always.stdout)")
    #expect(always.stdout.contains("38;5;"), "no 256-colour foreground")
    // Escapes take no columns: the frame is still 24 lines.
    #expect(Self.lines(always.stdout).count == 24)
    // Without the escapes the coloured frame has the plain frame's characters (glyphs that
    // only mark curves where there is no colour may differ).
    let stripped = always.stdout.replacing(#/\x1b\[[0-9;]*m/#, with: "")
    #expect(!stripped.contains("\u{1b}"), "an escape that is not SGR")
    #expect(
      Self.lines(stripped).allSatisfy { $0.unicodeScalars.count <= 80 }, "\(stripped)")

    for choice in ["never", "auto"] {
      let r = try Spawn.losslab(["render", view, "--color", choice])
      #expect(r.status == 0)
      #expect(!r.stdout.contains("\u{1b}"), "--color \(choice) wrote escapes to a file")
    }
    // An explicit --color always wins over NO_COLOR, as the help says.
    let forced = try Spawn.losslab(["render", view, "--color", "always"], env: ["NO_COLOR": "1"])
    #expect(forced.stdout.contains("\u{1b}["))
    // --ascii with colour: escapes, but every other character ASCII.
    let asciiColour = try Spawn.losslab(["render", view, "--color", "always", "--ascii"])
    #expect(asciiColour.stdout.contains("\u{1b}["))
    #expect(asciiColour.stdout.unicodeScalars.allSatisfy { $0.isASCII })
  }
}

/// `--color auto` on a terminal: colour unless NO_COLOR is set.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct RenderColorOnTerminalTests {
  /// Runs `render curves --color auto` on the tmux pane and returns the screen with escapes.
  /// `swift test` itself sets NO_COLOR=1, so the command first clears it.
  func screen(noColor: String?) throws -> String {
    let binary = try #require(LosslabBinary.path)
    let set = noColor.map { "NO_COLOR=\(shellQuoted($0)) " } ?? ""
    let s = try TmuxSession.start(
      command:
        "unset NO_COLOR; \(set)\(shellQuoted(binary)) render curves --color auto; echo END; exec sleep 60",
      width: 100, height: 30)
    defer { s.close() }
    let (ok, plain) = s.waitUntil { $0.contains("END") }
    #expect(ok, "\(plain)")
    #expect(plain.contains("1 Curves"), "\(plain)")
    return s.capture(escapes: true)
  }

  @Test func autoColoursATerminal() throws {
    let screen = try screen(noColor: nil)
    #expect(screen.contains("\u{1b}[38;5;"), "\(screen.debugDescription)")
  }

  @Test(arguments: ["1", "yes"])
  func noColorTurnsItOff(value: String) throws {
    let screen = try screen(noColor: value)
    #expect(!screen.contains("\u{1b}["), "\(screen.debugDescription)")
  }
}
