import LossPlot

/// The parts of the frame around the views: tabs, status bar, help overlay, prompts, messages.
enum Chrome {
  static let barBackground = Color(236)
  static let barForeground = Color(252)
  static let accent = Color(24)

  static func barStyle(_ options: RenderOptions) -> Style {
    options.hasColor ? Style(foreground: barForeground, background: barBackground) : .reverse
  }

  /// How the top bar is drawn at one width: with or without the " losslab" name, each tab's label,
  /// and whether the right-hand hints fit.
  struct TopBarLayout {
    var brand: Bool
    var spans: [(view: ViewID, x: Int, label: String)]
    var showsRight: Bool
  }

  /// Tab labels from the longest to the shortest: the full title, a short one, then the active
  /// tab's title with only the numbers of the others.
  static func tabLabel(_ view: ViewID, active: ViewID, compact: Int) -> String {
    switch compact {
    case 0: " \(view.rawValue) \(view.title) "
    case 1: " \(view.rawValue) \(view.shortTitle) "
    default: view == active ? " \(view.rawValue) \(view.shortTitle) " : " \(view.rawValue) "
    }
  }

  /// The arrangements of the top bar, in order of preference: everything; without the name; short
  /// titles; short titles without the right-hand hints (the status bar always has them); numbers for
  /// the other tabs, with and without the hints.
  static let topBarTries: [(brand: Bool, compact: Int, right: Bool)] = [
    (true, 0, true), (false, 0, true), (false, 1, true), (false, 1, false), (false, 2, true),
    (false, 2, false),
  ]

  /// Every tab label (`tabLabel`), made once: by view, compactness, and whether the tab is active.
  static let tabLabels: [String] = ViewID.allCases.flatMap { view in
    let other = ViewID.allCases.first { $0 != view }!
    return (0..<3).flatMap { compact in
      [
        tabLabel(view, active: other, compact: compact),
        tabLabel(view, active: view, compact: compact),
      ]
    }
  }

  static func tabLabelIndex(_ view: ViewID, active: ViewID, compact: Int) -> Int {
    (ViewID.allCases.firstIndex(of: view)! * 3 + compact) * 2 + (view == active ? 1 : 0)
  }

  /// The first of `topBarTries` that fits `width` (the last when none does).
  static func topBarTry(width: Int, active: ViewID, rightCount: Int) -> Int {
    for (k, t) in topBarTries.enumerated() {
      var x = t.brand ? 10 : 0
      for view in ViewID.allCases {
        x += tabLabels[tabLabelIndex(view, active: active, compact: t.compact)].count + 1
      }
      let need = x - 1 + (t.right ? 2 + rightCount : 0)
      if need <= width { return k }
    }
    return topBarTries.count - 1
  }

  /// The first arrangement that fits `width`, in order of preference (`topBarTries`).
  static func topBarLayout(
    width: Int, active: ViewID, right: String, slide: (position: String, title: String)? = nil
  ) -> TopBarLayout {
    // A slide's label needs room for its position and a little of its title.
    let right = slide.map { $0.position + " · " + String($0.title.prefix(3)) + "…" } ?? right
    let t = topBarTries[topBarTry(width: width, active: active, rightCount: right.count)]
    var x = t.brand ? 10 : 0
    var spans: [(ViewID, Int, String)] = []
    for view in ViewID.allCases {
      let label = tabLabels[tabLabelIndex(view, active: active, compact: t.compact)]
      spans.append((view, x, label))
      x += label.count + 1
    }
    return TopBarLayout(brand: t.brand, spans: spans, showsRight: t.right)
  }

  /// The columns each tab label occupies on the top bar.
  static func tabSpans(
    width: Int, active: ViewID, right: String, slide: (position: String, title: String)? = nil
  ) -> [(view: ViewID, x: Int, width: Int)] {
    topBarLayout(width: width, active: active, right: right, slide: slide).spans.map {
      ($0.view, $0.x, $0.label.count)
    }
  }

  /// The tab under column `x` of the top bar, if any.
  static func tab(
    at x: Int, width: Int, active: ViewID, right: String,
    slide: (position: String, title: String)? = nil
  ) -> ViewID? {
    tabSpans(width: width, active: active, right: right, slide: slide).first {
      x >= $0.x && x < $0.x + $0.width
    }?.view
  }

