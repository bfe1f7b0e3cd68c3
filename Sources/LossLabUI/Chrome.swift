import LossPlot

/// The parts of the frame around the views: tabs, status bar, help overlay, prompts, messages.
enum Chrome {
  static let barBackground = Color(236)
  static let barForeground = Color(252)
  static let accent = Color(24)

  static func barStyle(_ options: RenderOptions) -> Style {
    options.hasColor ? Style(foreground: barForeground, background: barBackground) : .reverse
  }

  /// The columns each tab label occupies on the top bar.
  static func tabSpans(width: Int) -> [(view: ViewID, x: Int, width: Int)] {
    var x = 10
    var spans: [(ViewID, Int, Int)] = []
    for view in ViewID.allCases {
      let label = " \(view.rawValue) \(view.title) "
      spans.append((view, x, label.count))
      x += label.count + 1
    }
    return spans
  }

  /// The tab under column `x` of the top bar, if any.
  static func tab(at x: Int, width: Int) -> ViewID? {
    tabSpans(width: width).first { x >= $0.x && x < $0.x + $0.width }?.view
  }

  /// The tabs, with `right` (the help and quit hints) at the right end when it fits. In presenter
  /// mode `slide` ("2/5" and the title) takes the place of the hints, the title shortened with "…"
  /// to fit; where not even that fits, the position replaces "losslab" at the left.
  static func topBar(
    into screen: inout Screen, active: ViewID, right given: String,
    slide: (position: String, title: String)? = nil, options: RenderOptions
  ) {
    let bar = barStyle(options)
    screen.fill(Rect(x: 0, y: 0, width: screen.width, height: 1), with: Cell(" ", style: bar))
    screen.put(" losslab", x: 0, y: 0, style: bar.with(.bold))
    for span in tabSpans(width: screen.width) {
      let label = " \(span.view.rawValue) \(span.view.title) "
      let style: Style
      if span.view == active {
        style =
          options.hasColor
          ? Style(foreground: .brightWhite, background: accent, attributes: .bold) : Style.bold
      } else {
        style = bar
      }
      screen.put(label, x: span.x, y: 0, style: style)
    }
    let end = (tabSpans(width: screen.width).last.map { $0.x + $0.width } ?? 0) + 2
    let room = screen.width - end
    guard let slide else {
      let right = given + " "
      if room >= right.count { screen.put(right, x: screen.width - right.count, y: 0, style: bar) }
      return
    }
    let dot = options.ascii ? " - " : " · "
    var text = slide.position + dot + slide.title
    if text.count + 1 > room, room >= slide.position.count + dot.count + 3 {
      text = String(text.prefix(room - 2)) + (options.ascii ? "~" : "…")
    }
    if text.count + 1 <= room {
      screen.put(text, x: screen.width - text.count - 1, y: 0, style: bar.with(.bold))
    } else {
      screen.fill(
        Rect(x: 0, y: 0, width: min(9, screen.width), height: 1), with: Cell(" ", style: bar))
      screen.put(" " + slide.position.prefix(8), x: 0, y: 0, style: bar.with(.bold))
    }
  }

