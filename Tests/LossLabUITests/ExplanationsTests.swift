import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// Whether a scalar takes exactly one terminal column: no controls, no combining or zero-width
/// marks, nothing East Asian wide, no emoji.
private func isSingleColumn(_ s: Unicode.Scalar) -> Bool {
  let v = s.value
  if v < 0x20 || (0x7F...0x9F).contains(v) { return false }
  if (0x0300...0x036F).contains(v) { return false }
  switch s.properties.generalCategory {
  case .nonspacingMark, .spacingMark, .enclosingMark, .format, .control: return false
  default: break
  }
  if (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return false }
  let wide: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD,
  ]
  if wide.contains(where: { $0.contains(v) }) { return false }
  if s.properties.isEmojiPresentation { return false }
  return true
}

private func isPrintableASCII(_ text: String) -> Bool {
  text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
}

private func columns(_ text: String) -> Int { text.unicodeScalars.count }

/// Sentences: a '.', '!' or '?' followed by a space or the end of the text.
private func sentenceCount(_ text: String) -> Int {
  let s = Array(text.unicodeScalars)
  var n = 0
  for (i, c) in s.enumerated() where c == "." || c == "!" || c == "?" {
    if i + 1 == s.count || s[i + 1] == " " { n += 1 }
  }
  return n
}

@Suite struct ExplanationsTests {
  let all = Explanations.all

  @Test func theWidthCheckerRejectsWhatItShould() {
    #expect(isSingleColumn("a"))
    #expect(isSingleColumn("ŷ"))  // U+0177, precomposed
    #expect(isSingleColumn("‖"))
    #expect(!isSingleColumn("\u{0302}"))  // combining circumflex
    #expect(!isSingleColumn("\u{20D7}"))  // combining vector arrow
    #expect(!isSingleColumn("你"))
    #expect(!isSingleColumn("\u{1F600}"))
    #expect(!isSingleColumn("\u{FF21}"))  // fullwidth A
    #expect(!isSingleColumn("\u{200D}"))
    #expect(!isSingleColumn("\n"))
    #expect(sentenceCount("One. Two 0.5 three! Four") == 2)
    #expect(sentenceCount("One (a). Two.") == 2)
  }

  @Test func idsAreUniqueNormalizedAndFound() {
    var seen: Set<String> = []
    for card in all {
      #expect(!card.id.isEmpty)
      #expect(Explanations.normalize(card.id) == card.id, "id \(card.id) is not in normal form")
      #expect(seen.insert(card.id).inserted, "duplicate id \(card.id)")
      #expect(Explanations.named(card.id) == card)
    }
  }

  @Test func aliasesAreUniqueAndFindTheirCard() {
    let ids = Set(all.map(\.id))
    var seen: Set<String> = []
    for card in all {
      for alias in card.aliases {
        #expect(Explanations.normalize(alias) == alias, "alias \(alias) is not in normal form")
        #expect(!ids.contains(alias), "alias \(alias) of \(card.id) is also an id")
        #expect(seen.insert(alias).inserted, "alias \(alias) used twice")
        #expect(Explanations.named(alias)?.id == card.id)
      }
    }
  }

  @Test func namedIgnoresCaseUnderscoresAndSpaces() {
    #expect(Explanations.named("Binary_Crossentropy")?.id == "binary-crossentropy")
    #expect(Explanations.named("MEAN SQUARED ERROR")?.id == "mean-squared-error")
    #expect(Explanations.named("MSE")?.id == "mean-squared-error")
    #expect(Explanations.named("kl_divergence")?.id == "kl-divergence")
    #expect(Explanations.named("kl")?.id == "kl-divergence")
    #expect(Explanations.named("sgd")?.id == "gd")
    #expect(Explanations.named("squaredHinge")?.id == "squared-hinge")
    #expect(Explanations.named("binaryCrossentropy")?.id == "binary-crossentropy")
    #expect(Explanations.named("negLog")?.id == "neg-log")
    #expect(Explanations.named("logCosh")?.id == "log-cosh")
    #expect(Explanations.named("no-such-loss") == nil)
    #expect(Explanations.named("") == nil)
  }