  /// The active tab stands out; the others take the bar's style.
  static func tabStyle(_ isActive: Bool, bar: Style, options: RenderOptions) -> Style {
    guard isActive else { return bar }
    return options.hasColor
      ? Style(foreground: .brightWhite, background: accent, attributes: .bold) : Style.bold
  }

  /// The tabs, with `right` (the help and quit hints) at the right end when it fits; on narrow
  /// screens the labels shorten first (see `topBarLayout`). In presenter mode `slide` ("2/5" and the
  /// title) takes the place of the hints, the title shortened with "…" to fit.
  static func topBar(
    into screen: inout Screen, active: ViewID, right: String,
    slide: (position: String, title: String)? = nil, options: RenderOptions
  ) {
    let bar = barStyle(options)
    screen.fill(Rect(x: 0, y: 0, width: screen.width, height: 1), with: Cell(" ", style: bar))
    guard let slide else {
      // The layout of `topBarLayout`, drawn as it is found (no arrays).
      let t = topBarTries[topBarTry(width: screen.width, active: active, rightCount: right.count)]
      if t.brand { screen.put(" losslab", x: 0, y: 0, style: bar.with(.bold)) }
      var x = t.brand ? 10 : 0
      for view in ViewID.allCases {
        let label = tabLabels[tabLabelIndex(view, active: active, compact: t.compact)]
        screen.put(label, x: x, y: 0, style: tabStyle(view == active, bar: bar, options: options))
        x += label.count + 1
      }
      if t.right { screen.put(right, x: screen.width - right.count, y: 0, style: bar) }
      return
    }
    let layout = topBarLayout(width: screen.width, active: active, right: right, slide: slide)
    if layout.brand { screen.put(" losslab", x: 0, y: 0, style: bar.with(.bold)) }
    for span in layout.spans {
      screen.put(
        span.label, x: span.x, y: 0,
        style: tabStyle(span.view == active, bar: bar, options: options))
    }
    guard layout.showsRight else { return }
    let end = (layout.spans.last.map { $0.x + $0.label.count } ?? 0) + 2
    let room = screen.width - end
    let dot = options.ascii ? " - " : " · "
    var text = slide.position + dot + slide.title
    if text.count + 1 > room {
      text = String(text.prefix(max(0, room - 2))) + (options.ascii ? "~" : "…")
    }
    screen.put(text, x: screen.width - text.count - 1, y: 0, style: bar.with(.bold))
  }

  /// The bottom row: the status (a message, or the view's readout) and the key hints.
  ///
  /// `hints` are in table order, the last `kept` of them the global ones (help and quit). The row
  /// is filled by priority, each part whole or not at all: a message first, then help and quit,
  /// the status's first part (parts are separated by two spaces), the view's first hint, the rest
  /// of the status, then the other hints. So every width has a hint bar, and nothing on it
  /// is cut.
  static func statusBar(
    into screen: inout Screen, status: String, isMessage: Bool = false, hints: [String],
    kept: Int, options: RenderOptions
  ) {
    let y = screen.height - 1
    let bar = barStyle(options)
    screen.fill(Rect(x: 0, y: y, width: screen.width, height: 1), with: Cell(" ", style: bar))
    let gap = 2
    // The status's parts are taken in order (a part is shown only if the ones before it are), so
    // they are read one at a time; shown hints are bits (a table has far fewer than 64).
    var parts = StatusParts(status, whole: isMessage)
    var pending = parts.next()
    var statusOpen = true
    var statusShown = 0
    var used = 1  // the leading space
    var hintShown: UInt64 = 0
    func tryStatus() {
      guard statusOpen, let part = pending else { return }
      let need = part.count + (used > 1 ? gap : 0)
      // A message always shows (a long one to the row's end, without hints).
      if used + need <= screen.width - 1 || isMessage {
        used += need
        statusShown += 1
        pending = parts.next()
      } else {
        statusOpen = false
      }
    }
    func tryHint(_ i: Int) {
      guard i < 64 else { return }
      let need = hints[i].count + (used > 1 ? gap : 0)
      if used + need <= screen.width - 1 {
        used += need
        hintShown |= 1 << UInt64(i)
      }
    }
    let globalStart = max(0, hints.count - kept)
    if isMessage { tryStatus() }
    for i in globalStart..<hints.count { tryHint(i) }
    if !isMessage { tryStatus() }
    if globalStart > 0 { tryHint(0) }
    while statusOpen && pending != nil { tryStatus() }
    if globalStart > 1 { for i in 1..<globalStart { tryHint(i) } }
    if statusShown > 0 {
      // " " and the shown parts joined by two spaces.
      let style = bar.with(.bold)
      var x = screen.put(" ", x: 0, y: y, style: style)
      var again = StatusParts(status, whole: isMessage)
      for k in 0..<statusShown {
        if k > 0 { x = screen.put("  ", x: x, y: y, style: style) }
        x = screen.put(again.next()!, x: x, y: y, style: style)
      }
    }
    if hintShown != 0 {
      // The shown hints in table order, joined by two spaces, ending one cell from the right.
      var width = 0
      var n = 0
      for i in hints.indices where i < 64 && hintShown & (1 << UInt64(i)) != 0 {
        width += hints[i].count + (n > 0 ? gap : 0)
        n += 1
      }
      var x = screen.width - width - 1
      n = 0
      for i in hints.indices where i < 64 && hintShown & (1 << UInt64(i)) != 0 {
        if n > 0 { x = screen.put("  ", x: x, y: y, style: bar) }
        x = screen.put(hints[i], x: x, y: y, style: bar)
        n += 1
      }
    }
  }

