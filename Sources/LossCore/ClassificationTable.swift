extension ClassificationData {
  /// Labelled points from a table read by ``DataTable``: its x column, and its y column as labels, all 0/1 or
  /// all −1/1 (see ``labels(_:places:source:)``).
  /// - Throws: `data.csv: data row 7, 'y' (column 2): label 0.5 is not 0 or 1 (or -1 or 1)`, or when a class is missing.
  public init(table: DataTable) throws(LossCoreError) {
    let source = table.source
    let ys = table.data.y
    let places = ys.indices.map { "\(source): data row \($0 + 1), \(table.yName)" }
    let labels = try Self.labels(ys, places: places, source: source)
    for (i, x) in table.data.x.enumerated() where !(abs(x) <= Self.largestValue) {
      throw LossCoreError(
        "\(source): data row \(i + 1), \(table.xName): x = \(NumberText.short(x)) must be within ±1e6")
    }
    try Self.checkBothClasses(
      count0: labels.count { $0 == 0 }, count1: labels.count { $0 == 1 }, source: source)
    self.init(unchecked: table.data.x, labels)
  }
}
