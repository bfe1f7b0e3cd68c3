import ArgumentParser
import LossCore
import LossLabUI

/// `losslab datasets`: the tables that ship with losslab.
struct DatasetsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "datasets",
    abstract: "List the data sets that ship with losslab (open one with --dataset NAME).",
    discussion: """
      Each is a small classic table, compiled in: name, rows, the default x and y columns, and what it shows.
      --x and --y pick other columns, by header name or number.

      Examples:
        losslab datasets
        losslab contour --dataset anscombe-2
        losslab descend --dataset iris --x sepal_length --y petal_length --standardize
      """)

  @Flag(help: "Print CSV instead: name,rows,columns,x,y,summary.")
  var csv = false

  func run() throws {
    var rows: [[String]] = []
    for d in Datasets.all {
      let t = try d.table(x: nil, y: nil)
      let columns = (t.columnNames ?? []).joined(separator: " ")
      rows.append([d.name, String(t.data.x.count), columns, d.x, d.y, d.summary])
    }
    if csv {
      print("name,rows,columns,x,y,summary")
      for r in rows {
        print(
          r.map { $0.contains(",") ? "\"" + $0.replacing("\"", with: "\"\"") + "\"" : $0 }.joined(
            separator: ","))
      }
      return
    }
    let nameWidth = rows.map { $0[0].count }.max() ?? 0
    for r in rows {
      let name = r[0] + String(repeating: " ", count: nameWidth - r[0].count)
      let rowsText = String(repeating: " ", count: max(0, 4 - r[1].count)) + r[1]
      print("\(name)  \(rowsText) rows  x=\(r[3]) y=\(r[4])  \(r[5])")
    }
  }
}
