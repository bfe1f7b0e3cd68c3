import LossCore
import Testing

/// Properties every loss of the list must have, checked on seeded random inputs drawn from what each
/// description says about itself (domain, targets, parameters). A loss added to the list is covered
/// without touching this file.
@Suite struct LossPropertyTests {
  static let samples = 300

  /// Draws parameters, targets and predictions for a loss from its description.
  struct Generator {
    var rng: SplitMix64

    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * rng.nextUnit() }

    mutating func config(for loss: Loss) -> LossConfig {
      var c = LossConfig()
      for p in loss.parameters {
        switch p {
        case .delta: c.delta = uniform(0.1, 3)
        case .tau: c.tau = uniform(0.05, 0.95)
        case .gamma: c.gamma = uniform(0, 4)
        case .alpha: c.alpha = uniform(0, 1)
        case .applyClassBalancing: c.applyClassBalancing = rng.nextUnit() < 0.5
        case .fromLogits: c.fromLogits = rng.nextUnit() < 0.5
        }
      }
      return c
    }

    mutating func target(for loss: Loss) -> Double {
      switch loss.targets {
      case .real: return uniform(-3, 3)
      case .probability: return rng.nextUnit() < 0.5 ? Double(rng.next() % 2) : rng.nextUnit()
      case .signedLabel: return rng.next() % 2 == 0 ? -1 : 1
      case .classIndex, .none: return 0
      }
    }

    /// A prediction inside the loss's domain (any number for logits).
    mutating func prediction(for loss: Loss, _ config: LossConfig) -> Double {
      if config.fromLogits && loss.acceptsLogits { return uniform(-6, 6) }
      let d = loss.domain
      let lo = d.lower.isFinite ? d.lower : -3
      let hi = d.upper.isFinite ? d.upper : lo + 6
      // Now and then exactly a closed end, where the loss must still be finite.
      if rng.next() % 10 == 0, !d.lowerOpen, d.lower.isFinite { return d.lower }
      if rng.next() % 10 == 0, !d.upperOpen, d.upper.isFinite { return d.upper }
      return uniform(lo, hi)
    }

    /// A probability row: positive entries summing to 1, or (targets only) one-hot.
    mutating func distribution(_ k: Int, oneHotAllowed: Bool) -> [Double] {
      if oneHotAllowed, rng.nextUnit() < 0.3 {
        let hot = Int(rng.next() % UInt64(k))
        return (0..<k).map { $0 == hot ? 1 : 0 }
      }
      let w = (0..<k).map { _ in uniform(0.05, 1) }
      let s = w.reduce(0, +)
      return w.map { $0 / s }
    }

    /// One sample (targets, predictions) for a vector-wise loss.
    mutating func row(for loss: Loss, _ config: LossConfig, k: Int) -> ([Double], [Double]) {
      guard case .vectorwise(let f) = loss.form else { fatalError() }
      let y: [Double]
      switch loss.targets {
      case .classIndex: y = [Double(rng.next() % UInt64(k))]
      case .probability,
        .real where f.rowsAreDistributions:
        y = distribution(k, oneHotAllowed: true)
      default: y = (0..<k).map { _ in target(for: loss) }
      }
      let p: [Double]
      if f.rowsAreDistributions && !(config.fromLogits && loss.acceptsLogits) {
        p = distribution(k, oneHotAllowed: false)
      } else {
        p = (0..<k).map { _ in prediction(for: loss, config) }
      }
      return (y, p)
    }
  }

  static var losses: [Loss] { LossList.standard.losses }

  @Test(arguments: losses)
  func valuesAreFiniteAndAboveTheLowerBound(_ loss: Loss) throws {
    var g = Generator(rng: SplitMix64(seed: 0xC0FFEE))
    for _ in 0..<Self.samples {
      let config = g.config(for: loss)
      let value: Double
      let input: String
      switch loss.form {
      case .pointwise(let f):
        let (y, x) = (g.target(for: loss), g.prediction(for: loss, config))
        value = f.value(y, x, config)
        input = "y=\(y) x=\(x)"
        if loss.uses.contains(.eval) {
          let batch = try loss.evaluate(yTrue: [[y]], yPred: [[x]], config: config).value
          #expect(batch == value, "\(loss.id) \(input): batch \(batch) vs pointwise \(value)")
        }
      case .vectorwise:
        let (y, p) = g.row(for: loss, config, k: 3)
        value = try loss.evaluate(yTrue: [y], yPred: [p], config: config).value
        input = "y=\(y) p=\(p)"
      }
      #expect(value.isFinite, "\(loss.id) \(input) \(config)")
      #expect(
        value >= loss.lowerBound - 1e-12 * max(1, abs(value)),
        "\(loss.id) \(input): \(value) < \(loss.lowerBound)")
    }
  }

  /// |analytic − central difference| ≤ 1e-5 · max(|analytic|, 1), at points at least 1e-2 from the
  /// loss's kinks (pointwise) or where the one-sided differences agree (vector-wise).
  @Test(arguments: losses)
  func derivativesMatchCentralDifferences(_ loss: Loss) throws {
    var g = Generator(rng: SplitMix64(seed: 0xD1FF))
    var checked = 0
    for _ in 0..<Self.samples {
      let config = g.config(for: loss)
      switch loss.form {
      case .pointwise(let f):
        let y = g.target(for: loss)
        let x = g.prediction(for: loss, config)
        let h = 1e-6 * max(1, abs(x))
        let logits = config.fromLogits && loss.acceptsLogits
        let inside =
          logits || (loss.domain.contains(x - 100 * h) && loss.domain.contains(x + 100 * h))
        let nearKink = f.kinks(y, config).contains { abs($0 - x) < 1e-2 }
        guard inside, !nearKink else { continue }
        let d = f.derivative(y, x, config)
        let fd = (f.value(y, x + h, config) - f.value(y, x - h, config)) / (2 * h)
        #expect(
          abs(d - fd) <= 1e-5 * max(abs(d), 1), "\(loss.id) y=\(y) x=\(x) \(config): \(d) vs \(fd)")
        checked += 1
      case .vectorwise:
        let (y, p) = g.row(for: loss, config, k: 3)
        let grad = try loss.gradient(yTrue: [y], yPred: [p], config: config)[0]
        for j in p.indices {
          let h = 1e-6 * max(1, abs(p[j]))
          let logits = config.fromLogits && loss.acceptsLogits
          guard logits || (loss.domain.contains(p[j] - h) && loss.domain.contains(p[j] + h)) else {
            continue
          }
          func at(_ dx: Double) throws -> Double {
            var q = p
            q[j] += dx
            return try loss.evaluate(yTrue: [y], yPred: [q], config: config).value
          }
          let (minus, mid, plus) = (try at(-h), try at(0), try at(h))
          let (left, right) = ((mid - minus) / h, (plus - mid) / h)
          guard abs(left - right) <= 1e-3 * max(abs(left), abs(right), 1) else { continue }  // a kink
          let fd = (plus - minus) / (2 * h)
          #expect(
            abs(grad[j] - fd) <= 1e-5 * max(abs(grad[j]), 1),
            "\(loss.id) y=\(y) p=\(p) ∂\(j): \(grad[j]) vs \(fd)")
          checked += 1
        }
      }
    }
    // Most samples are away from kinks: the check cannot pass by skipping everything.
    #expect(checked >= Self.samples / 2, "\(loss.id): only \(checked) points checked")
  }
}
