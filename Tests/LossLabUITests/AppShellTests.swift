import LossPlot
import Testing

@testable import LossLabUI

@Suite struct AppShellTests {
  @Test func numberKeysAndTabSwitchViews() {
    var a = app()
    #expect(a.state.view == .curves)
    _ = a.press("2")
    #expect(a.state.view == .contour)
    _ = a.press("3")
    #expect(a.state.view == .distributions)
    _ = a.press("4")
    #expect(a.state.view == .classify)
    _ = a.press("Tab")
    #expect(a.state.view == .curves)
    _ = a.press("BTab")
    #expect(a.state.view == .classify)
  }

  @Test func topBarNamesTheViews() {
    let first = app().text.split(separator: "\n", omittingEmptySubsequences: false)[0]
    #expect(first.contains("1 Curves"))
    #expect(first.contains("2 Contour"))
    #expect(first.contains("3 Distributions"))
    #expect(first.contains("4 Classify"))
  }

  @Test func helpOverlayOpensAndClosesAndListsViewKeys() {
    var a = app()
    _ = a.press("?")
    #expect(a.state.overlay == .help)
    #expect(a.text.contains("Keys: Curves"))
    #expect(a.text.contains("slope overlay"))
    _ = a.press("?")
    #expect(a.state.overlay == nil, "? closes it again")
    var quitting = a
    _ = quitting.press("?")
    #expect(quitting.press("q") == .quit, "q quits with the help open")
    _ = a.press("2 ?")
    #expect(a.text.contains("Keys: Contour"))
    #expect(a.text.contains("halve / double the learning rate"))
    _ = a.press("Escape")
    #expect(a.state.overlay == nil)
  }

  @Test func quitKeys() {
    for key in ["q", "Escape", "C-c"] {
      var a = app()
      #expect(a.press(key) == .quit, "\(key)")
    }
    var a = app()
    _ = a.press("?")
    #expect(a.press("C-c") == .quit, "Ctrl-C quits even with the help open")
  }

  @Test func tooSmallTerminalAsksForMoreAndRecovers() {
    var a = app(.contour, width: 30, height: 10)
    #expect(a.text.contains("make the window at least 60×16"))
    _ = a.handle(.resize(width: 100, height: 30))
    #expect(!a.text.contains("make the window"))
    #expect(a.text.contains("step 0"))
  }

  @Test func everyFrameHasTheRequestedSizeAndNoNaN() {
    for view in ViewID.allCases {
      for (w, h) in [
        (1, 1), (2, 5), (40, 12), (59, 15), (60, 16), (80, 24), (133, 41), (200, 60), (300, 100),
      ] {
        let a = app(view, width: w, height: h, keys: "s s l j")
        let screen = a.render(width: w, height: h)
        #expect(screen.width == w && screen.height == h)
        #expect(screen.cells.count == w * h)
        #expect(!screen.text.lowercased().contains("nan"), "\(view) \(w)x\(h)")
      }
    }
  }

  @Test func asciiModeIsPureASCII() {
    for view in ViewID.allCases {
      let a = app(
        view, width: 100, height: 30, keys: "s s e",
        options: RenderOptions(ascii: true, color: .none))
      let text = a.text
      #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(view)")
    }
  }

  @Test func mouseClickOnATabSwitchesView() {
    var a = app()
    let span = Chrome.tabSpans(
      width: 100, active: a.state.view, right: a.topBarRight(Symbols.of(a.state.options))
    ).first { $0.view == .distributions }!
    _ = a.handle(.mouse(MouseEvent(x: span.x + 1, y: 0)))
    #expect(a.state.view == .distributions)
  }

  @Test func explanationPanelToggles() {
    var a = app(keys: "e")
    #expect(a.state.explaining)
    #expect(a.text.contains("(e closes)"))
    _ = a.press("e")
    #expect(!a.state.explaining)
    _ = a.press("e Escape")
    #expect(!a.state.explaining, "Escape closes the explanation first")
  }
}

@Suite struct BlockDrawingTests {
  @Test func blocksReplaceBrailleInEveryPlot() {
    for view in ViewID.allCases {
      let a = app(
        view, width: 100, height: 30, keys: "s s",
        options: RenderOptions(color: .full256, blocks: true))
      let scalars = a.text.unicodeScalars
      #expect(!scalars.contains { (0x2800...0x28FF).contains($0.value) }, "braille in \(view)")
      if view != .distributions {
        #expect(
          scalars.contains { (0x2580...0x259F).contains($0.value) }, "no block glyphs in \(view)")
      }
    }
  }
}
