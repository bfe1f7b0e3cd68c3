import LossCore

/// A number a lesson can state or ask about, read from the app's state and computed with LossCore.
///
/// In a lesson file a quantity is a name (`"kl_pq"`, `"final_w"`) or an object with one key
/// (`{"minimum_w": "huber"}`, `{"curve_value": {"curve": "bce:1", "at": 0.1}}`); `Docs/writing-lessons.md`
/// lists them all. Each belongs to one view (`view`), except `gap` and plain numbers.
public indirect enum LessonQuantity: Sendable, Equatable {
  /// The curves view's cursor ŷ, the selected curve's value and slope there.
  case cursor, selectedValue, selectedSlope
  /// A curve's value or slope at a ŷ (the curve need not be shown).
  case curveValue(LossCurve, at: Double)
  case curveSlope(LossCurve, at: Double)
  /// A contour-view setting.
  case setting(ContourSetting)
  /// A number about a descent of the contour view: the shown one, or one optimizer's in compare mode.
  case descent(DescentMeasure, OptimizerKind?)
  /// 2/λmax of MSE on the view's data: plain descent on MSE converges below it, diverges above.
  case gdRateLimit
  /// Where the minimum of a line-fit loss is on the view's data (with the view's δ and τ).
  case minimum(Loss, MinimumPart)
  /// The same on the view's data changed: with this many outliers, or this δ (a number the text
  /// compares with, not one on the screen: `{"minimum_w": {"loss": "mse", "outliers": 0}}`).
  case minimumIf(Loss, MinimumPart, outliers: Int?, delta: Double?)
  /// A distributions-view number, in the view's unit (bits, nats or dits); `meanBCE` is in nats.
  case distribution(DistributionMeasure)
  /// One category's share p·log(p/q) of KL(P‖Q), in the view's unit (`{"share_pq": "fox"}`).
  case sharePQ(String)
  /// One category's probability under P or Q (`{"p": "4"}`, `{"q": "red"}`).
  case probability(DistributionsState.Side, String)
  /// The normal Q that minimises a divergence for the view's P (LossCore's `NormalFitting`, what `f`
  /// and `F` fit): its μ, its σ (in category positions) or the divergence it reaches, in the view's unit
  /// (`{"fit_mu": "p||q"}`, `{"fit_sigma": "q||p"}`, `{"fit_kl": "p||q"}`).
  case normalFit(KLDirection, NormalFitMeasure)
  /// How many of the contour view's points lie above / below the line of a loss's minimum (more than
  /// 1e-9 away; `{"points_above": "mae"}`), with the view's δ and τ.
  case pointsAround(Loss, PointSide)
  /// The condition number λmax/λmin of MSE's Hessian on the data the contour view fits (its z-scores
  /// when standardised).
  case conditionNumber
  /// A number about the classify view's descent: on its first surface, or on the surface of a loss
  /// (`"classify_accuracy"`, `{"classify_final_loss": "mse"}`).
  case classify(ClassifyMeasure, Loss?)
  /// |a − b|.
  case gap(LessonQuantity, LessonQuantity)
  case number(Double)

  public enum ContourSetting: String, Sendable, CaseIterable {
    case rate, delta, tau, outliers
  }

  public enum DescentMeasure: String, Sendable, CaseIterable {
    /// Steps taken so far.
    case steps
    case startLoss = "start_loss", finalLoss = "final_loss", finalW = "final_w", finalB = "final_b"
    /// The largest w on the path so far.
    case peakW = "peak_w"
    /// The step at which the path's w was largest.
    case peakStep = "peak_step"
    /// How far the first step moved w and b (signed).
    case firstStepW = "first_step_w", firstStepB = "first_step_b"
  }

  public enum MinimumPart: String, Sendable, CaseIterable {
    case w = "minimum_w", b = "minimum_b", loss = "minimum_loss"
  }

  public enum DistributionMeasure: String, Sendable, CaseIterable {
    case klPQ = "kl_pq", klQP = "kl_qp", js, entropyP = "entropy_p", entropyQ = "entropy_q"
    case crossEntropyPQ = "cross_entropy_pq", crossEntropyQP = "cross_entropy_qp"
    case meanBCE = "mean_bce"
    /// The mean position (0 for the first category) under P or Q.
    case meanP = "mean_p", meanQ = "mean_q"
  }

  public enum NormalFitMeasure: String, Sendable, CaseIterable {
    case mu = "fit_mu", sigma = "fit_sigma", divergence = "fit_kl"
  }

  public enum PointSide: String, Sendable, CaseIterable {
    case above = "points_above", below = "points_below"
  }

  public enum ClassifyMeasure: String, Sendable, CaseIterable {
    case steps = "classify_steps", finalLoss = "classify_final_loss", finalW = "classify_final_w"
    case finalB = "classify_final_b"
    /// The share of points on the right side of 0.5 at the latest point (0 to 1).
    case accuracy = "classify_accuracy"
    /// The length of the loss's gradient over (w, b) at the latest point.
    case gradientNorm = "classify_gradient_norm"
  }

  /// The view the quantity is read from (nil: any).
  public var view: ViewID? {
    switch self {
    case .cursor, .selectedValue, .selectedSlope, .curveValue, .curveSlope: .curves
    case .setting, .descent, .gdRateLimit, .minimum, .minimumIf, .pointsAround, .conditionNumber:
      .contour
    case .distribution, .sharePQ, .probability, .normalFit: .distributions
    case .classify: .classify
    case .gap(let a, let b): a.view ?? b.view
    case .number: nil
    }
  }

  /// The line-fit losses whose minimum the quantity reads.
  public var minimaMentioned: [Loss] {
    switch self {
    case .minimum(let loss, _), .pointsAround(let loss, _): [loss]
    case .gap(let a, let b): a.minimaMentioned + b.minimaMentioned
    default: []
    }
  }
}

