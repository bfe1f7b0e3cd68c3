/// Which columns of a table to read, and how its fields are separated.
public struct TableOptions: Sendable, Equatable {
  /// nil: detected from the first lines (comma, tab, semicolon or whitespace; see `DataTable.detectSeparator(_:)`).
  public var separator: FieldSeparator?
  /// The x column, by header name or 1-based number; nil: column 1 of a two-column table.
  public var x: String?
  /// The y column, by header name or 1-based number; nil: column 2 of a two-column table.
  public var y: String?

  public init(separator: FieldSeparator? = nil, x: String? = nil, y: String? = nil) {
    (self.separator, self.x, self.y) = (separator, x, y)
  }
}

/// Two numeric columns of a delimited text table, as x and y points for a line fit, with what was learnt reading it.
///
/// The text is CSV as people have it: UTF-8 with or without a byte-order mark, LF or CRLF line ends, fields
/// separated by `,` `;` tab or whitespace, quoted as RFC 4180 has it (`"a, b"`, `"say ""hi"""`, line breaks inside
/// quotes), spaces around fields ignored, blank lines and lines starting with `#` skipped. The first line is a
/// header when none of its fields is a number. Rows whose x or y field is empty or `NA`, `N/A`, `NaN` or `null` are
/// skipped and listed in ``skippedLines``. With `;` separators a decimal comma (`2,5`) is read as 2.5.
///
/// Why our own reader: SwiftCSV and yaslab/CSV.swift (the two in our package mirror) build a `String` per field and
/// leave number parsing to `Double(String)`; reading a million rows that way takes seconds, far from pandas'
/// `read_csv`. This one splits the bytes in place and parses only the two columns asked for (see `NumberField`).
public struct DataTable: Sendable, Equatable {
  /// The points, in file order, without the skipped rows.
  public var data: LineData
  /// The name used in messages (a path, `-` for standard input, or a data set's name).
  public var source: String
  public var separator: FieldSeparator
  /// The header's names, when the table has a header with one name per column.
  public var columnNames: [String]?
  /// Fields per row.
  public var columnCount: Int
  /// The x and y columns, 1-based.
  public var xColumn: Int
  public var yColumn: Int
  /// The lines of rows skipped because their x or y was empty or NA, in order.
  public var skippedLines: [Int]

  /// The x column as messages name it: `'bmi' (column 3)`, or `column 3` without a header.
  public var xName: String { name(of: xColumn) }
  /// The y column as messages name it.
  public var yName: String { name(of: yColumn) }

  /// The header name of a 1-based column, if any.
  public func header(of column: Int) -> String? {
    guard let columnNames, column >= 1, column <= columnNames.count else { return nil }
    return columnNames[column - 1]
  }

  func name(of column: Int) -> String {
    header(of: column).map { "'\($0.escapedForMessage)' (column \(column))" } ?? "column \(column)"
  }

  /// One line about the skipped rows, or nil when none were skipped:
  /// `skipped 3 rows with a missing value (lines 4, 9, 12)`; beyond `limit` lines, `… and 37 more`.
  public func skippedSummary(limit: Int = 5) -> String? {
    guard !skippedLines.isEmpty else { return nil }
    let n = skippedLines.count
    let shown = skippedLines.prefix(limit).map(String.init).joined(separator: ", ")
    let more = n > limit ? " and \(n - limit) more" : ""
    let rows = n == 1 ? "1 row" : "\(n) rows"
    return "skipped \(rows) with a missing value (line\(n == 1 ? "" : "s") \(shown)\(more))"
  }
}

