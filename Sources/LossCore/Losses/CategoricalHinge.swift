extension Loss {
  /// Categorical hinge, Keras 3's `CategoricalHinge`: max(maxⱼ((1 − yⱼ)·pⱼ) − Σ yⱼ·pⱼ + 1, 0) for
  /// one-hot y. The gradient takes the first j of the max.
  public static let categoricalHinge = Loss(
    id: "categorical-hinge", title: "Categorical hinge loss", kerasClass: "CategoricalHinge",
    uses: [.eval], lowerBound: 0,
    form: .vectorwise(
      .init(
        value: { y, p, _ in max(categoricalHingeMargin(y, p).margin, 0) },
        gradient: { y, p, _ in
          let (margin, arg) = categoricalHingeMargin(y, p)
          guard margin > 0 else { return Array(repeating: 0, count: p.count) }
          return p.indices.map { j in (j == arg ? 1 - y[j] : 0) - y[j] }
        })),
    curve: CurveStyle("cat. hinge"), unit: .margin)
}
