#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Loss {
  /// Sparse categorical cross-entropy, Keras 3's `SparseCategoricalCrossentropy`: categorical
  /// cross-entropy with the target given as one class index per sample (`1;0;2`, or flat `1,0,2`).
  public static let sparseCategoricalCrossentropy = Loss(
    id: "sparse-categorical-crossentropy", shortName: "scce",
    title: "Sparse categorical cross-entropy", aliases: ["sparse-cce"],
    kerasClass: "SparseCategoricalCrossentropy", parameters: [.fromLogits],
    uses: [.eval], domain: .unit, targets: .classIndex, lowerBound: 0,
    form: .vectorwise(
      .init(
        value: { y, p, c in
          let label = Int(y[0])
          return c.fromLogits ? -logSoftmax(p)[label] : -log(normalizedClipped(p)[label])
        },
        gradient: { y, p, c in
          let target = p.indices.map { $0 == Int(y[0]) ? 1.0 : 0 }
          return crossentropyGradient(target: target, p: p, fromLogits: c.fromLogits)
        },
        rowsAreDistributions: true)),
    curve: CurveStyle("SCCE"),
    prepare: rowsMustNotSumToZero)
}
