import LossCore
import LossPlot

/// Compare mode's table, for both descent views.
enum CompareRows {
  /// Compare mode's table: a heading, then one row per optimizer in its path's colour with its w,
  /// b, loss ("diverging" once it diverges) and step, in columns sized to their content. When the
  /// table is wider than `width`, the numbers lose a digit, then the step column goes if every
  /// optimizer is at the same step (the readout's heading says which).
  static func rows(_ descents: [Descent], options: RenderOptions, width: Int) -> [(
    text: String, style: Style
  )] {
    let a = options.ascii
    let sameStep = Set(descents.map { $0.trajectory.last!.step }).count == 1
    var laid: [String]? = nil
    for (digits, withStep) in [(3, true), (2, true), (2, false), (1, false)] {
      if !withStep && !sameStep { continue }
      var rows: [[String]] = [["", "optimizer", "w", "b", "loss"] + (withStep ? ["step"] : [])]
      for (i, d) in descents.enumerated() {
        let last = d.trajectory.last!
        let mark = options.hasColor ? Symbols.of(options).bullet : String(Theme.glyph(i))
        let lossText = d.isDiverging ? "diverging" : Fmt.num(last.loss, digits + 1, ascii: a)
        rows.append(
          [
            mark, d.optimizer.kind.rawValue, Fmt.num(last.w, digits, ascii: a),
            Fmt.num(last.b, digits, ascii: a), lossText,
          ] + (withStep ? ["\(last.step)"] : []))
      }
      laid = TextColumns.lay(
        rows, align: [.left, .left, .right, .right, .right, .right], gap: 1, width: width)
      if laid != nil { break }
    }
    // Too narrow even so: one row per optimizer in two lines (name and loss, then w and b).
    guard let laid else {
      var out: [(String, Style)] = [("optimizer: loss, then w b", .dim)]
      for (i, d) in descents.enumerated() {
        let last = d.trajectory.last!
        let colour = Style(foreground: Theme.color(i))
        let lossText = d.isDiverging ? "diverging" : Fmt.num(last.loss, 3, ascii: a)
        out.append(("\(d.optimizer.kind.rawValue) \(lossText)", colour))
        out.append(("  \(Fmt.num(last.w, 2, ascii: a)) \(Fmt.num(last.b, 2, ascii: a))", colour))
      }
      return out
    }
    return laid.enumerated().map { i, text in
      (text, i == 0 ? Style.dim : Style(foreground: Theme.color(i - 1)))
    }
  }
}