extension DataTable {
  /// Reads a table from UTF-8 bytes; see ``parse(_:source:options:)-(UnsafeRawBufferPointer,_,_)``.
  public static func parse(_ bytes: [UInt8], source: String, options: TableOptions = .init())
    throws(LossCoreError) -> DataTable
  {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(LossCoreError) in try parse(raw, source: source, options: options) }
    }
    return try result.get()
  }

  /// Reads a table from UTF-8 bytes. Pure: no file is touched; `source` only names the text in messages.
  ///
  /// Errors are one line naming the source, and the line and column when there is one:
  /// `d.csv:7: column 'bmi' (column 3): 'abc' is not a number`, `d.csv:1: no column 'bmj'; did you mean 'bmi'? …`,
  /// `d.csv: empty file`, `d.csv: only one data row (line 2); a line needs at least 2 points`,
  /// `d.csv: every x in column 1 is 3, so the slope is not determined`.
  public static func parse(
    _ raw: UnsafeRawBufferPointer, source: String, options: TableOptions = .init()
  ) throws(LossCoreError) -> DataTable {
    let bytes = raw.assumingMemoryBound(to: UInt8.self)
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    if bytes.count >= 2,
      (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)
    {
      throw LossCoreError(
        "\(source): not UTF-8 text (it is UTF-16; save the table as CSV in UTF-8)")
    }
    // A NUL byte early on means a binary file (a spreadsheet, an archive), not a table.
    if let nul = bytes.prefix(65536).firstIndex(of: 0) {
      let line = bytes[..<nul].count(where: { $0 == UInt8(ascii: "\n") }) + 1
      throw LossCoreError(
        "\(source): not UTF-8 text (line \(line) holds a NUL byte; is it a spreadsheet? save it as CSV)"
      )
    }
    let probe = RecordScanner(bytes: bytes, separator: .comma, start: start)
    var blankCheck = probe
    guard blankCheck.skipToRecord() else {
      throw LossCoreError(
        bytes.count == start
          ? "\(source): empty file" : "\(source): no data (only blank lines and # comments)")
    }
    let separator = options.separator ?? detectSeparator(bytes, start: start)
    var reader = TableReader(
      scanner: RecordScanner(bytes: bytes, separator: separator, start: start), source: source)
    return try reader.read(options)
  }

  /// Picks the separator that splits the first lines (up to 50) into the same number of fields, two or more, most
  /// often; ties go to the one whose fields read as numbers more often (so `1,5;2,5` is `;` with decimal commas),
  /// then to comma, tab, semicolon, whitespace in that order. Comma when nothing fits.
  static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> FieldSeparator {
    var best: (separator: FieldSeparator, consistent: Int, text: Int)? = nil
    for candidate in [FieldSeparator.comma, .tab, .semicolon, .whitespace] {
      var scanner = RecordScanner(bytes: bytes, separator: candidate, start: start)
      var fields: [FieldSpan] = []
      var rows: [(count: Int, text: Int)] = []
      while rows.count < 50, scanner.skipToRecord() {
        guard (try? scanner.record(into: &fields)) != nil else { break }
        let text = fields.count { (f: FieldSpan) -> Bool in
          if case .text = NumberField.read(
            bytes, f.start, f.end, decimalComma: candidate == .semicolon)
          {
            return true
          }
          return false
        }
        rows.append((fields.count, text))
      }
      var tally: [Int: Int] = [:]
      for r in rows { tally[r.count, default: 0] += 1 }
      guard let mode = tally.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), mode.key >= 2
      else { continue }
      // Text fields in the first row are a header's names; count them only further down.
      let text = rows.dropFirst().filter { $0.count == mode.key }.reduce(0) { $0 + $1.text }
      if best == nil || mode.value > best!.consistent
        || (mode.value == best!.consistent && text < best!.text)
      {
        best = (candidate, mode.value, text)
      }
    }
    return best?.separator ?? .comma
  }
}

/// The single pass over the records that fills a ``DataTable``.
private struct TableReader {
  var scanner: RecordScanner
  let source: String
  var fields: [FieldSpan] = []

  init(scanner: RecordScanner, source: String) {
    self.scanner = scanner
    self.source = source
    fields.reserveCapacity(16)
  }

  private var bytes: UnsafeBufferPointer<UInt8> { scanner.bytes }
  private var decimalComma: Bool { scanner.separator == .semicolon }

  mutating func nextRecord() throws(LossCoreError) -> Int? {
    guard scanner.skipToRecord() else { return nil }
    do {
      return try scanner.record(into: &fields)
    } catch {
      throw LossCoreError("\(source):\(error.line): \(error.message)")
    }
  }

  /// A field's value; a quoted field is read without the padding inside its quotes.
  @inline(__always) func value(_ f: FieldSpan) -> NumberField.Value {
    if !f.quoted { return NumberField.read(bytes, f.start, f.end, decimalComma: decimalComma) }
    var (s, e) = (f.start, f.end)
    while s < e, bytes[s] == UInt8(ascii: " ") { s += 1 }
    while e > s, bytes[e - 1] == UInt8(ascii: " ") { e -= 1 }
    return NumberField.read(bytes, s, e, decimalComma: decimalComma)
  }

