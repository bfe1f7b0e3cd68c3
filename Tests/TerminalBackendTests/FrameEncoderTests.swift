import LossPlot
import Testing

@testable import TerminalBackend

/// The bytes `FrameEncoder` sends, checked two ways: exactly, for small diffs whose shortest
/// encoding is worked out by hand from ECMA-48 (comments give the arithmetic), and by decoding
/// the bytes of random frames and diffs with a tiny terminal (`VTModel`) that must end up showing
/// the frame.
@Suite struct FrameEncoderTests {
  static let red = Style(foreground: .red)
  static let esc = "\u{1B}"

  func encoder(
    _ profile: TerminalProfile = .xterm256, _ options: RenderOptions = .standard,
    defaults: Bool = true
  ) -> FrameEncoder {
    FrameEncoder(profile: profile, options: options, hasDefaultColors: defaults)
  }

  func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  /// Repaints `first` (bytes dropped), then returns the bytes of the diff to `second`.
  func step(_ e: inout FrameEncoder, _ first: Screen, _ second: Screen) -> String {
    var out: [UInt8] = []
    e.encodeRepaint(first, into: &out)
    out.removeAll()
    e.encode(Screen.diff(from: first, to: second), of: second, into: &out)
    return text(out)
  }

  @Test func aRepaintResetsClearsAndKeepsSpacesThatOnlyShowTheBackground() {
    var e = encoder()
    var s = Screen(width: 10, height: 3)
    s.put("a", x: 0, y: 0, style: Self.red)
    s.put("b", x: 2, y: 0, style: Self.red)
    var out: [UInt8] = []
    e.encodeRepaint(s, into: &out)
    // sgr0, clear; then red "a", and the plain space between (1 byte) is cheaper than ESC[C (3):
    // written with the red pen, which a space does not show.
    #expect(text(out) == "\(Self.esc)[m\(Self.esc)[H\(Self.esc)[2J\(Self.esc)[31ma b")
  }

  @Test func onlyWhatChangedGoesIntoTheSGRAndTheShortestMoveIsTaken() {
    var e = encoder()
    let blank = Screen(width: 10, height: 3)
    var hi = blank
    hi.put("hi", x: 2, y: 1, style: Self.red)
    // From (0,0) to (1,2): ESC[2;3H is 6 bytes, CR LF ESC[2C 6, LF ESC[2C 5 (LF keeps the
    // column); the pen goes plain -> red with "31" (a reset would be "0;31").
    #expect(step(&e, blank, hi) == "\n\(Self.esc)[2C\(Self.esc)[31mhi")
    var blueH = hi
    blueH[2, 1] = Cell("h", style: Self.red.bg(.blue))
    var out: [UInt8] = []
    e.encode(Screen.diff(from: hi, to: blueH), of: blueH, into: &out)
    // From (1,4) back to (1,2): two backspaces (2) beat ESC[2D (4); only the background changes.
    #expect(text(out) == "\u{8}\u{8}\(Self.esc)[44mh")
  }

  @Test func droppingBoldNeedsAReset() {
    var e = encoder()
    var bold = Screen(width: 4, height: 1)
    bold.put("A", x: 0, y: 0, style: Self.red.with(.bold))
    var plain = bold
    plain.put("A", x: 0, y: 0, style: Self.red)
    // One backspace from (0,1); SGR has no code that ends bold alone in terminfo's terms.
    #expect(step(&e, bold, plain) == "\u{8}\(Self.esc)[0;31mA")
  }

  @Test func aShortGapOfUnchangedCellsIsWrittenAgain() {
    var e = encoder()
    var before = Screen(width: 8, height: 1)
    before.put("axb", x: 0, y: 0)
    var after = before
    after.put("AxB", x: 0, y: 0)
    // CR to column 0, then "x" again (1 byte) rather than ESC[C (3).
    #expect(step(&e, before, after) == "\rAxB")
  }

  @Test func blanksToTheEndOfTheRowAreErased() {
    var e = encoder()
    var before = Screen(width: 20, height: 2)
    before.put("hello world", x: 0, y: 0)
    var after = Screen(width: 20, height: 2)
    after.put("hello", x: 0, y: 0)
    // The space at column 5 is unchanged, so the change is "world" at 6..<11. From (0,11) to
    // (0,6): ESC[5D (4) beats CR ESC[6C (5) and five backspaces; ESC[K (3) beats five spaces and
    // ESC[5X (4).
    #expect(step(&e, before, after) == "\(Self.esc)[5D\(Self.esc)[K")
  }

