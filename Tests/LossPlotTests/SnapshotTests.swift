import Foundation
import LossCore
import Testing

@testable import LossPlot

// Inline text snapshots of small renders. Each picture was checked by eye before it was frozen:
// curves leave the top edge at their asymptotes, ticks are nice, the legend sits in an empty
// corner, the MAE contours are nested diamonds, the bowl's rings close around the ◆ minimum.

private let plain = RenderOptions(color: .none)
private let ascii = RenderOptions(ascii: true, color: .none)

private func render(_ w: Int, _ h: Int, _ draw: (inout Screen, Rect) -> Void) -> String {
  var s = Screen(width: w, height: h)
  draw(&s, s.bounds)
  return s.text
}

@Test func linePlotSnapshotBraille() {
  // Colour on (not visible in the text): braille dots, the legend's samples are lines.
  let text = render(40, 12) { s, r in
    Fixtures.linePlot().draw(into: &s, rect: r, options: .standard)
  }
  #expect(
    text == #"""
      loss
      4┤⠸⡀         │                    ── y=1
       │ ⢇         │                    ── y=0
      3┤ ⠈⢆        │                       ⢠⠃
       │  ⠈⢢       │                      ⡰⠁
      2┤    ⠑⢄⡀    │                   ⢀⡠⠊
       │      ⠈⠒⠤⣀ │                ⣀⠤⠒⠁
      1┤          ⠉●⠢⠤⣀⡀      ⢀⣀⠤⠔⠒⠉
       │           │ ⢀⣀⣈⠭⠵⠖⠲⠮⠭⣁⣀⡀
      0┤⣀⣀⣀⣀⠤⠤⠤⠔⠒⠒⠒⠉⠉⠁          ⠈⠉⠉⠒⠒⠒⠢⠤⠤⠤⣀⣀⣀⣀
       └┬──────┬───────┬──────┬───────┬──────┬
       0.0    0.2     0.4    0.6     0.8     p
      """#)
}

@Test func linePlotSnapshotASCII() {
  let text = render(40, 12) { s, r in Fixtures.linePlot().draw(into: &s, rect: r, options: ascii) }
  #expect(
    text == #"""
      loss
      4+**         :                    ** y=1
       | *         :                    oo y=0
      3+ **        :                       oo
       |  **       :                      oo
      2+    ***    :                   ooo
       |      **** :                oooo
      1+          *o****      oooooo
       |           : oooooooooo**
      0+oooooooooooooo          **************
       ++------+-------+------+-------+------+
       0.0    0.2     0.4    0.6     0.8     p
      """#)
}

private func maeMap(_ o: RenderOptions) -> String {
  render(30, 12) { s, r in
    let n = ContourPlot.sampleSize(for: r, options: o, showKey: false)
    var p = ContourPlot(grid: Fixtures.mae(columns: n.columns, rows: n.rows))
    p.showKey = false
    p.levels = [0.5, 1, 1.5, 2]
    p.minimum = (2, 3)
    p.draw(into: &s, rect: r, options: o)
  }
}

@Test func maeContoursAreNestedDiamonds() {
  #expect(
    maeMap(plain) == #"""
      b
           5┤    dd cc bbb cc dd
            │   dd cc bb bb cc dd
           4┤  dd ccbb aaa bbcc dd
            │ ddcc bb aa aa bb ccdd
           3┤d  c  b aa ◆ aa b  c  d
            │ ddcc bb aa aa bb ccdd
           2┤  dd ccbb aaa bbcc dd
            │   dd cc bb bb cc dd
           1┤    dd cc bbb cc dd
            └┬────┬─────┬─────┬────┬
             0    1     2     3    w
      """#)
}

@Test func maeContoursASCII() {
  #expect(
    maeMap(ascii) == #"""
      b
           5+     d cc bbb cc d
            |   dd cc bb bb cc dd
           4+  dd cc b aaa b cc dd
            | d cc bb aa aa bb cc d
           3+d  c bb aa X aa bb c  d
            | d cc bb aa aa bb cc d
           2+  dd cc b aaa b cc dd
            |   dd cc bb bb cc dd
           1+     d cc bbb cc d
            ++----+-----+-----+----+
             0    1     2     3    w
      """#)
}

@Test func bowlContourWithKeyPathsAndArrow() {
  let text = render(50, 14) { s, r in
    Fixtures.contourPlot(for: r, options: .standard).draw(into: &s, rect: r, options: .standard)
  }
  #expect(
    text == #"""
      b
            │▀▀▀▜     ▝▀▀▜       ▝▀▀           level
           6┤  ⠶⢄   ▝▀▀▀    ▝▀▀▜       ▀▀▜        20
            │    ⠉⠢⢄▀▀▀    ▀▀▀▜   ▝▀▀▜      ▝▀    10
            │   ▖   ⠉⠶⣀ ▀▀  ▀▜    ▝▀     ▝▜       5
           4┤ ▄▄ ▙▄    ⠑⠤⣀   ▝▀▀▝▀▀   ▝▀▀    ▀    2
            │▄▖   ▄▄ ▄▄  ⠉⠉⠉⠲◆    ▝▀▀▝▀▀   ▝▀▜    1
           2┤    ▄▄   ▙▄▄▙▄▄           ▀▀ ▀▀
            │  ▄▄▄▄   ▄▄▄▄  ▄▄▄▄▖▄▄▄▄     ▀  ▝
            │▖      ▙▄▄↗   ▙▄▄    ▄▄▄⠘⠳⢄
           0┤    ▙▄▄ ⠔⠉    ▙▄▄▖    ▄▄▄▖ ⠙⢦⡄    ● gd
            │          ▄▖        ▙▄       ⠈⠒↘  ● adam
            └┬───────┬───────┬───────┬───────┬
            -2       0       2       4       w
      """#)
}

@Test func bowlContourASCII() {
  let text = render(50, 14) { s, r in
    Fixtures.contourPlot(for: r, options: ascii).draw(into: &s, rect: r, options: ascii)
  }
  #expect(
    text == #"""
      b
            |cccccc   dddddd     eeeee         level
           6+bb**  ccccccc ddddddd    eeeeee   e 20
            |   ****bbbbbbcccccccddddddd   eee d 10
            |b  a  ****aabbbbbbbcccccc dddddd  c 5
           4+ bbbaaaa ****  aaabbbbbb ccccc dd b 2
            |ccc bbbaaaaa****X    aaabbbbb ccc a 1
           2+dd ccccc bbbaaaaaa       aaabbbb
            | dddddd ccccccbbbaaaaaaaaa   a  b
            |eee   ddd./>dcccccccbbbb++++aa
           0+  eeeeee/'  ddddddd ccccccc+++bbb * gd
            |        eeeee     dddddd   cc++>c + adam
            ++-------+-------+-------+-------+
            -2       0       2       4       w
      """#)
}

@Test func histogramSnapshot() {
  let text = render(36, 10) { s, r in Fixtures.histogram.draw(into: &s, rect: r, options: plain) }
  #expect(
    text == #"""
      █ p  ▒ q
        0.6│0.50          ▒▒▒▒
           │▅▅▅▅          ▒▒▒▒
        0.4│████          ▒▒▒▒
           │████      0.30▒▒▒▒
           │████0.25  ████▒▒▒▒  0.20
        0.2│████▒▒▒▒  ████▒▒▒▒  ▅▅▅▅0.15
           │████▒▒▒▒  ████▒▒▒▒  ████▒▒▒▒
        0.0│████▒▒▒▒  ████▒▒▒▒  ████▒▒▒▒
               cat       dog      bird
      """#)
}

@Test func histogramSnapshotASCII() {
  let text = render(36, 10) { s, r in Fixtures.histogram.draw(into: &s, rect: r, options: ascii) }
  #expect(
    text == #"""
      # p  = q
        0.6|0.50          ====
           |####          ====
        0.4|####          ====
           |####      0.30====
           |####0.25  ####====  0.20
        0.2|####====  ####====  ####0.15
           |####====  ####====  ####====
        0.0|####====  ####====  ####====
               cat       dog      bird
      """#)
}

@Test func textPanelSnapshot() {
  #expect(
    render(28, 7) { s, r in Fixtures.panel.draw(into: &s, rect: r, options: plain) } == #"""
      ┌─ MSE ────────────────────┐
      │ L = mean((y − ŷ)²)       │
      │ loss               0.125 │
      │ gradient w          -1.5 │
      │                          │
      │ q quit                   │
      └──────────────────────────┘
      """#)
  #expect(
    render(28, 7) { s, r in Fixtures.panel.draw(into: &s, rect: r, options: ascii) } == #"""
      +- MSE --------------------+
      | L = mean((y ? ?)?)       |
      | loss               0.125 |
      | gradient w          -1.5 |
      |                          |
      | q quit                   |
      +--------------------------+
      """#)
}

@Test func bowlContoursAreNestedEllipsesWithKey() {
  let text = render(44, 16) { s, r in
    let n = ContourPlot.sampleSize(for: r, options: plain)
    var p = ContourPlot(grid: Fixtures.bowl(columns: n.columns, rows: n.rows, x: -1...5, y: 0...6))
    p.minimum = (2, 3)
    p.draw(into: &s, rect: r, options: plain)
  }
  #expect(
    text == #"""
      b
           6┤c     ddddd   eeeee      ff level
            │ccccccc   ddddd   eeee      f 20
           5┤bbbbbbcccccc  ddddd   eeee  e 10
            │   aaaabbbbccccc  dddd    e d 5
           4┤bb aa   aaaabbbccccc  dddd  c 2
            │ccbbaaa      aaabbbcccc  dd b 1
           3┤ cccbbaaaa   ◆   aabbbcccc  a 0.5
            │dd  cccbbbaaaa      aabbbcc
           2┤ dddd  ccccbbaaaaaa   aa bb
            │e    dddd  ccccbbbaaaaaa
           1┤ eeee   ddddd  cccccbbbbbbb
            │     eeee   ddddd   ccccccc
           0┤ff      eeeee   ddddd     c
            └────┬────────┬────────┬────
                 0        2        4   w
      """#)
}

@Test func withoutColourSeveralSeriesAreDrawnWithTheirGlyphs() {
  let plot = Fixtures.linePlot()
  let text = render(40, 12) { s, r in plot.draw(into: &s, rect: r, options: plain) }
  for s in plot.series {
    #expect(
      text.contains(String(repeating: s.asciiGlyph, count: 2) + " " + s.name), "legend of \(s.name)"
    )
  }
  // No braille: the dots of different series would look alike.
  #expect(!text.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) })
}
