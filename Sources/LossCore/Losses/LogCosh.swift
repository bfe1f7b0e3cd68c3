#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Log-cosh, Keras 3's `LogCosh`: log cosh(ŷ − y), averaged over a sample's values; computed as
  /// |e| + log1p(e^(−2|e|)) − log 2 so it never overflows. The derivative is tanh(ŷ − y).
  public static let logCosh = Loss(
    id: "log-cosh", title: "Log-cosh", aliases: ["logcosh"], kerasClass: "LogCosh",
    uses: [.eval, .curve], lowerBound: 0,
    form: .pointwise(
      .init(value: { t, x, _ in logCoshStable(x - t) }, derivative: { t, x, _ in tanh(x - t) })),
    curve: CurveStyle("log-cosh", panel: "logcosh", omitsZeroTarget: true, entries: [(1, false)]),
    unit: .unitsOfY)
}
