import LossCore
import Testing

@testable import LossPlot

private let layerOptions: [RenderOptions] = [
  .standard, RenderOptions(color: .none), RenderOptions(ascii: true),
  RenderOptions(ascii: true, color: .basic8),
]

/// A base layer drawn into its own small screen, copied elsewhere, plus the overlay, is the same
/// frame `draw` makes in place: what the contour view relies on to cache the base.
@Test(arguments: layerOptions)
func baseBlittedPlusOverlayEqualsDraw(_ o: RenderOptions) {
  let map = Rect(x: 7, y: 2, width: 70, height: 22)
  let plot = Fixtures.contourPlot(for: map, options: o)
  var direct = Screen(width: 90, height: 26)
  let directFrame = plot.draw(into: &direct, rect: map, options: o)

  var base = Screen(width: map.width, height: map.height)
  let local = plot.drawBase(
    into: &base, rect: Rect(x: 0, y: 0, width: map.width, height: map.height), options: o)
  var layered = Screen(width: 90, height: 26)
  layered.blit(base, x: map.x, y: map.y)
  #expect(layered != direct, "the overlay must add something, or this test shows nothing")
  var frame = local
  frame.area.x += map.x
  frame.area.y += map.y
  #expect(frame == directFrame)
  plot.drawOverlay(into: &layered, frame: frame, options: o)
  #expect(layered == direct)
}

@Test func overlayDrawsOnlyInsideTheDataArea() {
  let rect = Rect(x: 0, y: 0, width: 60, height: 20)
  let plot = Fixtures.contourPlot(for: rect, options: .standard)
  var screen = Screen(width: 60, height: 20)
  let frame = plot.drawBase(into: &screen, rect: rect, options: .standard)
  let before = screen
  plot.drawOverlay(into: &screen, frame: frame, options: .standard)
  var changedInside = 0
  for y in 0..<20 {
    for x in 0..<60 where screen[x, y] != before[x, y] {
      #expect(frame.area.contains(x: x, y: y), "overlay changed (\(x), \(y)) outside the data area")
      changedInside += 1
    }
  }
  #expect(changedInside > 5)
}

@Test func blitClipsAtEveryEdge() {
  var small = Screen(width: 3, height: 2)
  for i in small.cells.indices { small.cells[i] = Cell(Unicode.Scalar(UInt8(65 + i))) }
  var s = Screen(width: 4, height: 3)
  s.blit(small, x: -1, y: 2)
  #expect(s.text == "\n\nBC")
  var t = Screen(width: 4, height: 3)
  t.blit(small, x: 2, y: -1)
  #expect(t.text == "  DE\n\n")
  var u = Screen(width: 4, height: 3)
  u.blit(small, x: 9, y: 0)
  #expect(u == Screen(width: 4, height: 3))
}
