import LossCore
import LossLabUI
import LossPlot

/// `losslab lesson NAME --handout`: the whole lesson as Markdown for a teacher to hand out. Each
/// step's text and its screen (the view as the step sets it up, without the lesson panel, which
/// would repeat the text) as a code block; predictions and tasks as questions; the quiz at the end;
/// then every answer.
enum LessonHandout {
  static func markdown(_ lesson: Lesson, width: Int, height: Int, ascii: Bool) -> String {
    let options = RenderOptions(ascii: ascii, color: .none)
    func spell(_ s: String) -> String { ascii ? asciiText(s) : s }
    var out = "# \(spell(lesson.title))\n\n\(spell(lesson.summary)).\n"
    var answers: [String] = []
    var questions: [String] = []
    for (i, step) in lesson.steps.enumerated() {
      var app = LossLabApp(state: AppState(width: width, height: height, options: options))
      app.startLesson(lesson, step: i)
      if case .quiz(let q) = step.kind {
        let n = questions.count + 1
        var block = "\(n). \(spell(step.text))\n"
        for (j, c) in q.choices.enumerated() { block += "   \(j + 1)) \(spell(c))\n" }
        questions.append(block)
        answers.append(
          "- Question \(n): \(q.answer)) \(spell(q.choices[q.answer - 1])). \(spell(q.explanation))"
        )
        continue
      }
      let title: String =
        switch step.kind {
        case .predict: "Step \(i + 1): predict"
        case .task: "Step \(i + 1): your turn"
        default: "Step \(i + 1)"
        }
      out += "\n## \(title)\n\n\(spell(step.text))\n"
      switch step.kind {
      case .predict(let p):
        if let truth = LessonCheck.value(p.value, in: app.state) {
          var a = "- Step \(i + 1) (predict): \(NumberText.short(truth))"
          if let r = p.reveal { a += ". " + spell(r) }
          answers.append(a)
        }
      case .task(let t):
        let keys = t.solution.map { KeyNames.name(of: $0) }.joined(separator: " ")
        answers.append("- Step \(i + 1) (task): press `\(keys)`. \(spell(t.done))")
      default: break
      }
      app.state.lesson = nil
      let screen = app.render(width: width, height: height)
      let lines = (0..<screen.height).map { screen.line($0) }
      out += "\n```text\n" + lines.joined(separator: "\n") + "\n```\n"
    }
    if !questions.isEmpty {
      out += "\n## Questions\n\n" + questions.joined(separator: "\n")
    }
    if !answers.isEmpty {
      out += "\n## Answers\n\n" + answers.joined(separator: "\n") + "\n"
    }
    return out
  }

  /// ASCII spellings of the symbols lessons use (for `--ascii`).
  static func asciiText(_ s: String) -> String {
    let table: [Character: String] = [
      "−": "-", "‖": "||", "δ": "delta", "ŷ": "yhat", "·": "*", "√": "sqrt", "²": "^2", "→": "->",
      "≈": "~", "λ": "lambda", "←": "Left", "↑": "Up", "↓": "Down", "∞": "inf", "—": "-", "’": "'",
    ]
    return s.map { c in c.isASCII ? String(c) : table[c] ?? "?" }.joined()
  }
}
