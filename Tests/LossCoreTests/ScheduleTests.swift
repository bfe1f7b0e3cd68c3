import LossCore
import Testing

@Suite struct ScheduleParsingTests {
  @Test(arguments: [
    "exponential:decay_steps=10,decay_rate=0.5,staircase=true",
    "piecewise:boundaries=10/20,values=0.3/0.1/0.03",
    "polynomial:decay_steps=40,end_learning_rate=0.001,power=2,cycle=false",
    "inverse-time:decay_steps=5,decay_rate=1,staircase=false",
    "cosine:decay_steps=40,alpha=0.1,warmup_target=0.5,warmup_steps=5",
    "cosine-restarts:first_decay_steps=10,t_mul=2,m_mul=0.9,alpha=0",
    "constant",
  ])
  func descriptionParsesBackToTheSameSchedule(_ text: String) throws {
    let s = try LearningRateSchedule.parse(text)
    #expect(s.description == text)
    #expect(try LearningRateSchedule.parse(s.description) == s)
  }

  @Test func omittedKeysTakeKerasDefaults() throws {
    #expect(
      try LearningRateSchedule.parse("polynomial:decay_steps=8")
        == .polynomial(decaySteps: 8, endLearningRate: 0.0001, power: 1, cycle: false))
    #expect(
      try LearningRateSchedule.parse("cosine-restarts:first_decay_steps=3")
        == .cosineRestarts(firstDecaySteps: 3, tMul: 2, mMul: 1, alpha: 0))
    #expect(
      try LearningRateSchedule.parse(" Cosine : decay_steps = 4 ")
        == .cosine(decaySteps: 4, alpha: 0, warmupTarget: nil, warmupSteps: 0))
  }

  @Test(arguments: [
    ("cosin:decay_steps=4", "unknown schedule 'cosin'; did you mean 'cosine'?"),
    (
      "exponential:decay_steps=4",
      "schedule 'exponential' needs decay_steps=…,decay_rate=…; decay_rate is missing"
    ),
    (
      "exponential:decay_steps=0,decay_rate=0.5",
      "schedule 'exponential': decay_steps must be > 0, got '0'"
    ),
    (
      "exponential:decay_steps=x,decay_rate=0.5",
      "schedule 'exponential': decay_steps must be a number, got 'x'"
    ),
    (
      "exponential:decay_steps=2,decay_rate=0.5,staircase=yes",
      "schedule 'exponential': staircase must be true or false, got 'yes'"
    ),
    (
      "cosine:decay_steps=4,warmup_step=3",
      "schedule 'cosine' has no key 'warmup_step'; did you mean 'warmup_steps'?"
    ),
    (
      "cosine:decay_steps=4,gamma=3",
      "schedule 'cosine' has no key 'gamma'; keys: decay_steps, alpha, warmup_target, warmup_steps"
    ),
    (
      "cosine:decay_steps=4,warmup_steps=3",
      "schedule 'cosine': warmup_steps needs warmup_target (the rate to warm up to)"
    ),
    ("cosine:decay_steps", "schedule 'cosine': expected key=value, got 'decay_steps'"),
    (
      "piecewise:boundaries=10/20,values=0.3/0.1",
      "schedule 'piecewise': values needs one more item than boundaries (2 boundaries, 2 values)"
    ),
    (
      "piecewise:boundaries=20/10,values=0.3/0.1/0.03",
      "schedule 'piecewise': boundaries must increase, got 20/10"
    ),
    (
      "piecewise:boundaries=10//20,values=1/2/3/4",
      "schedule 'piecewise': boundaries must be numbers separated by '/', got '10//20'"
    ),
    ("polynomial:decay_steps=4,decay_steps=5", "schedule 'polynomial': decay_steps is given twice"),
    ("constant:decay_steps=4", "schedule 'constant' has no key 'decay_steps'; it takes none"),
  ])
  func badSchedulesGetOneClearLine(_ text: String, _ message: String) {
    #expect(throws: LossCoreError(message)) { try LearningRateSchedule.parse(text) }
  }

  @Test func firstStepUsesTheScheduleAtZero() throws {
    // Keras evaluates the schedule at `iterations` before the update: steps 1, 2, 3 use 0.3, 0.1, 0.1.
    let objective = LineFitObjective(data: try LineData.tutorial(), loss: .mse)
    let d = Descent(
      objective: objective, optimizer: .gd, learningRate: 1,
      schedule: try .parse("piecewise:boundaries=0,values=0.3/0.1"), w0: 0.5, b0: 1.5)
    #expect(d.rate(ofStep: 1) == 0.3 && d.rate(ofStep: 2) == 0.1 && d.rate(ofStep: 3) == 0.1)
  }
}
