import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Hostile input through the real binary: extreme numbers never print NaN, bad input gets a one-line
/// error (never a crash), and odd terminals (no UTF-8, 8 colours, none, too small) stay usable.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct HostileInputTests {
  /// A word "nan" / "-nan" / "NaN" (not inside a word such as "dominant").
  static func hasNaN(_ text: String) -> Bool {
    text.split(whereSeparator: { !$0.isLetter }).contains { $0.lowercased() == "nan" }
  }

  // MARK: extreme numbers

  @Test(arguments: [
    ["eval", "mse", "--y-true", "1e308,-1e308", "--y-pred", "-1e308,1e308"],
    ["eval", "mae", "--y-true", "1e308", "--y-pred", "-1e308"],
    ["eval", "huber", "--y-true", "1e308,-1e308", "--y-pred", "-1e308,1e308"],
    ["eval", "log-cosh", "--y-true", "1e308", "--y-pred", "-1e308"],
    ["eval", "msle", "--y-true", "1e308", "--y-pred", "1e-308"],
    ["eval", "mape", "--y-true", "1e-308", "--y-pred", "1e308"],
    ["eval", "hinge", "--y-true", "1,-1", "--y-pred", "1e308,1e308"],
    ["eval", "squared-hinge", "--y-true", "1,-1", "--y-pred", "1e308,1e308"],
    ["eval", "bce", "--y-true", "1,0", "--y-pred", "1e-308,1"],
    ["eval", "bce", "--y-true", "1,0", "--y-pred", "1e308,-1e308", "--from-logits"],
    ["eval", "cce", "--y-true", "0,1", "--y-pred", "1e308,1e-308"],
    ["eval", "kl", "--y-true", "1e-308,1", "--y-pred", "1,1e-308"],
    ["eval", "cosine-similarity", "--y-true", "1e308,1e308", "--y-pred", "1e-308,1e-308"],
    ["eval", "mse", "--y-true", "1e308", "--y-pred", "-1e308", "--json"],
    ["kl", "--p", "1e-308,1", "--q", "1,1e-308"],
    ["kl", "--p", "1,0", "--q", "0,1", "--json"],
    ["descend", "--lr", "1e6", "--steps", "20"],
    ["descend", "--lr", "1e6", "--steps", "50", "--optimizer", "adam", "--json"],
    ["descend", "--lr", "1e-308", "--steps", "3", "--csv"],
    ["descend", "--loss", "huber", "--lr", "1e300", "--steps", "10"],
    ["render", "contour", "--lr", "1e6", "--keys", "s s s s"],
    ["render", "contour", "--lr", "1e6", "--optimizer", "adam", "--keys", "c s s s s s s"],
    [
      "render", "contour", "--lr", "1e6", "--loss", "mae", "--keys",
      "r s s s s s s s s s s s s s s s s s s s s",
    ],
    ["render", "contour", "--lr", "1e-6", "--keys", "s s s"],
    ["render", "contour", "--noise", "1e6", "--loss", "huber", "--keys", "s s"],
    ["render", "contour", "--points", "20000", "--loss", "huber", "--keys", "s"],
    [
      "render", "curves", "--keys",
      "+ + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + + y g",
    ],
    [
      "render", "curves",
      "--keys=- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - y g",
    ],
    ["render", "distributions", "--p", "1e-308,1", "--q", "1,1e-308", "--keys", "b s"],
  ])
  func extremeNumbersNeverPrintNaN(arguments: [String]) throws {
    let r = try Spawn.losslab(arguments)
    let all = r.stdout + r.stderr
    #expect(r.status >= 0 && r.status < 128, "\(arguments) → status \(r.status)\n\(r.stderr)")
    #expect(!Self.hasNaN(all), "\(arguments) printed NaN:\n\(all)")
    if r.status != 0 {
      // A refusal is a clear one-line error.
      #expect(r.stderr.hasPrefix("losslab: error: "), "\(arguments):\n\(r.stderr)")
    }
  }

  @Test func divergingDescentIsLabelled() throws {
    let d = try Spawn.losslab(["descend", "--lr", "1e6", "--steps", "20"])
    #expect(d.status == 1)
    #expect(d.stderr.contains("diverged"), "\(d.stderr)")
    let r = try Spawn.losslab(["render", "contour", "--lr", "1e6", "--keys", "s s s s"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("diverging"), "\(r.stdout)")
  }

  /// Inputs that used to print "nan" (issue 9 follow-up): now a value, `inf`, or a clear one-line error.
  @Test(arguments: [
    ["eval", "cce", "--y-true", "1,0", "--y-pred", "1e308,-1e308", "--from-logits"],  // 0·(−inf) in log-softmax
    ["eval", "cce", "--y-true", "1,0", "--y-pred", "0,0"],  // predictions summing to 0: 0/0
    ["eval", "scce", "--y-true", "1", "--y-pred", "0,0"],
    ["eval", "categorical-hinge", "--y-true", "1e308,-1e308", "--y-pred", "1e308,1e308"],  // inf − inf
    ["eval", "poisson", "--y-true", "1", "--y-pred", "-1"],  // log of a negative prediction
    ["eval", "huber", "--y-true", "1e308", "--y-pred", "-1e308", "--delta", "1e308"],  // δ|e| − ½δ² = inf − inf
    ["descend", "--noise", "1e308", "--steps", "3"],  // grad_w prints -nan before the divergence error
  ])
  func formerNaNOutputs(arguments: [String]) throws {
    let r = try Spawn.losslab(arguments)
    #expect(r.status >= 0 && r.status < 128, "\(arguments) → status \(r.status)")
    #expect(!Self.hasNaN(r.stdout + r.stderr), "\(arguments):\n\(r.stdout)\(r.stderr)")
    if r.status != 0 {
      #expect(
        r.stderr.hasPrefix("losslab: error: ") && r.stderr.split(separator: "\n").count == 1,
        "\(arguments):\n\(r.stderr)")
    }
  }

  /// The exact outcome of each former NaN: a number, `inf`, or an error naming what was wrong.
  @Test(arguments: [
    (["eval", "cce", "--y-true", "1,0", "--y-pred", "1e308,-1e308", "--from-logits"], "0\n", ""),
    (
      ["eval", "cce", "--y-true", "1,0", "--y-pred", "0,0"], "",
      "y_pred sample 1 sums to 0; categorical cross-entropy needs probabilities"
    ),
    (
      ["eval", "scce", "--y-true", "1;0", "--y-pred", "1,2;0,0"], "",
      "y_pred sample 2 sums to 0; categorical cross-entropy needs probabilities"
    ),
    (
      ["eval", "categorical-hinge", "--y-true", "1e308,-1e308", "--y-pred", "1e308,1e308"], "inf\n",
      ""
    ),
    (
      ["eval", "poisson", "--y-true", "1", "--y-pred", "-1"], "",
      "y_pred sample 1: prediction -1 is negative; poisson needs predictions >= 0"
    ),
    (
      ["eval", "huber", "--y-true", "1e308", "--y-pred", "-1e308", "--delta", "1e308"], "inf\n", ""
    ),
    (
      ["descend", "--noise", "1e308", "--steps", "3"], "",
      "noise must be at most 1e100 (larger values overflow the loss), got 1e308"
    ),
  ])
  func formerNaNOutcomes(arguments: [String], stdout: String, error: String) throws {
    let r = try Spawn.losslab(arguments)
    #expect(r.stdout == stdout, "\(arguments): \(r.stdout)\(r.stderr)")
    if error.isEmpty {
      #expect(r.status == 0 && r.stderr.isEmpty, "\(arguments): \(r.stderr)")
    } else {
      #expect(
        r.status == 1 && r.stderr == "losslab: error: \(error)\n", "\(arguments): \(r.stderr)")
    }
  }

  /// Regression (Distributions, --normalize): the sum of huge entries overflowed to inf, so P became
  /// [0, 0] and the entropy read 0 instead of 1 bit.
  @Test func normalizeOverflow() throws {
    let r = try Spawn.losslab(["kl", "--p", "1e308,1e308", "--q", "1,1", "--normalize"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("entropy_p         1\n"), "\(r.stdout)")
  }

  /// `render contour --points 1000000` from the issue. In a debug build it takes minutes (the MAE and
  /// Huber minima of the readout are found with O(points) work per iteration, several times at start),
  /// so it only runs with LOSSLAB_SLOW_TESTS=1.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["LOSSLAB_SLOW_TESTS"] == "1"))
  func millionPoints() throws {
    let r = try Spawn.losslab(["render", "contour", "--points", "1000000", "--keys", "s s"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!Self.hasNaN(r.stdout))
    #expect(r.stdout.contains("step 2"))
  }

  // MARK: bad input

  @Test(arguments: [
    (["eval", "mse", "--y-true", "1e309", "--y-pred", "1"], "'1e309' is not a finite number"),
    (["eval", "mse", "--y-true", "nan", "--y-pred", "1"], "'nan' is not a finite number"),
    (["eval", "mse", "--y-true", "1\n2", "--y-pred", "1"], #"'1\n2' is not a number"#),
    (["eval", "mse", "--y-true", "1,,2", "--y-pred", "1,1,2"], "missing number"),
    (["eval", "nonsense", "--y-true", "1", "--y-pred", "1"], "nonsense"),
    (["descend", "--lr", "nan"], "--lr must be a positive number"),
    (["descend", "--lr", "-1"], "--lr must be a positive number"),
    (["descend", "--lr", "inf"], "--lr must be a positive number"),
    (["render", "contour", "--points", "0"], "points must be between"),
    (["render", "contour", "--points", "1000000000"], "points must be between"),
    (["render", "contour", "--w0", "1e308"], "--w0 must be a finite number"),
    (["descend", "--data", "/"], "/: is a directory"),
    (["descend", "--data", "/nonexistent/x.csv"], "no such file"),
    (["render", "curves", "--width", "0"], "--width must be from 1"),
    (["render", "curves", "--height", "100000"], "--height must be from 1"),
    (["render", "contour", "--keys", "s C-İ"], "unknown key name 'C-İ' (key 2)"),
    (["render", "contour", "--keys", "F+1"], "unknown key name 'F+1'"),
    (["render", "contour", "--scenario", "/nonexistent.json"], "no such file"),
    (["kl", "--p", "0.5,0.5", "--q", "1,0", "--base", "7"], "--base must be"),
    (["lesson", "no-such-lesson"], "no-such-lesson"),
  ])
  func badInputGetsAOneLineError(arguments: [String], message: String) throws {
    let r = try Spawn.losslab(arguments)
    #expect(r.status > 0 && r.status < 128, "\(arguments) → status \(r.status)\n\(r.stderr)")
    #expect(r.stdout.isEmpty, "\(arguments) printed: \(r.stdout)")
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(arguments): not one line:\n\(r.stderr)")
    #expect(r.stderr.hasPrefix("losslab: error: "), "\(r.stderr)")
    #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
  }

  @Test func hostileFilesGetAnErrorNamingTheFileAndLine() throws {
    let scratch = try ScratchDirectory()
    let files: [(String, Data, String)] = [
      ("binary.csv", Data([0xFF, 0xFE, 0x00, 0x31, 0x2C]), "binary.csv: not UTF-8 text"),
      ("short.csv", Data("x,y\n1,2\n".utf8), "short.csv: only one data row (line 2)"),
      (
        "bad.csv", Data("x,y\r\n0,3\r\n1,abc\r\n".utf8),
        "bad.csv:3: 'y' (column 2): 'abc' is not a number"
      ),
      (
        "huge.csv", Data("0,1\n1,1e400\n".utf8),
        "huge.csv:2: column 2: '1e400' is not a finite number"
      ),
    ]
    for (name, data, message) in files {
      try data.write(to: URL(fileURLWithPath: scratch.path + "/" + name))
      let r = try Spawn.losslab(["descend", "--data", scratch.path + "/" + name, "--steps", "1"])
      #expect(r.status == 1, "\(name): \(r.status)")
      #expect(
        r.stderr.split(separator: "\n").count == 1 && r.stderr.contains(message),
        "\(name): \(r.stderr)")
    }
    let scenarios: [(String, String, String)] = [
      (
        "deep.json", String(repeating: "[", count: 10_000),
        "deep.json:1:513: not valid JSON: too many nested arrays or dictionaries"
      ),
      (
        "ctrl.json", "{\n\"view\": \"a\u{1B}b\"}",
        "ctrl.json:2:11: not valid JSON: unescaped control character, found byte 0x1b"
      ),
      (
        "trunc.json", "{\"contour\": {\"rate\": 0.1",
        "trunc.json:1:25: not valid JSON: unexpected end of file"
      ),
      (
        "zero.json", "{\n\"contour\": {\"steps\": 01}}",
        "zero.json:2:22: not valid JSON: number with leading zero, found '0'"
      ),
    ]
    for (name, text, message) in scenarios {
      try text.write(toFile: scratch.path + "/" + name, atomically: true, encoding: .utf8)
      let r = try Spawn.losslab(["render", "contour", "--scenario", scratch.path + "/" + name])
      #expect(r.status == 1, "\(name): \(r.status)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(name): \(r.stderr)")
      #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
    }
  }

  /// Regression (LineData.csv): a CSV file with Windows line ends was read as one line.
  @Test func windowsLineEndsInACSVFile() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/w.csv"
    try "x,y\r\n0,3\r\n1,5\r\n2,7\r\n".write(toFile: path, atomically: true, encoding: .utf8)
    let r = try Spawn.losslab(["descend", "--data", path, "--steps", "0", "--csv"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("step,w,b,loss,grad_w,grad_b,rate\n"), "\(r.stdout)")
  }

  // MARK: terminals

  func startApp(_ env: String, width: Int = 100, height: Int = 30) throws -> TmuxSession {
    let binary = LosslabBinary.path ?? "losslab"
    return try TmuxSession.start(
      command: "env \(env) '\(binary)'; echo status=$?; exec sleep 60", width: width, height: height
    )
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  func withoutUTF8TheAppDrawsInASCII() throws {
    let s = try startApp("-u LC_ALL -u LC_CTYPE LANG=C")
    defer { s.close() }
    for key in ["", "2", "3", "e"] {
      if !key.isEmpty { s.send(keys: [key]) }
      let (ok, screen) = s.waitUntil {
        $0.contains(" quit") && (key != "2" || $0.contains("step 0"))
      }
      #expect(ok, "\(screen)")
      let odd = screen.unicodeScalars.filter { !$0.isASCII }
      #expect(
        odd.isEmpty,
        "non-ASCII after '\(key)': \(String(String.UnicodeScalarView(odd)).prefix(20))\n\(screen)")
    }
    s.send(keys: ["1"])  // in Distributions q edits Q
    _ = s.waitUntil { $0.contains("q quit") }
    s.send(keys: ["q"])
    #expect(s.waitUntil { $0.contains("status=0") }.ok)
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"), arguments: ["xterm", "vt100"])
  func fewOrNoColoursStayUsable(term: String) throws {
    let s = try startApp("TERM=\(term)")
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("q quit") && $0.contains("Curves") }.ok, "\(s.capture())")
    s.send(keys: ["2", "s", "s"])
    let (ok, screen) = s.waitUntil { $0.contains("step 2") }
    #expect(ok, "\(screen)")
    let escapes = s.capture(escapes: true)
    #expect(!escapes.contains("38;5;"), "256-colour codes on \(term)")
    if term == "vt100" {
      // No colour at all: no SGR foreground/background colour (30–38, 40–48; 39/49 are the defaults).
      let colour = try Regex(#"\x1b\[(?:[0-9]*;)*(?:3[0-8]|4[0-8])(?:;[0-9]*)*m"#)
      #expect(escapes.firstMatch(of: colour) == nil, "colour codes on vt100")
    }
    s.send(keys: ["q"])
    #expect(s.waitUntil { $0.contains("status=0") }.ok, "\(s.capture())")
  }

  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  func aSmallTerminalAsksForMoreRoom() throws {
    let s = try startApp("", width: 36, height: 10)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("make the window at least 40×12") }
    #expect(ok, "\(screen)")
    s.send(keys: ["2"])
    #expect(s.waitUntil { $0.contains("make the window at least 60×16") }.ok, "\(s.capture())")
    // 1×1 shows nothing to wait for, but the app repaints: wait for its output after the resize.
    let scratch = try ScratchDirectory()
    let log = scratch.path + "/output"
    s.logOutput(to: log)
    s.resize(width: 1, height: 1)
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(8))
    while (scratch.read("output") ?? "").isEmpty && clock.now < deadline { usleep(20_000) }
    #expect(!(scratch.read("output") ?? "").isEmpty, "no repaint at 1×1")
    s.resize(width: 100, height: 30)
    #expect(
      s.waitUntil { $0.contains("step 0") && !$0.contains("make the window") }.ok, "\(s.capture())")
    s.send(keys: ["q"])
    #expect(s.waitUntil { $0.contains("status=0") }.ok, "\(s.capture())")
  }
}
