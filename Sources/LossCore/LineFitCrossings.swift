/// The weighted absolute surface (MAE, quantile) by threshold crossings: instead of placing every point among the
/// rows once per column, each point is placed once, and then only the columns where it crosses a row are visited.
///
/// In the units of the rows (one row step is 1), a point sits at z = a − w·v at slope w, with a = (y − b0)/step and
/// v = x/step, and lies below row j (c < b_j) when z < j. As w grows, z moves one way (v > 0: down, v < 0: up), so
/// the point crosses each row between its places at the first and the last column once at most, at the column
/// where w passes (a − j)/v. A cell (w_i, b_j) needs, over the points below row j at w_i, their count and the sum of
/// their z; the sum is kept as Σt′ − (w_i − w_c)·Σv with t′ the point's place at the middle slope w_c, so that a
/// crossing adds (±1, ±t′, ±v) to one (row, column) cell of a table, and a sweep along each row adds them up.
///
/// A point moves about |v|·(w range) rows over the surface, fewer than the columns (the rows are as fine as the
/// columns and most points move less than the window's height): on the tutorial data about 0.4 crossings per
/// column and point, each cheaper than placing the point again. A crossing's column comes from w = (a − j)/v in
/// floating point, so a point within about 1e-12 of a row (in rows) may be counted on the other side of it at one
/// column; its distance to the row, and so the change in the cell, is next to nothing.
struct AbsoluteCrossings {
  /// Per point: the rows it crosses (`low..<high`, clamped to the rows) and the sign of its crossings (+1: it comes
  /// below them, −1: it leaves them), packed as (low, high, sign, 0).
  private let span: [SIMD4<Int32>]
  /// Per point: its crossing column at row j is `start` − j·`slope`, rounded (+½ folded into `start`).
  private let line: [SIMD2<Double>]
  /// ±(t′, v): what a crossing adds to the row's sums.
  private let delta: [SIMD2<Double>]
  /// Per slot s (0…rows): the points below rows s… at the first column (count, and Σt′, Σv), so that the points
  /// below row j at the first column are slots 0…j added up.
  private let firstCount: [Int]
  private let firstSums: [SIMD2<Double>]
  /// Per row, the crossings in it (for splitting the rows into parts of equal work).
  private let crossings: [Int]
  /// Over all points: Σt′ and Σv.
  private let total: SIMD2<Double>
  let n: Int

  /// Points are set up in chunks of this many (on all cores), whose sums are added in order.
  static let chunk = 2048