  mutating func read(_ options: TableOptions) throws(LossCoreError) -> DataTable {
    guard var line = try nextRecord() else {
      throw LossCoreError("\(source): no data (only blank lines and # comments)")
    }
    var names: [String]? = nil
    var headerLine: Int? = nil
    let firstValues = fields.map(value)
    let looksLikeHeader =
      !firstValues.contains { if case .number = $0 { true } else { false } }
      && firstValues.contains { if case .text = $0 { true } else { false } }
    if looksLikeHeader {
      names = fields.map { scanner.text($0).trimmingWhitespace }
      headerLine = line
      guard let next = try nextRecord() else {
        throw LossCoreError("\(source): only a header (line \(line)), no data rows")
      }
      line = next
    }
    let columnCount = fields.count
    let firstDataLine = line
    if let n = names, n.count != columnCount { names = nil }  // a header that does not fit: columns by number
    let (xColumn, yColumn) = try resolveColumns(
      options, names: names, count: columnCount, headerLine: headerLine, firstLine: firstDataLine)
    let x0 = xColumn - 1
    let y0 = yColumn - 1
    var table = DataTable(
      data: LineData(x: [], y: []), source: source, separator: scanner.separator,
      columnNames: names, columnCount: columnCount, xColumn: xColumn, yColumn: yColumn,
      skippedLines: [])
    var xs: [Double] = []
    var ys: [Double] = []
    // Rows about as long as the first: room for a quarter more, so the arrays rarely regrow.
    let firstLength = max(4, scanner.position - (fields.first?.start ?? 0))
    let estimate = min((bytes.count - scanner.position) / firstLength * 5 / 4 + 16, 1 << 26)
    xs.reserveCapacity(estimate)
    ys.reserveCapacity(estimate)
    var rows = 0
    var lastRowLine = line
    let fast = scanner.separator != .whitespace
    let powers = NumberField.powers
    var pending = true  // `fields` holds the first data row, not yet read
    while true {
      if !pending {
        guard scanner.skipToRecord() else { break }
        line = scanner.line
        if fast,
          let (x, y) = fastRow(columns: columnCount, x: x0, y: y0, powers: powers)
        {
          xs.append(x)
          ys.append(y)
          rows += 1
          lastRowLine = line
          continue
        }
        guard let next = try nextRecord() else { break }
        line = next
      }
      pending = false
      rows += 1
      lastRowLine = line
      guard fields.count == columnCount else {
        throw LossCoreError(
          "\(source):\(line): \(fields.count) field\(fields.count == 1 ? "" : "s"), but line \(firstDataLine) has "
            + "\(columnCount) (separator \(scanner.separator.shown))")
      }
      let xv = value(fields[x0])
      let yv = value(fields[y0])
      if case .number(let x) = xv, case .number(let y) = yv, abs(x) <= LineData.largestValue,
        abs(y) <= LineData.largestValue
      {
        xs.append(x)
        ys.append(y)
      } else {
        // Both checked: text in one column is an error even when the other is missing.
        let xMissing = try check(xv, fields[x0], column: xColumn, table: table, line: line)
        let yMissing = try check(yv, fields[y0], column: yColumn, table: table, line: line)
        if xMissing || yMissing { table.skippedLines.append(line) }
      }
    }
    if xs.count < 2 {
      let skipped = table.skippedSummary().map { "; \($0)" } ?? ""
      throw LossCoreError(
        rows == 1
          ? "\(source): only one data row (line \(lastRowLine)); a line needs at least 2 points"
          : "\(source): only \(xs.count) row\(xs.count == 1 ? "" : "s") with both x and y\(skipped)"
      )
    }
    if let x = xs.first, xs.allSatisfy({ $0 == x }) {
      throw LossCoreError(
        "\(source): every x in \(table.xName) is \(NumberText.short(x)), so the slope of a line is not determined"
      )
    }
    table.data = LineData(x: xs, y: ys)
    return table
  }

