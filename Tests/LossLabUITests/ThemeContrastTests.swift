import LossPlot
import Testing

@testable import LossLabUI

/// Every view, overlay and lesson step stays readable on a dark and on a light terminal: no
/// visible character has its foreground closer to its background than a WCAG contrast ratio of
/// 4.5 (text: letters and digits) or 3 (lines, dots, bars and other marks, WCAG's figure for
/// graphics). Colours are xterm's default palette; the terminal's own colours are taken as light
/// grey on black and black on white (`Background.defaultColors`).
@Suite struct ThemeContrastTests {
  static let textMinimum = 4.5
  static let markMinimum = 3.0

  /// (name, view, keys) for the screens a user sees.
  static let screens: [(String, ViewID, String)] = [
    ("curves", .curves, ""),
    ("curves help", .curves, "?"),
    ("curves explain", .curves, "e"),
    ("curves slope", .curves, "g Right Right"),
    ("contour", .contour, ""),
    ("contour steps", .contour, "s s s s s s"),
    ("contour diverging", .contour, "] ] ] ] s s s s"),
    ("contour compare", .contour, "c s s s s"),
    ("contour outliers mae", .contour, "x m s s"),
    ("contour explain", .contour, "e"),
    ("distributions", .distributions, ""),
    ("distributions explain", .distributions, "e"),
    ("distributions presets", .distributions, "m"),
  ]

  /// Colours of a cell as the terminal shows them.
  static func colors(_ style: Style, _ background: Background) -> (fg: RGB, bg: RGB) {
    let defaults = background.defaultColors
    let fg = style.foreground.rgb ?? defaults.foreground
    let bg = style.background.rgb ?? defaults.background
    return style.attributes.contains(.reverse) ? (bg, fg) : (fg, bg)
  }

  /// A contour band edge: a quadrant block in one grey band's colour over the next band's. It is
  /// an area in two background tones, not a mark on one, so the ratio does not apply (the ramp's
  /// neighbouring greys are close by design; paths, markers and text over the bands are checked).
  static func isBandFill(_ cell: Cell) -> Bool {
    guard "▘▝▀▖▌▞▛▗▚▐▜▄▙▟".unicodeScalars.contains(cell.scalar),
      let fg = cell.style.foreground.index, let bg = cell.style.background.index
    else { return false }
    return (232...255).contains(fg) && (232...255).contains(bg)
  }

  /// Cells that read too faintly, as "x,y 'c' ratio" strings.
  static func faintCells(_ screen: Screen, background: Background) -> [String] {
    let shown = screen.adapted(to: background)
    var faint: [String] = []
    for y in 0..<shown.height {
      for x in 0..<shown.width {
        let cell = shown[x, y]
        let s = cell.scalar
        if s == " " || s == "\u{2800}" { continue }
        if isBandFill(cell) { continue }
        let c = colors(cell.style, background)
        let ratio = RGB.contrast(c.fg, c.bg)
        let isText = s.properties.isAlphabetic || ("0"..."9").contains(s)
        if ratio < (isText ? textMinimum : markMinimum) {
          faint.append("\(x),\(y) '\(Character(s))' \((ratio * 100).rounded() / 100)")
        }
      }
    }
    return faint
  }

  @Test(arguments: Background.allCases)
  func everyScreenReads(on background: Background) {
    for (name, view, keys) in Self.screens {
      for (w, h) in [(100, 30), (160, 48)] {
        let options = RenderOptions(background: background)
        let a = app(view, width: w, height: h, keys: keys, options: options)
        let faint = Self.faintCells(a.render(width: w, height: h), background: background)
        #expect(
          faint.isEmpty,
          "\(name) \(w)x\(h) on \(background): \(faint.count) faint cells: \(faint.prefix(8))")
      }
    }
  }

  @Test(arguments: Background.allCases)
  func everyLessonStepReads(on background: Background) {
    for lesson in Lessons.all {
      var a = app(.curves, width: 120, height: 36, options: RenderOptions(background: background))
      let started = a.startLesson(lesson.name)
      #expect(started)
      for step in lesson.steps.indices {
        a.goToLessonStep(step)
        let faint = Self.faintCells(a.render(width: 120, height: 36), background: background)
        #expect(
          faint.isEmpty,
          "lesson \(lesson.name) step \(step + 1) on \(background): \(faint.prefix(8))")
      }
    }
  }

  /// The light mapping keeps greys in order (reversed) and makes every palette colour readable as
  /// text on white, and as a background under black text.
  @Test func lightMappingReadsOnWhite() {
    let white = RGB(255, 255, 255)
    let black = RGB(0, 0, 0)
    for i in 0...255 {
      let c = Color(UInt8(i))
      let fg = c.forLightBackground(asBackground: false).rgb!
      let bg = c.forLightBackground(asBackground: true).rgb!
      // Mid greys sit in the middle either way; every other colour clears the bar.
      if (240...247).contains(i) || i == 8 || i == 102 || i == 145 { continue }
      #expect(RGB.contrast(fg, white) >= 4.5 || RGB.contrast(bg, black) >= 4.5, "colour \(i)")
    }
    for k in 232..<255 {
      let a = Color(UInt8(k)).forLightBackground(asBackground: true).rgb!.luminance
      let b = Color(UInt8(k + 1)).forLightBackground(asBackground: true).rgb!.luminance
      #expect(a > b, "grey \(k) and \(k + 1) keep their order, reversed")
    }
    #expect(Color.default.forLightBackground(asBackground: false) == .default)
  }

  @Test func colorfgbgReadsTheBackground() {
    #expect(Background.fromCOLORFGBG("15;0") == .dark)
    #expect(Background.fromCOLORFGBG("0;15") == .light)
    #expect(Background.fromCOLORFGBG("0;default;7") == .light)
    #expect(Background.fromCOLORFGBG("7;8") == .dark)
    #expect(Background.fromCOLORFGBG("0;231") == .light)
    #expect(Background.fromCOLORFGBG("0;16") == .dark)
    #expect(Background.fromCOLORFGBG("") == nil)
    #expect(Background.fromCOLORFGBG("x;y") == nil)
    #expect(Background.fromCOLORFGBG(nil) == nil)
  }

  /// WCAG's own reference points: black on white is 21:1, a colour on itself 1:1, and #777777 on
  /// white about 4.48:1.
  @Test func contrastRatioMatchesWCAG() {
    #expect(abs(RGB.contrast(RGB(0, 0, 0), RGB(255, 255, 255)) - 21) < 1e-9)
    #expect(RGB.contrast(RGB(12, 200, 3), RGB(12, 200, 3)) == 1)
    #expect(abs(RGB.contrast(RGB(0x77, 0x77, 0x77), RGB(255, 255, 255)) - 4.48) < 0.01)
  }
}
