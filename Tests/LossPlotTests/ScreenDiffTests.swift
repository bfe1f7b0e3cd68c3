import LossCore
import LossPlot
import Testing

/// `Screen.diff`: what the painter sends to turn the frame on the terminal into the next one.
@Suite struct ScreenDiffTests {
  static func screen(_ rows: [String], style: Style = .plain) -> Screen {
    var s = Screen(width: rows.map { $0.unicodeScalars.count }.max() ?? 0, height: rows.count)
    for (y, r) in rows.enumerated() { s.put(r, x: 0, y: y, style: style) }
    return s
  }

  /// What a terminal showing `old` shows after the diff's cells are sent.
  static func apply(_ diff: ScreenDiff, to old: Screen?, from new: Screen) -> Screen {
    var shown = diff.redrawAll ? Screen(width: new.width, height: new.height) : old!
    for span in diff.spans {
      for x in span.x..<(span.x + span.width) { shown[x, span.y] = new[x, span.y] }
    }
    return shown
  }

  @Test func withoutAPreviousFrameEveryRowIsSent() {
    let s = Self.screen(["abc", "def"])
    let d = Screen.diff(from: nil, to: s)
    #expect(d.redrawAll)
    #expect(d.spans == [.init(y: 0, x: 0, width: 3), .init(y: 1, x: 0, width: 3)])
  }

  @Test func anotherSizeRedrawsEverything() {
    let d = Screen.diff(from: Self.screen(["ab"]), to: Self.screen(["ab", "cd"]))
    #expect(d.redrawAll && d.cellCount == 4)
  }

  @Test func theSameFrameSendsNothing() {
    let s = Self.screen(["hello", "world"])
    #expect(Screen.diff(from: s, to: s) == ScreenDiff(redrawAll: false, spans: []))
  }

  @Test func changedCellsAreGroupedIntoRunsSplitByUnchangedCells() {
    let old = Self.screen(["abcdefgh", "12345678"])
    let new = Self.screen(["aXYdeZgh", "12345678"])
    let d = Screen.diff(from: old, to: new)
    // X and Y are neighbours: one run; Z stands alone after two unchanged cells.
    #expect(d.spans == [.init(y: 0, x: 1, width: 2), .init(y: 0, x: 5, width: 1)])
  }

  @Test func aStyleChangeAloneIsAChange() {
    let old = Self.screen(["ab"])
    var new = old
    new[1, 0].style = .bold
    #expect(Screen.diff(from: old, to: new).spans == [.init(y: 0, x: 1, width: 1)])
  }

  @Test func runsReachTheEndOfTheRowAndNotBeyond() {
    let d = Screen.diff(from: Self.screen(["abc", "def"]), to: Self.screen(["abX", "Xef"]))
    #expect(d.spans == [.init(y: 0, x: 2, width: 1), .init(y: 1, x: 0, width: 1)])
  }

  /// Random frames: sending the spans turns the old frame into the new one, every span cell really
  /// changed, and runs never touch.
  @Test func spansTurnTheOldFrameIntoTheNewAndCoverOnlyChangedCells() {
    var rng = SplitMix64(seed: 0xD1FF)
    func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
    let glyphs: [Unicode.Scalar] = [" ", "a", "b", "─", "⣿"]
    let styles: [Style] = [.plain, .bold, Style(foreground: Color(196)), .reverse]
    for round in 0..<500 {
      let w = 1 + int(30)
      let h = 1 + int(10)
      var old = Screen(width: w, height: h)
      for i in old.cells.indices { old.cells[i] = Cell(glyphs[int(5)], style: styles[int(4)]) }
      var new = old
      for _ in 0..<int(w * h + 1) {
        new.cells[int(w * h)] = Cell(glyphs[int(5)], style: styles[int(4)])
      }
      let d = Screen.diff(from: old, to: new)
      #expect(!d.redrawAll)
      #expect(Self.apply(d, to: old, from: new) == new, "round \(round)")
      let changed = zip(old.cells, new.cells).filter { $0 != $1 }.count
      #expect(d.cellCount == changed, "round \(round)")
      for (a, b) in zip(d.spans, d.spans.dropFirst()) where a.y == b.y {
        #expect(a.x + a.width < b.x, "round \(round): runs \(a) and \(b) touch")
      }
    }
  }

  /// A diff written into a kept `ScreenDiff` is the one `diff(from:to:)` returns, whatever it held before.
  @Test func diffIntoAKeptValueEqualsAFreshDiff() {
    let a = Self.screen(["abcdef", "ghijkl"])
    let b = Self.screen(["abXdef", "gYYjkZ"])
    var kept = Screen.diff(from: nil, to: b)
    for (old, new) in [(a, b), (b, a), (a, a), (b, Self.screen(["ab"]))] {
      Screen.diff(from: old, to: new, into: &kept)
      #expect(kept == Screen.diff(from: old, to: new))
    }
  }

  /// A screen reset to its size is blank, as a new one is; to another size it takes that size.
  @Test func resetScreenIsANewOne() {
    var s = Self.screen(["abc", "def"], style: .bold)
    s.reset(width: 3, height: 2)
    #expect(s == Screen(width: 3, height: 2))
    s.reset(width: 4, height: 1)
    #expect(s == Screen(width: 4, height: 1))
  }
}
