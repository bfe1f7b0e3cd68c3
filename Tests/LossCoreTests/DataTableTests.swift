import LossCore
import Testing

@Suite struct DataTableTests {
  func table(_ text: String, _ options: TableOptions = .init()) throws -> DataTable {
    try DataTable.parse(Array(text.utf8), source: "t.csv", options: options)
  }

  func error(_ text: String, _ options: TableOptions = .init()) -> String? {
    do {
      _ = try table(text, options)
      return nil
    } catch {
      return (error as? LossCoreError)?.message
    }
  }

  @Test func headerIsAFirstLineWithoutNumbers() throws {
    let a = try table("x,y\n0,1\n2,5\n")
    #expect(a.columnNames == ["x", "y"] && a.data == LineData(x: [0, 2], y: [1, 5]))
    let b = try table("0,1\n2,5\n")
    #expect(b.columnNames == nil && b.data == LineData(x: [0, 2], y: [1, 5]))
    #expect(b.xName == "column 1" && a.yName == "'y' (column 2)")
  }

  @Test func quotedFieldsFollowRFC4180() throws {
    let text =
      "\"id\",\"size, cm\",\"note\",\"weight\"\n1,\"2.5\",\"a, b\",3\n2,4,\"say \"\"hi\"\"\",5\n"
      + "3,6,\"two\nlines\",7\n4, \" 8 \" ,x,9\n"
    let t = try table(text, TableOptions(x: "size, cm", y: "weight"))
    #expect(t.columnNames == ["id", "size, cm", "note", "weight"])
    #expect(t.data == LineData(x: [2.5, 4, 6, 8], y: [3, 5, 7, 9]))
    // Line numbers count the line break inside quotes: the added row is on line 7.
    #expect(
      error(text + "5,z,q,1\n", TableOptions(x: "2", y: "4"))
        == "t.csv:7: 'size, cm' (column 2): 'z' is not a number")
  }

  @Test func byteOrderMarkCRLFCommentsAndBlankLines() throws {
    let text = "\u{FEFF}# measured 2024\r\n\r\nx,y\r\n  # indented comment\r\n1,2\r\n\r\n3,4\r\n"
    let t = try table(text)
    #expect(t.columnNames == ["x", "y"] && t.data == LineData(x: [1, 3], y: [2, 4]))
  }

  @Test func separatorsAreDetected() throws {
    let cases: [(String, FieldSeparator)] = [
      ("a,b\n1,2\n3,4\n", .comma),
      ("a;b\n1;2\n3;4\n", .semicolon),
      ("a\tb\n1\t2\n3\t4\n", .tab),
      ("a   b\n  1  2\n3\t 4  \n", .whitespace),
      ("body mass\tprogress\n1\t2\n3\t4\n", .tab),
      // Decimal commas with semicolons: ',' would also split every line in 3, but not into numbers.
      ("1,5;2,5\n3,5;4\n", .semicolon),
    ]
    for (text, separator) in cases {
      let t = try table(text)
      #expect(t.separator == separator, "\(text.debugDescription)")
      #expect(t.data.x.count == 2, "\(text.debugDescription)")
    }
    #expect(try table("1,5;2,5\n3,5;4\n").data == LineData(x: [1.5, 3.5], y: [2.5, 4]))
  }

  @Test func givenSeparatorWins() throws {
    let t = try table("a;b,c\n1;2,5\n3;4,5\n", TableOptions(separator: .semicolon))
    #expect(t.separator == .semicolon && t.data == LineData(x: [1, 3], y: [2.5, 4.5]))
    #expect(
      FieldSeparator(spelling: "\\t") == .tab && FieldSeparator(spelling: "space") == .whitespace)
    #expect(FieldSeparator(spelling: "|") == nil)
  }

  @Test func columnsByNameCaseOrNumber() throws {
    let text = "id,BMI,age,progress\n1,20,30,100\n2,25,40,150\n3,30,50,130\n"
    let byName = try table(text, TableOptions(x: "BMI", y: "progress"))
    #expect(byName.xColumn == 2 && byName.yColumn == 4)
    #expect(byName.data == LineData(x: [20, 25, 30], y: [100, 150, 130]))
    let byCase = try table(text, TableOptions(x: "bmi", y: "Progress"))
    #expect(byCase.xColumn == 2 && byCase.yColumn == 4)
    let byNumber = try table(text, TableOptions(x: "3", y: "2"))
    #expect(byNumber.data == LineData(x: [30, 40, 50], y: [20, 25, 30]))
    // With two columns, one choice implies the other.
    let swapped = try table("a,b\n1,10\n2,20\n", TableOptions(x: "b"))
    #expect(swapped.data == LineData(x: [10, 20], y: [1, 2]))
  }

  @Test func columnErrors() {
    let text = "id,BMI,age,progress\n1,20,30,100\n2,25,40,150\n"
    #expect(
      error(text, TableOptions(x: "bmx", y: "age"))
        == "t.csv:1: no column 'bmx' for --x; did you mean 'BMI'? (columns: 'id', 'BMI', 'age', 'progress')"
    )
    #expect(
      error(text, TableOptions(x: "2", y: "7"))
        == "t.csv: --y 7: no such column; the table has 4 columns ('id', 'BMI', 'age', 'progress')")
    #expect(
      error(text)
        == "t.csv:1: 4 columns ('id', 'BMI', 'age', 'progress'); choose x and y with --x COL --y COL (a header name or a number)"
    )
    #expect(
      error("1,2,3\n4,5,6\n", TableOptions(x: "a", y: "2"))
        == "t.csv: --x 'a': the table has no header line to name columns; give a number from 1 to 3"
    )
    #expect(
      error(text, TableOptions(x: "age", y: "3"))
        == "t.csv: x and y are the same column (3); choose two columns")
  }

  @Test func missingValuesSkipRowsAndAreListed() throws {
    let text = "x,y,z\n1,2,a\n,3,b\n4,NA,c\n5,6,\n7,nan,d\n8,N/A,e\n9,null,f\n10,11,g\n"
    let t = try table(text, TableOptions(x: "x", y: "y"))
    #expect(t.data == LineData(x: [1, 5, 10], y: [2, 6, 11]))
    #expect(t.skippedLines == [3, 4, 6, 7, 8])
    #expect(t.skippedSummary() == "skipped 5 rows with a missing value (lines 3, 4, 6, 7, 8)")
    #expect(
      t.skippedSummary(limit: 2) == "skipped 5 rows with a missing value (lines 3, 4 and 3 more)")
    let one = try table("x,y\n1,2\nNA,3\n4,5\n")
    #expect(one.skippedSummary() == "skipped 1 row with a missing value (line 3)")
    #expect(try table("x,y\n1,2\n3,4\n").skippedSummary() == nil)
  }

  @Test func textIsAnErrorEvenNextToAMissingValue() {
    #expect(error("x,y\n1,2\nNA,abc\n3,4\n") == "t.csv:3: 'y' (column 2): 'abc' is not a number")
  }

  @Test func tableErrors() {
    #expect(error("") == "t.csv: empty file")
    #expect(error("\u{FEFF}") == "t.csv: empty file")
    #expect(error("# only\n\n") == "t.csv: no data (only blank lines and # comments)")
    #expect(error("x,y\n") == "t.csv: only a header (line 1), no data rows")
    #expect(
      error("x,y\n1,2\n") == "t.csv: only one data row (line 2); a line needs at least 2 points")
    #expect(
      error("x,y\n1,2\nNA,3\n")
        == "t.csv: only 1 row with both x and y; skipped 1 row with a missing value (line 3)")
    #expect(
      error("x,y\n3,1\n3,2\n3,5\n")
        == "t.csv: every x in 'x' (column 1) is 3, so the slope of a line is not determined")
    #expect(error("x,y\n1,\"2\n3,4\n") == "t.csv:2: a quoted field is not closed")
    #expect(
      error("x,y\n1,\"2\"3\n")
        == "t.csv:2: text after a closing quote (a quote inside a field is written \"\")")
    #expect(error("x,y\n1,2\n3,4,5\n") == "t.csv:3: 3 fields, but line 2 has 2 (separator ',')")
  }

  /// The fast path and the standard library agree on every spelling (the library is correctly rounded).
  @Test func numbersReadAsTheStandardLibraryReadsThem() throws {
    var rng = SplitMix64(seed: 7)
    var spellings: [String] = [
      "0", "-0", "+1", "1.", ".5", "-.5", "1e5", "1E-5", "2.5e+3", "9007199254740993", "0.1",
      "123456789012345678901234", "1e-320", "4.9e-324", "1.7976931348623157e308", "0x1p3",
      "00012.50",
      "0.30000000000000004", "1e22", "1e23", "3.14159265358979323846",
    ]
    for _ in 0..<3000 {
      let v = Double(bitPattern: rng.next() >> 2) * (rng.next() % 2 == 0 ? 1 : -1)
      spellings.append("\(v)")
      let digits = Int(rng.next() % 17) + 1
      let scaled = Double(Int64(rng.next() % 10_000_000_000)) / 1000
      spellings.append(String(scaled).prefix(digits + 2).description)
    }
    for s in spellings {
      guard let expected = Double(s), expected.isFinite, abs(expected) <= 1e100 else { continue }
      // The first row goes the general way, the next ones the fast way (quoted: the general way again).
      let t = try table("\(s),1\n12345.5,2\n\(s),3\n\"\(s)\",4\n")
      #expect(t.data.x[0].bitPattern == expected.bitPattern, "\(s)")
      #expect(t.data.x[2].bitPattern == expected.bitPattern, "\(s)")
      #expect(t.data.x[3].bitPattern == expected.bitPattern, "\(s)")
    }
  }

  @Test func lineDataCSVReadsTheSameTable() throws {
    #expect(
      try LineData.csv(text: "x;y\n1;2\n3;4\n", source: "t.csv") == LineData(x: [1, 3], y: [2, 4]))
  }
}
