import LossCore
import LossPlot
import Testing

@testable import LossLabUI

/// The curves and distributions views keep their plot, names, notes, histogram and report in the
/// render cache between frames; every frame drawn with the kept cache must be the one drawn from
/// scratch, whatever keys came before (a stale part would show the curves, range, selection or
/// values of an earlier frame).
@Suite struct CurvesDistributionsCacheTests {
  /// Keys that change what the kept parts show, and keys that only move the cursor or edit a bar.
  static let keys: [ViewID: [String]] = [
    .curves: [
      "l", "h", "L", "H", "j", "k", "Space", "g", "t", "d", "D", "+", "-", "<", ">", "y", "0",
    ],
    .distributions: [
      "l", "h", "k", "j", "K", "J", "P", "Q", "Space", "+", "-", "f", "F", "s", "b", "n", "N", "0",
    ],
  ]

  static let cases:
    [(view: ViewID, width: Int, height: Int, options: RenderOptions, seed: UInt64)] =
      [
        (.curves, 200, 60, .standard, 1),
        (.curves, 100, 30, RenderOptions(ascii: true), 2),
        (.curves, 90, 28, RenderOptions(color: .none), 3),
        (.curves, 70, 24, RenderOptions(color: .basic8), 4),
        (.distributions, 200, 60, .standard, 5),
        (.distributions, 100, 30, RenderOptions(ascii: true), 6),
        (.distributions, 80, 24, RenderOptions(color: .none), 7),
      ]

  @Test(arguments: 0..<cases.count)
  func keptCacheDrawsTheFrameDrawnFromScratch(_ i: Int) throws {
    let c = Self.cases[i]
    var a = app(c.view, width: c.width, height: c.height, options: c.options)
    var cache = a.makeRenderCache()
    var screen = Screen(width: c.width, height: c.height)
    var rng = SplitMix64(seed: c.seed)
    let keys = try #require(Self.keys[c.view])
    for step in 0..<120 {
      let name = keys[Int(rng.next() % UInt64(keys.count))]
      _ = a.handle(.key(try #require(try KeyNames.parse(name).first)))
      a.render(into: &screen, cache: &cache)
      let fresh = a.render(width: c.width, height: c.height)
      guard screen != fresh else { continue }
      // The first row that differs, as text (or its styles, when the text is the same).
      let kept = screen.text.split(separator: "\n", omittingEmptySubsequences: false)
      let wanted = fresh.text.split(separator: "\n", omittingEmptySubsequences: false)
      let row = kept.indices.first { $0 < wanted.count && kept[$0] != wanted[$0] }
      Issue.record(
        """
        case \(i), step \(step), after key \(name): the kept cache drew another frame \
        (row \(row.map(String.init) ?? "styles only"): \
        \(row.map { "'\(kept[$0])' instead of '\(wanted[$0])'" } ?? "same text"))
        """)
      break
    }
  }
}
