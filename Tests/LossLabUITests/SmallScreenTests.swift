import LossPlot
import Testing

@testable import LossLabUI

/// Every screen the app can show, at 80×24 and 60×20: nothing is cut (every label, readout and
/// hint a view draws appears whole, or is left out whole by its priority), and the key-hint bar,
/// the help and quit keys and the view's main readout are there.
///
/// "Cut" is found where it happens, not guessed from the text: `CutLog` records every `put` that
/// drops a character other than a space at a clip edge, and every word `TextWrap` has to break.
@Suite struct SmallScreenTests {
  static let sizes = [(80, 24), (60, 20)]

  /// A named screen: the view, the keys pressed to reach it, and the texts it must show whole.
  struct Case: CustomStringConvertible {
    var name: String
    var view: ViewID
    var keys: String
    var lesson: (name: String, step: Int)? = nil
    var description: String { name }
  }

  static let viewCases: [Case] = [
    Case(name: "curves", view: .curves, keys: ""),
    Case(name: "curves slope, log axis", view: .curves, keys: "g L"),
    Case(name: "contour", view: .contour, keys: ""),
    Case(name: "contour stepped", view: .contour, keys: "s s s"),
    Case(name: "contour diverging", view: .contour, keys: "] ] s s s"),
    Case(name: "contour diverging, reset", view: .contour, keys: "] ] s s s r"),
    Case(name: "contour compare", view: .contour, keys: "c s s s"),
    Case(name: "contour compare diverging", view: .contour, keys: "] ] ] c s s s"),
    Case(name: "contour inspector", view: .contour, keys: "s s s i"),
    Case(name: "contour huber schedule", view: .contour, keys: "m m S s s"),
    Case(name: "contour outliers", view: .contour, keys: "x x s"),
    Case(name: "distributions", view: .distributions, keys: ""),
    Case(name: "distributions nats, Q", view: .distributions, keys: "b Q Down Right"),
    Case(name: "distributions presets", view: .distributions, keys: "n n n"),
    Case(name: "distributions many", view: .distributions, keys: "+ + + + + + + + +"),
    Case(name: "classify", view: .classify, keys: ""),
    Case(name: "classify stepped", view: .classify, keys: "s s s"),
    Case(name: "classify side by side", view: .classify, keys: "v s s"),
  ]

  static let overlayCases: [Case] = [
    Case(name: "curves help", view: .curves, keys: "?"),
    Case(name: "contour help", view: .contour, keys: "?"),
    Case(name: "distributions help", view: .distributions, keys: "?"),
    Case(name: "classify help", view: .classify, keys: "?"),
    Case(name: "curves card", view: .curves, keys: "e"),
    Case(name: "contour card", view: .contour, keys: "e"),
    Case(name: "distributions card", view: .distributions, keys: "e"),
    Case(name: "classify card", view: .classify, keys: "e"),
    Case(name: "save prompt", view: .contour, keys: "w"),
    Case(name: "trajectory prompt", view: .contour, keys: "s x"),
    Case(name: "preset menu", view: .distributions, keys: "m"),
  ]

  static var lessonCases: [Case] {
    Lessons.all.flatMap { lesson in
      lesson.steps.indices.map { i in
        Case(
          name: "lesson \(lesson.name) step \(i + 1)", view: .curves, keys: "",
          lesson: (lesson.name, i))
      }
    }
  }

  static var allCases: [Case] { viewCases + overlayCases + lessonCases }

  static func make(_ c: Case, width: Int, height: Int) -> LossLabApp {
    var a = app(c.view, width: width, height: height)
    if let lesson = c.lesson {
      let started = a.startLesson(lesson.name)
      #expect(started)
      a.goToLessonStep(lesson.step)
    }
    a.replay(try! KeyNames.parse(c.keys))
    return a
  }

  /// Renders with a cut log installed; returns the frame and what was cut.
  static func render(_ a: LossLabApp, width: Int, height: Int) -> (Screen, [CutLog.Cut]) {
    let log = CutLog()
    let screen = CutLog.$current.withValue(log) { a.render(width: width, height: height) }
    return (screen, log.cuts)
  }