  /// The parts of a status text one at a time: split at each two spaces, left to right (as
  /// `components(separatedBy: "  ")` splits), empty parts skipped; or the whole text as one part.
  struct StatusParts {
    let text: String
    var start: String.Index
    var done = false
    let whole: Bool

    init(_ text: String, whole: Bool) {
      self.text = text
      self.whole = whole
      start = text.startIndex
    }

    mutating func next() -> Substring? {
      guard !done else { return nil }
      if whole {
        done = true
        return text[...]
      }
      let bytes = text.utf8
      var i = start
      while i != bytes.endIndex {
        let after = bytes.index(after: i)
        if bytes[i] == UInt8(ascii: " "), after != bytes.endIndex,
          bytes[after] == UInt8(ascii: " ")
        {
          let part = text[start..<i]
          i = bytes.index(after: after)
          start = i
          if !part.isEmpty { return part }
        } else {
          i = after
        }
      }
      done = true
      return start != bytes.endIndex ? text[start...] : nil
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

  /// The help's rows at a screen width (actions too long for the box continue on the next row,
  /// under the action column), the key column's width and the box's width.
  static func helpRows(_ given: [KeyHelp], screenWidth: Int, ascii: Bool) -> (
    rows: [KeyHelp], keyWidth: Int, width: Int
  ) {
    // Key tables are written in Unicode (‖, −, μ); ASCII frames get their ASCII spelling.
    let given =
      ascii ? given.map { KeyHelp(asciiOnly($0.keys), asciiOnly($0.action)) } : given
    let keyWidth = min(22, (given.map { $0.keys.count }.max() ?? 0))
    let textWidth = given.map { $0.action.count }.max() ?? 0
    let width = min(screenWidth - 2, keyWidth + textWidth + 7)
    let room = max(8, width - keyWidth - 6)
    var all: [KeyHelp] = []
    for k in given {
      for (i, part) in (k.action.isEmpty ? [""] : TextWrap.wrap(k.action, width: room)).enumerated()
      {
        all.append(KeyHelp(i == 0 ? k.keys : "", part))
      }
    }
    return (all, keyWidth, width)
  }

  /// How many help rows show at once on a screen `height` rows tall (the box less its border and
  /// footer), and the largest useful scroll.
  static func helpWindow(_ given: [KeyHelp], width: Int, height: Int, ascii: Bool) -> (
    visible: Int, maxScroll: Int
  ) {
    let rows = helpRows(given, screenWidth: width, ascii: ascii).rows.count
    let visible = max(1, min(height - 2, rows + 4) - 3)
    return (visible, max(0, rows - visible))
  }

  /// A centred box listing the rows of the key tables in use (the view's and the global ones),
  /// scrolled down by `scroll` rows when they do not all fit, with "more" marks on its border.
  static func help(
    into screen: inout Screen, title: String, keys given: [KeyHelp], scroll: Int = 0,
    options: RenderOptions
  ) {
    let (all, keyWidth, width) = helpRows(given, screenWidth: screen.width, ascii: options.ascii)
    let window = helpWindow(
      given, width: screen.width, height: screen.height, ascii: options.ascii)
    let first = min(max(0, scroll), window.maxScroll)
    guard
      let (inner, style) = overlayBox(
        into: &screen, width: width, height: all.count + 4, minimum: (11, 5),
        title: "Keys: \(title)",
        options: options)
    else { return }
    for (i, k) in all.dropFirst(first).enumerated() where i < inner.height - 1 {
      let y = inner.y + i
      screen.put(
        " " + k.keys, x: inner.x, y: y,
        style: style.with(.bold).fg(options.hasColor ? Color(117) : .default), clip: inner)
      screen.put(k.action, x: inner.x + keyWidth + 3, y: y, style: style, clip: inner)
    }
    let scrolls = window.maxScroll > 0
    let footer = scrolls ? "PgDn/PgUp, j/k scroll  Escape closes" : "Escape or ? closes"
    if footer.count <= inner.width - 1 {
      screen.put(
        footer, x: inner.maxX - footer.count - 1, y: inner.maxY - 1, style: style.with(.dim),
        clip: inner)
    }
    let box = Rect(x: inner.x - 1, y: inner.y - 1, width: inner.width + 2, height: inner.height + 2)
    moreMarks(
      into: &screen, box: box, up: first > 0, down: first < window.maxScroll, style: style,
      options: options)
  }

  /// "more ↑" on the top border and "more ↓" on the bottom border of `box`, at the right, when
  /// there is more to scroll to in that direction.
  static func moreMarks(
    into screen: inout Screen, box: Rect, up: Bool, down: Bool, style: Style,
    options: RenderOptions
  ) {
    let mark = options.hasColor ? style.with(.bold).fg(Color(222)) : style.with(.bold)
    if down {
      let t = options.ascii ? " more v " : " more ↓ "
      screen.put(t, x: box.maxX - t.count - 1, y: box.maxY - 1, style: mark, clip: box)
    }
    if up {
      let t = options.ascii ? " more ^ " : " more ↑ "
      screen.put(t, x: box.maxX - t.count - 1, y: box.y, style: mark, clip: box)
    }
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
    // A blank column (and row) around the box, so no letter of the view underneath touches its
    // border and reads as part of it.
    screen.fill(
      Rect(x: rect.x - 1, y: rect.y - 1, width: rect.width + 2, height: rect.height + 2)
        .intersection(Rect(x: 0, y: 1, width: screen.width, height: screen.height - 2)))
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

  /// The card's rows at a panel width: its formulas (styled), then its prose.
  static func cardLines(id: String, width: Int, options: RenderOptions) -> (
    lines: [String], math: Int
  ) {
    guard let card = Explanations.named(id) else { return (["No explanation for this yet."], 0) }
    let w = max(10, width - 2)
    let math =
      TextWrap.wrapMath(label: "Formula:", card.formula(ascii: options.ascii), width: w)
      + TextWrap.wrapMath(
        label: card.derivativeLabel + ":", card.derivative(ascii: options.ascii), width: w)
    // The cards' prose is ASCII; with Unicode the prediction is spelled as elsewhere on screen.
    func spell(_ text: String) -> String {
      options.ascii ? text : text.replacing("yhat", with: "ŷ")
    }
    let prose =
      TextWrap.wrap(spell(card.meaning), width: w)
      + TextWrap.wrap("When to use: " + spell(card.whenToUse), width: w)
    return (math + prose, math.count)
  }

  /// The explanation card in its bordered panel, scrolled down by `scroll` rows when it is longer
  /// than the panel ("more ↓" on the border says so; PgDn and the wheel scroll).
  static func explanation(
    into screen: inout Screen, rect: Rect, id: String, scroll: Int = 0, options: RenderOptions
  ) {
    guard rect.height >= 3, rect.width >= 10 else { return }
    let style = Style.plain
    screen.fill(rect)
    let card = Explanations.named(id)
    let name = card?.title ?? id
    let inner = rect.inset(by: 1)
    let (lines, mathCount) = cardLines(id: id, width: inner.width, options: options)
    let maxScroll = max(0, lines.count - inner.height)
    let title = fitTitle(
      (maxScroll > 0 ? ["\(name) (e closes) PgDn/PgUp scroll"] : [])
        + ["\(name) (e closes)", name, "e closes"],
      width: rect.width)
    screen.box(rect, title: title, style: style.with(.bold), ascii: options.ascii)
    let first = min(max(0, scroll), maxScroll)
    let formulaStyle =
      options.hasColor ? Style(foreground: Color(222), attributes: .bold) : Style.bold
    for (i, line) in lines.enumerated().dropFirst(first).prefix(inner.height) {
      let textStyle: Style = card == nil ? .dim : (i < mathCount ? formulaStyle : .plain)
      screen.put(" " + line, x: inner.x, y: inner.y + i - first, style: textStyle, clip: inner)
    }
    moreMarks(
      into: &screen, box: rect, up: first > 0, down: first < maxScroll, style: style,
      options: options)
  }

  /// The first of `candidates` (longest first) that fits a box title on a box `width` wide.
  static func fitTitle(_ candidates: [String], width: Int) -> String {
    let room = width - 6
    return candidates.first { $0.unicodeScalars.count <= room } ?? ""
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
    let n = lesson.steps.count
    let step = progress.step + 1
    let title = fitTitle(
      [
        "Lesson: \(lesson.title), step \(step) of \(n)\(kind) (n next, p back, Escape leaves)",
        "Lesson: \(lesson.title), step \(step) of \(n)\(kind) (n next, p back)",
        "\(lesson.title), step \(step)/\(n)\(kind) (n next, p back)",
        "\(lesson.title), step \(step)/\(n)\(kind)", "step \(step)/\(n)\(kind) (n next, p back)",
        "step \(step)/\(n)\(kind)",
      ], width: rect.width)
    let style = options.hasColor ? Style(foreground: Color(117), attributes: .bold) : Style.bold
    screen.box(
      rect, title: options.ascii ? asciiOnly(title) : title, style: style, ascii: options.ascii)
    let inner = rect.inset(by: 1)
    let lines = LessonPanel.lines(progress, state: state, width: inner.width - 2, options: options)
    if lines.count > inner.height {
      CutLog.current?.record(lines.map(\.0).joined(separator: " "), x: inner.x, y: inner.y)
    }
    for (i, line) in lines.prefix(inner.height).enumerated() {
      screen.put(" " + line.0, x: inner.x, y: inner.y + i, style: line.1, clip: inner)
    }
  }

}

/// The ASCII spelling of each non-ASCII scalar the app writes (made once, not per call).
private let asciiSpellings: [Unicode.Scalar: String] = [
  "−": "-", "‖": "||", "≤": "<=", "≥": ">=", "δ": "d", "ŷ": "y^", "·": "*", "×": "x", "Σ": "sum",
  "∞": "inf", "√": "sqrt", "²": "^2", "θ": "theta", "η": "lr", "∂": "d", "→": "->", "←": "<-",
  "β": "beta", "ε": "eps", "ρ": "rho", "α": "alpha", "—": "-", "–": "-", "’": "'", "“": "\"",
  "”": "\"",
  "…": "...", "≈": "~", "₁": "1", "₂": "2", "ᵗ": "^t", "λ": "lambda", "σ": "sigma", "⁻": "-",
  "¹": "1", "μ": "mu", "τ": "tau", "γ": "gamma", "ₜ": "t",
]

/// Replaces non-ASCII scalars by their closest ASCII spelling, for `--ascii` frames.
func asciiOnly(_ text: String) -> String {
  var out = ""
  for s in text.unicodeScalars {
    if s.isASCII {
      out.unicodeScalars.append(s)
    } else if let r = asciiSpellings[s] {
      out += r
    } else {
      out += "?"
    }
  }
  return out
}
