#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// −log(x), the price of giving probability x to what happened: the shape inside every
  /// cross-entropy. A curve only (no target); below 0 for x > 1, so no lower bound on (0, ∞).
  public static let negativeLog = Loss(
    id: "neg-log", title: "−log(x)", aliases: ["-log", "neglog", "nll", "minus-log"],
    uses: [.curve], domain: .positive, targets: .none, lowerBound: -.infinity,
    form: .pointwise(
      .init(
        value: { _, x, _ in x > 0 ? -log(x) : .nan },
        derivative: { _, x, _ in x > 0 ? -1 / x : .nan })),
    curve: CurveStyle("\u{2212}log(x)", ascii: "-log(x)", entries: [(0, true)]))

  /// log(x), for comparison with −log(x). A curve only.
  public static let logarithm = Loss(
    id: "log", title: "log(x)", aliases: ["log-x"], uses: [.curve], domain: .positive,
    targets: .none, lowerBound: -.infinity,
    form: .pointwise(
      .init(
        value: { _, x, _ in x > 0 ? log(x) : .nan },
        derivative: { _, x, _ in x > 0 ? 1 / x : .nan })),
    curve: CurveStyle("log(x)", entries: [(0, false)]))
}
