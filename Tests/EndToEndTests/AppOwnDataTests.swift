import Foundation
import Testing

/// Own tables in the real app under tmux, read off the screen as a user would: the minima the panel lists lie
/// inside the axes drawn, twenty default steps lower the loss without diverging, the stability limit shown is
/// 2/λmax computed here, `--x`/`--y` pick the right columns, and a saved scenario reopens to the same screen.
/// One tmux session per table, several checks each.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppOwnDataTests {
  /// The map's axes as drawn: the (w, b) at the data area's edges, from the tick labels and where they sit.
  struct MapAxes {
    var w: ClosedRange<Double>
    var b: ClosedRange<Double>

    /// Reads the axes of the contour map: the map is left of `panelX`; the b ticks are `┤` in the axis
    /// column with their labels left of it, the w ticks `┬` in the bottom rule with their labels under them.
    /// Each axis maps cells to values linearly, so two ticks give the values at the area's edges.
    init?(_ screen: String, panelX: Int) {
      let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map {
        Array(String($0).unicodeScalars.prefix(panelX).map(Character.init))
      }
      guard let bottom = rows.lastIndex(where: { $0.contains("└") }),
        let axisX = rows[bottom].firstIndex(of: "└")
      else { return nil }
      func number(_ s: some StringProtocol) -> Double? {
        Double(s.trimmingCharacters(in: .whitespaces).replacing("−", with: "-"))
      }
      // b: the rows of the data area are those with the axis line above the bottom rule.
      guard bottom > 0 else { return nil }
      var top = bottom
      var bTicks: [(row: Int, value: Double)] = []
      for r in stride(from: bottom - 1, through: 0, by: -1) {
        guard axisX < rows[r].count, ["┤", "│"].contains(rows[r][axisX]) else { break }
        top = r
        if rows[r][axisX] == "┤", let v = number(String(rows[r][..<axisX])) {
          bTicks.append((r, v))
        }
      }
      // w: the labels under the ticks, each centred on its tick (the nearest one).
      let rule = rows[bottom]
      let tickColumns = rule.indices.filter { rule[$0] == "┬" }
      // The rule ends with the data area (the level key stands right of it).
      guard let right = rule.lastIndex(where: { "─┬┴┘".contains($0) }) else { return nil }
      var wTicks: [(column: Int, value: Double)] = []
      if bottom + 1 < rows.count {
        let labels = String(rows[bottom + 1])
        for match in labels.matches(of: #/-?[0-9][0-9.e+\-]*/#) {
          let start = labels.distance(from: labels.startIndex, to: match.range.lowerBound)
          let end = labels.distance(from: labels.startIndex, to: match.range.upperBound)
          let centre = Double(start + end - 1) / 2
          guard let v = number(match.output),
            let tick = tickColumns.min(by: { abs(Double($0) - centre) < abs(Double($1) - centre) }),
            abs(Double(tick) - centre) <= 1
          else { continue }
          wTicks.append((tick, v))
        }
      }
      guard let b0 = bTicks.first, let b1 = bTicks.last, b0.row != b1.row,
        let w0 = wTicks.first, let w1 = wTicks.last, w0.column != w1.column
      else { return nil }
      // Values at the outer edges of the first and last cells of the data area.
      let bPerRow = (b1.value - b0.value) / Double(b1.row - b0.row)
      let bTop = b0.value + (Double(top) - 0.5 - Double(b0.row)) * bPerRow
      let bBottom = b0.value + (Double(bottom - 1) + 0.5 - Double(b0.row)) * bPerRow
      let wPerColumn = (w1.value - w0.value) / Double(w1.column - w0.column)
      let wLeft = w0.value + (Double(axisX) + 0.5 - Double(w0.column)) * wPerColumn
      let wRight = w0.value + (Double(right) + 0.5 - Double(w0.column)) * wPerColumn
      w = min(wLeft, wRight)...max(wLeft, wRight)
      b = min(bTop, bBottom)...max(bTop, bBottom)
    }
  }

  /// The minima the panel lists: `MSE min w=… b=…`, and the same for MAE and Huber.
  static func listedMinima(_ screen: String) -> [String: (w: Double, b: Double)] {
    var out: [String: (w: Double, b: Double)] = [:]
    for m in screen.matches(of: #/(MSE|MAE|Huber) min w=(\S+) b=(\S+)/#) {
      if let w = Double(m.output.2), let b = Double(m.output.3) { out[String(m.output.1)] = (w, b) }
    }
    return out
  }

  /// The column the panel starts at: where the readout's `step N` is on the first row under the top bar.
  static func panelX(_ screen: String) -> Int? {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
    guard rows.count > 1, let r = rows[1].range(of: "step ") else { return nil }
    // Each character of the frame takes one cell.
    return rows[1].distance(from: rows[1].startIndex, to: r.lowerBound)
  }

  static func loss(_ screen: String) -> Double? {
    screen.firstMatch(of: #/loss=(-?[0-9.]+(?:e[+-]?[0-9]+)?)/#).flatMap { Double($0.output.1) }
  }

  @Test(arguments: 0..<3)
  func tablesAtAnyScaleAreFramedAndDescendStably(_ index: Int) throws {
    let s = OwnDataCLITests.scales[index]
    let t = OwnDataCLITests.table(
      rows: 300, xOffset: s.xOffset, xSpread: s.xSpread, slope: s.slope, intercept: s.intercept,
      noise: s.noise)
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/\(s.name).csv"
    try t.text.write(toFile: path, atomically: true, encoding: .utf8)
    let app = try AppRun.start(["contour", "--data", path], width: 120, height: 36)
    defer { app.close() }
    let first = app.expectScreen("the map and all three minima") {
      $0.contains("step 0") && $0.contains("Huber min") && $0.contains("└")
    }
    // 1. Every minimum listed lies inside the axes drawn.
    let minima = Self.listedMinima(first)
    #expect(Set(minima.keys) == ["MSE", "MAE", "Huber"], "\(s.name):\n\(first)")
    let panelX = try #require(Self.panelX(first), "\(first)")
    let axes = try #require(MapAxes(first, panelX: panelX), "\(s.name): no axes in\n\(first)")
    for (name, m) in minima {
      #expect(
        axes.w.contains(m.w) && axes.b.contains(m.b), "\(s.name) \(name) \(m) outside \(axes)")
    }
    // The MSE minimum listed is least squares, computed here.
    let n = Double(t.x.count)
    let mx = t.x.reduce(0, +) / n
    let my = t.y.reduce(0, +) / n
    let slope =
      zip(t.x, t.y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      / t.x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let mse = try #require(minima["MSE"])
    #expect(abs(mse.w - slope) <= 0.0005 + 1e-6 * abs(slope), "\(s.name): \(mse.w) vs \(slope)")
    #expect(abs(mse.b - (my - slope * mx)) <= 0.0005 + 1e-9 * abs(my), "\(s.name)")
    // 2. The stability limit shown is 2/λmax of the Hessian (2/N)·[[Σx², Σx], [Σx, N]], computed here.
    let limit = String(format: "%.3g", OwnDataCLITests.limit(t.x))
    #expect(first.contains("gd limit 2/λmax=\(limit)"), "\(s.name): want \(limit)\n\(first)")
    // 3. Twenty default steps, one at a time: the loss falls at every step and nothing diverges.
    var last = try #require(Self.loss(first), "\(first)")
    for k in 1...20 {
      app.session.send(keys: ["s"])
      let screen = app.expectScreen("step \(k)") {
        $0.contains("step \(k)  ") || $0.contains("step \(k)\n")
      }
      let l = try #require(Self.loss(screen), "\(screen)")
      // Six decimals on screen: a step that lowers the loss by less than that shows the same number.
      #expect(l <= last, "\(s.name): step \(k): \(last) → \(l)")
      #expect(!screen.contains("diverging"), "\(s.name): step \(k)\n\(screen)")
      last = l
    }
    #expect(last < (Self.loss(first) ?? 0), "\(s.name): the loss did not fall in 20 steps")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
  }

  /// Five columns, quoted headers holding separators and quotes, a row with NA: `--x`/`--y` by name and number
  /// give the least-squares line of those columns, the panel says which row was skipped, and `w` saves a
  /// scenario that reopens to the very same screen (at 80×24).
  @Test func columnsByNameAndASavedScenarioReopensTheSameScreen() throws {
    let text =
      [
        #""id","Height (cm)","note, free text","Weight; ""kg""","flag""#,
        #"1,150,"a, b",50,1"#,
        #"2,160,"",58,0"#,
        "3,NA,c,64,1",
        #"4,170,"say ""hi""",71,1"#,
        "5,185,x,80,0",
      ].joined(separator: "\r\n") + "\r\n"
    let scratch = try ScratchDirectory()
    let path = scratch.path + "/five.csv"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let x = [150.0, 160, 170, 185]
    let y = [50.0, 58, 71, 80]
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    let w =
      zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let want = String(format: "MSE min w=%.3f b=%.3f", w, my - w * mx)

    let app = try AppRun.start(
      ["contour", "--data", path, "--x", "Height (cm)", "--y", "4"], width: 80, height: 24)
    defer { app.close() }
    let first = app.expectScreen(containing: "skipped 1 row")
    #expect(first.contains(want), "want \(want):\n\(first)")
    #expect(first.contains("five.csv: skipped 1 row"), "\(first)")
    #expect(first.contains("4 points"), "\(first)")
    app.session.send(keys: ["f", "f", "z", "s", "s", "s"])
    app.expectScreen(containing: "step 3")
    app.session.send(keys: ["w"])
    app.expectScreen(containing: "losslab-contour.json")
    app.session.send(keys: ["Enter"])
    let saved = app.expectScreen(containing: "saved to")
    app.session.send(keys: ["q"])
    app.expectRestored(status: 0)
    let file = app.scratch.path + "/losslab-contour.json"
    let json = try String(contentsOfFile: file, encoding: .utf8)
    #expect(
      json.contains(#""csv": "\#(path)""#) && json.contains(#""standardize": true"#), "\(json)")

    let again = try AppRun.start(["--scenario", file], width: 80, height: 24)
    defer { again.close() }
    let reopened = again.expectScreen(containing: "step 3")
    // Every row but the status bar (which said "saved to …") is the same.
    func body(_ s: String) -> [Substring] {
      s.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2)
    }
    #expect(body(reopened) == body(saved), "saved:\n\(saved)\nreopened:\n\(reopened)")
    #expect(reopened.contains("five.csv: skipped 1 row"), "\(reopened)")
    again.session.send(keys: ["q"])
    again.expectRestored(status: 0)
  }
}