/// Something a lesson step says about its screen, checked against the app's state by the tests and,
/// for a task, by the app when the student presses Enter.
///
/// In a lesson file a claim is an object with one main key (`{"converges": true}`,
/// `{"value": "kl_pq", "is": 1.927, "tolerance": 0.0005}`); `Docs/writing-lessons.md` lists them all.
public indirect enum LessonClaim: Sendable, Equatable {
  case view(ViewID)
  /// The curves view's selected curve (what the status line, `g` and `e` are about).
  case selectedCurve(LossCurve)
  /// The contour view's loss, optimizer, compare mode; the distributions view's unit.
  case loss(Loss)
  case optimizer(OptimizerKind)
  case compare(Bool)
  case unit(LogBase)
  /// Running the descent on (to 5000 steps in all) reaches the minimum's loss, or blows up.
  case converges(Bool, OptimizerKind?)
  case diverges(Bool, OptimizerKind?)
  /// The panel reports the shown descent as diverging now (its loss rose three steps running).
  case panelSaysDiverging(Bool)
  /// The path has left the (w, b) window.
  case pathLeavesWindow(Bool)
  /// The minima of these losses on the view's data are inside the (w, b) window.
  case minimumInsideWindow([Loss])
  /// The panel lists the minima of these losses.
  case minimaListed([Loss])
  /// The data panel draws the best-fit lines of these losses (with their legend).
  case fitsDrawn([Loss])
  case infinite(LessonQuantity)
  case finite(LessonQuantity)
  /// The first quantity is larger than the second.
  case greater(LessonQuantity, LessonQuantity)
  /// A quantity is near a number (`is` ± `tolerance`) and/or above / below bounds.
  case value(LessonQuantity, ValueCheck)
  /// The distributions view's Q is the normal fit of P in this direction (what `f` / `F` leave).
  case qIsFit(KLDirection)
  /// The contour view fits z-scores of x (`z`), or not.
  case standardized(Bool)
  /// The classify view's surfaces, left to right (one loss, or two side by side).
  case classifyLosses([Loss])

  public struct ValueCheck: Sendable, Equatable {
    public var expected: Double?
    public var tolerance: Double
    public var above: Double?
    public var below: Double?
  }

  /// The quantities the claim reads.
  public var quantities: [LessonQuantity] {
    switch self {
    case .infinite(let q), .finite(let q), .value(let q, _): [q]
    case .greater(let a, let b): [a, b]
    default: []
    }
  }

  /// The view the claim is about (nil: any).
  public var view: ViewID? {
    switch self {
    case .view: nil
    case .selectedCurve: .curves
    case .loss, .optimizer, .compare, .converges, .diverges, .panelSaysDiverging, .pathLeavesWindow,
      .minimumInsideWindow, .minimaListed, .fitsDrawn:
      .contour
    case .unit, .qIsFit: .distributions
    case .standardized: .contour
    case .classifyLosses: .classify
    default: quantities.compactMap(\.view).first
    }
  }

  /// The line-fit losses whose minima the claim mentions (the screen must frame them).
  public var minimaMentioned: [Loss] {
    switch self {
    case .minimumInsideWindow(let l), .minimaListed(let l), .fitsDrawn(let l): l
    default: quantities.flatMap(\.minimaMentioned)
    }
  }
}

