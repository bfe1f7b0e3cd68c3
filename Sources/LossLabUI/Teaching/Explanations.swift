import LossPlot

/// One explanation card, shown by `e` for whatever is selected.
///
/// `formula` and `derivative` are Unicode math on one line of at most 60 columns, made only of
/// single-width characters; `asciiFormula` and `asciiDerivative` say the same in pure ASCII for
/// `--ascii` or non-UTF-8 terminals. `title`, `meaning` and `whenToUse` are plain ASCII and are
/// shown unchanged in both modes. Logarithms are natural (nats) unless a card says bits.
public struct Explanation: Sendable, Equatable {
  /// Which family a card belongs to (also the concepts page that covers it).
  public enum Family: String, Sendable, Equatable, CaseIterable {
    case regression, classification, lineFit, optimizer, distribution, concept
  }

  /// Stable key: a loss's kebab-case name ("binary-crossentropy", "mean-squared-error"), an
  /// optimizer's name ("adam"), or a concept ("kl-term", "fit-mse").
  public var id: String
  /// Other names that find this card, e.g. the short name "bce".
  public var aliases: [String]
  public var family: Family
  public var title: String
  /// Unicode math, one line, at most 60 single-width columns.
  public var formula: String
  /// `formula` in pure ASCII.
  public var asciiFormula: String
  /// The derivative (for optimizers: the gradient and state the update uses), Unicode, one line.
  public var derivative: String
  /// `derivative` in pure ASCII.
  public var asciiDerivative: String
  /// What it means, in one or two plain sentences (ASCII).
  public var meaning: String
  /// When to use it, in one to three sentences (ASCII).
  public var whenToUse: String

  public init(
    id: String, aliases: [String] = [], family: Family, title: String,
    formula: String, asciiFormula: String, derivative: String, asciiDerivative: String,
    meaning: String, whenToUse: String
  ) {
    self.id = id
    self.aliases = aliases
    self.family = family
    self.title = title
    self.formula = formula
    self.asciiFormula = asciiFormula
    self.derivative = derivative
    self.asciiDerivative = asciiDerivative
    self.meaning = meaning
    self.whenToUse = whenToUse
  }

  /// The label in front of `derivative`: "Update state" for optimizers, "Derivative" otherwise.
  public var derivativeLabel: String { family == .optimizer ? "Update state" : "Derivative" }

  /// The formula for the chosen mode.
  public func formula(ascii: Bool) -> String { ascii ? asciiFormula : formula }

  /// The derivative for the chosen mode.
  public func derivative(ascii: Bool) -> String { ascii ? asciiDerivative : derivative }

  /// The whole card as panel lines, each at most `width` columns (every character in the Unicode
  /// form is one column wide). With `ascii`, every line is pure ASCII. Widths below 10 are
  /// treated as 10.
  public func lines(ascii: Bool, width: Int) -> [String] {
    let w = max(width, 10)
    var out: [String] = []
    out += TextWrap.wrap(title, width: w)
    out += TextWrap.wrapMath(label: "Formula:", formula(ascii: ascii), width: w)
    out += TextWrap.wrapMath(label: derivativeLabel + ":", derivative(ascii: ascii), width: w)
    out.append("")
    out += TextWrap.wrap(meaning, width: w)
    out.append("")
    out += TextWrap.wrap("When to use: " + whenToUse, width: w)
    return out
  }
}

/// Every explanation card, and lookup by id or alias. A loss's card has the loss's kebab-case
/// name as its id (`mean-squared-error`), and its short names as aliases (`mse`).
public enum Explanations {
  /// All cards, in the order a help list would show them: read from the card files of
  /// `Content/cards`, compiled into the binary.
  public static let all: [Explanation] = BuiltInContent.cards

  /// The card whose id or alias is `id`. Case, spaces, underscores and camelCase are ignored, so
  /// Keras names ("binary_crossentropy"), kebab names and Swift case names ("squaredHinge",
  /// "binaryCrossentropy") all work.
  public static func named(_ id: String) -> Explanation? {
    let key = normalize(id)
    return all.first { $0.id == key } ?? all.first { $0.aliases.contains(key) }
  }

  /// The card for a curve of the curves view: `kind` is a curve name ("negLog", "bce", "hinge",
  /// ...); for "bce" the target (0 or 1) picks "bce-0" or "bce-1", any other target gives "bce".
  public static func forCurve(_ kind: String, target: Double) -> Explanation? {
    let key = normalize(kind)
    if named(key)?.id == "binary-crossentropy" {
      if target == 0 { return named("bce-0") }
      if target == 1 { return named("bce-1") }
    }
    return named(key)
  }

  /// The card for the objective of the contour view: `loss` is "mse", "mae" or "huber".
  public static func forLineFit(_ loss: String) -> Explanation? {
    named("fit-" + normalize(loss))
  }

  /// Lower-cases, turns spaces and underscores into hyphens, and splits camelCase with hyphens.
  static func normalize(_ name: String) -> String {
    var out = ""
    var previousIsLowerOrDigit = false
    for c in name {
      if c == "_" || c == " " {
        out.append("-")
        previousIsLowerOrDigit = false
        continue
      }
      if c.isUppercase && previousIsLowerOrDigit { out.append("-") }
      out += c.lowercased()
      previousIsLowerOrDigit = c.isLowercase || c.isNumber
    }
    return out
  }
}
