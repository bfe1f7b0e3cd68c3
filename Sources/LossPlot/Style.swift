/// A terminal colour: one of the 256 xterm palette entries, or the terminal's default.
public struct Color: Hashable, Sendable {
  /// Palette index 0...255, or `nil` for the terminal's default colour.
  public let index: UInt8?

  public init(_ index: UInt8) { self.index = index }
  private init(defaultColor: Void) { self.index = nil }

  /// The terminal's own foreground or background.
  public static let `default` = Color(defaultColor: ())
  public static let black = Color(0)
  public static let red = Color(1)
  public static let green = Color(2)
  public static let yellow = Color(3)
  public static let blue = Color(4)
  public static let magenta = Color(5)
  public static let cyan = Color(6)
  public static let white = Color(7)
  public static let brightBlack = Color(8)
  public static let brightRed = Color(9)
  public static let brightGreen = Color(10)
  public static let brightYellow = Color(11)
  public static let brightBlue = Color(12)
  public static let brightMagenta = Color(13)
  public static let brightCyan = Color(14)
  public static let brightWhite = Color(15)

  /// A colour of the 6×6×6 cube (each component 0...5).
  public static func cube(_ r: Int, _ g: Int, _ b: Int) -> Color {
    let cr: Int = min(max(r, 0), 5)
    let cg: Int = min(max(g, 0), 5)
    let cb: Int = min(max(b, 0), 5)
    return Color(UInt8(16 + 36 * cr + 6 * cg + cb))
  }

  /// A grey of the 24-step ramp (0 darkest ... 23 lightest).
  public static func grey(_ level: Int) -> Color { Color(UInt8(232 + min(max(level, 0), 23))) }

  /// The nearest of the 8 basic colours, for terminals that have only those.
  public var basic8: Color {
    guard let i = index else { return self }
    if i < 16 { return Color(i % 8) }
    if i >= 232 {
      let level = Int(i) - 232
      return level < 6 ? .black : (level < 18 ? .white : .white)
    }
    let c = Int(i) - 16
    let r = c / 36
    let g = (c / 6) % 6
    let b = c % 6
    let hi = max(r, g, b)
    if hi <= 1 { return .black }
    let threshold = max(hi - 1, 1)
    let bits = (r >= threshold ? 1 : 0) | (g >= threshold ? 2 : 0) | (b >= threshold ? 4 : 0)
    return Color(UInt8(bits))
  }
}

/// Text attributes of a cell.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  public static let bold = Attributes(rawValue: 1 << 0)
  public static let dim = Attributes(rawValue: 1 << 1)
  public static let reverse = Attributes(rawValue: 1 << 2)
  public static let underline = Attributes(rawValue: 1 << 3)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var attributes: Attributes

  public init(
    foreground: Color = .default, background: Color = .default, attributes: Attributes = []
  ) {
    self.foreground = foreground
    self.background = background
    self.attributes = attributes
  }

  /// Default colours, no attributes.
  public static let plain = Style()
  public static let bold = Style(attributes: .bold)
  public static let dim = Style(attributes: .dim)
  public static let reverse = Style(attributes: .reverse)

  /// A copy with another foreground.
  public func fg(_ c: Color) -> Style {
    var s = self
    s.foreground = c
    return s
  }
  /// A copy with another background.
  public func bg(_ c: Color) -> Style {
    var s = self
    s.background = c
    return s
  }
  /// A copy with more attributes.
  public func with(_ a: Attributes) -> Style {
    var s = self
    s.attributes.formUnion(a)
    return s
  }
}

/// How much colour and which characters a frame may use.
public struct RenderOptions: Hashable, Sendable {
  /// Colour depth the output can show.
  public enum ColorDepth: Int, Hashable, Sendable, Comparable {
    case none = 0
    case basic8 = 8
    case full256 = 256
    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }
  }
  /// Only 7-bit ASCII characters (no braille, blocks or Unicode math).
  public var ascii: Bool
  public var color: ColorDepth
  /// Draw with quadrant blocks (2×2 dots a cell) instead of braille (2×4), for fonts without braille.
  public var blocks: Bool
  /// The terminal's background; views draw for dark, and the output adapts (`Screen.adapted`).
  public var background: Background

  public init(
    ascii: Bool = false, color: ColorDepth = .full256, blocks: Bool = false,
    background: Background = .dark
  ) {
    self.ascii = ascii
    self.color = color
    self.blocks = blocks
    self.background = background
  }

  public static let standard = RenderOptions()
  public var hasColor: Bool { color != .none }
}
