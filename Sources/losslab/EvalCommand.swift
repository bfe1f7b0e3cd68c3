import ArgumentParser
import LossCore

/// `losslab eval`: one loss on a batch given on the command line.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compute a loss (Keras 3 semantics) for given labels and predictions.",
    discussion: """
      Numbers are separated by commas and samples by semicolons: --y-true "0,1,0;1,0,0". The result is the \
      mean over samples of each sample's loss (element-wise losses average over each sample's values).
      For sparse-categorical-crossentropy, --y-true holds one class index per sample: "1;0" (or flat: "1,0").
      Probabilities are clipped to [1e-7, 1 − 1e-7]; with --from-logits the cross-entropies use log-sigmoid / \
      log-softmax without clipping (as Keras's JAX and TensorFlow backends do). Labels of bce and cce must lie in [0, 1]. \
      Without --from-logits, each cce/scce prediction row must not sum to 0; poisson predictions must be >= 0. \
      Results too large for a double print as inf. The quantile loss (not in Keras) is τ·r for r = y − ŷ >= 0 \
      and (τ − 1)·r otherwise; binary focal cross-entropy follows keras.losses.BinaryFocalCrossentropy.

      Examples:
        losslab eval bce --y-true 0 --y-pred 0.3
        losslab eval mae --y-true 1.1,2,1.7 --y-pred 1,1.7,1.5
        losslab eval cce --y-true "0,1,0;1,0,0" --y-pred "0.1,0.8,0.1;0.7,0.2,0.1"
        losslab eval huber --delta 0.5 --y-true 0,0 --y-pred -1,2 --json
        losslab eval bce --from-logits --y-true 1 --y-pred=-2
        losslab eval quantile --tau 0.9 --y-true 1,2,3 --y-pred 1.5,1.5,1.5
        losslab eval focal --gamma 2 --apply-class-balancing --y-true 0,1 --y-pred 0.4,0.6
        losslab eval scce --y-true 1,0,2 --y-pred "0.1,0.8,0.1;0.7,0.2,0.1;0.2,0.2,0.6"
      """)

  @Argument(help: "The loss, by name or alias (e.g. bce, mse, huber).")
  var loss: LossName<EvalUse>

  @Option(
    name: .customLong("y-true"), parsing: .unconditional, help: "True labels, e.g. \"0,1;1,0\".")
  var yTrue: String

  @Option(
    name: .customLong("y-pred"), parsing: .unconditional,
    help: "Predictions, e.g. \"0.1,0.9;0.8,0.2\".")
  var yPred: String

  @OptionGroup(title: "Loss parameters")
  var parameters: LossParameterOptions

  @Flag(help: "Print {\"loss\": NAME, \"value\": X, \"per_sample\": [...]}.")
  var json = false

  func run() throws {
    let loss = try loss.resolve()
    let config = try parameters.config(for: loss)
    let yTrue = try NumberList.parse(yTrue, name: "--y-true")
    let yPred = try NumberList.parse(yPred, name: "--y-pred")
    let result = try loss.evaluate(yTrue: yTrue, yPred: yPred, config: config)
    if json {
      print(
        "{\"loss\": \(jsonString(loss.rawValue)), \"value\": \(jsonNumber(result.value)), "
          + "\"per_sample\": \(jsonArray(result.perSample))}")
    } else {
      print(short(result.value))
    }
  }
}
