import Foundation
import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// Seeded storms of random events (keys, mouse reports anywhere, resizes from 0×0 to 300×100, ticks)
/// through the app in memory, in every view and lesson: every frame has the asked size, no NaN is
/// ever drawn, the distributions keep summing to 1, and a saved scenario always loads back.
@Suite struct StormTests {
  /// Every key the app binds somewhere, plus others it should ignore.
  static let keys: [Key] = {
    var keys: [Key] = [
      .up, .down, .left, .right, .shiftUp, .shiftDown, .shiftLeft, .shiftRight, .enter, .tab,
      .backTab,
      .escape, .backspace, .delete, .home, .end, .pageUp, .pageDown, .control("z"), .control("l"),
      .control("a"),
      .character("\u{7F}"), .character("é"), .character("😀"), .character("\u{2028}"),
    ]
    keys += (1...12).map { .function($0) }
    // q and w are left out here: the storm sends them on purpose (quit is ignored, w saves to a temp dir).
    keys +=
      "abcdefghijklmnoprstuvxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 []{}+-=<>?!.,;:'\"/\\|_~`@#$%^&*()"
      .unicodeScalars.map { .character($0) }
    return keys
  }()

  struct Storm {
    var rng: SplitMix64
    let seed: UInt64
    var app: LossLabApp
    var events = 0
    var frames = 0
    var log: [String] = []
    /// What the storm got to see, so a storm that never left its first view fails.
    var viewsSeen: Set<ViewID> = []
    var tooSmallFrames = 0
    var overlays = 0

    init(seed: UInt64, app: LossLabApp) {
      self.seed = seed
      self.rng = SplitMix64(seed: seed)
      self.app = app
    }

    mutating func int(_ r: ClosedRange<Int>) -> Int {
      r.lowerBound + Int(rng.next() % UInt64(r.count))
    }

    mutating func send(_ e: Event) -> AppCommand {
      log.append("\(e)")
      if log.count > 12 { log.removeFirst() }
      events += 1
      let command = app.handle(e)
      viewsSeen.insert(app.state.view)
      if app.state.overlay != nil { overlays += 1 }
      return command
    }

    var context: String {
      "seed \(seed), event \(events), last events: \(log.joined(separator: " "))"
    }

    /// One random event; resizes mostly to usable sizes, sometimes to tiny or huge ones.
    mutating func randomEvent(saveDirectory: String) {
      switch int(0...99) {
      case 0..<6:
        let (w, h): (Int, Int) =
          switch int(0...3) {
          case 0: (int(0...12), int(0...8))
          case 1: (int(0...300), int(0...100))
          default: (int(60...160), int(16...50))
          }
        _ = send(.resize(width: w, height: h))
      case 6..<16:
        let buttons: [MouseEvent.Button] = [.left, .middle, .right, .wheelUp, .wheelDown]
        let kinds: [MouseEvent.Kind] = [.press, .release, .drag]
        let m = MouseEvent(
          x: int(-3...(app.state.width + 3)), y: int(-3...(app.state.height + 3)),
          button: buttons[int(0...4)], kind: kinds[int(0...2)])
        _ = send(.mouse(m))
      case 16..<22:
        _ = send(.tick)
      case 22:
        // Quit keys: the front end would stop; the state must stay sound anyway.
        let quit: Key = [.character("q"), .control("c"), .escape][int(0...2)]
        _ = send(.key(quit))
      case 23:
        save(in: saveDirectory)
      case 24..<27:
        _ = send(
          .key(
            [
              .tab, .backTab, .character("1"), .character("2"), .character("3"), .character("4"),
              .character("?"),
            ][int(0...6)]))
      default:
        _ = send(.key(StormTests.keys[int(0...(StormTests.keys.count - 1))]))
      }
    }