  @Test func anUnknownCursorAndPenStartWithAnAbsoluteMoveAndAReset() {
    var e = encoder()
    var s = Screen(width: 10, height: 4)
    s.put("z", x: 4, y: 2)
    var out: [UInt8] = []
    e.encode(Screen.diff(from: Screen(width: 10, height: 4), to: s), of: s, into: &out)
    #expect(text(out) == "\(Self.esc)[3;5H\(Self.esc)[mz")
  }

  @Test func runsAreSentNearestFirstSoEachColourIsSetOnce() {
    var e = encoder()
    let blank = Screen(width: 20, height: 3)
    var s = blank
    for y in 0..<2 {
      s.put("a", x: 0, y: y, style: Self.red)
      s.put("b", x: 10, y: y, style: Style(foreground: .green))
    }
    // Row order would set red, green, red, green. Nearest first: red "a" (ESC[31m), CR LF (2) to
    // the "a" below, ESC[9C to its "b" and green, then reverse index and a backspace (3) up to the
    // first "b".
    #expect(
      step(&e, blank, s)
        == "\(Self.esc)[31ma\r\na\(Self.esc)[9C\(Self.esc)[32mb\(Self.esc)M\u{8}b")
  }

  @Test func theBottomRightCellIsLeftAloneWhereWritingItScrolls() {
    var profile = TerminalProfile.xterm256
    profile.wrapWaits = false
    var e = encoder(profile)
    let s = Screen(width: 3, height: 2, fill: Cell("x"))
    var out: [UInt8] = []
    e.encodeRepaint(s, into: &out)
    #expect(out.filter { $0 == UInt8(ascii: "x") }.count == 5)
    var model = VTModel(width: 3, height: 2)
    model.feed(out)
    #expect(model.errors.isEmpty, "\(model.errors)")
  }

  @Test func terminfoStringsAreReadAsSGRParameters() {
    #expect(TerminalProfile.sgrParameters(Array("\u{1B}[38;5;200m".utf8)) == Array("38;5;200".utf8))
    #expect(TerminalProfile.sgrParameters(Array("\u{1B}(B\u{1B}[m".utf8)) == nil)
    #expect(TerminalProfile.sgrParameters(Array("\u{1B}[1m".utf8)) == [0x31])
    #expect(
      TerminalProfile.withoutPadding(Array("\u{1B}[H\u{1B}[J$<50>".utf8))
        == Array("\u{1B}[H\u{1B}[J".utf8))
  }

  // MARK: Decoded by a terminal model

  /// Where `model` does not show `screen` as `e` means it: characters and pens, except that a
  /// space that is neither reversed nor underlined only has to have the right background.
  func mismatches(
    _ model: VTModel, _ screen: Screen, _ e: FrameEncoder, skipCorner: Bool
  ) -> [String] {
    var found: [String] = []
    for y in 0..<screen.height {
      for x in 0..<screen.width {
        if skipCorner && y == screen.height - 1 && x == screen.width - 1 { continue }
        let cell = screen[x, y]
        let glyph = e.glyph(cell.scalar)
        let pen = e.pen(for: cell.style)
        let k = y * screen.width + x
        let ok: Bool
        if glyph == " " && pen.attributes.isDisjoint(with: [.reverse, .underline]) {
          ok =
            model.glyphs[k] == " " && model.pens[k].background == pen.background
            && model.pens[k].attributes.isDisjoint(with: [.reverse, .underline])
        } else {
          ok = model.glyphs[k] == glyph && model.pens[k] == pen
        }
        if !ok {
          found.append("(\(x),\(y)) want \(glyph) \(pen), got \(model.glyphs[k]) \(model.pens[k])")
        }
      }
    }
    return found
  }

  struct Setup: CustomStringConvertible {
    var name: String
    var profile: TerminalProfile
    var options: RenderOptions
    var defaults: Bool
    var description: String { name }
  }

  static let setups: [Setup] = {
    var bare = TerminalProfile.ansi(colors: 8, erase: false)
    bare.hasRelativeMoves = false
    bare.hasColumnAddress = false
    bare.hasReverseIndex = false
    bare.hasBackspace = false
    bare.lineFeedKeepsColumn = false
    bare.hasEraseLine = false
    bare.reverseOff = nil
    bare.underlineOff = nil
    bare.defaultForeground = nil
    bare.defaultBackground = nil
    var noWrapWait = TerminalProfile.xterm256
    noWrapWait.wrapWaits = false
    var linuxLike = TerminalProfile.ansi(colors: 8, erase: true)
    linuxLike.noColorVideo = [.underline, .dim]
    return [
      Setup(name: "xterm-256color", profile: .xterm256, options: .standard, defaults: true),
      Setup(
        name: "16 colours, no ECH", profile: .ansi16, options: RenderOptions(color: .basic8),
        defaults: true),
      Setup(
        name: "8 colours, ncv, light", profile: linuxLike,
        options: RenderOptions(color: .basic8, background: .light), defaults: true),
      Setup(
        name: "no colour, ASCII, scrolling corner", profile: noWrapWait,
        options: RenderOptions(ascii: true, color: .none), defaults: true),
      Setup(
        name: "absolute moves only, no default colours", profile: bare,
        options: RenderOptions(color: .basic8), defaults: false),
    ]
  }()

  /// A small deterministic generator (SplitMix64).
  struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  static let glyphs: [Unicode.Scalar] = [
    " ", " ", " ", "a", "Z", "7", "─", "│", "⠁", "⣿", "▀", "·", "é", "\u{7}",
  ]
  static let colours: [Color] = [
    .default, .default, .red, .brightBlue, Color(17), Color(203), Color(250),
  ]

  func randomCell(_ r: inout Random) -> Cell {
    let glyph = Self.glyphs[r.below(Self.glyphs.count)]
    var attributes: Attributes = []
    if r.below(6) == 0 { attributes = Attributes(rawValue: UInt8(r.below(16))) }
    let style = Style(
      foreground: Self.colours[r.below(Self.colours.count)],
      background: r.below(3) == 0 ? Self.colours[r.below(Self.colours.count)] : .default,
      attributes: attributes)
    return Cell(glyph, style: style)
  }

  /// Changes a few cells, a rectangle, or blanks the ends of some rows.
  func mutate(_ s: inout Screen, _ r: inout Random) {
    switch r.below(4) {
    case 0:
      for _ in 0..<(1 + r.below(12)) {
        s[r.below(s.width), r.below(s.height)] = randomCell(&r)
      }
    case 1:
      let x = r.below(s.width)
      let y = r.below(s.height)
      s.fill(Rect(x: x, y: y, width: 1 + r.below(8), height: 1 + r.below(4)), with: randomCell(&r))
    case 2:
      for _ in 0..<(1 + r.below(3)) {
        let y = r.below(s.height)
        let x = r.below(s.width)
        s.fill(Rect(x: x, y: y, width: s.width - x, height: 1))
      }
    default:
      for k in s.cells.indices where r.below(3) == 0 { s.cells[k] = randomCell(&r) }
    }
  }

  @Test(arguments: setups)
  func randomFramesAndDiffsDecodeToTheFrame(setup: Setup) {
    var r = Random(state: 19)
    let skipCorner = setup.profile.autoMargins && !setup.profile.wrapWaits
    for trial in 0..<40 {
      let width = 1 + r.below(trial < 10 ? 6 : 40)
      let height = 1 + r.below(trial < 10 ? 4 : 12)
      var e = encoder(setup.profile, setup.options, defaults: setup.defaults)
      var model = VTModel(width: width, height: height)
      var screen = Screen(width: width, height: height)
      for k in screen.cells.indices where r.below(2) == 0 { screen.cells[k] = randomCell(&r) }
      var out: [UInt8] = []
      e.encodeRepaint(screen, into: &out)
      model.feed(out)
      var bad = mismatches(model, screen, e, skipCorner: skipCorner)
      #expect(
        model.errors.isEmpty && bad.isEmpty, "repaint \(trial): \(model.errors) \(bad.prefix(3))")
      for frame in 0..<6 {
        var next = screen
        mutate(&next, &r)
        out.removeAll()
        if r.below(8) == 0 { e.invalidate() }  // a lost cursor and pen: must start over safely
        e.encode(Screen.diff(from: screen, to: next), of: next, into: &out)
        model.feed(out)
        bad = mismatches(model, next, e, skipCorner: skipCorner)
        #expect(
          model.errors.isEmpty && bad.isEmpty,
          "trial \(trial) frame \(frame) \(width)x\(height): \(model.errors) \(bad.prefix(3))")
        guard model.errors.isEmpty && bad.isEmpty else { return }
        screen = next
      }
    }
  }
}