/// A claim in a task's goal, with the hint shown when it does not hold yet.
public struct GoalClaim: Sendable, Equatable {
  public var claim: LessonClaim
  public var hint: String?
}

// MARK: Decoding

extension LessonQuantity: Decodable {
  static let simpleNames: [(String, LessonQuantity)] =
    [
      ("cursor", .cursor), ("selected_value", .selectedValue), ("selected_slope", .selectedSlope),
      ("gd_rate_limit", .gdRateLimit), ("condition_number", .conditionNumber),
    ]
    + ContourSetting.allCases.map { ($0.rawValue, .setting($0)) }
    + DescentMeasure.allCases.map { ($0.rawValue, .descent($0, nil)) }
    + DistributionMeasure.allCases.map { ($0.rawValue, .distribution($0)) }
    + ClassifyMeasure.allCases.map { ($0.rawValue, .classify($0, nil)) }

  static var objectNames: [String] {
    ["curve_value", "curve_slope", "gap", "share_pq", "p", "q"]
      + MinimumPart.allCases.map(\.rawValue)
      + DescentMeasure.allCases.map(\.rawValue) + NormalFitMeasure.allCases.map(\.rawValue)
      + PointSide.allCases.map(\.rawValue) + ClassifyMeasure.allCases.map(\.rawValue)
  }

  public init(from decoder: any Decoder) throws {
    let path: [JSONText.PathStep] = decoder.codingPath.map {
      $0.intValue.map { .index($0) } ?? .key($0.stringValue)
    }
    let what = Fields.name(path)
    let whole = try decoder.singleValueContainer().decode(JSONAny.self)
    switch whole {
    case .number(let n):
      self = .number(n)
    case .string(let s):
      if let hit = Self.simpleNames.first(where: { $0.0 == s }) {
        self = hit.1
        return
      }
      var message = "\(what) must name a quantity, found \"\(s.escapedForMessage)\""
      if let close = closestName(to: s, among: Self.simpleNames.map(\.0) + Self.objectNames) {
        message += "; did you mean \"\(close)\"?"
      }
      throw FieldError(
        path: path,
        message: message + " (quantities: \(Self.simpleNames.map(\.0).joined(separator: ", ")))")
    case .object(let values):
      guard values.count == 1, let key = values.keys.first else {
        throw FieldError(
          path: path,
          message:
            "\(what) must be an object with one key (\(Self.objectNames.joined(separator: ", "))), found \(values.count) keys"
        )
      }
      let f = try Fields(decoder, keys: Self.objectNames)
      switch key {
      case "curve_value", "curve_slope":
        let at = try f.nested(key, as: CurvePoint.self)!
        self =
          key == "curve_value" ? .curveValue(at.curve, at: at.at) : .curveSlope(at.curve, at: at.at)
      case "share_pq":
        self = .sharePQ(try f.requiredString("share_pq"))
      case "p", "q":
        self = .probability(key == "p" ? .p : .q, try f.requiredString(key))
      case "gap":
        let pair = try f.nested("gap", as: [LessonQuantity].self)!
        guard pair.count == 2 else {
          throw f.fail("gap", "\(f.name("gap")) must hold two quantities, found \(pair.count)")
        }
        self = .gap(pair[0], pair[1])
      default:
        if let part = MinimumPart(rawValue: key) {
          if case .object = f.values[key] {
            let v = try f.nested(key, as: MinimumVariant.self)!
            self = .minimumIf(v.loss, part, outliers: v.outliers, delta: v.delta)
          } else {
            self = .minimum(try LessonChoices.lineFitLoss(f, key)!, part)
          }
        } else if let side = PointSide(rawValue: key) {
          self = .pointsAround(try LessonChoices.lineFitLoss(f, key)!, side)
        } else if let measure = NormalFitMeasure(rawValue: key) {
          self = .normalFit(try LessonChoices.direction(f, key)!, measure)
        } else if let measure = ClassifyMeasure(rawValue: key) {
          self = .classify(measure, try LessonChoices.classificationLoss(f, key)!)
        } else {
          let measure = DescentMeasure(rawValue: key)!
          self = .descent(measure, try LessonChoices.optimizer(f, key)!)
        }
      }
    default:
      throw FieldError(
        path: path, message: "\(what) must be a quantity name or object, found \(whole.kind)")
    }
  }

