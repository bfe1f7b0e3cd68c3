import LossCore
import Testing

@testable import LossLabUI

@Test func lossMinimaKeepOneEntryPerLossInOrder() {
  var m = LossMinima()
  #expect(m[.mse] == nil && m.values.isEmpty)
  m[.huber] = (1, 2, 3)
  m[.mse] = (4, 5, 6)
  m[.huber] = (7, 8, 9)  // replaces, keeps its place
  #expect(m.keys == [.huber, .mse])
  #expect(m.values.map(\.w) == [7, 4])
  #expect(m[.huber]?.loss == 9 && m[.mae] == nil)
  m[.huber] = nil
  #expect(m.keys == [.mse] && m[.huber] == nil && m[.mse]?.b == 5)
}
