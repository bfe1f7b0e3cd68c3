import Foundation
import LossCore
import Testing

@Suite struct ContourWindowTests {
  @Test func frameHoldsEveryPointWithAMarginOnRoundNumbers() {
    // The diabetes fit: start (0, 152), MSE minimum near (10.2, −118).
    let points = [
      WBVector(w: 0, b: 152.1), WBVector(w: 10.23, b: -117.8), WBVector(w: 9.1, b: -90),
    ]
    let (w, b) = ContourWindow.frame(points)
    for p in points {
      #expect(w.contains(p.w) && b.contains(p.b))
      // A margin: no point on the edge.
      #expect(p.w > w.lowerBound && p.w < w.upperBound && p.b > b.lowerBound && p.b < b.upperBound)
    }
    // w: 0…10.23 plus 12 % is −1.23…11.46, on steps of 2 (a fifth of the span, 1-2-5): −2…12.
    // b: −117.8…152.1 plus 12 % is −150.2…184.5, on steps of 50: −200…200.
    #expect(w == -2...12 && b == -200...200)
  }

  @Test func coincidentPointsStillGetAWindow() {
    let (w, b) = ContourWindow.frame([WBVector(w: 0, b: 100), WBVector(w: 0, b: 100)])
    #expect(w.lowerBound < 0 && w.upperBound > 0)
    #expect(b.lowerBound < 100 && b.upperBound > 100 && b.upperBound - b.lowerBound < 200)
    let infinite = ContourWindow.frame([
      WBVector(w: .infinity, b: 1), WBVector(w: 1, b: 2), WBVector(w: 3, b: 4),
    ])
    #expect(infinite.w.contains(1) && infinite.w.contains(3) && infinite.w.upperBound < 10)
  }

  @Test func levelsAreGeometricAboveTheMinimum() {
    let lv = ContourWindow.levels(minimum: 3890.123, maximum: 60_000, count: 8)
    // Excesses 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4 (below 56110), each level rounded to a tenth of its
    // excess: 4090.1 to 20s is 4100, 4390.1 to 50s is 4400, 4890.1 to 100s is 4900, 5890.1 to 200s is 5800, …
    #expect(lv == [4100, 4400, 4900, 5800, 9000, 14_000, 24_000, 55_000])
    // Excesses 0.005, 0.01, 0.02: 0.0173 to 0.0005s, 0.0223 to 0.001s, 0.0323 to 0.002s.
    let tiny = ContourWindow.levels(minimum: 0.0123, maximum: 0.05, count: 3)
    #expect(tiny == [0.0175, 0.022, 0.032])
    #expect(ContourWindow.levels(minimum: 5, maximum: 5) == [])
    for (a, b) in zip(lv, lv.dropFirst()) { #expect(a < b) }
  }
}

@Suite struct SublevelBoxTests {
  /// Every point on the ellipse (θ − c)ᵀ(H/2)(θ − c) = height lies in the box, and the box touches it.
  @Test func boxHoldsTheEllipseExactly() {
    let h = SymmetricMatrix2(ww: 6, wb: 2, bb: 2)
    let corners = ContourWindow.sublevelCorners(
      center: WBVector(w: 1, b: -1), hessian: h, height: 3)
    #expect(corners.count == 2)
    let (lo, hi) = (corners[0], corners[1])
    var maxW = -Double.infinity
    var maxB = -Double.infinity
    let (large, small) = h.eigenvalues
    let (v1, v2) = h.eigenvectors
    for k in 0..<3600 {
      let t = Double(k) / 3600 * 2 * .pi
      // On the ellipse: along eigenvector i, a radius √(2·height/λᵢ).
      let a = (2 * 3 / large).squareRoot() * cos(t)
      let b = (2 * 3 / small).squareRoot() * sin(t)
      let p = WBVector(w: 1 + a * v1.w + b * v2.w, b: -1 + a * v1.b + b * v2.b)
      #expect(p.w >= lo.w - 1e-9 && p.w <= hi.w + 1e-9 && p.b >= lo.b - 1e-9 && p.b <= hi.b + 1e-9)
      maxW = max(maxW, p.w)
      maxB = max(maxB, p.b)
    }
    #expect(abs(maxW - hi.w) < 1e-4 && abs(maxB - hi.b) < 1e-4)
    #expect(
      ContourWindow.sublevelCorners(center: WBVector(w: 0, b: 0), hessian: h, height: 0).isEmpty)
  }
}
