#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension Optimizer {
  /// The state per parameter for `count` parameters: ``slots`` once a step was taken, else the values Keras
  /// starts from (0, and 0.1 for Adagrad's accumulator).
  public func state(parameters count: Int) -> [[Double]] {
    if slots.first?.count == count { return slots }
    return kind.slotNames.map { _ in
      Array(repeating: kind == .adagrad ? Self.adagradInitial : 0, count: count)
    }
  }
}

extension Descent {
  /// The update of step `k` (1 ≤ k < trajectory.count) written out with its numbers, one line each: the rate,
  /// then per parameter the gradient, the optimizer's state update and the resulting step, e.g. for Adam
  /// `m = 0.9·(…) + 0.1·(…) = …`, `v = …`, `m_hat = …`, `v_hat = …`, the step and `w: old → new`; last the
  /// loss before and after, in its unit (`loss 4.21 → 1.37 squared units`).
  /// `losslab descend --inspect k` prints these lines and the app's inspector panel shows them.
  public func inspection(ofStep k: Int) -> [String] {
    guard k >= 1, k < trajectory.count else {
      return ["step \(k) has not been taken (steps 1 to \(trajectory.count - 1) have)"]
    }
    let before = optimizerState(afterStep: k - 1)
    let after = optimizerState(afterStep: k)
    let from = trajectory[k - 1]
    let to = trajectory[k]
    let kind = optimizer.kind
    let lr = rate(ofStep: k)
    let t = Double(k)
    let eps = Optimizer.epsilon
    var lines = ["step \(k)  \(kind.rawValue)  rate \(g6(lr))" + rateNote(k)]
    let (b1, b2) = (Optimizer.beta1, Optimizer.beta2)
    switch kind {
    case .adam, .adamw:
      lines.append("t=\(k)  β₁=0.9  β₂=0.999  ε=1e-07")
    case .nadam:
      let uT = b1 * (1 - 0.5 * pow(0.96, t))
      let uNext = b1 * (1 - 0.5 * pow(0.96, t + 1))
      lines.append("t=\(k)  β₁=0.9  β₂=0.999  ε=1e-07")
      lines.append("μₜ = 0.9·(1 − ½·0.96^\(k)) = \(g6(uT))")
      lines.append("μₜ₊₁ = 0.9·(1 − ½·0.96^\(k + 1)) = \(g6(uNext))")
      lines.append("Πμ = \(g6(before.uProduct))·μₜ = \(g6(after.uProduct))")
    case .adamax:
      lines.append("t=\(k)  β₁=0.9  β₂=0.999  ε=1e-07")
    case .adagrad, .rmsprop, .adadelta:
      lines.append("ε=1e-07")
    default:
      break
    }
    let names = ["w", "b"]
    let gradient = [from.gradW, from.gradB]
    let old = [from.w, from.b]
    let new = [to.w, to.b]
    let s0 = before.state(parameters: 2)
    let s1 = after.state(parameters: 2)
    for i in 0..<2 {
      let (p, g) = (names[i], gradient[i])
      lines.append("\(p): g = \(g6(g))")
      var theta = old[i]
      if let wd = before.weightDecay {
        let decayed = theta - theta * wd * lr
        lines.append("  decay \(p) − rate·\(g6(wd))·\(p) = \(g6(decayed))")
        theta = decayed
      }
      func step(_ text: String, _ value: Double) { lines.append("  Δ = \(text) = \(g6(value))") }
      switch kind {
      case .gd:
        step("−rate·g", -lr * g)
      case .momentum, .nesterov:
        lines.append("  velocity = 0.9·(\(g6(s0[0][i]))) − rate·g = \(g6(s1[0][i]))")
        if kind == .momentum {
          step("velocity", s1[0][i])
        } else {
          step("0.9·velocity − rate·g", 0.9 * s1[0][i] - lr * g)
        }
      case .adagrad, .rmsprop:
        let a = s1[0][i]
        if kind == .adagrad {
          lines.append("  accumulator = \(g6(s0[0][i])) + g² = \(g6(a))")
        } else {
          lines.append("  accumulator = 0.9·\(g6(s0[0][i])) + 0.1·g² = \(g6(a))")
        }
        let effective = lr / (a + eps).squareRoot()
        lines.append("  effective rate = rate/√(acc + ε) = \(g6(effective))")
        step("−effective rate·g", -effective * g)
      case .adam, .adamw, .nadam:
        let (m, v) = (s1[0][i], s1[1][i])
        lines.append("  m = 0.9·(\(g6(s0[0][i]))) + 0.1·g = \(g6(m))")
        lines.append("  v = 0.999·\(g6(s0[1][i])) + 0.001·g² = \(g6(v))")
        let vHat = v / (1 - pow(b2, t))
        if kind == .nadam {
          let uT = b1 * (1 - 0.5 * pow(0.96, t))
          let uNext = b1 * (1 - 0.5 * pow(0.96, t + 1))
          let mHat = uNext * m / (1 - after.uProduct * uNext) + (1 - uT) * g / (1 - after.uProduct)
          lines.append("  m_hat = μₜ₊₁·m/(1 − Πμ·μₜ₊₁) + (1 − μₜ)·g/(1 − Πμ) = \(g6(mHat))")
          lines.append("  v_hat = v/(1 − 0.999^\(k)) = \(g6(vHat))")
          step("−rate·m_hat/(√v_hat + ε)", -mHat * lr / (vHat.squareRoot() + eps))
        } else {
          let mHat = m / (1 - pow(b1, t))
          // Keras adds ε to √v before the bias correction: the same as ε/√(1 − β₂ᵗ) added to √v_hat.
          let epsHat = eps / (1 - pow(b2, t)).squareRoot()
          lines.append("  m_hat = m/(1 − 0.9^\(k)) = \(g6(mHat))")
          lines.append("  v_hat = v/(1 − 0.999^\(k)) = \(g6(vHat))")
          lines.append("  ε_hat = ε/√(1 − 0.999^\(k)) = \(g6(epsHat))")
          let alpha = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
          step("−rate·m_hat/(√v_hat + ε_hat)", -m * alpha / (v.squareRoot() + eps))
        }
      case .adamax:
        let (m, u) = (s1[0][i], s1[1][i])
        lines.append("  m = 0.9·(\(g6(s0[0][i]))) + 0.1·g = \(g6(m))")
        lines.append("  u = max(0.999·\(g6(s0[1][i])), |g|) = \(g6(u))")
        step("−rate·m/((1 − 0.9^\(k))·(u + ε))", -lr * m / ((1 - pow(b1, t)) * (u + eps)))
      case .adadelta:
        let eg = s1[0][i]
        lines.append("  E[g²] = 0.95·\(g6(s0[0][i])) + 0.05·g² = \(g6(eg))")
        let d = -((s0[1][i] + eps).squareRoot() * g) / (eg + eps).squareRoot()
        lines.append(
          "  d = −√(E[d²] + ε)/√(E[g²] + ε)·g = −√(\(g6(s0[1][i])) + ε)/√(\(g6(eg)) + ε)·g = \(g6(d))"
        )
        lines.append("  E[d²] = 0.95·\(g6(s0[1][i])) + 0.05·d² = \(g6(s1[1][i]))")
        step("rate·d", lr * d)
      case .lion:
        let c = s0[0][i] * b1 + g * (1 - b1)
        lines.append("  c = 0.9·(\(g6(s0[0][i]))) + 0.1·g = \(g6(c))")
        step("−rate·sign(c)", -lr * (c > 0 ? 1 : c < 0 ? -1 : 0))
        lines.append("  m = 0.99·(\(g6(s0[0][i]))) + 0.01·g = \(g6(s1[0][i]))")
      }
      lines.append("  \(p): \(g6(old[i])) → \(g6(new[i]))")
    }
    let unit = objective.lossUnit == .none ? "" : " " + objective.lossUnit.label
    lines.append("loss \(g6(from.loss)) → \(g6(to.loss))\(unit)")
    return lines
  }

  private func rateNote(_ k: Int) -> String {
    optimizer.schedule == .constant ? "" : "  (\(optimizer.schedule.name) at \(k - 1))"
  }
}

/// Six significant digits, as `%g` writes them (`0.5`, `-2.4979`, `1e-07`).
func g6(_ v: Double) -> String {
  if v.isNaN { return "nan" }
  if v.isInfinite { return v > 0 ? "inf" : "-inf" }
  return String(cFormat: "%.6g", v)
}
