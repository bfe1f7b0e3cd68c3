import Foundation
import LossCore
import Testing

/// Five steps from (w, b) = (0.5, 1.5) on the default tutorial data, by Keras 3's optimizers (float64) fed with
/// the analytic gradients of our line-fit losses.
struct KerasRun: CustomTestStringConvertible, Sendable {
  var loss: Loss
  var optimizer: OptimizerKind
  var learningRate: Double
  var steps: [(Double, Double)]
  var weightDecay: Double? = nil
  var schedule: String? = nil
  init(
    _ loss: Loss, _ optimizer: OptimizerKind, _ learningRate: Double, _ steps: [(Double, Double)]
  ) {
    (self.loss, self.optimizer, self.learningRate, self.steps) = (
      loss, optimizer, learningRate, steps
    )
  }
  var testDescription: String {
    "\(loss) \(optimizer) lr=\(learningRate)" + (weightDecay.map { " wd=\($0)" } ?? "")
      + (schedule.map { " \($0)" } ?? "")
  }
}

let kerasRuns: [KerasRun] = [
  KerasRun(
    .mse, .gd, 0.3,
    [
      (1.2493835368996704, 2.83610627800888), (1.4465291288598046, 3.145733728142531),
      (1.510955029445041, 3.210441030607951), (1.5429520777438381, 3.2169961814185486),
      (1.5665178710411276, 3.2100191272531484),
    ]),
  KerasRun(
    .mse, .momentum, 0.1,
    [
      (0.7497945122998901, 1.9453687593362934), (1.163044314009733, 2.677516198978003),
      (1.6223580231296177, 3.4800099827952615), (2.011946498289965, 4.139385348695074),
      (2.2466071351124786, 4.499120217773187),
    ]),
  KerasRun(
    .mse, .nesterov, 0.1,
    [
      (0.9746095733697913, 2.3462006427389577), (1.4300439260100797, 3.1414179173592487),
      (1.7637774993737656, 3.697066046611668), (1.9388774044515054, 3.946674478147261),
      (1.9716124378771898, 3.922779680657582),
    ]),
  KerasRun(
    .mse, .adagrad, 0.5,
    [
      (0.9960409362302192, 1.9987443673520855), (1.271846156217494, 2.275031123190306),
      (1.4569616269494892, 2.459901088312669), (1.58952911966231, 2.5918087554370675),
      (1.6873536258074089, 2.6886881000073526),
    ]),
  KerasRun(
    .mse, .rmsprop, 0.1,
    [
      (0.8162277406769807, 1.8162277580455135), (1.0183050157791191, 2.0181292770069175),
      (1.1723835862592582, 2.171937962112534), (1.2979079223275003, 2.297113256170675),
      (1.403571655275556, 2.402351116926909),
    ]),
  KerasRun(
    .mse, .adam, 0.2,
    [
      (0.6999997468099977, 1.6999998579929396), (0.8987391666211342, 1.8987289955633868),
      (1.0950478973598703, 2.0950049990539816), (1.2874362378173112, 2.287320384123323),
      (1.4740412519010881, 2.4737871002689524),
    ]),
  KerasRun(
    .mae, .adam, 0.2,
    [
      (0.6999987350969359, 1.699999367546468), (0.8999978404500548, 1.8999989202220262),
      (1.0999971097906802, 2.0999985548916715), (1.2999964768625911, 2.2999982384271256),
      (1.4999959106128007, 2.4999979553018292),
    ]),
  KerasRun(
    .huber, .rmsprop, 0.05,
    [
      (0.6581135667816016, 1.6581138039515368), (0.7728194425625279, 1.7728101828581526),
      (0.8688368210740494, 1.86859392960295), (0.9540465402030677, 1.9533768335986588),
      (1.0320562965380846, 2.0306403385729728),
    ]),
]

