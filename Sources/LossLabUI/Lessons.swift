import LossCore

/// One step of a guided lesson: a view set up by a scenario, and a short text.
public struct LessonStep: Sendable {
  public var text: String
  public var setup: Scenario
}

/// A guided lesson: a named sequence of steps (`n` forward, `p` back).
public struct Lesson: Sendable {
  public var name: String
  public var title: String
  public var summary: String
  public var steps: [LessonStep]

  public static func named(_ name: String) -> Lesson? {
    Lessons.all.first { $0.name == name.lowercased() }
  }
}

/// Where the learner is in a lesson.
public struct LessonProgress: Sendable, Equatable {
  public var name: String
  public var step: Int
  public var lesson: Lesson { Lesson.named(name)! }
}

private func curves(_ show: [String], cursor: Double, x: ClosedRange<Double>? = nil) -> Scenario {
  var s = Scenario()
  s.view = .curves
  var c = Scenario.CurvesSetup()
  c.show = show.map { try! CurveNames.curve($0) }
  c.cursor = cursor
  c.x = x ?? CurvesState.defaultXRange
  c.logY = false
  s.curves = c
  return s
}

private func contour(
  loss: Loss = .mse, outliers: Int = 0, optimizer: OptimizerKind = .gd,
  rate: Double = Descent.defaultLearningRate,
  steps: Int = 0, compare: Bool = false, start: (w: Double, b: Double) = Descent.defaultStart,
  delta: Double = 1
) -> Scenario {
  var s = Scenario()
  s.view = .contour
  var c = Scenario.ContourSetup()
  c.source = .generated(points: 50, seed: LineData.defaultSeed, noise: 0.5)
  c.loss = loss
  c.outliers = outliers
  c.optimizer = optimizer
  c.rate = rate
  c.steps = steps
  c.compare = compare
  c.start = start
  c.delta = delta
  c.window = (ContourState.defaultW, ContourState.defaultB)
  s.contour = c
  return s
}

private func distributions(preset: Int, swapped: Bool = false) -> Scenario {
  var s = Scenario()
  s.view = .distributions
  var d = Scenario.DistributionsSetup()
  let p = DistributionPreset.all[preset]
  d.preset = preset
  if swapped {
    d.p = p.q
    d.q = p.p
    d.categories = p.categories
  }
  d.base = .bits
  s.distributions = d
  return s
}

