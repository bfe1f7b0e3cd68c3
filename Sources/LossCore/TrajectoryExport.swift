#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A descent written out for other programs: every step with its point, loss, gradient, the rate it used and the
/// optimizer's state after it. `losslab descend --json`/`--csv` print these texts and the app's export saves them.
extension Descent {
  /// `{"optimizer": …, "loss": …, "learning_rate": …, "schedule": …, "weight_decay": …, "trajectory": [{"step": 0,
  /// "w": …, "b": …, "loss": …, "grad_w": …, "grad_b": …, "rate": …, "slots": {"m": [w, b], …}}, …]}`. `rate` is the
  /// one step k used (null at step 0); slots are the state after the step (Keras's initial values at step 0);
  /// Nadam adds `"u_product"`. Numbers are exact (shortest round trip); non-finite ones are strings.
  public func exportJSON() -> String {
    let states = optimizerStates()
    let names = optimizer.kind.slotNames
    let items = trajectory.map { s in
      let state = states[s.step]
      let slots = zip(names, state.state(parameters: 2)).map { "\"\($0)\": \(jsonArray($1))" }
      let rate = s.step == 0 ? "null" : jsonNumber(rate(ofStep: s.step))
      let product = optimizer.kind == .nadam ? ", \"u_product\": \(jsonNumber(state.uProduct))" : ""
      return
        "{\"step\": \(s.step), \"w\": \(jsonNumber(s.w)), \"b\": \(jsonNumber(s.b)), \"loss\": \(jsonNumber(s.loss)), "
        + "\"grad_w\": \(jsonNumber(s.gradW)), \"grad_b\": \(jsonNumber(s.gradB)), \"rate\": \(rate), "
        + "\"slots\": {\(slots.joined(separator: ", "))}\(product)}"
    }
    let decay = optimizer.weightDecay.map(jsonNumber) ?? "null"
    return
      "{\"optimizer\": \"\(optimizer.kind.rawValue)\", \"loss\": \"\(objective.lossName)\", "
      + "\"learning_rate\": \(jsonNumber(optimizer.learningRate)), "
      + "\"schedule\": \"\(optimizer.schedule.description)\", \"weight_decay\": \(decay), "
      + "\"trajectory\": [\n  " + items.joined(separator: ",\n  ") + "\n]}"
  }

  /// CSV with a header: `step,w,b,loss,grad_w,grad_b,rate`, then two columns per slot (`m_w,m_b,v_w,v_b` for Adam;
  /// none for gd) and `u_product` for Nadam. `rate` is empty at step 0.
  public func exportCSV() -> String {
    let states = optimizerStates()
    let names = optimizer.kind.slotNames
    var header = ["step", "w", "b", "loss", "grad_w", "grad_b", "rate"]
    header += names.flatMap { ["\($0)_w", "\($0)_b"] }
    if optimizer.kind == .nadam { header.append("u_product") }
    let rows = trajectory.map { s in
      let state = states[s.step]
      var cells = [String(s.step)] + [s.w, s.b, s.loss, s.gradW, s.gradB].map(exact)
      cells.append(s.step == 0 ? "" : exact(rate(ofStep: s.step)))
      cells += state.state(parameters: 2).flatMap { $0.map(exact) }
      if optimizer.kind == .nadam { cells.append(exact(state.uProduct)) }
      return cells.joined(separator: ",")
    }
    return ([header.joined(separator: ",")] + rows).joined(separator: "\n")
  }
}

/// Shortest round-trip text; `inf`, `-inf`, `nan` for non-finite values.
private func exact(_ v: Double) -> String {
  if v.isNaN { return "nan" }
  if v.isInfinite { return v > 0 ? "inf" : "-inf" }
  return "\(v)"
}

private func jsonNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "\"\(exact(v))\"" }

private func jsonArray(_ v: [Double]) -> String {
  "[" + v.map(jsonNumber).joined(separator: ", ") + "]"
}
