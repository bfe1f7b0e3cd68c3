#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whether the terminal's background is dark or light.
///
/// Views draw for a dark background. For a light one, `Style.adapted(to:)` maps every colour to
/// its light-background counterpart as the frame goes out (to the terminal, ANSI text, SVG or
/// HTML): greys swap ends, foregrounds darken and backgrounds lighten until they read against
/// the terminal's own colours. The mapping is a pure function of the colour, so the cell diff and
/// the caches never see the theme.
public enum Background: String, CaseIterable, Hashable, Sendable {
  case dark, light

  /// The background that `COLORFGBG` ("fg;bg" or "fg;default;bg", set by rxvt, Konsole and others)
  /// describes, or `nil` when it is unset or unreadable. Backgrounds 0-6 and 8 are dark, 7 and
  /// 9-15 light (the rule Vim uses); a 256-colour background goes by its luminance.
  public static func fromCOLORFGBG(_ value: String?) -> Background? {
    guard let value, let last = value.split(separator: ";").last, let bg = UInt8(last) else {
      return nil
    }
    if bg < 16 { return bg <= 6 || bg == 8 ? .dark : .light }
    return Color(bg).rgb!.luminance < 0.18 ? .dark : .light
  }

  /// The terminal's default foreground and background as RGB, assumed for previews and checks:
  /// light grey on black, or black on white.
  public var defaultColors: (foreground: RGB, background: RGB) {
    switch self {
    case .dark: return (RGB(229, 229, 229), RGB(0, 0, 0))
    case .light: return (RGB(0, 0, 0), RGB(255, 255, 255))
    }
  }
}

/// An sRGB colour with 8-bit components.
public struct RGB: Hashable, Sendable {
  public var r: UInt8, g: UInt8, b: UInt8
  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// `#rrggbb`.
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var s = "#"
    for v in [r, g, b] {
      s.append(digits[Int(v >> 4)])
      s.append(digits[Int(v & 15)])
    }
    return s
  }

  /// Relative luminance (WCAG 2): 0 for black, 1 for white.
  public var luminance: Double {
    func channel(_ v: UInt8) -> Double {
      let c = Double(v) / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
  }

  /// The WCAG contrast ratio of two colours: 1 (same luminance) to 21 (black on white).
  public static func contrast(_ a: RGB, _ b: RGB) -> Double {
    let la = a.luminance
    let lb = b.luminance
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
  }
}

extension Color {
  /// The colour as xterm's default palette shows it; `nil` for the terminal's default.
  public var rgb: RGB? {
    guard let i = index else { return nil }
    switch i {
    case 0..<16:
      let table: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
      ]
      let t = table[Int(i)]
      return RGB(t.0, t.1, t.2)
    case 16..<232:
      let c = Int(i) - 16
      return RGB(Self.cubeLevel(c / 36), Self.cubeLevel((c / 6) % 6), Self.cubeLevel(c % 6))
    default:
      let v = UInt8(8 + 10 * (Int(i) - 232))
      return RGB(v, v, v)
    }
  }

  static func cubeLevel(_ k: Int) -> UInt8 { k == 0 ? 0 : UInt8(55 + 40 * k) }

  /// The colour to use instead on a light background, as a foreground (`background: false`) or a
  /// background. Greys (and the cube's black and white) swap ends; a foreground colour darkens
  /// until it has a contrast of at least 4.5 against white, a background colour lightens until it
  /// has that contrast against black. The terminal's default stays the default.
  public func forLightBackground(asBackground: Bool) -> Color {
    guard let i = index else { return self }
    switch i {
    case 0: return Color(15)
    case 7, 15: return Color(0)
    case 8: return Color(8)
    case 1..<16: return Color.lightTable[asBackground ? 1 : 0][Int(i)]
    case 16: return Color(231)
    case 231: return Color(16)
    case 232...255: return Color(UInt8(255 - (Int(i) - 232)))
    default: return Color.lightTable[asBackground ? 1 : 0][Int(i)]
    }
  }

  /// `lightTable[0][i]`: colour `i` as a foreground on a light background; `[1][i]`: as a
  /// background there. Computed once for the 16 basic colours and the 6×6×6 cube.
  static let lightTable: [[Color]] = [false, true].map { asBackground in
    (0..<256).map { i -> Color in
      guard i >= 1, i < 232, i != 7, i != 8, i != 15, i != 16, i != 231 else {
        return Color(UInt8(i))
      }
      // Work in the cube; basic colours start from their nearest cube entry.
      var (r, g, b): (Int, Int, Int)
      if i < 16 {
        let basic: [(Int, Int, Int)] = [
          (0, 0, 0), (4, 0, 0), (0, 4, 0), (4, 4, 0), (0, 0, 4), (4, 0, 4), (0, 4, 4), (4, 4, 4),
          (2, 2, 2), (5, 0, 0), (0, 5, 0), (5, 5, 0), (1, 1, 5), (5, 0, 5), (0, 5, 5), (5, 5, 5),
        ]
        (r, g, b) = basic[i]
      } else {
        let c = i - 16
        (r, g, b) = (c / 36, (c / 6) % 6, c % 6)
      }
      let target = RGB(asBackground ? 0 : 255, asBackground ? 0 : 255, asBackground ? 0 : 255)
      var color = Color.cube(r, g, b)
      while RGB.contrast(color.rgb!, target) < 4.5 {
        if asBackground {
          (r, g, b) = (min(r + 1, 5), min(g + 1, 5), min(b + 1, 5))
        } else {
          (r, g, b) = (max(r - 1, 0), max(g - 1, 0), max(b - 1, 0))
        }
        let next = Color.cube(r, g, b)
        if next == color { break }
        color = next
      }
      // A basic colour that already reads keeps its own index (terminal themes may tune it).
      if i < 16, RGB.contrast(Color(UInt8(i)).rgb!, target) >= 4.5 { return Color(UInt8(i)) }
      return color
    }
  }
}

extension Style {
  /// This style as it should look on `background`: unchanged on dark; colours mapped with
  /// `Color.forLightBackground` on light.
  public func adapted(to background: Background) -> Style {
    guard background == .light else { return self }
    var s = self
    s.foreground = foreground.forLightBackground(asBackground: false)
    s.background = self.background.forLightBackground(asBackground: true)
    return s
  }
}

extension Screen {
  /// The frame with every style adapted to `background` (the same frame on dark).
  public func adapted(to background: Background) -> Screen {
    guard background == .light else { return self }
    var out = self
    for k in out.cells.indices { out.cells[k].style = cells[k].style.adapted(to: background) }
    return out
  }
}
