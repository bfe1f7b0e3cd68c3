import LossCore

/// Where a table of points was read from.
public enum TablePlace: Sendable, Equatable {
  /// A file, by the path it can be read again from (absolute when the front end knew the folder).
  case file(String)
  /// A data set that ships with losslab (`Datasets`), by name.
  case dataset(String)
  /// Standard input: it cannot be read again, so a scenario keeps the points themselves.
  case standardInput
}

/// A table the contour view fits, with where it came from: a saved scenario then names the file or data set,
/// its columns and separator, instead of copying the points, and reopening it reads the table again (and
/// reports the rows it skips, as the first reading did).
public struct TableSource: Sendable, Equatable {
  /// The table as read: its points, columns, separator and skipped lines.
  public var table: DataTable
  public var place: TablePlace

  public init(table: DataTable, place: TablePlace) {
    self.table = table
    self.place = place
  }

  /// The columns and separator that read the same points again: a column by its header name when the name is
  /// unique, else by its number.
  public var options: TableOptions {
    func column(_ i: Int) -> String {
      if let names = table.columnNames, let name = table.header(of: i),
        names.count(where: { $0 == name }) == 1, Int(name) == nil
      {
        return name
      }
      return String(i)
    }
    return TableOptions(
      separator: table.separator, x: column(table.xColumn), y: column(table.yColumn))
  }

  /// The name the panel gives the table: a file's last path component, a data set's name, `<stdin>`.
  public var shortName: String {
    switch place {
    case .file(let path):
      let name = path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init)
      return name ?? path
    case .dataset(let name): return name
    case .standardInput: return "<stdin>"
    }
  }

  /// The line about skipped rows, for the panel: `points.csv: skipped 2 rows with a missing value (lines 3, 5)`.
  public var note: String? { table.skippedSummary().map { "\(shortName): \($0)" } }

  /// The separator as a scenario file writes it (`,` `;` `tab` `space`).
  static func spelling(_ s: FieldSeparator) -> String {
    switch s {
    case .comma: ","
    case .semicolon: ";"
    case .tab: "tab"
    case .whitespace: "space"
    }
  }
}