    /// `w`, a path, Enter: the app must ask to save text that loads back as a scenario.
    mutating func save(in directory: String) {
      guard app.state.overlay == nil else { return }
      let path = directory + "/storm-\(events).json"
      _ = send(.key(.character("w")))
      guard case .savePrompt = app.state.overlay else { return }  // the prompt is only there when no overlay
      for s in path.unicodeScalars { _ = send(.key(.character(s))) }
      #expect(send(.key(.enter)) == .inspectSaveTarget(path: path), "\(context)")
      let command = send(.result(.saveTarget(path: path, status: .new)))
      guard case .save(path, let text) = command else {
        Issue.record("expected a save of \(path), got \(command) — \(context)")
        return
      }
      _ = send(.result(.saved(path: path)))
      #expect(app.state.message == "saved to \(path)", "\(context)")
      do {
        var state = AppState(width: 100, height: 30)
        try Scenario.parse(text, file: path).apply(to: &state)
        #expect(state.view == app.state.view, "\(context)")
      } catch {
        Issue.record("a saved scenario does not load: \(error) — \(context)")
      }
    }

    /// Renders at the app's size (or another size) and checks the frame.
    mutating func checkFrame(width: Int? = nil, height: Int? = nil) {
      frames += 1
      let w = width ?? app.state.width
      let h = height ?? app.state.height
      let screen = app.render(width: w, height: h)
      if w < app.minimumSize.width || h < app.minimumSize.height { tooSmallFrames += 1 }
      #expect(screen.width == w && screen.height == h, "\(context)")
      let lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
      if h > 0 { #expect(lines.count == h, "\(context)") }
      #expect(lines.allSatisfy { $0.unicodeScalars.count <= max(w, 0) }, "\(context)")
      #expect(!screen.text.containsNaN, "NaN on screen — \(context)\n\(screen.text)")
      let d = app.state.distributions
      for (name, v) in [("P", d.p), ("Q", d.q)] {
        // Binary labels (a preset) are separate yes/no probabilities; everything else sums to 1.
        if !d.binaryLabels {
          #expect(abs(v.reduce(0, +) - 1) < 1e-9, "\(name) sums to \(v.reduce(0, +)) — \(context)")
        }
        #expect(v.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(name) = \(v) — \(context)")
        #expect(v.count == d.categories.count && (2...12).contains(v.count), "\(context)")
      }
      let c = app.state.contour
      #expect(c.learningRate.isFinite && c.learningRate > 0, "rate \(c.learningRate) — \(context)")
    }
  }