  /// The common row, read without storing its fields: no quotes, the right number of fields, and plain decimals in
  /// the x and y columns (see ``NumberField/fast(_:_:_:decimalComma:powers:)``). Anything else returns nil without
  /// moving, and the row goes the general way, which also words the errors.
  @inline(__always)
  private mutating func fastRow(columns: Int, x x0: Int, y y0: Int, powers: UnsafePointer<Double>)
    -> (Double, Double)?
  {
    let p = scanner.bytes
    let n = p.count
    let sep = scanner.separator.byte ?? 0
    let padTab = sep != 9
    let comma = decimalComma
    var i = scanner.position
    var field = 0
    var x = 0.0
    var y = 0.0
    while true {
      while i < n, p[i] == 32 || (padTab && p[i] == 9) { i &+= 1 }
      if i < n, p[i] == 34 { return nil }  // a quote: the general way
      let start = i
      while i < n {
        let c = p[i]
        if c == sep || c == 10 { break }
        i &+= 1
      }
      var end = i
      if end > start, p[end &- 1] == 13, i < n, p[i] == 10 { end &-= 1 }
      while end > start, p[end &- 1] == 32 || (padTab && p[end &- 1] == 9) { end &-= 1 }
      if field == x0 {
        guard let v = NumberField.fast(p, start, end, decimalComma: comma, powers: powers) else {
          return nil
        }
        x = v
      } else if field == y0 {
        guard let v = NumberField.fast(p, start, end, decimalComma: comma, powers: powers) else {
          return nil
        }
        y = v
      }
      field &+= 1
      if i >= n || p[i] == 10 { break }
      i &+= 1
    }
    guard field == columns else { return nil }
    if i < n {
      scanner.position = i &+ 1
      scanner.line &+= 1
    } else {
      scanner.position = n
    }
    return (x, y)
  }

  /// Whether a field that is not a usable number means a skipped row (true: missing); throws for text and for
  /// numbers out of range.
  private func check(
    _ v: NumberField.Value, _ f: FieldSpan, column: Int, table: DataTable, line: Int
  ) throws(LossCoreError) -> Bool {
    let shown = scanner.text(f).escapedForMessage
    switch v {
    case .missing: return true
    case .text:
      throw LossCoreError(
        "\(source):\(line): \(table.name(of: column)): '\(shown)' is not a number")
    case .number(let x):
      if !x.isFinite {
        throw LossCoreError(
          "\(source):\(line): \(table.name(of: column)): '\(shown)' is not a finite number")
      }
      if abs(x) > LineData.largestValue {
        throw LossCoreError(
          "\(source):\(line): \(table.name(of: column)): '\(shown)' is too large; x and y must be within ±1e100"
        )
      }
      return false
    }
  }

  /// The 1-based x and y columns.
  private func resolveColumns(
    _ options: TableOptions, names: [String]?, count: Int, headerLine: Int?, firstLine: Int
  ) throws(LossCoreError) -> (Int, Int) {
    func listing() -> String {
      if let names { return names.map { "'\($0.escapedForMessage)'" }.joined(separator: ", ") }
      return "no header line"
    }
    func resolve(_ text: String, role: String) throws(LossCoreError) -> Int {
      if let names {
        if let i = names.firstIndex(of: text) { return i + 1 }
        let folded = text.trimmingWhitespace.lowercased()
        if let i = names.firstIndex(where: { $0.lowercased() == folded }) { return i + 1 }
      }
      if let n = Int(text.trimmingWhitespace) {
        guard n >= 1, n <= count else {
          throw LossCoreError(
            "\(source): --\(role) \(n): no such column; the table has \(count) column\(count == 1 ? "" : "s") (\(listing()))"
          )
        }
        return n
      }
      guard let names else {
        throw LossCoreError(
          "\(source): --\(role) '\(text.escapedForMessage)': the table has no header line to name columns; "
            + "give a number from 1 to \(count)")
      }
      // A header often carries a unit ("Height (cm)" for "height"): a name containing the text is the best guess.
      let folded = text.trimmingWhitespace.lowercased()
      let containing = folded.isEmpty ? nil : names.first { $0.lowercased().contains(folded) }
      let hint =
        (containing ?? closestName(to: text, among: names)).map {
          "did you mean '\($0.escapedForMessage)'? "
        } ?? ""
      throw LossCoreError(
        "\(source):\(headerLine ?? firstLine): no column '\(text.escapedForMessage)' for --\(role); \(hint)(columns: \(listing()))"
      )
    }
    let x = try options.x.map { (t) throws(LossCoreError) in try resolve(t, role: "x") }
    let y = try options.y.map { (t) throws(LossCoreError) in try resolve(t, role: "y") }
    let pair: (Int, Int)
    switch (x, y) {
    case (let x?, let y?): pair = (x, y)
    case (nil, nil) where count == 2: pair = (1, 2)
    case (let x?, nil) where count == 2: pair = (x, 3 - x)
    case (nil, let y?) where count == 2: pair = (3 - y, y)
    default:
      let line = headerLine ?? firstLine
      throw LossCoreError(
        "\(source):\(line): \(count) column\(count == 1 ? "" : "s") (\(listing())); choose x and y with --x COL --y COL "
          + "(a header name or a number)")
    }
    guard pair.0 != pair.1 else {
      throw LossCoreError("\(source): x and y are the same column (\(pair.0)); choose two columns")
    }
    return pair
  }
}
