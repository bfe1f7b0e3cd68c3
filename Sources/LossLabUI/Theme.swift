import LossPlot

/// Series colours and glyphs shared by the views, chosen to stay distinct on dark and light terminals.
enum Theme {
  static let series: [Color] = [
    Color(203), Color(78), Color(75), Color(221), Color(177), Color(80), Color(215), Color(141),
    Color(114), Color(250), Color(210),
  ]
  /// Series glyphs without colour: the contour map's path glyphs, so legends and maps agree.
  static let glyphs: [Character] = ContourPlot.pathGlyphs.map { Character(UnicodeScalar($0)) }

  static func color(_ i: Int) -> Color {
    series[((i % series.count) + series.count) % series.count]
  }
  static func glyph(_ i: Int) -> Character {
    glyphs[((i % glyphs.count) + glyphs.count) % glyphs.count]
  }

  static let heading = Style(foreground: Color(117), attributes: .bold)
  static let warning = Style(foreground: Color(203), attributes: .bold)

  /// `style` with colour only when the output has colour; otherwise just its attributes.
  static func styled(_ style: Style, _ options: RenderOptions) -> Style {
    options.hasColor ? style : Style(attributes: style.attributes)
  }
}