@Suite struct OptimizerTests {
  @Test(arguments: kerasRuns)
  func descentMatchesKeras(_ run: KerasRun) throws {
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: run.loss)
    var descent = Descent(
      objective: objective, optimizer: run.optimizer, learningRate: run.learningRate, w0: 0.5,
      b0: 1.5)
    descent.run(steps: run.steps.count)
    #expect(descent.trajectory.count == run.steps.count + 1)
    for (k, (w, b)) in run.steps.enumerated() {
      let got = descent.trajectory[k + 1]
      #expect(
        abs(got.w - w) <= 1e-9 * max(1, abs(w)) && abs(got.b - b) <= 1e-9 * max(1, abs(b)),
        "step \(k + 1)")
    }
  }

  /// One step from θ = (1, −2) with g = (0.5, −0.25) and lr = 0.1, worked by hand from the update rules.
  @Test func firstStepsByHand() {
    func first(_ kind: OptimizerKind) -> [Double] {
      var o = Optimizer(kind, learningRate: 0.1)
      var p = [1.0, -2.0]
      o.step(&p, gradient: [0.5, -0.25])
      return p
    }
    func close(_ a: [Double], _ b: [Double]) -> Bool {
      zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 }
    }
    #expect(close(first(.gd), [0.95, -1.975]))
    #expect(close(first(.momentum), [0.95, -1.975]))  // m = −lr·g
    #expect(close(first(.nesterov), [0.905, -1.9525]))  // θ + 0.9m − lr·g
    // Adagrad: a = 0.1 + g².
    #expect(
      close(
        first(.adagrad),
        [1 - 0.05 / (0.35 + 1e-7).squareRoot(), -2 + 0.025 / (0.1625 + 1e-7).squareRoot()]))
    // RMSprop: v = 0.1·g².
    #expect(
      close(
        first(.rmsprop),
        [1 - 0.05 / (0.025 + 1e-7).squareRoot(), -2 + 0.025 / (0.00625 + 1e-7).squareRoot()]))
    // Adam: m = 0.1g, v = 0.001g², α = lr·√0.001/0.1, so the step is about lr·sign(g).
    let alpha = 0.1 * 0.001.squareRoot() / 0.1
    #expect(
      close(
        first(.adam),
        [
          1 - alpha * 0.05 / (0.00025.squareRoot() + 1e-7),
          -2 + alpha * 0.025 / (0.0000625.squareRoot() + 1e-7),
        ]))
  }

  @Test func momentumRemembersTheFirstStep() {
    var o = Optimizer(.momentum, learningRate: 0.1)
    var p = [1.0]
    o.step(&p, gradient: [0.5])
    o.step(&p, gradient: [0.5])
    #expect(abs(p[0] - (1 - 0.05 - 0.095)) < 1e-15)  // m₂ = 0.9·(−0.05) − 0.05
  }

  /// The two-parameter step the descent uses (no arrays) moves (w, b) and the state exactly as the array step
  /// does on `[w, b]`, for every rule, with weight decay and a schedule.
  @Test(arguments: OptimizerKind.allCases)
  func pairStepEqualsArrayStep(_ kind: OptimizerKind) {
    let schedule = LearningRateSchedule.exponential(decaySteps: 3, decayRate: 0.5, staircase: false)
    var byArray = Optimizer(kind, learningRate: 0.1, schedule: schedule, weightDecay: 0.01)
    var byPair = byArray
    var params = [1.0, -2.0]
    var (w, b) = (1.0, -2.0)
    for k in 0..<6 {
      // A gradient that changes sign and size, so momentum, accumulators and Lion's sign all matter.
      let g = (w: 0.5 - 0.3 * Double(k), b: -0.25 + 0.1 * Double(k * k))
      byArray.step(&params, gradient: [g.w, g.b])
      byPair.step(&w, &b, gradient: g)
      #expect(params == [w, b], "step \(k + 1)")
      #expect(byArray == byPair, "state after step \(k + 1)")
    }
  }
}
