import LossCore
import LossPlot

/// A starting pair of distributions for the distributions view.
public struct DistributionPreset: Sendable, Equatable {
  public var name: String
  public var categories: [String]
  public var p: [Double]
  public var q: [Double]
  /// Binary labels: P holds the targets y (0 or 1), Q the predicted probabilities ŷ, one per label;
  /// the panel shows binary cross-entropy per label instead of divergences.
  public var binaryLabels: Bool = false

  public static let all: [DistributionPreset] = [
    DistributionPreset(
      name: "cat/dog/fox", categories: ["cat", "dog", "fox"], p: [0.10, 0.40, 0.50],
      q: [0.80, 0.15, 0.05]),
    DistributionPreset(
      name: "uniform vs peaked", categories: ["a", "b", "c", "d", "e", "f"],
      p: Array(repeating: 1.0 / 6, count: 6), q: [0.04, 0.06, 0.70, 0.10, 0.06, 0.04]),
    DistributionPreset(
      name: "ten labels (binary cross-entropy)", categories: (1...10).map { "\($0)" },
      p: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0], q: [0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3],
      binaryLabels: true),
    DistributionPreset(
      name: "Q has a zero where P > 0", categories: ["cat", "dog", "fox"], p: [0.5, 0.3, 0.2],
      q: [0.6, 0.4, 0.0]),
    // Two peaks (at 2 and 6, the left one taller) over nine positions, and a flat Q: `f` and `F`
    // fit a single normal Q the two ways (mass covering, mode seeking).
    DistributionPreset(
      name: "two peaks (f, F fit a normal Q)", categories: (0...8).map { "\($0)" },
      p: [0.005, 0.12, 0.34, 0.12, 0.01, 0.08, 0.24, 0.08, 0.005],
      q: Array(repeating: 1.0 / 9, count: 9)),
  ]
}

/// The distributions view: P and Q as histograms with their entropies and divergences.
public struct DistributionsState: Hashable, Sendable {
  /// Which distribution the arrow keys edit.
  public enum Side: Hashable, Sendable { case p, q }

  public var categories: [String]
  public var p: [Double]
  public var q: [Double]
  public var selected = 0
  public var editing: Side = .q
  public var base: LogBase = .bits
  public var presetIndex = 0
  public var binaryLabels = false
  /// The last normal fit of Q (`f`, `F`) and the P it was fitted to; the status line reports it
  /// while P and Q are still what the fit left.
  public var fit: FitRecord?
  /// A one-line answer to the last key when it could not do what it asks (a fit with no finite
  /// value); cleared by the next key.
  public var notice: String?

  /// A normal fit of Q, with the P it was fitted to.
  public struct FitRecord: Hashable, Sendable {
    public var fit: NormalFit
    public var p: [Double]
  }

  /// The fit, if P and Q are still the ones it was made for.
  public var currentFit: NormalFit? {
    guard let fit, fit.p == p, fit.fit.q == q else { return nil }
    return fit.fit
  }

  public init(preset: DistributionPreset = DistributionPreset.all[0], index: Int = 0) {
    categories = preset.categories
    p = preset.p
    q = preset.q
    binaryLabels = preset.binaryLabels
    presetIndex = index
  }

  /// A view of an explicit pair (already validated: non-negative, each summing to 1).
  public init(p: [Double], q: [Double], categories: [String]? = nil) {
    self.init()
    self.p = p
    self.q = q
    self.categories = categories ?? Self.defaultNames(p.count)
    presetIndex = -1
  }

  static let threeNames = ["cat", "dog", "fox"]
  static func defaultNames(_ n: Int) -> [String] {
    n == 3 ? threeNames : (0..<n).map { Self.name($0) }
  }
  static func name(_ i: Int) -> String { String(UnicodeScalar(UInt8(97 + i % 26))) }

  static let keyTable = KeyTable<DistributionsAction>([
    .bind(
      "Left/Right, h/l", "select a category", hint: KeyHint(keys: .leftRight, label: "category"),
      each: [
        (.left, .category(-1)), (.character("h"), .category(-1)),
        (.right, .category(1)), (.character("l"), .category(1)),
      ]),
    .bind(
      "P / Q", "edit P / edit Q (capitals: q quits, as everywhere)",
      hint: KeyHint(keys: .text("P/Q"), label: "pick"),
      each: [(.character("P"), .edit(.p)), (.character("Q"), .edit(.q))]),
    .bind("Space", "switch between editing P and Q", [.character(" ")], .toggleEdit),
    .bind(
      "Up/Down, k/j", "raise / lower the selected bar by 0.01 (Shift, K/J: 0.1)",
      hint: KeyHint(keys: .upDown, label: "edit"),
      each: [
        (.up, .adjust(0.01)), (.character("k"), .adjust(0.01)),
        (.down, .adjust(-0.01)), (.character("j"), .adjust(-0.01)),
        (.shiftUp, .adjust(0.1)), (.character("K"), .adjust(0.1)),
        (.shiftDown, .adjust(-0.1)), (.character("J"), .adjust(-0.1)),
      ]),
    .note("the other bars of that distribution are rescaled so it still sums to 1"),
    .bind(
      "+ / -", "add / remove a category (2 to 12)",
      each: [
        (.character("+"), .addCategory), (.character("="), .addCategory),
        (.character("-"), .removeCategory), (.character("_"), .removeCategory),
      ]),
    .bind(
      "f / F",
      "fit a normal Q to P: f minimises KL(P‖Q), F minimises KL(Q‖P)",
      hint: KeyHint(keys: .text("f/F"), label: "fit"),
      each: [(.character("f"), .fit(.forward)), (.character("F"), .fit(.reverse))]),
    .note("f's Q covers every peak of P (mass covering); F's Q sits on one (mode seeking)"),
    .bind("s", "swap P and Q", [.character("s")], .swap),
    .bind("b", "bits / nats", [.character("b")], .base),
    .bind(
      "n / N", "next / previous preset", hint: KeyHint(keys: .text("n/m"), label: "preset"),
      each: [(.character("n"), .preset(1)), (.character("N"), .preset(-1))]),
    .bind("m", "pick a preset from a list", [.character("m")], .presetMenu),
    .bind("0", "back to the preset", [.character("0")], .reset),
  ])