  /// `{"loss": "huber", "outliers": 0, "delta": 0.5}`: a loss on the view's data changed.
  struct MinimumVariant: Decodable {
    var loss: Loss
    var outliers: Int?
    var delta: Double?
    init(from decoder: any Decoder) throws {
      let f = try Fields(decoder, keys: ["loss", "outliers", "delta"])
      guard let loss = try LessonChoices.lineFitLoss(f, "loss") else {
        throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"loss\"")
      }
      self.loss = loss
      outliers = try f.integer("outliers", 0...1000)
      delta = try f.positive("delta")
    }
  }

  /// `{"curve": "bce:1", "at": 0.1}`.
  struct CurvePoint: Decodable {
    var curve: LossCurve
    var at: Double
    init(from decoder: any Decoder) throws {
      let f = try Fields(decoder, keys: ["curve", "at"])
      curve = try LessonChoices.curve(f, "curve")
      guard let at = try f.number("at") else {
        throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"at\"")
      }
      self.at = at
    }
  }
}

/// Reading names that claims and quantities share.
enum LessonChoices {
  static func lineFitLoss(_ f: Fields, _ key: String) throws -> Loss? {
    let lineFit = LossList.current.supporting(.lineFit)
    return try f.choice(
      key, lineFit.flatMap { loss in loss.names.map { ($0, loss) } },
      listed: lineFit.map(\.shortName))
  }

  static func lineFitLosses(_ f: Fields, _ key: String) throws -> [Loss] {
    if case .string = f.values[key] { return [try lineFitLoss(f, key)!] }
    guard let names = try f.strings(key, what: "loss names") else { return [] }
    let lineFit = LossList.current.supporting(.lineFit)
    return try names.enumerated().map { (i, name) in
      guard let loss = lineFit.first(where: { $0.names.contains(name.lowercased()) }) else {
        throw FieldError(
          path: f.path + [.key(key), .index(i)],
          message:
            "\(f.name(key))[\(i)] must be a line-fit loss (\(lineFit.map(\.shortName).joined(separator: ", "))), found \"\(name.escapedForMessage)\""
        )
      }
      return loss
    }
  }

  static func direction(_ f: Fields, _ key: String) throws -> KLDirection? {
    try f.choice(
      key, KLDirection.allCases.map { ($0.rawValue, $0) },
      listed: KLDirection.allCases.map(\.rawValue))
  }

  static func classificationLoss(_ f: Fields, _ key: String) throws -> Loss? {
    let all = ClassifyState.losses
    return try f.choice(
      key, all.flatMap { loss in loss.names.map { ($0, loss) } }, listed: all.map(\.shortName))
  }

  static func optimizer(_ f: Fields, _ key: String) throws -> OptimizerKind? {
    try f.choice(
      key, OptimizerKind.allCases.map { ($0.rawValue, $0) } + [("sgd", .gd)],
      listed: OptimizerKind.allCases.map(\.rawValue))
  }

  static func curve(_ f: Fields, _ key: String) throws -> LossCurve {
    guard let spec = try f.string(key) else {
      throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"\(key)\"")
    }
    do {
      return try CurveNames.curve(spec)
    } catch {
      throw f.fail(key, "\(f.name(key)): \(error.message)")
    }
  }
}

extension LessonClaim: Decodable {
  /// The main keys, one of which each claim has.
  static let mainKeys = [
    "view", "selected_curve", "loss", "optimizer", "compare", "unit", "converges", "diverges",
    "panel_says_diverging", "path_leaves_window", "minimum_inside_window", "minima_listed",
    "fits_drawn",
    "infinite", "finite", "greater", "value", "q_is_fit", "standardized", "classify_losses",
  ]
  /// Keys that go with some main keys, and `hint` in a task's goal.
  static let extraKeys = ["is", "tolerance", "above", "below", "hint"]

