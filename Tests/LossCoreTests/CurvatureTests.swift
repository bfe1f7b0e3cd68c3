import Foundation
import LossCore
import Testing

/// Reference values: Tests/KerasScripts/mse_curvature.py (exact fractions, 40-digit decimals).
@Suite struct CurvatureTests {
  func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(abs(a), abs(b))
  }

  @Test func tutorialDataMatchesTheExactEigenvalues() throws {
    let c = MSECurvature(data: try LineData.tutorial())
    let (large, small) = c.eigenvalues
    #expect(close(large, 2.536701721051925489624858663289765885622))
    #expect(close(small, 0.1367676667031765511914678673224790123374))
    #expect(close(c.stabilityLimit, 0.7884253727594883539272853528001731299451))
    #expect(close(c.conditionNumber, 18.54752502692954347887391087593878417744))
    #expect(c.defaultLearningRate == 0.5)
    #expect(c.defaultLearningRate == Descent.defaultLearningRate)
  }

  @Test func hessianIsTwoOverNTimesTheSums() {
    let x = [1.0, 2, 4]
    let h = MSECurvature(x: x).hessian
    // (2/3)·[[1 + 4 + 16, 7], [7, 3]]
    #expect(close(h.ww, 2.0 / 3 * 21))
    #expect(close(h.wb, 2.0 / 3 * 7))
    #expect(h.bb == 2)
    #expect(close(h.determinant, h.ww * h.bb - h.wb * h.wb))
  }

  @Test func eigenvectorsSatisfyTheDefinitionAndAreOrthonormal() {
    let sets: [[Double]] = [
      [0, 1, 2, 3], [-5, 1, 7], [1e4, 1e4 + 1, 1e4 + 3], [0.001, 0.002, 0.0035],
    ]
    for x in sets {
      let c = MSECurvature(x: x)
      let (l1, l2) = c.eigenvalues
      let (v1, v2) = c.eigenvectors
      #expect(abs(v1.length - 1) < 1e-12 && abs(v2.length - 1) < 1e-12)
      #expect(abs(v1.w * v2.w + v1.b * v2.b) < 1e-12)
      #expect(v1.w >= 0)
      let h1 = c.hessian.apply(v1)
      #expect(abs(h1.w - l1 * v1.w) <= 1e-12 * l1 && abs(h1.b - l1 * v1.b) <= 1e-12 * l1)
      // For the small eigenvalue: vᵀHv = λmin (the Rayleigh quotient), to the rounding of λmax.
      let h2 = c.hessian.apply(v2)
      #expect(abs(v2.w * h2.w + v2.b * h2.b - l2) <= 1e-12 * l1)
    }
  }

  @Test func illConditionedDataKeepsItsSmallEigenvalue() {
    // x = 10⁴ + i/10: ww·bb − wb² cancels completely in Doubles; the centred determinant does not.
    let x = (0..<10).map { 1e4 + Double($0) / 10 }
    let c = MSECurvature(x: x)
    #expect(close(c.eigenvalues.largest, 200018002.5699999983501485078348865209248))
    #expect(
      close(c.eigenvalues.smallest, 1.649851492165113479075224754652700677804e-9, relative: 1e-9))
    #expect(close(c.stabilityLimit, 9.999099952515839267122574270622428350325e-9))
    #expect(close(c.conditionNumber, 121233943491189472.5603030303030302947818, relative: 1e-9))
    #expect(c.defaultLearningRate == 5e-9)
  }

  @Test func standardizedDataHasTheIdentityCurvature() {
    let c = MSECurvature(x: [3, 8, 20, 21]).standardized
    #expect(c.hessian == SymmetricMatrix2(ww: 2, wb: 0, bb: 2, determinant: 4))
    #expect(c.conditionNumber == 1 && c.stabilityLimit == 1 && c.defaultLearningRate == 0.5)
    #expect(c.eigenvectors.largest == WBVector(w: 1, b: 0))
  }

  @Test func equalXHasNoSmallestCurvature() {
    let c = MSECurvature(x: [2, 2, 2])
    #expect(c.eigenvalues.smallest == 0)
    #expect(c.conditionNumber == .infinity)
    #expect(close(c.stabilityLimit, 2 / 10))  // H = 2·[[4, 2], [2, 1]], λmax = 10
    #expect(c.standardized == c)
  }

  /// The limit means what it says: plain gradient descent converges just below it and blows up just above it.
  @Test(arguments: [[0.0, 0.3, 0.5, 1], [10, 11, 15, 19.5], [-0.002, 0.001, 0.004]])
  func gradientDescentIsStableExactlyBelowTheLimit(x: [Double]) {
    let y = x.enumerated().map { 3 * $1 - 1 + ($0 % 2 == 0 ? 0.25 : -0.25) }
    let objective = LineFitObjective(data: LineData(x: x, y: y), loss: .mse)
    let limit = MSECurvature(x: x).stabilityLimit
    var below = Descent(
      objective: objective, optimizer: .gd, learningRate: 0.97 * limit, w0: 0, b0: 0)
    var above = Descent(
      objective: objective, optimizer: .gd, learningRate: 1.03 * limit, w0: 0, b0: 0)
    below.run(steps: 3000)
    above.run(steps: 3000)
    #expect(!below.diverged && below.current.loss < below.trajectory[0].loss)
    #expect(above.diverged || above.current.loss > above.trajectory[0].loss)
  }

  @Test func largestNiceRate() {
    let cases: [(Double, Double)] = [
      (0.788, 0.5), (0.5, 0.2), (0.5000001, 0.5), (1, 0.5), (1.0000001, 1), (2.1, 2), (9.99, 5),
      (10, 5), (10.5, 10), (1.3e-5, 1e-5), (3e-9, 2e-9), (1e-8, 5e-9), (7e4, 5e4),
    ]
    for (limit, rate) in cases {
      #expect(LearningRate.largestNice(below: limit) == rate, "below \(limit)")
    }
    #expect(LearningRate.largestNice(below: 0) == 0)
    #expect(LearningRate.largestNice(below: -1) == 0)
    #expect(LearningRate.largestNice(below: .nan) == 0)
  }

  @Test func symmetricMatrixWithNegativeEigenvalues() {
    let m = SymmetricMatrix2(ww: -3, wb: 0, bb: 1)
    #expect(m.eigenvalues == (largest: 1, smallest: -3))
    #expect(m.eigenvectors.largest == WBVector(w: 0, b: 1))
    #expect(m.conditionNumber == .infinity)
  }
}

