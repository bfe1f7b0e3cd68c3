/// What a terminal showing one frame must be sent to show the next: the pure half of painting.
///
/// The painter keeps the last frame it sent, asks `Screen.diff(from:to:)` what changed, and writes
/// exactly those cells. Deciding what to send is kept here, apart from the terminal, so it can be
/// tested in memory (as ratatui's `Buffer::diff`).
public struct ScreenDiff: Hashable, Sendable {
  /// A run of changed cells in one row: columns `x ..< x + width` of row `y`.
  public struct Span: Hashable, Sendable {
    public var y: Int
    public var x: Int
    public var width: Int
    public init(y: Int, x: Int, width: Int) {
      self.y = y
      self.x = x
      self.width = width
    }
  }

  /// The terminal must be cleared and every cell sent: there was no previous frame, or it had
  /// another size.
  public var redrawAll: Bool
  /// The cells to send, top to bottom and left to right within a row; runs never touch (two runs
  /// in a row are separated by at least one unchanged cell). With `redrawAll`, one span per row.
  public var spans: [Span]

  public init(redrawAll: Bool, spans: [Span]) {
    self.redrawAll = redrawAll
    self.spans = spans
  }

  /// How many cells the spans cover.
  public var cellCount: Int { spans.reduce(0) { $0 + $1.width } }
}

extension Screen {
  /// The cells that differ between `previous` (what the terminal shows, nil if unknown) and `next`.
  public static func diff(from previous: Screen?, to next: Screen) -> ScreenDiff {
    var result = ScreenDiff(redrawAll: true, spans: [])
    diff(from: previous, to: next, into: &result)
    return result
  }

  /// The same as `diff(from:to:)`, written into `result`, whose span storage is reused: a front end
  /// that keeps one `ScreenDiff` allocates nothing once it has seen its largest diff.
  public static func diff(from previous: Screen?, to next: Screen, into result: inout ScreenDiff) {
    result.spans.removeAll(keepingCapacity: true)
    guard let previous, previous.width == next.width, previous.height == next.height else {
      result.redrawAll = true
      if next.width > 0 {
        for y in 0..<next.height {
          result.spans.append(ScreenDiff.Span(y: y, x: 0, width: next.width))
        }
      }
      return
    }
    result.redrawAll = false
    let w = next.width
    previous.cells.withUnsafeBufferPointer { old in
      next.cells.withUnsafeBufferPointer { new in
        for y in 0..<next.height {
          let row = y * w
          var x = 0
          while x < w {
            guard old[row + x] != new[row + x] else {
              x += 1
              continue
            }
            let start = x
            while x < w, old[row + x] != new[row + x] { x += 1 }
            result.spans.append(ScreenDiff.Span(y: y, x: start, width: x - start))
          }
        }
      }
    }
  }
}
