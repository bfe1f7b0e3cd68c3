/// Isolines of a `Grid2D` by marching squares, and the choice of contour levels.
public enum ContourLines {
  /// One piece of an isoline. Coordinates are grid indices (`x` = column, `y` = row, fractional)
  /// for `indexSegments`, data coordinates for `segments`.
  public struct Segment: Sendable, Equatable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    /// Index into the `levels` array the segment belongs to.
    public var level: Int
    public init(x0: Double, y0: Double, x1: Double, y1: Double, level: Int) {
      self.x0 = x0
      self.y0 = y0
      self.x1 = x1
      self.y1 = y1
      self.level = level
    }
  }

  /// The isoline `value == level` as segments in data coordinates (x = w, y = b).
  public static func segments(_ grid: Grid2D, level: Double) -> [(
    x0: Double, y0: Double, x1: Double, y1: Double
  )] {
    let sx = (grid.xRange.upperBound - grid.xRange.lowerBound) / Double(grid.columns - 1)
    let sy = (grid.yRange.upperBound - grid.yRange.lowerBound) / Double(grid.rows - 1)
    let ox = grid.xRange.lowerBound
    let oy = grid.yRange.lowerBound
    return indexSegments(grid, levels: [level]).map {
      (ox + $0.x0 * sx, oy + $0.y0 * sy, ox + $0.x1 * sx, oy + $0.y1 * sy)
    }
  }

  /// The band of every grid value: how many of the (ascending) `levels` are ≤ it; −1 when not finite.
  public static func bands(_ grid: Grid2D, levels: [Double]) -> [Int8] {
    var out = [Int8](repeating: 0, count: grid.values.count)
    grid.values.withUnsafeBufferPointer { vals in
      levels.withUnsafeBufferPointer { lv in
        out.withUnsafeMutableBufferPointer { o in
          bands(vals.baseAddress!, count: vals.count, levels: lv, into: o.baseAddress!)
        }
      }
    }
    return out
  }

  /// The bands of `count` values from `values` into `out` (as `bands(_:levels:)`).
  @inline(__always)
  private static func bands(
    _ vals: UnsafePointer<Double>, count: Int, levels lv: UnsafeBufferPointer<Double>,
    into o: UnsafeMutablePointer<Int8>
  ) {
    let n = lv.count
    var band = 0  // band of the previous value: neighbours usually share it
    for k in 0..<count {
      let v = vals[k]
      guard v.isFinite else {
        o[k] = -1
        continue
      }
      if (band == 0 || lv[band - 1] <= v) && (band == n || v < lv[band]) {
        o[k] = Int8(truncatingIfNeeded: min(band, 127))
        continue
      }
      var lo = 0
      var hi = n
      while lo < hi {
        let mid = (lo + hi) >> 1
        if lv[mid] <= v { lo = mid + 1 } else { hi = mid }
      }
      band = lo
      o[k] = Int8(truncatingIfNeeded: min(lo, 127))
    }
  }

  /// All isolines for ascending `levels`, in grid-index coordinates. Cells whose four corners lie
  /// in one band are skipped, so the cost is one pass over the grid plus the segments found.
  /// Cells with a non-finite corner produce nothing.
  public static func indexSegments(_ grid: Grid2D, levels: [Double]) -> [Segment] {
    var out: [Segment] = []
    forEachIndexSegment(grid, levels: levels) { out.append($0) }
    return out
  }

  /// Calls `body` with each segment `indexSegments(_:levels:)` returns, in the same order, without
  /// collecting them: a map drawn once needs no array of thousands of segments, nor the grid's bands
  /// (two rows of them are kept, on the stack).
  public static func forEachIndexSegment(
    _ grid: Grid2D, levels: [Double], _ body: (Segment) -> Void
  ) {
    let sorted = levels.sorted()
    guard !sorted.isEmpty else { return }
    let cols = grid.columns
    guard grid.rows >= 2, cols >= 2 else { return }
    withUnsafeTemporaryAllocation(of: Int8.self, capacity: 2 * cols) { rowBands in
      sorted.withUnsafeBufferPointer { lv in
        grid.values.withUnsafeBufferPointer { v in
          let base = rowBands.baseAddress!
          var below = base  // bands of row j
          var above = base + cols  // bands of row j + 1
          bands(v.baseAddress!, count: cols, levels: lv, into: below)
          for j in 0..<(grid.rows - 1) {
            let r0 = j * cols
            let r1 = r0 + cols
            bands(v.baseAddress! + r1, count: cols, levels: lv, into: above)
            var i = 0
            while i < cols - 1 {
              // Eight cells at once where both rows hold one band from i through i + 8 (most of a
              // map lies inside a band): their corners are all equal, so they give nothing.
              if i + 9 <= cols {
                let b0 = UnsafeRawPointer(below + i).loadUnaligned(as: UInt64.self)
                let b1 = UnsafeRawPointer(below + i + 1).loadUnaligned(as: UInt64.self)
                let a0 = UnsafeRawPointer(above + i).loadUnaligned(as: UInt64.self)
                let a1 = UnsafeRawPointer(above + i + 1).loadUnaligned(as: UInt64.self)
                if b0 == b1 && a0 == a1 && b0 == a0 {
                  i += 8
                  continue
                }
              }
              defer { i += 1 }
              // corners: a = (i, j), b = (i+1, j), c = (i+1, j+1), d = (i, j+1)
              let ba = below[i]
              let bb = below[i + 1]
              let bc = above[i + 1]
              let bd = above[i]
              if ba == bb && bb == bc && bc == bd { continue }
              if ba < 0 || bb < 0 || bc < 0 || bd < 0 { continue }
              let lo = Int(min(min(ba, bb), min(bc, bd)))
              let hi = Int(max(max(ba, bb), max(bc, bd)))
              let va = v[r0 + i]
              let vb = v[r0 + i + 1]
              let vc = v[r1 + i + 1]
              let vd = v[r1 + i]
              // Levels crossed are sorted[lo] ..< sorted[hi].
              for l in lo..<hi {
                cell(Double(i), Double(j), va, vb, vc, vd, level: lv[l], index: l, body)
              }
            }
            swap(&below, &above)
          }
        }
      }
    }
  }

  @inline(__always)
  private static func cell(
    _ x: Double, _ y: Double, _ va: Double, _ vb: Double, _ vc: Double, _ vd: Double,
    level: Double, index: Int, _ body: (Segment) -> Void
  ) {
    // Corner is "above" when its value is ≥ level (matches bands: level ≤ v).
    let code =
      (va >= level ? 1 : 0) | (vb >= level ? 2 : 0) | (vc >= level ? 4 : 0) | (vd >= level ? 8 : 0)
    if code == 0 || code == 15 { return }
    @inline(__always) func t(_ p: Double, _ q: Double) -> Double {
      let d = q - p
      return d == 0 ? 0.5 : min(max((level - p) / d, 0), 1)
    }
    // Edge points: bottom (a→b), right (b→c), top (d→c), left (a→d).
    let bottom = (x + t(va, vb), y)
    let right = (x + 1, y + t(vb, vc))
    let top = (x + t(vd, vc), y + 1)
    let left = (x, y + t(va, vd))
    @inline(__always) func add(_ p: (Double, Double), _ q: (Double, Double)) {
      body(Segment(x0: p.0, y0: p.1, x1: q.0, y1: q.1, level: index))
    }
    switch code {
    case 1, 14: add(left, bottom)
    case 2, 13: add(bottom, right)
    case 3, 12: add(left, right)
    case 4, 11: add(right, top)
    case 6, 9: add(bottom, top)
    case 7, 8: add(left, top)
    case 5, 10:
      // Saddle: decide by the centre value.
      let centre = (va + vb + vc + vd) / 4
      let centreAbove = centre >= level
      if (code == 5) == centreAbove {
        // a and c connected through the centre: cut off b and d.
        add(bottom, right)
        add(left, top)
      } else {
        add(left, bottom)
        add(right, top)
      }
    default: break
    }
  }

  /// Values `m·10ⁿ` (m in 1, 2, 5 steps) inside `range`, at most `maxCount` of them, evenly spaced
  /// by the smallest such step that keeps the count within `maxCount`. Empty when nothing fits.
  public static func niceValues(in range: ClosedRange<Double>, maxCount: Int) -> [Double] {
    var out: [Double] = []
    niceValues(in: range, maxCount: maxCount, into: &out)
    return out
  }

  /// `niceValues(in:maxCount:)` written into `out` (emptied first, its storage kept), so a plot
  /// drawn every frame finds its ticks without allocating.
  public static func niceValues(
    in range: ClosedRange<Double>, maxCount: Int, into out: inout [Double]
  ) {
    out.removeAll(keepingCapacity: true)
    let lo = range.lowerBound
    let hi = range.upperBound
    guard maxCount >= 1, lo.isFinite, hi.isFinite else { return }
    guard hi > lo, (hi - lo).isFinite else { return }
    let span = hi - lo
    var e = Int((span / Double(max(maxCount, 1))).magnitude.log10Floor) - 1
    while true {
      for m in [1, 2, 5] {
        let step = Double(m) * pow10(e)
        // A little slack so that 0.6 / 0.2 = 2.9999999999999996 still reaches 3; the exact
        // values are checked against the range below.
        let k0 = (lo / step - 1e-9).rounded(.up)
        let k1 = (hi / step + 1e-9).rounded(.down)
        if k1 - k0 + 1 <= Double(maxCount) {
          guard k1 >= k0 else { return }
          out.reserveCapacity(Int(k1 - k0) + 1)
          var k = k0
          while k <= k1 {
            let v = value(Int64(k) * Int64(m), exponent: e)
            // k came from a division; the exact decimal may land a rounding error outside.
            if v >= lo && v <= hi { out.append(v) }
            k += 1
          }
          return
        }
      }
      e += 1
      if e > 320 { return }
    }
  }

  /// `n·10ᵉ` computed so that decimal values come out as the nearest double (0.1·3 → 0.3, not 0.30000000000000004).
  public static func value(_ n: Int64, exponent e: Int) -> Double {
    e >= 0 ? Double(n) * pow10(e) : Double(n) / pow10(-e)
  }

  /// 10ⁿ for integer n.
  public static func pow10(_ n: Int) -> Double {
    var r = 1.0
    for _ in 0..<n.magnitude { r *= 10 }
    return n < 0 ? 1 / r : r
  }

  /// Contour levels for values spanning `range`: about `count` of them. Log-spaced (1, 2, 5 × 10ⁿ)
  /// when the range is non-negative and spans two decades or more — a loss bowl then shows rings
  /// near its minimum too — otherwise evenly spaced nice values strictly inside the range.
  public static func levels(for range: ClosedRange<Double>, count: Int) -> [Double] {
    let lo = range.lowerBound
    let hi = range.upperBound
    guard count >= 1, lo.isFinite, hi.isFinite, hi > lo else { return [] }
    if lo >= 0, hi > 0, lo == 0 || hi / lo >= 100 {
      // Candidates 1, 2, 5 × 10ⁿ strictly inside (lo, hi), taken from the top down.
      var out: [Double] = []
      var e = Int(hi.log10Floor)
      outer: while out.count < count {
        for m in [5, 2, 1] {
          let v = value(Int64(m), exponent: e)
          if v < hi && v > lo {
            out.append(v)
            if out.count == count { break outer }
          }
          if v <= lo { break outer }
        }
        e -= 1
        if e < -300 { break }
      }
      return out.reversed()
    }
    var v = niceValues(in: lo...hi, maxCount: count + 2)
    v.removeAll { $0 <= lo || $0 >= hi }
    return v
  }
}

extension Double {
  /// ⌊log₁₀ |self|⌋ for finite non-zero values, exact at powers of ten; 0 for zero.
  fileprivate var log10Floor: Double {
    let a = self.magnitude
    guard a > 0, a.isFinite else { return 0 }
    var e = 0
    var p = 1.0
    if a >= 1 {
      while p * 10 <= a {
        p *= 10
        e += 1
      }
    } else {
      while p > a {
        p /= 10
        e -= 1
      }
      // p ≤ a now; guard against rounding of p.
      if ContourLines.pow10(e + 1) <= a { e += 1 }
    }
    return Double(e)
  }
}
