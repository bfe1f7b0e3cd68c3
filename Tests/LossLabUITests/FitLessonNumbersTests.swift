import Foundation
import LossCore
import Testing

@testable import LossLabUI

/// The numbers of the lessons mode-seeking, median-and-quantiles, why-cross-entropy and
/// feature-scaling, recomputed
/// here without the code that shows them: brute-force searches and hand-written gradients against
/// each step's claims. (`LessonClaimsTests` checks the same claims against the app.)
@Suite struct FitLessonNumbersTests {
  // MARK: mode-seeking

  func normal(_ mu: Double, _ sigma: Double, count: Int) -> [Double] {
    let w = (0..<count).map { exp(-0.5 * pow((Double($0) - mu) / sigma, 2)) }
    let z = w.reduce(0, +)
    return w.map { $0 / z }
  }

  /// The best normal on a grid of step 0.01 (μ over the row, σ from 0.3 to 6), refined by a pattern
  /// search (KL(P‖Q) of the narrow fit changes fast with μ and σ).
  func gridFit(_ p: [Double], forward: Bool) -> (mu: Double, sigma: Double, q: [Double]) {
    func kl(_ mu: Double, _ sigma: Double) -> Double {
      let q = normal(mu, sigma, count: p.count)
      return forward ? klBits(p, q) : klBits(q, p)
    }
    var best = (kl: Double.infinity, mu: 0.0, sigma: 0.0)
    for i in 0...800 {
      for j in 30...600 {
        let v = kl(Double(i) / 100, Double(j) / 100)
        if v < best.kl { best = (v, Double(i) / 100, Double(j) / 100) }
      }
    }
    // A pattern search from there, the step shrinking tenfold down to 1e-7.
    var h = 0.01
    while h >= 1e-7 {
      var moved = true
      while moved {
        moved = false
        for (dm, ds) in [(-1.0, 0.0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)] {
          let (mu, sigma) = (best.mu + dm * h, best.sigma + ds * h)
          let v = kl(mu, sigma)
          if v < best.kl {
            best = (v, mu, sigma)
            moved = true
          }
        }
      }
      h /= 10
    }
    return (best.mu, best.sigma, normal(best.mu, best.sigma, count: p.count))
  }

  @Test func modeSeekingNumbers() {
    let name = "mode-seeking"
    let p = [0.005, 0.12, 0.34, 0.12, 0.01, 0.08, 0.24, 0.08, 0.005]
    let fwd = gridFit(p, forward: true)
    let rev = gridFit(p, forward: false)
    // Step 2 (predict) and step 3: the covering fit.
    expectClaim(name, 1, .normalFit(.forward, .mu), fwd.mu)
    expectClaim(name, 2, .normalFit(.forward, .mu), fwd.mu)
    expectClaim(name, 2, .normalFit(.forward, .sigma), fwd.sigma)
    expectClaim(name, 2, .distribution(.klPQ), klBits(p, fwd.q))
    expectClaim(name, 2, .distribution(.klQP), klBits(fwd.q, p))
    expectClaim(name, 2, .probability(.q, "3"), fwd.q[3])
    expectClaim(name, 2, .probability(.q, "4"), fwd.q[4])
    let meanP = p.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
    expectClaim(name, 2, .distribution(.meanP), meanP)
    expectClaim(name, 2, .distribution(.meanQ), meanP)  // moment matching
    // Steps 4 and 5: the mode-seeking fit.
    expectClaim(name, 3, .normalFit(.reverse, .mu), rev.mu)
    expectClaim(name, 3, .normalFit(.reverse, .sigma), rev.sigma)
    expectClaim(name, 3, .distribution(.klQP), klBits(rev.q, p))
    expectClaim(name, 4, .distribution(.klPQ), klBits(p, rev.q))
    expectClaim(name, 4, .normalFit(.forward, .divergence), klBits(p, fwd.q))
  }

  // MARK: median-and-quantiles

  /// The pinball loss of the line (w, b) on the points, τ·r above and (τ − 1)·r below.
  func pinball(_ d: LineData, _ w: Double, _ b: Double, _ tau: Double) -> Double {
    zip(d.x, d.y).reduce(0) { s, p in
      let r = p.1 - (w * p.0 + b)
      return s + (r >= 0 ? tau * r : (tau - 1) * r)
    } / Double(d.x.count)
  }

  /// The exact minimum of the pinball loss: a linear program, so some minimum passes through two
  /// of the points; every pair is tried.
  func quantileFit(_ d: LineData, _ tau: Double) -> (w: Double, b: Double, loss: Double) {
    var best = (w: 0.0, b: 0.0, loss: Double.infinity)
    for i in d.x.indices {
      for j in d.x.indices where j > i && d.x[j] != d.x[i] {
        let w = (d.y[j] - d.y[i]) / (d.x[j] - d.x[i])
        let b = d.y[i] - w * d.x[i]
        let l = pinball(d, w, b, tau)
        if l < best.loss - 1e-15 { best = (w, b, l) }
      }
    }
    return best
  }