  func run(seed: UInt64, start: LossLabApp, events: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "losslab-storm-\(UUID())"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var storm = Storm(seed: seed, app: start)
    _ = storm.send(.resize(width: 100, height: 30))
    storm.checkFrame()
    for i in 0..<events {
      storm.randomEvent(saveDirectory: dir)
      // Drawing every frame of a storm at 300×100 is slow in debug builds: draw every few events,
      // and always right after a resize.
      if i % 4 == 0 || storm.log.last?.hasPrefix("resize") == true { storm.checkFrame() }
    }
    storm.checkFrame()
    // Lessons keep moving the app back to their own view, so a storm may miss one of the four.
    #expect(
      storm.viewsSeen.count >= ViewID.allCases.count - 1,
      "seed \(seed): only saw \(storm.viewsSeen)")
    #expect(
      storm.tooSmallFrames > 0 && storm.overlays > 0, "seed \(seed): no tiny frame or overlay")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(leftovers.isEmpty, "temporary or stray files: \(leftovers) — seed \(seed)")
  }

  @Test(arguments: ViewID.allCases)
  func stormInEveryView(view: ViewID) throws {
    let seed = 0x5702_0000 + UInt64(view.rawValue)
    try run(
      seed: seed, start: LossLabApp(state: AppState(view: view, width: 100, height: 30)),
      events: 350)
  }

  @Test(arguments: Lessons.all.map(\.name))
  func stormInEveryLesson(name: String) throws {
    var app = LossLabApp(state: AppState(width: 100, height: 30))
    let started = app.startLesson(name)
    #expect(started)
    let seed = 0x5702_1000 + UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) } & 0xFFFF)
    try run(seed: seed, start: app, events: 300)
  }

  @Test func asciiAndNoColourStorm() throws {
    var app = LossLabApp(state: AppState(view: .contour, width: 100, height: 30))
    app.configure(RenderOptions(ascii: true, color: .none))
    try run(seed: 0x5702_2000, start: app, events: 300)
    // ASCII means ASCII: no frame of that storm could show anything else.
    var storm = Storm(seed: 1, app: app)
    for k in ["1", "2", "3", "e", "?"] {
      _ = storm.send(.key(.character(Unicode.Scalar(k)!)))
      let text = storm.app.render(width: 100, height: 30).text
      #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII after \(k):\n\(text)")
    }
  }

  /// Holding one key down for a long time (rates, zooms, pans, δ, bars pushed to their limits) never
  /// draws NaN and leaves every number the view keeps finite.
  @Test(arguments: [
    (ViewID.contour, "]"), (.contour, "["), (.contour, "+"), (.contour, "-"), (.contour, "D"),
    (.contour, "d"),
    (.contour, "S-Up"), (.contour, "S-Left"), (.contour, "K"), (.contour, "H"), (.curves, "+"),
    (.curves, "-"),
    (.curves, ">"), (.curves, "<"), (.curves, "D"), (.curves, "d"), (.curves, "L"),
    (.distributions, "K"),
    (.distributions, "J"), (.distributions, "+"), (.distributions, "-"),
  ])
  func holdingAKeyDown(view: ViewID, key: String) throws {
    // The smallest size the views draw at, so a key that redraws the map stays cheap.
    var a = LossLabApp(state: AppState(view: view, width: 60, height: 16))
    let k = try KeyNames.parse(key)[0]
    for i in 1...1_100 {
      _ = a.handle(.key(k))
      guard i % 550 == 0 else { continue }
      for extra in ["", "s s s", "g y"] where view != .distributions || extra.isEmpty {
        var b = a
        _ = b.press(extra)
        let text = b.render(width: 60, height: 16).text
        #expect(!text.containsNaN, "\(view) after \(i)× \(key) then '\(extra)':\n\(text)")
      }
    }
    let c = a.state.contour
    #expect(c.learningRate.isFinite && c.learningRate > 0, "rate \(c.learningRate)")
    #expect(c.delta.isFinite && c.delta > 0, "δ \(c.delta)")
    #expect(
      c.wRange.lowerBound.isFinite && c.wRange.upperBound.isFinite
        && c.wRange.lowerBound < c.wRange.upperBound)
    #expect(
      c.bRange.lowerBound.isFinite && c.bRange.upperBound.isFinite
        && c.bRange.lowerBound < c.bRange.upperBound)
    let x = a.state.curves.xRange
    #expect(
      x.lowerBound.isFinite && x.upperBound.isFinite && x.lowerBound < x.upperBound, "x range \(x)")
    #expect(a.state.curves.cursorX.isFinite)
    let d = a.state.distributions
    #expect(abs(d.p.reduce(0, +) - 1) < 1e-9 && abs(d.q.reduce(0, +) - 1) < 1e-9)
  }

  /// Every size from 0×0 up to past each view's minimum: the exact size, and the "make the window at
  /// least W×H" message exactly when it is too small.
  @Test func everySmallSizeInEveryView() {
    for view in ViewID.allCases {
      var app = LossLabApp(state: AppState(view: view))
      let need = app.minimumSize
      for w in stride(from: 0, through: need.width + 2, by: 1) {
        for h in 0...(need.height + 2) {
          _ = app.handle(.resize(width: w, height: h))
          let screen = app.render(width: w, height: h)
          #expect(screen.width == w && screen.height == h)
          let small = w < need.width || h < need.height
          let text = screen.text
          let unwrapped = text.split(separator: "\n").joined(separator: " ")
          if small && w >= 30 && h >= 2 {
            #expect(
              unwrapped.contains("make the window at least \(need.width)×\(need.height)"),
              "\(view) \(w)×\(h):\n\(text)")
          }
          if !small { #expect(!text.contains("make the window"), "\(view) \(w)×\(h)") }
        }
      }
    }
  }
}