  static func statusBar(
    into screen: inout Screen, status: String, hints: String, options: RenderOptions
  ) {
    let y = screen.height - 1
    let bar = barStyle(options)
    screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), with: Cell(" ", style: bar))
    let end = screen.put(" " + status, x: 0, y: y, style: bar.with(.bold))
    let room = screen.width - end - 2
    if room >= hints.count {
      screen.put(hints, x: screen.width - hints.count - 1, y: y, style: bar)
    }
  }

  /// Centred message shown instead of a view when the terminal is too small for it.
  static func tooSmall(
    into screen: inout Screen, need: (width: Int, height: Int), options: RenderOptions
  ) {
    let x = options.ascii ? "x" : "×"
    let lines = [
      "make the window at least \(need.width)\(x)\(need.height)",
      "(now \(screen.width)\(x)\(screen.height))",
    ]
    var rows: [(String, Style)] = []
    for (i, line) in lines.enumerated() {
      for part in TextWrap.wrap(line, width: max(1, screen.width)) {
        rows.append((part, i == 0 ? .bold : .plain))
      }
    }
    let top = max(0, (screen.height - rows.count) / 2)
    for (j, (part, style)) in rows.enumerated() where top + j < screen.height {
      screen.put(part, x: max(0, (screen.width - part.count) / 2), y: top + j, style: style)
    }
  }

  /// A centred box listing the rows of the key tables in use (the view's and the global ones).
  static func help(
    into screen: inout Screen, title: String, keys given: [KeyHelp], options: RenderOptions
  ) {
    // Key tables are written in Unicode (‖, −, μ); ASCII frames get their ASCII spelling.
    let given =
      options.ascii ? given.map { KeyHelp(asciiOnly($0.keys), asciiOnly($0.action)) } : given
    let keyWidth = min(22, (given.map { $0.keys.count }.max() ?? 0))
    let textWidth = given.map { $0.action.count }.max() ?? 0
    let width = min(screen.width - 2, keyWidth + textWidth + 7)
    // Actions too long for the box continue on the next row, under the action column.
    let room = max(8, width - keyWidth - 6)
    var all: [KeyHelp] = []
    for k in given {
      for (i, part) in (k.action.isEmpty ? [""] : TextWrap.wrap(k.action, width: room)).enumerated()
      {
        all.append(KeyHelp(i == 0 ? k.keys : "", part))
      }
    }
    guard
      let (inner, style) = overlayBox(
        into: &screen, width: width, height: all.count + 4, minimum: (11, 5),
        title: "Keys: \(title)",
        options: options)
    else { return }
    for (i, k) in all.enumerated() where i < inner.height - 1 {
      let y = inner.y + i
      screen.put(
        " " + k.keys, x: inner.x, y: y,
        style: style.with(.bold).fg(options.hasColor ? Color(117) : .default), clip: inner)
      screen.put(k.action, x: inner.x + keyWidth + 3, y: y, style: style, clip: inner)
    }
    let footer = "Escape or ? closes"
    screen.put(
      footer, x: inner.maxX - footer.count - 1, y: inner.maxY - 1, style: style.with(.dim),
      clip: inner)
  }

  /// A bordered box centred on the screen (at most the screen less a margin), cleared in the overlay
  /// style; returns its inside and that style, or nil when the screen is smaller than `minimum`.
  static func overlayBox(
    into screen: inout Screen, width: Int, height: Int, minimum: (width: Int, height: Int),
    title: String, options: RenderOptions
  ) -> (inner: Rect, style: Style)? {
    let w = min(screen.width - 2, width)
    let h = min(screen.height - 2, height)
    guard w >= minimum.width, h >= minimum.height else { return nil }
    let rect = Rect(
      x: (screen.width - w) / 2, y: max(1, (screen.height - h) / 2), width: w, height: h)
    let style = options.hasColor ? Style(foreground: .brightWhite, background: Color(235)) : .plain
    screen.fill(rect, with: Cell(" ", style: style))
    screen.box(rect, title: title, style: style.with(.bold), ascii: options.ascii)
    return (rect.inset(by: 1), style)
  }

  /// A centred list with one highlighted row.
  static func menu(
    into screen: inout Screen, title: String, items: [String], selected: Int, options: RenderOptions
  ) {
    let width = max(title.count, items.map(\.count).max() ?? 0) + 6
    guard
      let (inner, style) = overlayBox(
        into: &screen, width: width, height: items.count + 2, minimum: (9, 3), title: title,
        options: options)
    else { return }
    for (i, item) in items.enumerated() where i < inner.height {
      let rowStyle =
        i == selected
        ? (options.hasColor
          ? Style(foreground: .brightWhite, background: accent, attributes: .bold) : .reverse)
        : style
      screen.fill(
        Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1),
        with: Cell(" ", style: rowStyle))
      screen.put(" " + item, x: inner.x, y: inner.y + i, style: rowStyle, clip: inner)
    }
  }

  /// The save prompt on the status bar row: the name being typed with its cursor (an offered
  /// default shown selected), or the "replace NAME? y/n" question; completion candidates go on the
  /// row above.
  static func savePrompt(into screen: inout Screen, _ prompt: SavePrompt, options: RenderOptions) {
    let y = screen.height - 1
    let style = options.hasColor ? Style(foreground: .brightWhite, background: accent) : .reverse
    let row = Rect(x: 0, y: y, width: screen.width, height: 1)
    screen.fill(row, with: Cell(" ", style: style))
    if let note = prompt.note, y >= 1 {
      let bar = barStyle(options)
      screen.fill(Rect(x: 0, y: y - 1, width: screen.width, height: 1), with: Cell(" ", style: bar))
      screen.put(" " + note, x: 0, y: y - 1, style: bar)
    }
    let selected = options.hasColor ? Style(foreground: accent, background: .brightWhite) : .plain
    let label =
      prompt.purpose == .scenario ? " save scenario to: " : " save trajectory (.csv or .json) to: "
    switch prompt.phase {
    case .confirmReplace(let path):
      let warn = options.hasColor ? style.fg(Color(226)) : style
      screen.put(" replace \(path)? y/n", x: 0, y: y, style: warn.with(.bold))
      return
    case .checking(let path):
      let x = screen.put(label, x: 0, y: y, style: style.with(.bold))
      screen.put(path, x: x, y: y, style: style)
      return
    case .editing:
      break
    }
    let x0 = screen.put(label, x: 0, y: y, style: style.with(.bold))
    let line = prompt.line
    let help =
      line.offered
      ? "  Enter saves, typing replaces, Escape cancels"
      : "  Enter saves, Tab completes, Escape cancels"
    // Room for the text and the cursor; the help goes only where it fits after the text.
    let room = max(1, screen.width - x0 - 1)
    let first = max(0, line.cursor - room + 1)
    let shown = line.scalars[first..<min(line.scalars.count, first + room)]
    var x = x0
    for (i, scalar) in zip(first..., shown) {
      let onCursor = !line.offered && i == line.cursor
      let cellStyle = line.offered ? selected : (onCursor ? style.with(.reverse) : style)
      screen.put(scalar, x: x, y: y, style: cellStyle, clip: row)
      x += 1
    }
    if !line.offered && line.cursor == line.scalars.count {
      screen.put(" ", x: x, y: y, style: style.with(.reverse), clip: row)
      x += 1
    }
    if x + help.count < screen.width { screen.put(help, x: x, y: y, style: style.with(.dim)) }
  }

  /// Rows the explanation panel takes out of a body of `bodyHeight` rows.
  static func explanationHeight(_ bodyHeight: Int) -> Int { min(10, max(0, bodyHeight / 2)) }

  static func explanation(into screen: inout Screen, rect: Rect, id: String, options: RenderOptions)
  {
    guard rect.height >= 3, rect.width >= 10 else { return }
    let style = Style.plain
    screen.fill(rect)
    let card = Explanations.named(id)
    screen.box(
      rect, title: "\(card?.title ?? id) (e closes)", style: style.with(.bold), ascii: options.ascii
    )
    let inner = rect.inset(by: 1)
    guard let card else {
      screen.put(" No explanation for this yet.", x: inner.x, y: inner.y, style: .dim, clip: inner)
      return
    }
    let formulaStyle =
      options.hasColor ? Style(foreground: Color(222), attributes: .bold) : Style.bold
    let w = max(10, inner.width - 2)
    let math =
      TextWrap.wrapMath(label: "Formula:", card.formula(ascii: options.ascii), width: w)
      + TextWrap.wrapMath(
        label: card.derivativeLabel + ":", card.derivative(ascii: options.ascii), width: w)
    // The cards' prose is ASCII; with Unicode the prediction is spelled as elsewhere on screen.
    func spell(_ text: String) -> String {
      options.ascii ? text : text.replacingOccurrences(of: "yhat", with: "ŷ")
    }
    let prose =
      TextWrap.wrap(spell(card.meaning), width: w)
      + TextWrap.wrap("When to use: " + spell(card.whenToUse), width: w)
    for (i, line) in (math + prose).prefix(inner.height).enumerated() {
      screen.put(
        " " + line, x: inner.x, y: inner.y + i, style: i < math.count ? formulaStyle : .plain,
        clip: inner)
    }
  }

  static func lesson(
    into screen: inout Screen, rect: Rect, progress: LessonProgress, state: AppState,
    options: RenderOptions
  ) {
    guard rect.height >= 3, rect.width >= 10 else { return }
    let lesson = progress.lesson
    screen.fill(rect)
    let kind: String =
      switch progress.current.kind {
      case .show: ""
      case .predict: ", predict"
      case .task: ", task"
      case .quiz: ", quiz"
      }
    let title =
      "Lesson: \(lesson.title), step \(progress.step + 1) of \(lesson.steps.count)\(kind) (n next, p back, Escape leaves)"
    let style = options.hasColor ? Style(foreground: Color(117), attributes: .bold) : Style.bold
    screen.box(
      rect, title: options.ascii ? asciiOnly(title) : title, style: style, ascii: options.ascii)
    let inner = rect.inset(by: 1)
    let lines = LessonPanel.lines(progress, state: state, width: inner.width - 2, options: options)
    for (i, line) in lines.prefix(inner.height).enumerated() {
      screen.put(" " + line.0, x: inner.x, y: inner.y + i, style: line.1, clip: inner)
    }
  }

}

/// Replaces non-ASCII scalars by their closest ASCII spelling, for `--ascii` frames.
func asciiOnly(_ text: String) -> String {
  let table: [Unicode.Scalar: String] = [
    "−": "-", "‖": "||", "≤": "<=", "≥": ">=", "δ": "d", "ŷ": "y^", "·": "*", "×": "x", "Σ": "sum",
    "∞": "inf", "√": "sqrt", "²": "^2", "θ": "theta", "η": "lr", "∂": "d", "→": "->", "←": "<-",
    "β": "beta", "ε": "eps", "ρ": "rho", "α": "alpha", "—": "-", "–": "-", "’": "'", "“": "\"",
    "”": "\"",
    "…": "...", "≈": "~", "₁": "1", "₂": "2", "ᵗ": "^t", "λ": "lambda", "σ": "sigma", "⁻": "-",
    "¹": "1", "μ": "mu", "τ": "tau",
  ]
  var out = ""
  for s in text.unicodeScalars {
    if s.isASCII {
      out.unicodeScalars.append(s)
    } else if let r = table[s] {
      out += r
    } else {
      out += "?"
    }
  }
  return out
}
