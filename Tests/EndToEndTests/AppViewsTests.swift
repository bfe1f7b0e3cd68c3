import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `losslab` with no arguments, driven by keys in tmux: the three views, the cursor, help,
/// resizing below the minimum size and back, and quitting with the terminal restored.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppViewsTests {
  /// The cursor position the curves panel names (`at ŷ = X`).
  static func cursor(_ screen: String) -> Double? {
    screen.firstMatch(of: #/at ŷ = (-?\d+\.\d+)/#).flatMap { Double($0.1) }
  }

  /// The value the panel shows for BCE with target 0.
  static func bce0(_ screen: String) -> String? {
    screen.firstMatch(of: #/BCE \(?y=0\)?\s+(\d+\.\d{3})/#).map { String($0.1) }
  }

  @Test(arguments: [(80, 24), (200, 60)])
  func walkThroughTheViews(width: Int, height: Int) throws {
    let app = try AppRun.start(width: width, height: height)
    defer { app.close() }

    // Curves: top bar, and BCE(y=0) at the default cursor ŷ = 0.3 is −ln(0.7) = 0.357.
    var screen = app.expectScreen("the curves view") {
      $0.contains("1 Curves") && Self.bce0($0) != nil
    }
    #expect(screen.contains("2 Contour") && screen.contains("3 Distributions"))
    #expect(Self.bce0(screen) == "0.357", "\(screen)")
    #expect(Self.cursor(screen) == 0.3, "\(screen)")
    #expect(screen.split(separator: "\n").allSatisfy { $0.unicodeScalars.count <= width })

    // l moves the cursor right; the value follows −ln(1 − ŷ) at the new ŷ.
    app.session.send(keys: ["l"])
    screen = app.expectScreen("the cursor move with l") { (Self.cursor($0) ?? 0.3) > 0.3 }
    var x = try #require(Self.cursor(screen))
    #expect(Self.bce0(screen) == String(format: "%.3f", -log(1 - x)), "at ŷ = \(x):\n\(screen)")
    #expect(Self.bce0(screen) != "0.357")

    // Right moves it further.
    app.session.send(keys: ["Right"])
    let before = x
    screen = app.expectScreen("the cursor move with Right") { (Self.cursor($0) ?? 0) > before }
    x = try #require(Self.cursor(screen))
    #expect(Self.bce0(screen) == String(format: "%.3f", -log(1 - x)), "at ŷ = \(x):\n\(screen)")

    // 2: the contour view at step 0, from the default start (0.5, 1.5).
    app.session.send(keys: ["2"])
    screen = app.expectScreen(containing: "step 0")
    #expect(screen.contains("w=0.500000") && screen.contains("b=1.500000"), "\(screen)")
    #expect(screen.contains("1 Curves"))

    // 3: the distributions preset; KL(P‖Q) of (0.1, 0.4, 0.5) against (0.8, 0.15, 0.05) is 1.927 bits.
    app.session.send(keys: ["3"])
    screen = app.expectScreen(containing: "1.927")
    #expect(screen.contains("KL(P‖Q)"), "\(screen)")
    #expect(!screen.contains("step 0"), "contour readout left behind:\n\(screen)")

    // ? opens the help overlay over the view, Escape closes it and the app keeps running.
    app.session.send(keys: ["?"])
    screen = app.expectScreen(containing: "Keys: Distributions")
    #expect(screen.contains("swap P and Q"), "\(screen)")
    app.session.send(keys: ["Escape"])
    screen = app.expectScreen("the help closed") {
      !$0.contains("Keys: Distributions") && $0.contains("1.927")
    }
    #expect(app.session.format("#{pane_dead}") == "0", "Escape closing help quit the app")

    // P and Q (capitals) pick the distribution to edit, Space switches; q quits with 0, as in
    // every view, and gives the terminal back.
    app.session.send(keys: ["P"])
    app.expectScreen(containing: "editing P")
    app.session.send(keys: ["Space"])
    app.expectScreen(containing: "editing Q")
    #expect(app.session.format("#{pane_dead}") == "0", "a pick key quit the app")
    screen = app.session.capture()
    #expect(screen.contains("q quit") && !screen.contains("Esc quit"), "\(screen)")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func tooSmallAndBackOnTheContourView() throws {
    let app = try AppRun.start(["contour"], width: 80, height: 24)
    defer { app.close() }
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "step 1")

    app.session.resize(width: 40, height: 12)
    var screen = app.expectScreen(containing: "make the window at least")
    #expect(!screen.contains("step 1"), "\(screen)")
    #expect(
      screen.split(separator: "\n", omittingEmptySubsequences: false)
        .allSatisfy { $0.unicodeScalars.count <= 40 }, "\(screen)")

    app.session.resize(width: 80, height: 24)
    screen = app.expectScreen("the contour view again") {
      $0.contains("step 1") && $0.contains("1 Curves")
    }
    #expect(!screen.contains("make the window"), "\(screen)")
    // The state survived the resize: the next step is step 2.
    app.session.send(keys: ["s"])
    app.expectScreen(containing: "step 2")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  @Test func tabCyclesTheViewsAndEscapeQuits() throws {
    let app = try AppRun.start(width: 100, height: 30)
    defer { app.close() }
    app.expectScreen("the curves view") { Self.bce0($0) == "0.357" }
    app.session.send(keys: ["Tab"])
    app.expectScreen(containing: "step 0")
    app.session.send(keys: ["Tab"])
    app.expectScreen(containing: "KL(P‖Q)")
    app.session.send(keys: ["BTab"])
    app.expectScreen(containing: "step 0")
    // Escape with nothing open quits.
    app.session.send(keys: ["Escape"])
    app.expectRestored(status: 0)
  }

  @Test func withoutUTF8EveryViewIsASCII() throws {
    let app = try AppRun.start(width: 80, height: 24, env: ["LANG": "C", "LC_ALL": "C"])
    defer { app.close() }
    let views: [(key: String, shown: (String) -> Bool)] = [
      ("1", { Self.bce0($0) == "0.357" }), ("2", { $0.contains("step 0") }),
      ("3", { $0.contains("KL(P||Q)") }),
    ]
    for (key, shown) in views {
      app.session.send(keys: [key])
      let screen = app.expectScreen("view \(key)", shown)
      #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "view \(key):\n\(screen)")
    }
    app.session.send(keys: ["Escape"])
    app.expectRestored(status: 0)
  }

  @Test func clickingATabSwitchesTheView() throws {
    let app = try AppRun.start(width: 80, height: 24)
    defer { app.close() }
    let screen = app.expectScreen(containing: "3 Distributions")
    // Press and release the left button on the "3 Distributions" tab (X10 mouse reports:
    // button + 32, column + 33, row + 33, all 0-based).
    let top = try #require(screen.split(separator: "\n").first)
    let column = try #require(top.range(of: "3 Distributions")).lowerBound
    let x = top.distance(from: top.startIndex, to: column) + 2
    let cell = String(UnicodeScalar(UInt8(x + 33))) + "!"
    app.session.type("\u{1b}[M " + cell)
    app.session.type("\u{1b}[M#" + cell)
    app.expectScreen(containing: "KL(P‖Q)")
    app.session.send(keys: ["Escape"])
    app.expectRestored(status: 0)
  }
}
