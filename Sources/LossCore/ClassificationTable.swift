extension ClassificationData {
  /// Labelled points from a table read by ``DataTable``: its x column, and its y column as labels, all 0/1 or
  /// all −1/1 (see ``labels(_:places:source:)``).
  /// - Throws: `data.csv: data row 7, 'y' (column 2): label 0.5 is not 0 or 1 (or -1 or 1)`, or when a class is missing.
  public init(table: DataTable) throws(LossCoreError) {
    let source = table.source
    let ys = table.data.y
    let places = ys.indices.map { "\(source): data row \($0 + 1), \(table.yName)" }
    let labels = try Self.labels(ys, places: places, source: source)
    try self.init(checking: table.data.x, labels, source: source) {
      "\(source): data row \($0 + 1), \(table.xName): x"
    }
  }
}