@Suite struct StandardizationTests {
  @Test func zScoresHaveMeanZeroAndVarianceOne() throws {
    let data = LineData(x: [2, 4, 4, 4, 5, 5, 7, 9], y: [1, 2, 3, 4, 5, 6, 7, 8])
    let s = try #require(Standardization(x: data.x))
    #expect(s.mean == 5 && s.deviation == 2)  // the textbook example: σ = 2
    let z = s.apply(to: data)
    #expect(z.x == [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2] && z.y == data.y)
    #expect(Standardization(x: [3, 3]) == nil)
  }

  @Test func linesConvertBothWaysAndPredictTheSame() throws {
    let s = try #require(Standardization(x: [10, 20, 30, 40]))
    let (w, b) = s.original(w: 3, b: -1)
    for x in [10.0, 17, 40] {
      #expect(abs((w * x + b) - (3 * s.z(x) - 1)) < 1e-12)
    }
    let back = s.standardized(w: w, b: b)
    #expect(abs(back.w - 3) < 1e-12 && abs(back.b + 1) < 1e-12)
  }

  @Test func leastSquaresOnZScoresIsTheSameLine() throws {
    let data = LineData(x: [1e4, 1e4 + 1, 1e4 + 3, 1e4 + 7], y: [5, 6, 9, 12])
    let s = try #require(Standardization(x: data.x))
    let direct = data.leastSquares
    let viaZ = s.apply(to: data).leastSquares
    let converted = s.original(w: viaZ.w, b: viaZ.b)
    #expect(abs(converted.w - direct.w) < 1e-9 && abs(converted.b - direct.b) < 1e-5)
    #expect(MSECurvature(x: s.apply(to: data).x).conditionNumber < 1 + 1e-9)
  }
}