  var explanationID: String { binaryLabels ? "bce" : (currentFit != nil ? "normal-fit" : "kl") }

  var values: [Double] {
    get { editing == .p ? p : q }
    set { if editing == .p { p = newValue } else { q = newValue } }
  }

  /// Applies what a key of `keyTable` asks for (`.presetMenu` is the app's: it opens an overlay).
  mutating func perform(_ action: DistributionsAction) {
    notice = nil
    switch action {
    case .fit(let direction): fitQ(direction)
    case .category(let n): selected = (selected + n + categories.count) % categories.count
    case .adjust(let d): adjust(by: d)
    case .edit(let side): editing = side
    case .toggleEdit: editing = editing == .p ? .q : .p
    case .swap: swap(&p, &q)
    case .base: base = base == .bits ? .nats : .bits
    case .addCategory: addCategory()
    case .removeCategory: removeCategory()
    case .preset(let n): loadPreset(presetIndex + n)
    case .presetMenu: break
    case .reset: loadPreset(max(presetIndex, 0))
    }
  }

  /// Replaces Q with the normal that minimises `direction` for P, and edits Q from now on; or, when no
  /// normal gives a finite value (P has a zero, for KL(Q‖P)), leaves Q and says why in `notice`.
  mutating func fitQ(_ direction: KLDirection) {
    guard !binaryLabels else {
      notice = "no fit here: each label's bars are separate probabilities, not one distribution"
      return
    }
    do {
      let result = try NormalFitting.fit(p: p, direction: direction)
      q = result.q
      editing = .q
      fit = FitRecord(fit: result, p: p)
    } catch {
      let zero = p.firstIndex(of: 0).map { categories[$0] } ?? "?"
      notice =
        "no normal Q has a finite KL(Q‖P): P gives '\(zero)' probability 0, and a normal never does"
    }
  }

  mutating func loadPreset(_ i: Int) {
    let n = DistributionPreset.all.count
    let index = ((i % n) + n) % n
    let keep = (editing, base)
    self = DistributionsState(preset: DistributionPreset.all[index], index: index)
    (editing, base) = keep
  }

  /// Sets the selected bar of the edited distribution to `old + delta` (clamped to [0, 1]) and rescales
  /// the others so the total stays 1. With binary labels each bar is its own probability: no rescaling.
  /// The edited array is changed in place (no copy when nothing else holds it).
  mutating func adjust(by delta: Double) {
    let i = selected
    let new = min(max(((values[i] + delta) * 1000).rounded() / 1000, 0), 1)
    switch (editing, binaryLabels) {
    case (.p, true): p[i] = delta > 0 ? 1 : 0  // targets are 0 or 1
    case (.q, true): q[i] = new
    case (.p, false): Distributions.set(&p, index: i, to: new)
    case (.q, false): Distributions.set(&q, index: i, to: new)
    }
  }

  mutating func addCategory() {
    guard categories.count < 12, !binaryLabels else { return }
    categories.append(Self.name(categories.count))
    // The new category takes a small share from the others, in both distributions.
    p = Distributions.setting(p + [0], index: p.count, to: 0.05)
    q = Distributions.setting(q + [0], index: q.count, to: 0.05)
    selected = categories.count - 1
  }

  mutating func removeCategory() {
    guard categories.count > 2, !binaryLabels else { return }
    let i = selected
    categories.remove(at: i)
    p = Distributions.renormalized(
      Array(p.enumerated().filter { $0.offset != i }.map { $0.element }))
    q = Distributions.renormalized(
      Array(q.enumerated().filter { $0.offset != i }.map { $0.element }))
    selected = min(selected, categories.count - 1)
  }

  /// A click on a bar selects its category.
  mutating func mouse(_ m: MouseEvent, layout: DistributionsLayout) {
    guard m.kind == .press, m.button == .left, layout.chart.contains(x: m.x, y: m.y) else { return }
    if let i = layout.categories.firstIndex(where: { m.x >= $0.x && m.x < $0.maxX }) {
      selected = i
    }
  }
}

/// What a key does in the distributions view.
enum DistributionsAction: Sendable, Equatable {
  /// Select the category this many columns to the right.
  case category(Int)
  /// Raise the selected bar by this much (negative: lower it).
  case adjust(Double)
  case edit(DistributionsState.Side)
  /// Edit the other distribution.
  case toggleEdit
  /// Fit a normal Q to P by minimising this divergence.
  case fit(KLDirection)
  case swap, base, addCategory, removeCategory
  /// The preset this many places on.
  case preset(Int)
  case presetMenu, reset
}