  @Test(arguments: allCases)
  func nothingIsCutAt80x24Or60x20(_ c: Case) {
    for (w, h) in Self.sizes {
      let a = Self.make(c, width: w, height: h)
      let (screen, cuts) = Self.render(a, width: w, height: h)
      #expect(cuts.isEmpty, "\(c) at \(w)x\(h) cut \(cuts):\n\(screen.text)")
      // The hint bar: help and quit at least, at every width (the save prompt takes the row).
      if case .savePrompt = a.state.overlay { continue }
      let bar = screen.line(h - 1)
      #expect(bar.contains("? help") && bar.contains("q quit"), "\(c) at \(w)x\(h): \(bar)")
    }
  }

  /// The readouts a student needs are there whole at both sizes: the loss with its unit, what to
  /// press when diverging, the divergences with theirs.
  @Test(arguments: sizes.map { [$0.0, $0.1] })
  func readoutsAndHintsAreComplete(_ size: [Int]) {
    let (w, h) = (size[0], size[1])
    func text(_ view: ViewID, _ keys: String) -> String {
      Self.make(Case(name: keys, view: view, keys: keys), width: w, height: h)
        .render(width: w, height: h).text
    }
    let contour = text(.contour, "s")
    #expect(contour.contains("squared units"), "\(contour)")
    #expect(contour.contains("s step"), "the key that steps is on screen:\n\(contour)")
    let diverging = text(.contour, "] ] ] s s s")
    #expect(diverging.contains("[ lowers the rate"), "\(diverging)")
    let dist = text(.distributions, "")
    #expect(dist.contains("KL(P‖Q)") && dist.contains("bits"), "\(dist)")
    let curves = text(.curves, "")
    #expect(curves.contains("0.357") && curves.contains("nats"), "\(curves)")
    #expect(curves.contains("ŷ"), "the prediction axis is named:\n\(curves)")
  }

