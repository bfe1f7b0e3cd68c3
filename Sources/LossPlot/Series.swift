/// One curve (or point set) of a `LinePlot`.
public struct Series: Sendable {
  /// Where the values come from.
  public enum Source: Sendable {
    /// y = f(x), sampled once per dot column at the dot centre.
    case function(@Sendable (Double) -> Double)
    /// The straight line y = slope·x + intercept, drawn exactly as the same `function` is (a plot redrawn
    /// every frame with a moving line builds no closure for it).
    case line(slope: Double, intercept: Double)
    /// A polyline through (xs[i], ys[i]); a non-finite value breaks it.
    case points([Double], [Double])
    /// Unconnected points (xs[i], ys[i]).
    case scatter([Double], [Double])
  }

  public var name: String
  public var color: Color
  /// Drawn instead of the dot glyphs in ASCII mode without colour, to tell series apart.
  public var asciiGlyph: Character
  /// Drawn last (on top of the others) and bold.
  public var emphasized: Bool
  public var source: Source

  public init(
    name: String, color: Color, asciiGlyph: Character = "*", emphasized: Bool = false,
    source: Source
  ) {
    self.name = name
    self.color = color
    self.asciiGlyph = asciiGlyph
    self.emphasized = emphasized
    self.source = source
  }
}
