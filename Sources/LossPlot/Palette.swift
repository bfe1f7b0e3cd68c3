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

extension Palette {
  /// A shade of `foreground` that reads on `background` (a contrast ratio of at least 3 as `theme`
  /// shows both): `foreground` itself when it does, else the nearest darker or lighter shade of the same
  /// hue (each channel of the 6×6×6 cube moved by the same number of steps; a grey moves along the grey
  /// ramp), so a path stays its colour on every band instead of getting a patch of another background.
  /// `nil` when no shade reads, or for colours outside the cube and the grey ramp (the basic 16).
  public static func readableShade(of foreground: Color, over background: Color, theme: Background)
    -> Color?
  {
    guard let fi = foreground.index, fi >= 16, let bi = background.index else { return nil }
    let table = theme == .light ? 1 : 0
    let (f, b) = (Int(fi), Int(bi))
    let bg = shownLuminance[table][1][b]
    @inline(__always) func contrast(_ i: Int) -> Double {
      let fg = shownLuminance[table][0][i]
      return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
    }
    let minimum = 3.0
    if contrast(f) >= minimum { return foreground }
    // The cube's channels (or the grey ramp's step), moved `step` darker (−) or lighter (+).
    @inline(__always) func shade(_ step: Int) -> Int? {
      if f >= 232 {
        let g = f + 2 * step
        return (232...255).contains(g) ? g : nil
      }
      let c = f - 16
      @inline(__always) func level(_ v: Int) -> Int { min(max(v + step, 0), 5) }
      return 16 + 36 * level(c / 36) + 6 * level((c / 6) % 6) + level(c % 6)
    }
    for step in 1...5 {
      var best: (index: Int, contrast: Double)? = nil
      if let darker = shade(-step), contrast(darker) >= minimum {
        best = (darker, contrast(darker))
      }
      if let lighter = shade(step), contrast(lighter) >= (best?.contrast ?? minimum) {
        best = (lighter, contrast(lighter))
      }
      if let best { return Color(UInt8(best.index)) }
    }
    return nil
  }
}
