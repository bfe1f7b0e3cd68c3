extension Explanations {
  /// The optimizers added after the first six (Keras 3 rules and defaults).
  static let moreOptimizers: [Explanation] = [
    Explanation(
      id: "adamw", family: .optimizer,
      title: "AdamW (Adam with decoupled weight decay 0.004)",
      formula: "θ ← θ − η·wd·θ,  then Adam's step with the same η",
      asciiFormula: "theta -= lr*wd*theta, then Adam's step with the same lr",
      derivative: "m ← m + 0.1·(g − m),  v ← v + 0.001·(g² − v)",
      asciiDerivative: "m <- m + 0.1*(g - m),  v <- v + 0.001*(g^2 - v)",
      meaning:
        "Each step first shrinks every parameter by the fraction lr*wd, then takes Adam's step. "
        + "The decay stays out of the gradient, so Adam's scaling does not weaken it.",
      whenToUse:
        "It is the usual choice for training large networks with regularization. "
        + "Set the decay with --weight-decay (Keras's default is 0.004)."
    ),
    Explanation(
      id: "nadam", family: .optimizer,
      title: "Nadam (Adam with Nesterov momentum)",
      formula: "θ ← θ − η·M/(√V + ε),  M mixes μₜ₊₁·m and (1 − μₜ)·g",
      asciiFormula: "theta -= lr*M/(sqrt(V)+eps); M: mu(t+1)*m, (1-mu(t))*g",
      derivative: "μₜ = 0.9·(1 − ½·0.96ᵗ),  m, v as in Adam",
      asciiDerivative: "mu(t) = 0.9*(1 - 0.5*0.96^t),  m, v as in Adam",
      meaning:
        "Adam that looks one step ahead: the step mixes the momentum it is about to have with the "
        + "current gradient.",
      whenToUse:
        "Use it where Adam works and you want it to react a little sooner when the slope turns."
    ),
    Explanation(
      id: "adamax", family: .optimizer,
      title: "Adamax (Adam with the infinity norm)",
      formula: "θ ← θ − η·m/((1 − 0.9ᵗ)·(u + ε))",
      asciiFormula: "theta -= lr*m / ((1 - 0.9^t) * (u + eps))",
      derivative: "m ← m + 0.1·(g − m),  u ← max(0.999·u, |g|)",
      asciiDerivative: "m <- m + 0.1*(g - m),  u <- max(0.999*u, |g|)",
      meaning:
        "Adam with the largest recent gradient size in place of the root mean square. "
        + "One big gradient sets the scale and then fades slowly.",
      whenToUse:
        "Try it when gradients are sparse or occasionally huge, where Adam's v would jump around."
    ),
    Explanation(
      id: "adadelta", family: .optimizer,
      title: "Adadelta (rho 0.95)",
      formula: "θ ← θ + η·d,  d = −√(E[d²] + ε)/√(E[g²] + ε)·g",
      asciiFormula: "theta += lr*d, d = -sqrt(E[d^2]+eps)/sqrt(E[g^2]+eps)*g",
      derivative: "E[g²] ← 0.95·E[g²] + 0.05·g²,  E[d²] likewise with d",
      asciiDerivative: "E[g^2] <- 0.95*E[g^2] + 0.05*g^2,  E[d^2] likewise",
      meaning:
        "The step size comes from the optimizer's own history: the size of past steps over the "
        + "size of past gradients.",
      whenToUse:
        "It needs little tuning in principle, but it starts with tiny steps. "
        + "With Keras's default rate of 0.001 it barely moves here; try a rate of 1 or more."
    ),
    Explanation(
      id: "lion", family: .optimizer,
      title: "Lion (beta1 0.9, beta2 0.99)",
      formula: "θ ← θ − η·sign(0.9·m + 0.1·g)",
      asciiFormula: "theta -= lr * sign(0.9*m + 0.1*g)",
      derivative: "m ← 0.99·m + 0.01·g",
      asciiDerivative: "m <- 0.99*m + 0.01*g",
      meaning:
        "Only the sign of a momentum mix counts, so every parameter moves exactly lr per step. "
        + "The path on the map is a staircase.",
      whenToUse:
        "It uses less memory than Adam and suits large models. "
        + "Give it a rate 3 to 10 times smaller than Adam's."
    ),
  ]

  /// Learning-rate schedules and the stability bound.
  static let schedules: [Explanation] = [
    Explanation(
      id: "schedule-exponential", aliases: ["exponential", "exponential-decay"], family: .concept,
      title: "ExponentialDecay schedule",
      formula: "η(s) = η₀·rᵖ,  p = s/N (floored with staircase)",
      asciiFormula: "lr(s) = lr0 * r^p,  p = s/N (floored with staircase)",
      derivative: "step t uses η(t − 1): the first step uses η₀",
      asciiDerivative: "step t uses lr(t - 1): the first step uses lr0",
      meaning: "The rate shrinks by the factor r every N steps, smoothly or in stairs.",
      whenToUse:
        "Use it for a steady slowdown: --schedule exponential:decay_steps=10,decay_rate=0.5."
    ),
    Explanation(
      id: "schedule-piecewise", aliases: ["piecewise", "piecewise-constant-decay"],
      family: .concept,
      title: "PiecewiseConstantDecay schedule",
      formula: "η(s) = vᵢ for bᵢ₋₁ < s ≤ bᵢ",
      asciiFormula: "lr(s) = v[i] for b[i-1] < s <= b[i]",
      derivative: "one more value than boundaries; --lr is not used",
      asciiDerivative: "one more value than boundaries; --lr is not used",
      meaning: "The rate is constant between boundaries and drops at each one.",
      whenToUse:
        "It is the classic step schedule: --schedule piecewise:boundaries=10/20,values=0.3/0.1/0.03."
    ),
    Explanation(
      id: "schedule-polynomial", aliases: ["polynomial", "polynomial-decay"], family: .concept,
      title: "PolynomialDecay schedule",
      formula: "η(s) = (η₀ − e)·(1 − s/N)ᵖ + e,  s ≤ N",
      asciiFormula: "lr(s) = (lr0 - e)*(1 - s/N)^p + e,  s <= N",
      derivative: "e = 0.0001 and p = 1 by default; cycle restarts it",
      asciiDerivative: "e = 0.0001 and p = 1 by default; cycle restarts it",
      meaning:
        "The rate falls from the initial rate to an end rate over N steps, then stays there.",
      whenToUse:
        "Use p = 1 for a straight line down to the end rate: --schedule polynomial:decay_steps=40."
    ),
    Explanation(
      id: "schedule-inverse-time", aliases: ["inverse-time", "inverse-time-decay"],
      family: .concept,
      title: "InverseTimeDecay schedule",
      formula: "η(s) = η₀/(1 + r·s/N)",
      asciiFormula: "lr(s) = lr0 / (1 + r*s/N)",
      derivative: "staircase floors s/N",
      asciiDerivative: "staircase floors s/N",
      meaning: "The rate falls like 1/s, the decay that classic convergence proofs ask for.",
      whenToUse:
        "Use it for long runs that must settle exactly: --schedule inverse-time:decay_steps=5,decay_rate=1."
    ),
    Explanation(
      id: "schedule-cosine", aliases: ["cosine-decay"], family: .concept,
      title: "CosineDecay schedule (with warmup)",
      formula: "η(s) = T·((1 − α)·½(1 + cos(π·s/N)) + α)",
      asciiFormula: "lr(s) = T*((1 - a)*0.5*(1 + cos(pi*s/N)) + a)",
      derivative: "warmup: linear from η₀ to T over W steps first",
      asciiDerivative: "warmup: linear from lr0 to T over W steps first",
      meaning:
        "The rate follows half a cosine wave down to alpha times its peak. "
        + "An optional warmup first climbs linearly to warmup_target.",
      whenToUse:
        "It is the common choice for modern training: "
        + "--schedule cosine:decay_steps=40,warmup_steps=5,warmup_target=0.5."
    ),
    Explanation(
      id: "schedule-cosine-restarts", aliases: ["cosine-restarts", "sgdr"], family: .concept,
      title: "CosineDecayRestarts schedule (SGDR)",
      formula: "cosine decay over N, restart: periods ×t_mul, peaks ×m_mul",
      asciiFormula: "cosine decay over N, restart: periods *t_mul, peaks *m_mul",
      derivative: "t_mul = 2, m_mul = 1, alpha = 0 by default",
      asciiDerivative: "t_mul = 2, m_mul = 1, alpha = 0 by default",
      meaning:
        "The rate decays along a cosine, jumps back up, and decays again over a longer period.",
      whenToUse:
        "Restarts can shake a run out of a poor region: "
        + "--schedule cosine-restarts:first_decay_steps=10."
    ),
    Explanation(
      id: "stability", aliases: ["stability-bound", "stable-rate", "curvature"], family: .concept,
      title: "The stable learning rate: 2/lambda_max",
      formula: "gd: η < 2/λmax;  momentum β: η < 2(1 + β)/λmax",
      asciiFormula: "gd: lr < 2/lmax;  momentum b: lr < 2(1 + b)/lmax",
      derivative: "H = 2·[[mean(x²), mean(x)], [mean(x), 1]] for MSE",
      asciiDerivative: "H = 2*[[mean(x^2), mean(x)], [mean(x), 1]] for MSE",
      meaning:
        "Along each eigenvector of the Hessian, gradient descent multiplies the error by "
        + "(1 - lr*lambda) per step, so the steepest direction sets the largest safe rate.",
      whenToUse:
        "Press i in the contour view to see lambda_max, lambda_min, the condition number and the "
        + "bound for the current data. MAE has no curvature, and Huber's changes with the data "
        + "inside delta."
    ),
  ]
}