/// The built-in lessons.
public enum Lessons {
  public static let all: [Lesson] = [
    Lesson(
      name: "what-is-a-loss", title: "What a loss function is",
      summary: "a loss scores a prediction; training walks downhill on it",
      steps: [
        LessonStep(
          text:
            "A loss function turns one prediction ŷ and the truth y into a single number: 0 when they agree, larger the worse the miss. Here the truth is y = 1. Move the cursor with ←/→ and read each curve's value and slope.",
          setup: curves(["mse:1", "mae:1"], cursor: 1.5)),
        LessonStep(
          text:
            "Squared error grows with the square of the miss, absolute error in a straight line. At ŷ = 3 the miss is 2: MSE reads 4, MAE reads 2. Big mistakes cost MSE far more.",
          setup: curves(["mse:1", "mae:1"], cursor: 3, x: -1...4)),
        LessonStep(
          text:
            "Training a model means choosing its parameters to make the mean loss over all the data small. For a line y = wx + b the mean loss is a surface over (w, b): this map. The dot marks its lowest point.",
          setup: contour()),
        LessonStep(
          text:
            "Gradient descent starts somewhere and steps against the slope. Press s a few times (or r to run) and watch the path, the loss chart and the fitted line on the right.",
          setup: contour(steps: 3)),
      ]),
    Lesson(
      name: "mse-vs-mae", title: "MSE against MAE under outliers",
      summary: "outliers drag the MSE fit; the MAE fit barely moves",
      steps: [
        LessonStep(
          text:
            "The MSE surface of clean data: a smooth bowl with its minimum near w = 2, b = 3, the true line. The panel lists where the MSE and MAE minima are.",
          setup: contour(loss: .mse)),
        LessonStep(
          text:
            "Now five outliers are added (x toggles them). The MSE minimum moves toward them: squaring makes the few far points dominate. The optimum of MSE is a mean, and means follow outliers.",
          setup: contour(loss: .mse, outliers: ContourState.outlierCount)),
        LessonStep(
          text:
            "The same data under MAE: the surface is made of flat facets (its contours are polygons) and its minimum barely moved. The optimum of MAE is a median, which ignores how far the outliers are.",
          setup: contour(loss: .mae, outliers: ContourState.outlierCount)),
        LessonStep(
          text:
            "Huber is quadratic near zero and linear beyond δ: smooth like MSE, robust like MAE. Change δ with d and D and watch the minimum move between the two.",
          setup: contour(loss: .huber, outliers: ContourState.outlierCount)),
      ]),
    Lesson(
      name: "confident-mistakes", title: "Cross-entropy and confident mistakes",
      summary: "binary cross-entropy is gentle on near misses and brutal on confident errors",
      steps: [
        LessonStep(
          text:
            "Binary cross-entropy for a positive example (y = 1) is −log(ŷ). At ŷ = 0.6 it costs 0.51.",
          setup: curves(["bce:1", "bce:0"], cursor: 0.6, x: 0...1)),
        LessonStep(
          text:
            "At ŷ = 0.7 it costs 0.36: a little more confidence in the right answer, a little less loss.",
          setup: curves(["bce:1", "bce:0"], cursor: 0.7, x: 0...1)),
        LessonStep(
          text:
            "At ŷ = 0.012 it costs 4.42: being confidently wrong is punished hard, and the slope is steep, so the gradient pushes hard to fix it. As ŷ → 0 the loss goes to infinity.",
          setup: curves(["bce:1", "bce:0"], cursor: 0.012, x: 0...1)),
        LessonStep(
          text:
            "Ten labels, five positive and five negative, with predicted probabilities. The per-label losses average to 0.247 nats. Edit a prediction with ↑/↓ and see which labels drive the mean.",
          setup: distributions(preset: 2)),
      ]),
    Lesson(
      name: "learning-rate", title: "Learning rate: too small, right, too large",
      summary: "the same descent with four learning rates",
      steps: [
        LessonStep(
          text:
            "Rate 0.05: every step is safe but tiny. After 20 steps the path has barely bent toward the minimum.",
          setup: contour(rate: 0.05, steps: 20)),
        LessonStep(
          text:
            "Rate 0.3: the path first drops down the steep direction, then follows the long valley to the minimum.",
          setup: contour(rate: 0.3, steps: 20)),
        LessonStep(
          text:
            "Rate 0.8: each step overshoots across the narrow direction of the valley, so the path zig-zags. It still converges, slowly.",
          setup: contour(rate: 0.8, steps: 20)),
        LessonStep(
          text:
            "Rate 1.0: the overshoot grows with every step. The path leaves the map and the panel says diverging. Halve the rate with [ and press 0 to start again.",
          setup: contour(rate: 1.0, steps: 12)),
      ]),
    Lesson(
      name: "momentum-and-adam", title: "Momentum and Adam against plain descent",
      summary: "all eleven optimizers race from the same start",
      steps: [
        LessonStep(
          text:
            "Compare mode: every optimizer starts from the same point with the same rate. Press s to step them together; the legend shows each one's loss.",
          setup: contour(rate: 0.1, compare: true)),
        LessonStep(
          text:
            "After 15 steps: momentum keeps a velocity, so it races along the valley but overshoots the minimum and swings back. Nesterov looks ahead and swings less.",
          setup: contour(rate: 0.1, steps: 15, compare: true)),
        LessonStep(
          text:
            "Adam and RMSprop divide each step by a running size of the gradient, so their first steps have about the same length in every direction, regardless of how steep the surface is there.",
          setup: contour(rate: 0.1, steps: 40, compare: true)),
      ]),
    Lesson(
      name: "kl-asymmetry", title: "Why KL divergence is not symmetric",
      summary: "KL(P‖Q) and KL(Q‖P) weigh the same differences differently",
      steps: [
        LessonStep(
          text:
            "P (blue bars) and Q (orange) over three colours. KL(P‖Q) = 1.927 bits but KL(Q‖P) = 2.022 bits: each direction weighs the log-ratio by a different distribution.",
          setup: distributions(preset: 0)),
        LessonStep(
          text:
            "The row under the bars shows each category's share p·log(p/q). Blue is likely under P but rare under Q, so it drives KL(P‖Q).",
          setup: distributions(preset: 0)),
        LessonStep(
          text:
            "Swapped (s): now the numbers trade places. Cross-entropy H(P,Q) = H(P) + KL(P‖Q) changes too, while each entropy stays with its own distribution.",
          setup: distributions(preset: 0, swapped: true)),
        LessonStep(
          text:
            "If Q gives probability 0 to something P says can happen, KL(P‖Q) is infinite: Q calls a possible outcome impossible. JS divergence stays finite.",
          setup: distributions(preset: 3)),
      ]),
  ]
}
