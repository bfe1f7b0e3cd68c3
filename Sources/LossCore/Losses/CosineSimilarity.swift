extension Loss {
  /// Cosine similarity, Keras 3's `CosineSimilarity`: −Σ n(y)ⱼ·n(ŷ)ⱼ with n(x) = x·min(1/√Σx², 1/ε),
  /// ε = 1e-7 (Keras 3's `normalize`; TensorFlow 2 floored Σx² at 1e-12 instead). Between −1 and 1.
  public static let cosineSimilarity = Loss(
    id: "cosine-similarity", title: "Cosine similarity", aliases: ["cosine"],
    kerasClass: "CosineSimilarity", uses: [.eval], lowerBound: -1,
    form: .vectorwise(
      .init(
        value: { y, p, _ in -zip(l2Normalized(y), l2Normalized(p)).reduce(0) { $0 + $1.0 * $1.1 } },
        gradient: { y, p, _ in cosineGradient(y, p) })),
    curve: CurveStyle("cosine"), unit: .none)
}

/// d/dp of −u·n(p), u = n(y). Below the cap (|p| < ε) n(p) = p/ε, so the gradient is −u/ε; above it
/// −(u − (u·n)n)/|p|.
private func cosineGradient(_ y: [Double], _ p: [Double]) -> [Double] {
  let u = l2Normalized(y)
  let squares = p.reduce(0) { $0 + $1 * $1 }
  let r = squares.squareRoot()
  if 1 / r > 1 / kerasEpsilon { return u.map { -$0 / kerasEpsilon } }
  let n = p.map { $0 / r }
  let dot = zip(n, u).reduce(0) { $0 + $1.0 * $1.1 }
  return zip(u, n).map { -($0 - dot * $1) / r }
}
