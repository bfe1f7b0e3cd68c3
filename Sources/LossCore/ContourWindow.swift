/// Choosing what the contour map shows for a data set: the (w, b) window and the loss levels.
public enum ContourWindow {
  /// The smallest window, with `margin` of its size added on each side, holding every finite point: the start,
  /// the minima the panel lists, the path so far. A side whose points all coincide gets a span of half its centre's
  /// size (1 at 0), so the window never collapses to a line.
  ///
  /// Each side is then widened to round numbers (multiples of a 1-2-5 step, a fifth of the span or less), so the axis
  /// labels are short.
  public static func frame(_ points: [WBVector], margin: Double = 0.12) -> (
    w: ClosedRange<Double>, b: ClosedRange<Double>
  ) {
    let finite = points.filter { $0.w.isFinite && $0.b.isFinite }
    guard !finite.isEmpty else { return (0...1, 0...1) }
    func side(_ values: [Double]) -> ClosedRange<Double> {
      var lo = values.min()!
      var hi = values.max()!
      if hi - lo <= 1e-9 * max(abs(lo), abs(hi)) {
        let half = abs(lo) > 0 ? abs(lo) / 4 : 0.5
        (lo, hi) = (lo - half, hi + half)
      }
      let pad = (hi - lo) * margin
      (lo, hi) = (lo - pad, hi + pad)
      let step = LearningRate.largestNice(below: (hi - lo) / 5 * 1.0000001)
      guard step > 0 else { return lo...hi }
      return ((lo / step).rounded(.down) * step)...((hi / step).rounded(.up) * step)
    }
    return (side(finite.map(\.w)), side(finite.map(\.b)))
  }

  /// The corners of the box around the ellipse where a quadratic with this Hessian, lowest at `center`, is at most
  /// `height` above its minimum: half-widths √(2·height·(H⁻¹)ᵢᵢ). For MSE and a start `height` above the minimum,
  /// plain gradient descent below the stability limit never leaves this ellipse (the loss falls at every step), so
  /// framing these corners frames the whole path. Empty when H is not positive definite or height ≤ 0.
  public static func sublevelCorners(center: WBVector, hessian h: SymmetricMatrix2, height: Double)
    -> [WBVector]
  {
    let det = h.determinant
    guard det > 0, height > 0, height.isFinite, h.ww > 0, h.bb > 0 else { return [] }
    let hw = (2 * height * h.bb / det).squareRoot()
    let hb = (2 * height * h.ww / det).squareRoot()
    guard hw.isFinite, hb.isFinite else { return [] }
    return [
      WBVector(w: center.w - hw, b: center.b - hb), WBVector(w: center.w + hw, b: center.b + hb),
    ]
  }

  /// Contour levels for a loss whose minimum is `minimum` and which reaches `maximum` in the window: the excess above
  /// the minimum in 1-2-5 steps (…, 0.5, 1, 2, 5, 10, …: geometric, so the rings tighten towards the minimum as a
  /// loss does), at most `count`, the largest below `maximum − minimum`. Each level is the minimum plus its step,
  /// rounded to a tenth of the step, so the key reads as plain numbers (3890.6, 3891, 3895, 3900, 3990, …).
  public static func levels(minimum: Double, maximum: Double, count: Int = 10) -> [Double] {
    let range = maximum - minimum
    guard count >= 1, minimum.isFinite, maximum.isFinite, range > 0 else { return [] }
    var excess: [Double] = []
    var top = range
    while excess.count < count {
      let e = LearningRate.largestNice(below: top)
      guard e > 0, e > range * 1e-12 else { break }
      excess.append(e)
      top = e
    }
    return excess.reversed().map { e in
      let resolution = e / 10
      let v = ((minimum + e) / resolution).rounded() * resolution
      // Keep the decimal a person would write (0.1·3 is 0.30000000000000004 in binary).
      return Double(String(cFormat: "%.12g", v)) ?? v
    }
  }
}
