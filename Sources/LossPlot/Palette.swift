/// Colour ramps for filled contour bands.
public enum Palette {
  /// A dark-to-light grey ramp: quiet enough that coloured paths, markers and arrows stand out on any
  /// band, with isolines in a contrasting grey.
  static let ramp256: [UInt8] = [233, 234, 235, 236, 237, 238, 239, 240, 241, 242, 244, 246]
  /// The same idea with the 8 basic colours.
  static let ramp8: [UInt8] = [0, 4, 5, 6, 2, 3, 7]

  /// `n` colours from dark (low) to light (high) for `depth`; all `.default` without colour.
  public static func sequential(_ n: Int, depth: RenderOptions.ColorDepth) -> [Color] {
    guard n > 0 else { return [] }
    let ramp: [UInt8]
    switch depth {
    case .none: return Array(repeating: .default, count: n)
    case .basic8: ramp = ramp8
    case .full256: ramp = ramp256
    }
    if n == 1 { return [Color(ramp[0])] }
    return (0..<n).map { k in
      Color(ramp[Int((Double(k) * Double(ramp.count - 1) / Double(n - 1)).rounded())])
    }
  }

  /// A foreground that reads on `background` from `sequential`: near-white or black, whichever
  /// has the higher contrast (WCAG ratio) against it.
  public static func contrast(on background: Color) -> Color {
    guard let i = background.index, let bg = background.rgb else { return .default }
    let basic = i < 16
    let (light, dark) = basic ? (Color.white, Color.black) : (Color(255), Color(16))
    return RGB.contrast(light.rgb!, bg) >= RGB.contrast(dark.rgb!, bg) ? light : dark
  }
}

extension Palette {
  /// The background to put under `foreground` where it is drawn over `background` (a band): the
  /// band itself when `foreground` reads on it (a contrast ratio of at least `minimum` as `theme`
  /// shows both), else the nearest grey of the 24-step ramp that gives that ratio, so a path keeps
  /// its band's tone instead of a dark strip. On a band of another colour (the 8-colour ramp) it is
  /// the band, or the terminal's own background where the colour does not read; without colour,
  /// the band.
  public static func readableBackground(
    under foreground: Color, over background: Color, theme: Background, minimum: Double = 3
  ) -> Color {
    guard let i = background.index, let f = foreground.index else { return background }
    let table = theme == .light ? 1 : 0
    let fg = shownLuminance[table][0][Int(f)]
    @inline(__always) func reads(_ grey: Int) -> Bool {
      let bg = shownLuminance[table][1][grey]
      return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05) >= minimum
    }
    guard (232...255).contains(i) else {
      // Bands of the 8 basic colours have no greys between them: where the colour does not read
      // on one (as 8-colour terminals show both), the terminal's own background.
      let shown = shownLuminance[table][0][Int(foreground.basic8.index!)]
      let bg = shownLuminance[table][1][Int(background.basic8.index!)]
      return (max(shown, bg) + 0.05) / (min(shown, bg) + 0.05) >= minimum ? background : .default
    }
    let band = Int(i)
    if reads(band) { return background }
    for d in 1...23 {
      if band - d >= 232, reads(band - d) { return Color(UInt8(band - d)) }
      if band + d <= 255, reads(band + d) { return Color(UInt8(band + d)) }
    }
    return background
  }

  /// The colour and background to draw `foreground` with over a band `background`: the colour on the
  /// band when it reads there (a contrast ratio of at least `minimum` as `theme` shows both); else the
  /// nearest shade or tint of it (the 6×6×6 cube a step at a time towards black or white, away from the
  /// band first) that reads on the band, so a path or arrow keeps its band under it and stays close to
  /// its hue instead of sitting on a patch; else (no colour, or a band of the 8-colour ramp) the colour
  /// over `readableBackground`.
  public static func readable(
    _ foreground: Color, over background: Color, theme: Background, minimum: Double = 3
  ) -> (foreground: Color, background: Color) {
    guard let f = foreground.index, let band = background.index, (232...255).contains(band),
      f < 232, f != 0, f != 16
    else {
      return (
        foreground,
        readableBackground(under: foreground, over: background, theme: theme, minimum: minimum)
      )
    }
    let table = theme == .light ? 1 : 0
    let bg = shownLuminance[table][1][Int(band)]
    @inline(__always) func reads(_ c: Color) -> Bool {
      let fg = shownLuminance[table][0][Int(c.index!)]
      return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05) >= minimum
    }
    if reads(foreground) { return (foreground, background) }
    // Away from the band first: shades on a band lighter than the colour, tints on a darker one.
    let darker = bg > shownLuminance[table][0][Int(f)]
    let (r, g, b) = cubeCoordinates(f)
    for k in 1...5 {
      let tint = Color.cube(
        r + ((5 - r) * k + 4) / 5, g + ((5 - g) * k + 4) / 5, b + ((5 - b) * k + 4) / 5)
      let shade = Color.cube(r * (5 - k) / 5, g * (5 - k) / 5, b * (5 - k) / 5)
      let (first, second) = darker ? (shade, tint) : (tint, shade)
      if reads(first) { return (first, background) }
      if reads(second) { return (second, background) }
    }
    return (
      foreground,
      readableBackground(under: foreground, over: background, theme: theme, minimum: minimum)
    )
  }

  /// A colour's place in the 6×6×6 cube (the 16 basic colours at their nearest entries).
  static func cubeCoordinates(_ index: UInt8) -> (Int, Int, Int) {
    if index < 16 {
      let basic: (Int, Int, Int) =
        switch index {
        case 1: (4, 0, 0)
        case 2: (0, 4, 0)
        case 3: (4, 4, 0)
        case 4: (0, 0, 4)
        case 5: (4, 0, 4)
        case 6: (0, 4, 4)
        case 7: (4, 4, 4)
        case 8: (2, 2, 2)
        case 9: (5, 0, 0)
        case 10: (0, 5, 0)
        case 11: (5, 5, 0)
        case 12: (1, 1, 5)
        case 13: (5, 0, 5)
        case 14: (0, 5, 5)
        case 15: (5, 5, 5)
        default: (0, 0, 0)
        }
      return basic
    }
    let c = Int(index) - 16
    return (c / 36, (c / 6) % 6, c % 6)
  }

  /// The relative luminance of each palette colour as the terminal shows it: `[theme][role][index]`,
  /// theme 0 dark and 1 light, role 0 a foreground and 1 a background (computed once: a frame asks
  /// for it at every path cell).
  static let shownLuminance: [[[Double]]] = [Background.dark, .light].map { theme in
    [false, true].map { asBackground in
      (0..<256).map { i in
        let c = Color(UInt8(i))
        let style = asBackground ? Style(background: c) : Style(foreground: c)
        let shown = style.adapted(to: theme)
        return (asBackground ? shown.background : shown.foreground).rgb!.luminance
      }
    }
  }
}