  func count(_ d: LineData, _ w: Double, _ b: Double) -> (above: Double, below: Double) {
    let r = zip(d.x, d.y).map { $1 - (w * $0 + b) }
    return (Double(r.filter { $0 > 1e-9 }.count), Double(r.filter { $0 < -1e-9 }.count))
  }

  @Test func medianAndQuantilesNumbers() throws {
    let name = "median-and-quantiles"
    let d = try LineData.tutorial(outliers: 5)
    // Step 1: least squares in closed form.
    let n = Double(d.x.count)
    let mx = d.x.reduce(0, +) / n
    let my = d.y.reduce(0, +) / n
    let sxy = zip(d.x, d.y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
    let sxx = d.x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let w = sxy / sxx
    let b = my - w * mx
    expectClaim(name, 0, .minimum(.mse, .w), w)
    expectClaim(name, 0, .minimum(.mse, .b), b)
    expectClaim(name, 0, .pointsAround(.mse, .above), count(d, w, b).above)
    expectClaim(name, 0, .pointsAround(.mse, .below), count(d, w, b).below)
    // Step 2: MAE is twice the pinball loss at τ = 0.5.
    let mae = quantileFit(d, 0.5)
    expectClaim(name, 1, .minimum(.mae, .w), mae.w)
    expectClaim(name, 1, .minimum(.mae, .b), mae.b)
    expectClaim(name, 1, .pointsAround(.mae, .above), count(d, mae.w, mae.b).above)
    expectClaim(name, 1, .pointsAround(.mae, .below), count(d, mae.w, mae.b).below)
    expectClaim(name, 2, .minimum(.quantile, .loss), mae.loss)
    expectClaim(name, 2, .minimum(.mae, .loss), 2 * mae.loss)
    // Steps 5 and 6: τ = 0.9 and τ = 0.2.
    for (i, tau) in [(4, 0.9), (5, 0.2)] {
      let fit = quantileFit(d, tau)
      let c = count(d, fit.w, fit.b)
      expectClaim(name, i, .minimum(.quantile, .w), fit.w)
      expectClaim(name, i, .minimum(.quantile, .b), fit.b)
      expectClaim(name, i, .pointsAround(.quantile, .above), c.above)
      expectClaim(name, i, .pointsAround(.quantile, .below), c.below)
      // The quantile property: at most τ·n points below, at most (1 − τ)·n above.
      #expect(c.below <= tau * n && c.above <= (1 - tau) * n)
    }
    // The task's goal (at most 10 above) is reached at τ = 0.8, not before.
    let at7 = quantileFit(d, 0.7)
    let at8 = quantileFit(d, 0.8)
    #expect(count(d, at7.w, at7.b).above > 10 && count(d, at8.w, at8.b).above <= 10)
  }

  // MARK: why-cross-entropy

  /// Plain gradient descent on the logistic fit with hand-written gradients: BCE on the logit,
  /// ∂/∂z = σ − y; squared error on σ, ∂/∂z = 2(σ − y)·σ(1 − σ).
  func logistic(bce: Bool, steps: Int) -> (loss: Double, accuracy: Double, gradientNorm: Double) {
    let data = try! ClassificationData.overlapping()
    func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    var (w, b) = (-5.0, 3.0)
    func measure() -> (loss: Double, accuracy: Double, gw: Double, gb: Double) {
      var (loss, right, gw, gb) = (0.0, 0.0, 0.0, 0.0)
      for (x, y) in zip(data.x, data.label) {
        let z = w * x + b
        let s = sigmoid(z)
        loss += bce ? (max(z, 0) - y * z + log1p(exp(-abs(z)))) : (s - y) * (s - y)
        let dz = bce ? s - y : 2 * (s - y) * s * (1 - s)
        gw += dz * x
        gb += dz
        if (s >= 0.5) == (y == 1) { right += 1 }
      }
      let n = Double(data.count)
      return (loss / n, right / n, gw / n, gb / n)
    }
    for _ in 0..<steps {
      let m = measure()
      w -= m.gw
      b -= m.gb
    }
    let m = measure()
    return (m.loss, m.accuracy, (m.gw * m.gw + m.gb * m.gb).squareRoot())
  }

  @Test func whyCrossEntropyNumbers() {
    let name = "why-cross-entropy"
    let bce0 = logistic(bce: true, steps: 0)
    let mse0 = logistic(bce: false, steps: 0)
    expectClaim(name, 0, .classify(.accuracy, nil), bce0.accuracy)
    expectClaim(name, 0, .classify(.finalLoss, nil), bce0.loss)
    expectClaim(name, 0, .classify(.gradientNorm, nil), bce0.gradientNorm)
    let bce10 = logistic(bce: true, steps: 10)
    expectClaim(name, 1, .classify(.accuracy, nil), bce10.accuracy)
    expectClaim(name, 1, .classify(.finalLoss, nil), bce10.loss)
    expectClaim(name, 2, .classify(.finalLoss, .mse), mse0.loss)
    expectClaim(name, 2, .classify(.gradientNorm, .mse), mse0.gradientNorm)
    expectClaim(name, 2, .classify(.gradientNorm, .bce), bce0.gradientNorm)
    #expect(bce0.gradientNorm > 100 * mse0.gradientNorm)  // "over a hundred times shorter"
    let bce50 = logistic(bce: true, steps: 50)
    let mse50 = logistic(bce: false, steps: 50)
    expectClaim(name, 4, .classify(.accuracy, .bce), bce50.accuracy)
    expectClaim(name, 4, .classify(.finalLoss, .bce), bce50.loss)
    expectClaim(name, 4, .classify(.accuracy, .mse), mse50.accuracy)
    expectClaim(name, 4, .classify(.finalLoss, .mse), mse50.loss)
    // The task: seven steps take BCE past 70%, while MSE has not moved off its start's accuracy.
    #expect(logistic(bce: true, steps: 7).accuracy > 0.7)
    #expect(logistic(bce: true, steps: 6).accuracy < 0.7)
    #expect(logistic(bce: false, steps: 7).accuracy == mse0.accuracy)
  }

  // MARK: feature-scaling

  @Test func featureScalingNumbers() throws {
    let name = "feature-scaling"
    // Anscombe (1973), data set I, as published: the lesson's points are these.
    let x: [Double] = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
    let y = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
    guard case .points(let d)? = lessonStep(name, 0).setup.contour?.source else {
      Issue.record("\(name) step 1 has no points")
      return
    }
    #expect(d.x == x && d.y == y)
    #expect(d.x.count == 11 && d.x.min() == 4 && d.x.max() == 14)  // "11 points, x from 4 to 14"
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    let ex2 = x.reduce(0) { $0 + $1 * $1 } / n
    // MSE's Hessian 2·[[E x², E x], [E x, 1]]: its eigenvalues from the trace and determinant.
    let (tr, det) = (2 * ex2 + 2, 4 * ex2 - 4 * mx * mx)
    let root = (tr * tr - 4 * det).squareRoot()
    let (big, small) = ((tr + root) / 2, (tr - root) / 2)
    expectClaim(name, 0, .conditionNumber, big / small)
    expectClaim(name, 0, .gdRateLimit, 2 / big)
    // Step 2: 1000 plain steps at rate 0.01 from (0, 7.5), by hand.
    func loss(_ w: Double, _ b: Double) -> Double {
      zip(x, y).reduce(0) { $0 + pow($1.1 - (w * $1.0 + b), 2) } / n
    }
    var (w, b) = (0.0, 7.5)
    for _ in 0..<1000 {
      let gw = zip(x, y).reduce(0) { $0 - 2 * $1.0 * ($1.1 - (w * $1.0 + b)) } / n
      let gb = zip(x, y).reduce(0) { $0 - 2 * ($1.1 - (w * $1.0 + b)) } / n
      (w, b) = (w - 0.01 * gw, b - 0.01 * gb)
    }
    expectClaim(name, 1, .descent(.finalW, nil), w)
    expectClaim(name, 1, .descent(.finalB, nil), b)
    expectClaim(name, 1, .descent(.finalLoss, nil), loss(w, b))
    let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
    let intercept = my - slope * mx
    expectClaim(name, 1, .minimum(.mse, .w), slope)
    expectClaim(name, 1, .minimum(.mse, .b), intercept)
    expectClaim(name, 1, .minimum(.mse, .loss), loss(slope, intercept))
    // Steps 3 and 5: on z-scores the Hessian is 2·I, and the minimum is (slope·sd, mean y).
    expectClaim(name, 2, .conditionNumber, 1)
    expectClaim(name, 2, .gdRateLimit, 1)
    let sd = (sxx / n).squareRoot()
    expectClaim(name, 4, .descent(.finalLoss, nil), loss(slope, intercept))
    expectClaim(name, 4, .minimum(.mse, .w), slope * sd)
    expectClaim(name, 4, .minimum(.mse, .b), my)
  }

  @Test func theDataTheLessonsDescribe() throws {
    // "Fifty points ... and five outliers": 55 in all, as the τ = 0.9 step counts them.
    let median = try LineData.tutorial(outliers: 5)
    #expect(median.x.count == 55)
    #expect(lessonStep("median-and-quantiles", 0).setup.contour?.outliers == 5)
    // "Sixty points labelled 0 and 1".
    let classes = try ClassificationData.overlapping()
    #expect(classes.count == 60 && Set(classes.label) == [0, 1])
  }
}