  @Test(arguments: [
    // curves view
    "neg-log", "log", "bce", "bce-0", "bce-1", "hinge", "squared-hinge", "mse", "mae", "huber",
    "log-cosh",
    // every Keras loss the command line evaluates
    "binary-crossentropy", "categorical-crossentropy", "sparse-categorical-crossentropy",
    "categorical-hinge", "kl-divergence", "mean-squared-error", "mean-absolute-error",
    "mean-absolute-percentage-error", "mean-squared-logarithmic-error", "cosine-similarity",
    "poisson",
    // contour view
    "fit-mse", "fit-mae", "fit-huber", "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam",
    "learning-rate", "outliers",
    // distributions view
    "entropy", "cross-entropy", "kl", "js", "js-distance", "kl-term", "information",
    // pairings
    "sigmoid", "softmax",
  ])
  func everyRequiredTopicHasACard(_ name: String) {
    #expect(Explanations.named(name) != nil, "no card for \(name)")
  }

  @Test func curveAndLineFitLookups() {
    #expect(Explanations.forCurve("bce", target: 0)?.id == "bce-0")
    #expect(Explanations.forCurve("bce", target: 1)?.id == "bce-1")
    #expect(Explanations.forCurve("bce", target: 0.5)?.id == "binary-crossentropy")
    #expect(Explanations.forCurve("squaredHinge", target: 1)?.id == "squared-hinge")
    #expect(Explanations.forCurve("negLog", target: 0)?.id == "neg-log")
    #expect(Explanations.forCurve("huber", target: 0)?.id == "huber")
    #expect(Explanations.forCurve("nope", target: 0) == nil)
    #expect(Explanations.forLineFit("mae")?.id == "fit-mae")
    #expect(Explanations.forLineFit("huber")?.id == "fit-huber")
    #expect(Explanations.forLineFit("MSE")?.id == "fit-mse")
    #expect(Explanations.forLineFit("hinge") == nil)
  }