  public init(from decoder: any Decoder) throws {
    let f = try Fields(decoder, keys: Self.mainKeys + Self.extraKeys)
    let present = Self.mainKeys.filter { f.has($0) }
    guard present.count == 1, let key = present.first else {
      let found = present.isEmpty ? "none" : present.map { "\"\($0)\"" }.joined(separator: " and ")
      throw FieldError(
        path: f.path,
        message:
          "\(Fields.name(f.path)) must have exactly one of the keys \(Self.mainKeys.joined(separator: ", ")); found \(found)"
      )
    }
    let allowedExtras: Set<String> =
      switch key {
      case "value": ["is", "tolerance", "above", "below", "hint"]
      default: ["hint"]
      }
    for extra in Self.extraKeys where f.has(extra) && !allowedExtras.contains(extra) {
      throw FieldError(
        path: f.path + [.key(extra)],
        message: "\(f.name(extra)) does not go with \"\(key)\" (it goes with \"value\")",
        atKey: true)
    }
    func flag() throws -> Bool { try f.bool(key)! }
    switch key {
    case "view":
      let names = ViewID.allCases.map { ($0.title.lowercased(), $0) }
      self = .view(try f.choice(key, names, listed: names.map(\.0))!)
    case "selected_curve": self = .selectedCurve(try LessonChoices.curve(f, key))
    case "loss": self = .loss(try LessonChoices.lineFitLoss(f, key)!)
    case "optimizer": self = .optimizer(try LessonChoices.optimizer(f, key)!)
    case "compare": self = .compare(try flag())
    case "unit":
      self = .unit(
        try f.choice(
          key, [("bits", .bits), ("nats", .nats), ("dits", .dits)],
          listed: ["bits", "nats", "dits"])!)
    case "converges", "diverges":
      // `{"converges": true}` for the shown descent, `{"converges": "adam"}` for one optimizer's.
      if case .string = f.values[key] {
        let o = try LessonChoices.optimizer(f, key)!
        self = key == "converges" ? .converges(true, o) : .diverges(true, o)
      } else {
        self = key == "converges" ? .converges(try flag(), nil) : .diverges(try flag(), nil)
      }
    case "panel_says_diverging": self = .panelSaysDiverging(try flag())
    case "q_is_fit": self = .qIsFit(try LessonChoices.direction(f, key)!)
    case "standardized": self = .standardized(try flag())
    case "classify_losses":
      let names: [String]
      if case .string(let one) = f.values[key] {
        names = [one]
      } else {
        names = try f.strings(key, what: "loss names") ?? []
      }
      let all = ClassifyState.losses
      self = .classifyLosses(
        try names.map { name in
          guard let loss = try? LossList.current.named(name, for: .classificationFit) else {
            throw f.fail(
              key,
              "\(f.name(key)) must name classification losses (\(all.map(\.shortName).joined(separator: ", "))), found \"\(name.escapedForMessage)\""
            )
          }
          return loss
        })
    case "path_leaves_window": self = .pathLeavesWindow(try flag())
    case "minimum_inside_window":
      self = .minimumInsideWindow(try LessonChoices.lineFitLosses(f, key))
    case "minima_listed": self = .minimaListed(try LessonChoices.lineFitLosses(f, key))
    case "fits_drawn": self = .fitsDrawn(try LessonChoices.lineFitLosses(f, key))
    case "infinite": self = .infinite(try f.nested(key, as: LessonQuantity.self)!)
    case "finite": self = .finite(try f.nested(key, as: LessonQuantity.self)!)
    case "greater":
      let pair = try f.nested(key, as: [LessonQuantity].self)!
      guard pair.count == 2 else {
        throw f.fail(
          key, "\(f.name(key)) must hold two quantities [larger, smaller], found \(pair.count)")
      }
      self = .greater(pair[0], pair[1])
    default:
      let q = try f.nested("value", as: LessonQuantity.self)!
      let expected = try f.number("is")
      let above = try f.number("above")
      let below = try f.number("below")
      guard expected != nil || above != nil || below != nil else {
        throw FieldError(
          path: f.path,
          message:
            "\(Fields.name(f.path)) needs \"is\" (with \"tolerance\"), \"above\" or \"below\"")
      }
      let tolerance = try f.number("tolerance") ?? 0.005
      guard tolerance >= 0 else {
        throw f.fail("tolerance", "\(f.name("tolerance")) must be 0 or more")
      }
      self = .value(
        q, ValueCheck(expected: expected, tolerance: tolerance, above: above, below: below))
    }
  }
}

extension GoalClaim: Decodable {
  public init(from decoder: any Decoder) throws {
    claim = try LessonClaim(from: decoder)
    let f = try Fields(decoder, keys: LessonClaim.mainKeys + LessonClaim.extraKeys)
    hint = try f.string("hint")
  }
}
