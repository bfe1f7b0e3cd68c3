import Foundation
import LossCore
import Testing

/// One pass for a step: ``LogisticObjective/measure(w:b:parallel:)`` and the fused pointwise
/// ``ClassificationFit/valueAndDerivative`` give the numbers the separate functions give.
@Suite struct LogisticMeasureTests {
  /// Logits where the focal and BCE arithmetic changes branch: 0 and −0, tiny, moderate, Keras's clip edge
  /// (|z| = log((1 − ε)/ε) ≈ 16.118), saturated, and beyond where e^{|z|} overflows.
  static let logits: [Double] = [
    0, -0.0, 1e-300, -1e-300, 1e-9, -0.3, 0.7, 2, -4.6, 4.6, 16.1, -16.1, 16.2, -16.2, 16.11809565,
    -16.11809565, 30, -37, 40, 300, -700, 745, -800, .infinity, -.infinity,
  ]

  static let configs: [LossConfig] = [
    LossConfig(), LossConfig(gamma: 0), LossConfig(gamma: 0.5), LossConfig(gamma: 1),
    LossConfig(gamma: 3.7), LossConfig(gamma: 5), LossConfig(alpha: 0.3, applyClassBalancing: true),
  ]

  /// The same bits as `value` and `derivative` (NaN where they give NaN), for every classification loss,
  /// both targets, and focal's settings.
  @Test(arguments: classificationLosses)
  func valueAndDerivativeAreTheSeparateFunctionsBitForBit(_ loss: Loss) throws {
    let fit = try #require(loss.classification)
    for c in Self.configs {
      for y in [0.0, 1.0] {
        let t = fit.labels.target(y)
        for z in Self.logits {
          let (v, d) = fit.valueAndDerivative(z, t, c)
          let (v0, d0) = (fit.value(z, t, c), fit.derivative(z, t, c))
          #expect(
            v.bitPattern == v0.bitPattern || (v.isNaN && v0.isNaN), "\(loss.id) z=\(z) t=\(t)")
          #expect(
            d.bitPattern == d0.bitPattern || (d.isNaN && d0.isNaN), "\(loss.id) z=\(z) t=\(t)")
        }
      }
    }
  }

  /// The readouts by the textbook: each sum over the points in order, one function at a time.
  struct Reference {
    var value = 0.0, gw = 0.0, gb = 0.0, absolute = 0.0, absoluteX = 0.0, wrongAbsolute = 0.0
    var wrong = 0, saturated = 0

    init(_ f: LogisticObjective, w: Double, b: Double) {
      let fit = f.fit
      for (x, y) in zip(f.data.x, f.data.label) {
        let z = w * x + b
        let t = fit.labels.target(y)
        value += fit.value(z, t, f.config)
        let g = fit.derivative(z, t, f.config)
        gw += g * x
        gb += g
        absolute += abs(g)
        absoluteX += abs(g * x)
        let p = 1 / (1 + exp(-z))
        if (z > 0) != (y == 1) {
          wrong += 1
          wrongAbsolute += abs(g)
          if p * (1 - p) < 0.01 { saturated += 1 }
        }
      }
    }
  }

  /// Within the rounding of a sum of 5000 terms in order (n·ε of the sum of their sizes, about 1.1e-12):
  /// at (0, 0) every BCE term is log 2, and the one-by-one sum drifts 1.1e-13 from the runs' sum.
  static func close(_ a: Double, _ b: Double, scale: Double) -> Bool {
    abs(a - b) <= 2e-12 * max(scale, 1e-300)
  }

  /// 5000 points (three runs of ``LogisticObjective/chunk``): the fused pass against the sums in order (to
  /// rounding: the runs are summed apart), and against `value`, `gradient`, `accuracy` and `logitGradient`
  /// (to the bit: they share the runs).
  @Test(arguments: classificationLosses)
  func measureIsTheFourReadings(_ loss: Loss) throws {
    let data = try ClassificationData.overlapping(points: 5000, seed: 11)
    let f = LogisticObjective(data: data, loss: loss, config: LossConfig(gamma: 2))
    for (w, b) in [(-5.0, 3.0), (0.0, 0.0), (1.7, -0.4), (40.0, 25.0), (-300.0, 10.0)] {
      let m = f.measure(w: w, b: b)
      let r = Reference(f, w: w, b: b)
      let n = Double(data.count)
      #expect(Self.close(m.value, r.value / n, scale: abs(r.value / n)), "\(loss.id) (\(w), \(b))")
      #expect(Self.close(m.gradient.w, r.gw / n, scale: r.absoluteX / n))
      #expect(Self.close(m.gradient.b, r.gb / n, scale: r.absolute / n))
      #expect(Self.close(m.logitGradient.meanAbsolute, r.absolute / n, scale: r.absolute / n))
      #expect(m.logitGradient.wrong == r.wrong && m.logitGradient.wrongSaturated == r.saturated)
      #expect(m.accuracy == Double(data.count - r.wrong) / n)
      if r.wrong > 0 {
        let wa = r.wrongAbsolute / Double(r.wrong)
        #expect(Self.close(m.logitGradient.wrongMeanAbsolute, wa, scale: wa))
      }
      #expect(m.value == f.value(w: w, b: b))
      let g = f.gradient(w: w, b: b)
      #expect(m.gradient.w == g.w && m.gradient.b == g.b)
      #expect(m.logitGradient == f.logitGradient(w: w, b: b))
      #expect(m.accuracy == f.accuracy(w: w, b: b))
      let vg = f.valueAndGradient(w: w, b: b)
      #expect(vg.value == m.value && vg.gradient.w == g.w && vg.gradient.b == g.b)
    }
  }

  /// Runs on both cores add up in order: the same bits as on one core.
  @Test(arguments: classificationLosses)
  func measureIsTheSameOnOneCoreAndTwo(_ loss: Loss) throws {
    let data = try ClassificationData.overlapping(points: 10_007, seed: 3)
    let f = LogisticObjective(data: data, loss: loss)
    for (w, b) in [(-5.0, 3.0), (2.5, -1.0)] {
      let one = f.measure(w: w, b: b, parallel: false)
      let two = f.measure(w: w, b: b, parallel: true)
      #expect(one.value.bitPattern == two.value.bitPattern)
      #expect(one.gradient.w.bitPattern == two.gradient.w.bitPattern)
      #expect(one.gradient.b.bitPattern == two.gradient.b.bitPattern)
      #expect(one.logitGradient == two.logitGradient && one.accuracy == two.accuracy)
    }
  }
}