  @Test func familiesMatchTheTopics() {
    #expect(Explanations.named("mse")?.family == .regression)
    #expect(Explanations.named("bce")?.family == .classification)
    #expect(Explanations.named("fit-mae")?.family == .lineFit)
    #expect(Explanations.named("adam")?.family == .optimizer)
    #expect(Explanations.named("kl")?.family == .distribution)
    for name in ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
      #expect(Explanations.named(name)?.derivativeLabel == "Update state")
    }
    #expect(Explanations.named("mse")?.derivativeLabel == "Derivative")
  }

  @Test func everyFieldIsFilled() {
    for card in all {
      for (field, text) in [
        ("title", card.title), ("formula", card.formula), ("asciiFormula", card.asciiFormula),
        ("derivative", card.derivative), ("asciiDerivative", card.asciiDerivative),
        ("meaning", card.meaning), ("whenToUse", card.whenToUse),
      ] {
        #expect(
          !text.allSatisfy { $0 == " " }, "\(card.id).\(field) is empty")
      }
    }
  }

  @Test func asciiAndPlainFieldsArePureASCII() {
    for card in all {
      for (field, text) in [
        ("asciiFormula", card.asciiFormula), ("asciiDerivative", card.asciiDerivative),
        ("title", card.title), ("meaning", card.meaning), ("whenToUse", card.whenToUse),
      ] {
        #expect(isPrintableASCII(text), "\(card.id).\(field) is not printable ASCII: \(text)")
      }
    }
  }

  @Test func unicodeFieldsAreSingleColumn() {
    for card in all {
      for (field, text) in [("formula", card.formula), ("derivative", card.derivative)] {
        let bad = text.unicodeScalars.filter { !isSingleColumn($0) }
        #expect(
          bad.isEmpty,
          "\(card.id).\(field) has scalars that are not one column: \(bad.map { "U+" + String($0.value, radix: 16, uppercase: true) })"
        )
      }
    }
  }

  @Test func formulasFitOneLineOfSixtyColumns() {
    for card in all {
      for (field, text) in [
        ("formula", card.formula), ("asciiFormula", card.asciiFormula),
        ("derivative", card.derivative), ("asciiDerivative", card.asciiDerivative),
      ] {
        #expect(columns(text) <= 60, "\(card.id).\(field) is \(columns(text)) columns")
      }
    }
  }

  @Test func proseHasTheRightNumberOfSentences() {
    for card in all {
      let m = sentenceCount(card.meaning)
      let w = sentenceCount(card.whenToUse)
      #expect((1...2).contains(m), "\(card.id).meaning has \(m) sentences")
      #expect((1...3).contains(w), "\(card.id).whenToUse has \(w) sentences")
      #expect(card.meaning.hasSuffix("."), "\(card.id).meaning does not end a sentence")
      #expect(card.whenToUse.hasSuffix("."), "\(card.id).whenToUse does not end a sentence")
      #expect(!card.meaning.contains("  ") && !card.whenToUse.contains("  "))
    }
  }

  @Test func cardsTeachWhatTheIssueAsksFor() {
    func text(_ id: String) -> String {
      guard let c = Explanations.named(id) else { return "" }
      return (c.meaning + " " + c.whenToUse).lowercased()
    }
    #expect(text("mse").contains("mean"))
    #expect(text("mae").contains("median"))
    #expect(text("outliers").contains("mean") && text("outliers").contains("median"))
    #expect(text("bce").contains("sigmoid") && text("bce").contains("confident"))
    #expect(text("categorical-crossentropy").contains("softmax"))
    #expect(text("kl").contains("infinite") && text("kl").contains("symmetric"))
    #expect(text("fit-mse").contains("2m"))
    #expect(text("mse").contains("outlier") && text("huber").contains("outlier"))
  }

  @Test func panelLinesFitEveryWidth() {
    for card in all {
      for width in [10, 24, 40, 61, 80] {
        for ascii in [true, false] {
          let lines = card.lines(ascii: ascii, width: width)
          #expect(lines.first == card.title || columns(card.title) > width)
          for line in lines {
            #expect(columns(line) <= width, "\(card.id) at \(width): \(line)")
            if ascii { #expect(isPrintableASCII(line), "\(card.id) ascii line: \(line)") }
          }
        }
      }
    }
  }

  @Test func panelLayoutOfACard() {
    let card = Explanation(
      id: "demo", family: .regression, title: "Demo loss",
      formula: "L = e²", asciiFormula: "L = e^2",
      derivative: "dL/de = 2e", asciiDerivative: "dL/de = 2*e",
      meaning: "Squares the error so big misses cost a lot.",
      whenToUse: "Use it for tests.")
    #expect(
      card.lines(ascii: true, width: 20).joined(separator: "\n") == """
        Demo loss
        Formula: L = e^2
        Derivative:
          dL/de = 2*e

        Squares the error so
        big misses cost a
        lot.

        When to use: Use it
        for tests.
        """)
    #expect(card.lines(ascii: false, width: 40)[1] == "Formula: L = e²")
  }

  /// Numbers quoted in the cards, checked against an independent computation here.
  @Test func numbersQuotedInCardsAreRight() {
    func l2(_ x: Double) -> Double { log(x) / log(2.0) }
    let p = [0.1, 0.4, 0.5]
    let q = [0.8, 0.15, 0.05]
    func kl(_ a: [Double], _ b: [Double]) -> Double {
      var sum = 0.0
      for (x, y) in zip(a, b) { sum += x * l2(x / y) }
      return sum
    }
    let klPQ: Double = kl(p, q)
    let klQP: Double = kl(q, p)
    let m: [Double] = [0.45, 0.275, 0.275]
    let js: Double = (kl(p, m) + kl(q, m)) / 2
    var entropy = 0.0
    for x in [0.7, 0.2, 0.1] { entropy -= x * log(x) }
    let checks: [(id: String, quoted: String, value: Double)] = [
      ("neg-log", "0.69", -log(0.5)),
      ("bce-0", "0.357", -log(0.7)),
      ("bce-0", "4.6", -log(0.01)),
      ("bce-1", "0.51", -log(0.6)),
      ("bce-1", "0.36", -log(0.7)),
      ("bce-1", "4.42", -log(0.012)),
      ("log", "0.693", log(2.0)),
      ("information", "0.36", -log(0.7)),
      ("information", "1.61", -log(0.2)),
      ("information", "2.30", -log(0.1)),
      ("entropy", "0.802", entropy),
      ("kl", "1.927", klPQ),
      ("kl", "2.022", klQP),
      ("kl", "1.336", klPQ * log(2.0)),
      ("kl", "1.401", klQP * log(2.0)),
      ("entropy", "1.157", entropy / log(2.0)),
      ("rmsprop", "3.16", 10.0.squareRoot()),
      ("js", "0.420", js),
      ("js-distance", "0.648", js.squareRoot()),
      // Keras clips p to [1e-7, 1 - 1e-7]: the logit where p reaches 1 - 1e-7.
      ("classify-binary-focal-crossentropy", "16.1", log((1 - 1e-7) / 1e-7)),
    ]
    for check in checks {
      guard let card = Explanations.named(check.id) else {
        Issue.record("no card \(check.id)")
        continue
      }
      #expect(
        (card.meaning + " " + card.whenToUse).contains(check.quoted),
        "\(check.id) does not quote \(check.quoted)")
      let digits = check.quoted.split(separator: ".").last?.count ?? 0
      let rounded = String(format: "%.\(digits)f", check.value)
      #expect(rounded == check.quoted, "\(check.id): \(check.quoted) should be \(rounded)")
    }
  }

  /// The concept pages exist, keep their verified worked numbers and have frame markers.
  @Test(arguments: [
    (
      "concepts-regression.md",
      [
        "0.2", "| 5 ", "| 3 ", "| 8 ", "| 4 ",
        "losslab eval mae --y-true 1.1,2,1.7 --y-pred 1,1.7,1.5",
      ]
    ),
    (
      "concepts-classification.md",
      [
        "0.35667", "0.51", "0.36", "4.42", "0.247", "losslab eval bce --y-true 0 --y-pred 0.3",
      ]
    ),
    (
      "concepts-distributions.md",
      [
        "1.927", "2.022", "1.361", "0.884", "3.288", "2.906", "0.420", "0.648", "1.33568", "0.802",
        "losslab kl --p 0.1,0.4,0.5 --q 0.8,0.15,0.05",
      ]
    ),
    ("concepts-optimizers.md", ["losslab descend", "0.900000"]),
  ])
  func conceptPagesKeepTheirWorkedNumbers(_ file: String, _ needles: [String]) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("Docs").appendingPathComponent(file).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for needle in needles {
      #expect(text.contains(needle), "\(file) lost \(needle)")
    }
    #expect(text.contains("<!-- frame: render "), "\(file) has no frame marker")
  }
}

@Suite struct LossCardTests {
  /// Cards are keyed by the loss list's stable ids: every loss has one, every curve it offers has one,
  /// every loss that fits a line has a `fit-` card for the contour view, and every loss that fits a classifier
  /// a `classify-` card.
  @Test(arguments: LossList.standard.losses)
  func everyLossHasItsCards(_ loss: Loss) {
    #expect(Explanations.named(loss.id) != nil, "\(loss.id)")
    for entry in loss.curve.entries {
      let id = loss.curve.card?(entry.target) ?? loss.id
      #expect(Explanations.named(id) != nil, "\(loss.id) curve card \(id)")
    }
    if loss.supports(.lineFit) {
      #expect(Explanations.forLineFit(loss.shortName) != nil, "fit-\(loss.shortName)")
    }
    if loss.supports(.classificationFit) {
      // The card the classify view's `e` opens for this loss.
      var state = ClassifyState()
      state.change { $0.loss = loss }
      #expect(Explanations.named(state.explanationID) != nil, "\(state.explanationID)")
    }
  }
}