  /// Nil when the crossings do not apply (fewer than two columns or rows, rows not evenly increasing, a single w).
  init?(_ data: LineData, ws: [Double], bs: [Double], parallel: Bool) {
    let columns = ws.count
    let rows = bs.count
    let n = min(data.x.count, data.y.count)
    self.n = n
    guard columns >= 2, rows >= 2, n > 0 else { return nil }
    let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
    let dw = (ws[columns - 1] - ws[0]) / Double(columns - 1)
    guard step > 0, step.isFinite, dw > 0, dw.isFinite else { return nil }
    let chunks = (n + Self.chunk - 1) / Self.chunk
    var span = [SIMD4<Int32>](repeating: .zero, count: n)
    var line = [SIMD2<Double>](repeating: .zero, count: n)
    var delta = [SIMD2<Double>](repeating: .zero, count: n)
    // Per chunk: count and sums per slot, and the crossings per row as differences (rows + 1 each).
    var counts = [Int](repeating: 0, count: chunks * (rows + 1))
    var sums = [SIMD2<Double>](repeating: .zero, count: chunks * (rows + 1))
    var changes = [Int](repeating: 0, count: chunks * (rows + 1))
    var totals = [SIMD2<Double>](repeating: .zero, count: chunks)
    let setup = Setup(ws: ws, bs: bs)
    data.x.withUnsafeBufferPointer { xs in
      data.y.withUnsafeBufferPointer { ys in
        span.withUnsafeMutableBufferPointer { sp in
          line.withUnsafeMutableBufferPointer { li in
            delta.withUnsafeMutableBufferPointer { de in
              counts.withUnsafeMutableBufferPointer { co in
                sums.withUnsafeMutableBufferPointer { su in
                  changes.withUnsafeMutableBufferPointer { ch in
                    totals.withUnsafeMutableBufferPointer { to in
                      nonisolated(unsafe) let out = (
                        sp.baseAddress!, li.baseAddress!, de.baseAddress!, co.baseAddress!,
                        su.baseAddress!, ch.baseAddress!, to.baseAddress!
                      )
                      nonisolated(unsafe) let input = (xs.baseAddress!, ys.baseAddress!)
                      Parallel.forEach(chunks, parallel: parallel) { k in
                        let range = (k * Self.chunk)..<Swift.min(n, (k + 1) * Self.chunk)
                        let at = k * (rows + 1)
                        out.6[k] = setup.points(
                          range, x: input.0, y: input.1, span: out.0, line: out.1, delta: out.2,
                          counts: out.3 + at, sums: out.4 + at, changes: out.5 + at)
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    // The chunks' sums, added in order; differences over the rows to counts per row.
    var firstCount = [Int](repeating: 0, count: rows + 1)
    var firstSums = [SIMD2<Double>](repeating: .zero, count: rows + 1)
    var crossings = [Int](repeating: 0, count: rows + 1)
    var total = SIMD2<Double>()
    for k in 0..<chunks {
      let at = k * (rows + 1)
      for s in 0...rows {
        firstCount[s] += counts[at + s]
        firstSums[s] += sums[at + s]
        crossings[s] += changes[at + s]
      }
      total += totals[k]
    }
    var running = 0
    for j in 0...rows {
      running += crossings[j]
      crossings[j] = running
    }
    self.span = span
    self.line = line
    self.delta = delta
    self.firstCount = firstCount
    self.firstSums = firstSums
    self.crossings = crossings
    self.total = total
  }

  /// What setting up a point needs from the rows and columns.
  private struct Setup: Sendable {
    let b0: Double
    let inverse: Double
    let w0: Double
    let w1: Double
    let wc: Double
    let lift: Double
    let top: Double
    let perColumn: Double
    let offset: Double

    init(ws: [Double], bs: [Double]) {
      let rows = bs.count
      let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
      let dw = (ws[ws.count - 1] - ws[0]) / Double(ws.count - 1)
      b0 = bs[0]
      inverse = 1 / step
      (w0, w1) = (ws[0], ws[ws.count - 1])
      wc = 0.5 * (w0 + w1)
      lift = 0.5 + Double((rows - 1) / 2)
      top = Double(rows - 1)
      perColumn = 1 / dw
      offset = 0.5 - w0 * perColumn
    }

    /// floor(z) kept in −1…top (NaN to −1): the row just below z (−1: below every row; top: above them all).
    @inline(__always) func row(_ z: Double) -> Int {
      var z = z > -0.5 ? z : -0.5
      z = z < top + 0.5 ? z : top + 0.5
      // Rounding z − ½ by adding 1.5·2⁵² leaves floor(z) in the low bits (either side where z is a whole row, where
      // the point's distance to the row is 0).
      return Int(
        truncatingIfNeeded: ((z - 0.5) + LineFitObjective.Binning.magic).bitPattern
          &- LineFitObjective.Binning.magicBits)
    }

    /// Sets up points `range`: their spans, lines and deltas, and the chunk's slots, crossings per row (as
    /// differences) and total (returned).
    func points(
      _ range: Range<Int>, x: UnsafePointer<Double>, y: UnsafePointer<Double>,
      span: UnsafeMutablePointer<SIMD4<Int32>>, line: UnsafeMutablePointer<SIMD2<Double>>,
      delta: UnsafeMutablePointer<SIMD2<Double>>, counts: UnsafeMutablePointer<Int>,
      sums: UnsafeMutablePointer<SIMD2<Double>>, changes: UnsafeMutablePointer<Int>
    ) -> SIMD2<Double> {
      var total = SIMD2<Double>()
      for p in range {
        let a = (y[p] - b0) * inverse
        let v = x[p] * inverse
        let l0 = row(a - w0 * v)
        let l1 = row(a - w1 * v)
        let tv = SIMD2(a - wc * v - lift, v)
        total += tv
        counts[l0 &+ 1] &+= 1
        sums[l0 &+ 1] += tv
        let (from, to) = l0 < l1 ? (l0, l1) : (l1, l0)
        let s = l1 < l0 ? 1 : (l1 > l0 ? -1 : 0)
        span[p] = SIMD4(
          Int32(truncatingIfNeeded: from &+ 1), Int32(truncatingIfNeeded: to &+ 1), Int32(s), 0)
        delta[p] = Double(s) * tv
        // Row j is crossed where w = (a − j)/v, at column (a − j)/(v·dw) − w0/dw: the first column at or past it is
        // that rounded up, or start − j·slope rounded (a point that never crosses is never read).
        let slope = perColumn / v
        line[p] = SIMD2(a * slope + offset, slope)
        changes[from &+ 1] &+= 1
        changes[to &+ 1] &-= 1
      }
      return total
    }
  }

  /// The surface, row-major: `above`·(c − b) for points with c ≥ b plus `below`·(b − c) for c < b, averaged, at
  /// every (ws[i], bs[j]). The rows are split into parts of about equal work, run on all cores (`parallel`) or in
  /// order; each row's sums are added in the same order either way, so the values are the same bits.
  func surface(ws: [Double], bs: [Double], above: Double, below: Double, parallel: Bool)
    -> [Double]
  {
    let columns = ws.count
    let rows = bs.count
    let step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
    let (b0, inverse, lift) = (bs[0], 1 / step, 0.5 + Double((rows - 1) / 2))
    let wc = 0.5 * (ws[0] + ws[columns - 1])
    // Parts of about equal work: a row costs its crossings and a sweep over the columns.
    let parts = 4
    let bounds = { () -> [Int] in
      var bounds = [0]
      let work = crossings.prefix(rows).reduce(0, +) + rows * columns
      var done = 0
      for j in 0..<rows {
        done += crossings[j] + columns
        if bounds.count < parts, done * parts >= work * bounds.count { bounds.append(j + 1) }
      }
      while bounds.count <= parts { bounds.append(rows) }
      bounds[parts] = rows
      return bounds
    }()
    let n = Double(self.n)
    let total = self.total
    // Per column: w_i − w_c, and Σ over all points of t at w_i.
    let shifts = ws.map { $0 - wc }
    let all = shifts.map { total[0] - $0 * total[1] }
    let taus = bs.map { ($0 - b0) * inverse - lift }
    return [Double](unsafeUninitializedCapacity: rows * columns) { out, initialized in
      nonisolated(unsafe) let result = out.baseAddress!
      Parallel.forEach(parts, parallel: parallel) { part in
        let (r0, r1) = (bounds[part], bounds[part + 1])
        guard r0 < r1 else { return }
        self.fill(rows: r0..<r1, columns: columns, into: result) { row, count, sums, out in
          let tau = taus[row]
          for i in 0..<columns {
            // Σ over the points below of t at w_i.
            let s = sums[i][0] - shifts[i] * sums[i][1]
            let c = count[i]
            out[i] = step * (below * (c * tau - s) + above * ((all[i] - s) - (n - c) * tau)) / n
          }
        }
      }
      initialized = rows * columns
    }
  }

  /// Rows `part` of the surface: the crossings into a table (row-major, one cell per column), then each row swept
  /// from the points below it at the first column, and `cells` told the row's counts and sums per column.
  private func fill(
    rows part: Range<Int>, columns: Int, into out: UnsafeMutablePointer<Double>,
    cells: (Int, UnsafePointer<Double>, UnsafePointer<SIMD2<Double>>, UnsafeMutablePointer<Double>)
      -> Void
  ) {
    let height = part.count
    var counts = [Int32](repeating: 0, count: height * columns)
    var sums = [SIMD2<Double>](repeating: .zero, count: height * columns)
    let (r0, r1) = (Int32(part.lowerBound), Int32(part.upperBound))
    let last = Double(columns - 1)
    let width = Double(columns)
    let (magic, magicBits) = (LineFitObjective.Binning.magic, LineFitObjective.Binning.magicBits)
    counts.withUnsafeMutableBufferPointer { cs in
      sums.withUnsafeMutableBufferPointer { ss in
        let (cs, ss) = (cs.baseAddress!, ss.baseAddress!)
        span.withUnsafeBufferPointer { spans in
          line.withUnsafeBufferPointer { lines in
            delta.withUnsafeBufferPointer { deltas in
              for p in 0..<n {
                let sp = spans[p]
                let from = Swift.max(sp[0], r0)
                let to = Swift.min(sp[1], r1)
                guard from < to else { continue }
                let (x, y) = (lines[p][0], lines[p][1])
                let s = sp[2]
                let d = deltas[p]
                let (j0, j1) = (Double(from), Double(to - 1))
                let (first, final) = (x - j0 * y, x - j1 * y)
                if first >= 1, first <= last, final >= 1, final <= last {
                  // Every crossing's column is in 1…columns − 1 (they move one way with j): the cell's index
                  // (j − r0)·columns + column, rounded, in one rounding.
                  let origin = x - Double(r0) * width
                  let rise = width - y
                  var j = j0
                  var left = to &- from
                  repeat {
                    let k = Int(
                      truncatingIfNeeded: ((origin + j * rise) + magic).bitPattern &- magicBits)
                    cs[k] &+= s
                    ss[k] += d
                    j += 1
                    left &-= 1
                  } while left > 0
                } else {
                  // Near the ends (or NaN, from a point so near x = 0 that its slope overflows): each column kept in
                  // 1…columns − 1, NaN to 1.
                  var row = Int(from - r0) &* columns
                  var j = j0
                  for _ in from..<to {
                    var column = x - j * y
                    column = column > 1 ? column : 1
                    column = column < last ? column : last
                    let k = row &+ Int(truncatingIfNeeded: (column + magic).bitPattern &- magicBits)
                    cs[k] &+= s
                    ss[k] += d
                    j += 1
                    row &+= columns
                  }
                }
              }
            }
          }
        }
      }
    }
    // The points below row r0 at the first column: slots 0…r0 added in order (the same additions for any split of
    // the rows), then each row's slot on top.
    var count = 0
    var below = SIMD2<Double>()
    for slot in 0...part.lowerBound {
      count += firstCount[slot]
      below += firstSums[slot]
    }
    var rowCount = [Double](repeating: 0, count: columns)
    var rowSums = [SIMD2<Double>](repeating: .zero, count: columns)
    rowCount.withUnsafeMutableBufferPointer { rc in
      rowSums.withUnsafeMutableBufferPointer { rs in
        counts.withUnsafeBufferPointer { cs in
          sums.withUnsafeBufferPointer { ss in
            let (rc, rs, cs, ss) = (
              rc.baseAddress!, rs.baseAddress!, cs.baseAddress!, ss.baseAddress!
            )
            for j in part {
              if j > part.lowerBound {
                count += firstCount[j]
                below += firstSums[j]
              }
              var c = count
              var s = below
              let at = (j - part.lowerBound) * columns
              for i in 0..<columns {
                c &+= Int(cs[at &+ i])
                s += ss[at &+ i]
                rc[i] = Double(c)
                rs[i] = s
              }
              cells(j, rc, rs, out + j * columns)
            }
          }
        }
      }
    }
  }
}

extension LineFitObjective {
  /// The weighted absolute surface by crossings (``AbsoluteCrossings``), or nil where the columns are better: rows
  /// or columns not evenly spaced, or data whose far points make the column kernels clamp their bins (those keep
  /// the clamped kernels).
  func absoluteSurface(ws: [Double], bs: [Double], above: Double, below: Double, parallel: Bool)
    -> [Double]?
  {
    guard ws.count >= 2, bs.count >= 2 else { return nil }
    let extent = dataExtent
    let limit = binLimit(min(data.x.count, data.y.count), bs.count)
    for w in [ws[0], ws[ws.count - 1]] {
      guard let binning = Binning(bs, w: w, extent: extent, limit: limit), !binning.clamped else {
        return nil
      }
    }
    guard let crossings = AbsoluteCrossings(data, ws: ws, bs: bs, parallel: parallel) else {
      return nil
    }
    return crossings.surface(ws: ws, bs: bs, above: above, below: below, parallel: parallel)
  }
}