  /// Small charts keep their title and at least two labelled ticks on each axis.
  /// Side by side at 80×24 and 60×20, each classification map keeps its titles and at least two ticks on
  /// each axis (the maps stack when they would be too narrow side by side), and the panel keeps its verdict.
  @Test(arguments: sizes.map { [$0.0, $0.1] })
  func classifyMapsKeepTicksAndTitlesSideBySide(_ size: [Int]) {
    let (w, h) = (size[0], size[1])
    let a = Self.make(Case(name: "side by side", view: .classify, keys: "v"), width: w, height: h)
    let screen = a.render(width: w, height: h)
    let layout = a.state.classify.layout(a.contentRect, options: a.state.options)
    #expect(layout.mapFrames.count == 2)
    for f in layout.mapFrames {
      let axis = f.area.maxY
      let x = (f.area.x..<f.area.maxX).filter { screen[$0, axis].scalar == "┬" }
      let y = (f.area.y..<f.area.maxY).filter { screen[f.area.x - 1, $0].scalar == "┤" }
      #expect(
        x.count >= 2 && y.count >= 2, "\(w)x\(h): \(x.count), \(y.count) ticks\n\(screen.text)")
      #expect(screen.line(axis + 1).contains("w (slope)"), "\(w)x\(h)\n\(screen.text)")
      #expect(screen.line(f.area.y - 1).contains("b (bias)"), "\(w)x\(h)\n\(screen.text)")
    }
    #expect(screen.text.contains("stalled: wrong points"), "\(screen.text)")
  }

  @Test func contourChartsKeepTitlesAt80x24() {
    let screen = app(.contour, width: 80, height: 24).render(width: 80, height: 24)
    let t = screen.text
    // At 80×24 the data chart comes first: its title "y" one column into the panel (the panel's first
    // column keeps the chart off the map).
    let panelX = ContourState.split(Rect(x: 0, y: 1, width: 80, height: 22)).panel.x
    let titled = (0..<screen.height).contains { y in
      screen[panelX, y].scalar == " " && screen[panelX + 1, y].scalar == "y"
        && screen[panelX + 2, y].scalar == " "
    }
    #expect(titled, "\(t)")
    // At 80×30 the loss chart joins it, with its title and unit.
    let taller = app(.contour, width: 80, height: 30).render(width: 80, height: 30).text
    #expect(taller.contains("loss, units²"), "\(taller)")
    // The loss chart's y labels: two rows in the panel whose text ends in a tick mark.
    let panel = ContourState.split(Rect(x: 0, y: 1, width: 80, height: 22)).panel
    let ticks = (0..<screen.height).filter { y in
      let row = (panel.x..<panel.maxX).map { screen[$0, y].scalar }
      return row.contains("┤")
    }
    #expect(ticks.count >= 2, "\(t)")
  }

  /// The help is longer than a 24-row screen: it says "more ↓", and PgDn, j/Down, End and the
  /// wheel bring its last row into view (with "more ↑" above).
  @Test func helpScrolls() {
    var a = app(.contour, width: 80, height: 24, keys: "?")
    let last = GlobalKeys.help.last!.action
    var t = a.text
    #expect(t.contains("more ↓") && !t.contains(last), "\(t)")
    _ = a.press("PageDown")
    #expect(a.state.helpScroll > 0)
    _ = a.press("End")
    t = a.text
    #expect(t.contains(last) && t.contains("more ↑") && !t.contains("more ↓"), "\(t)")
    _ = a.press("Home")
    #expect(a.state.helpScroll == 0)
    _ = a.press("j j")
    #expect(a.state.helpScroll == 2)
    _ = a.handle(.mouse(MouseEvent(x: 40, y: 12, button: .wheelDown)))
    #expect(a.state.helpScroll == 5)
    _ = a.press("k")
    #expect(a.state.helpScroll == 4)
  }

  /// A card longer than its panel says "more ↓"; PgDn (and the wheel over it) scrolls it to its end.
  @Test func cardScrolls() {
    var a = app(.distributions, width: 80, height: 24, keys: "e")
    let layout = a.layout(width: 80, height: 24)
    let lines = Chrome.cardLines(
      id: a.explanationID, width: layout.bottomPanel.width - 2, options: a.state.options
    ).lines
    var t = a.text
    #expect(t.contains("more ↓") && !t.contains(lines.last!), "\(t)")
    for _ in 0..<lines.count { _ = a.press("PageDown") }
    t = a.text
    #expect(t.contains(lines.last!) && t.contains("more ↑") && !t.contains("more ↓"), "\(t)")
    // The distributions view's own keys still work while the card is open.
    _ = a.press("PageUp")
    let y = layout.bottomPanel.y + 2
    for _ in 0..<lines.count { _ = a.handle(.mouse(MouseEvent(x: 10, y: y, button: .wheelUp))) }
    #expect(a.state.cardScroll == 0)
  }

  /// Scrolling reads the card's wrapped height measured once for its card and width; a resize (another width)
  /// measures it again.
  @Test func cardIsWrappedOncePerWidth() {
    var a = app(.distributions, width: 80, height: 24, keys: "e PageDown")
    let panel = a.layout(width: 80, height: 24).bottomPanel
    let rows = Chrome.cardLines(
      id: a.explanationID, width: panel.width - 2, options: a.state.options
    ).lines.count
    let measured = a.state.cardMeasure
    #expect(
      measured == CardMeasure(id: a.explanationID, width: panel.width - 2, ascii: false, rows: rows)
    )
    // A stored height is believed: a taller one (as if the text were longer) lets PgDn go further, which it
    // would not if each press wrapped the card again.
    a.state.cardMeasure?.rows = rows + 50
    for _ in 0..<20 { _ = a.press("PageDown") }
    #expect(a.state.cardScroll > rows)
    // Another width is measured anew.
    _ = a.handle(.resize(width: 60, height: 24))
    _ = a.press("PageUp")
    let narrow = a.layout(width: 60, height: 24).bottomPanel
    let narrowRows = Chrome.cardLines(
      id: a.explanationID, width: narrow.width - 2, options: a.state.options
    ).lines.count
    #expect(
      a.state.cardMeasure?.width == narrow.width - 2 && a.state.cardMeasure?.rows == narrowRows)
    #expect(a.state.cardScroll <= narrowRows - (narrow.height - 2))
  }
}
