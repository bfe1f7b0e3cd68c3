/// A surface's points in the units of its rows (one row step is 1), taken once per surface so that a column's pass
/// over the points is a multiply, a subtraction and a rounding each.
///
/// At slope w a point sits at t = u − w·v, with u = (y − b0)/step − ½ − mid and v = x/step: that is
/// (c − b0)/step − ½ − mid for c = y − w·x. Rounded to the nearest integer, t + ½ + mid gives floor((c − b0)/step),
/// the point's bin among the rows (as ``LineFitObjective/Binning`` counts them); and the point's distance to row j
/// is step·(t − τ_j) with τ_j = (b_j − b0)/step − ½ − mid. `mid`, the middle row, keeps t small, so sums of t and t²
/// lose little to rounding. Rounding in u − w·v moves a point by far less than a unit; only a point that close to
/// a threshold can land on its other side, where its distance to the row is next to nothing.
struct RowUnits: Sendable {
  let b0: Double
  let step: Double
  let inverse: Double
  /// The middle row's index (an integer).
  let mid: Double
  let u: [Double]
  let v: [Double]

  /// Nil-free: `bs` has at least two rows (evenly spaced and increasing where the binning uses it).
  init(_ data: LineData, bs: [Double]) {
    let rows = bs.count
    b0 = bs[0]
    step = (bs[rows - 1] - bs[0]) / Double(rows - 1)
    inverse = 1 / step
    mid = Double((rows - 1) / 2)
    let n = min(data.x.count, data.y.count)
    let (b0, inverse, lift) = (b0, inverse, 0.5 + mid)
    u = data.y.prefix(n).map { ($0 - b0) * inverse - lift }
    v = data.x.prefix(n).map { $0 * inverse }
  }

  /// Whether these units are the ones of rows `bs`.
  func matches(_ bs: [Double]) -> Bool {
    bs.count >= 2 && bs[0] == b0 && (bs[bs.count - 1] - bs[0]) / Double(bs.count - 1) == step
  }

  /// Row j's τ_j.
  @inline(__always) func tau(_ b: Double) -> Double { (b - b0) * inverse - (0.5 + mid) }
}

extension LineFitObjective {
  /// ``absoluteColumn(w:bs:above:below:)`` for unclamped bins, in row units: a point is one multiply-subtract, one
  /// rounding (adding 1.5·2⁵² + base + mid puts t rounded, offset to its bin, in the low bits) and one histogram
  /// update of (1, t).
  func absoluteColumn(
    w: Double, bs: [Double], units: RowUnits, binning: Binning, above: Double, below: Double
  ) -> [Double] {
    let count = units.u.count
    let rows = bs.count
    let n = stats.n
    let bins = binning.count
    // Bin of t: round(t) + base + mid, exactly (the constant is an integer below 2⁵¹ away from 1.5·2⁵²).
    let lift = Binning.magic + (binning.base + units.mid)
    // Per bin: (count, Σt), twice: even points in one copy and odd in the other, so two points landing in the same
    // bin do not wait for each other's store.
    var hist = [SIMD2<Double>](repeating: .zero, count: 2 * bins)
    hist.withUnsafeMutableBufferPointer { h in
      units.u.withUnsafeBufferPointer { us in
        units.v.withUnsafeBufferPointer { vs in
          let (u, v) = (UnsafeRawPointer(us.baseAddress!), UnsafeRawPointer(vs.baseAddress!))
          let bytes = UnsafeMutableRawPointer(h.baseAddress!)
          let wv = SIMD4(repeating: w)
          let liftV = SIMD4(repeating: lift)
          // A point's byte offset in `hist`: 32 per bin, +16 for odd points, from the rounded bits in one vector
          // shift and add (wrapping: the 1.5·2⁵² bits shifted out cancel).
          let magicBits = Int64(bitPattern: Binning.magicBits) &<< 5
          let parity = SIMD4<Int64>(0, 16, 0, 16) &- SIMD4(repeating: magicBits)
          let whole = count & ~3
          var i = 0
          while i < whole {
            let t =
              u.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self) - wv
              * v.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self)
            let k = (unsafeBitCast(t + liftV, to: SIMD4<Int64>.self) &<< 5) &+ parity
            for lane in 0..<4 {
              let at = bytes + Int(truncatingIfNeeded: k[lane])
              at.storeBytes(
                of: at.load(as: SIMD2<Double>.self) + SIMD2(1, t[lane]), as: SIMD2<Double>.self)
            }
            i &+= 4
          }
          while i < count {
            let t = us[i] - w * vs[i]
            let k = Int(truncatingIfNeeded: (t + lift).bitPattern &- Binning.magicBits)
            h[2 &* k] += SIMD2(1, t)
            i += 1
          }
        }
      }
    }
    return Self.absoluteReadOff(
      hist, first: binning.first, rows: rows, n: n, above: above, below: below, scale: units.step
    ) { units.tau(bs[$0]) }
  }

  /// ``huberColumn(w:bs:)`` for unclamped bins, in row units: a point's two bins (among the b − δ and the b + δ)
  /// are two roundings of t ± δ/step, and its update (1, t, t²) goes to their sum, the merged bin.
  func huberColumn(w: Double, bs: [Double], units: RowUnits, binning: Binning) -> [Double] {
    let count = units.u.count
    let rows = bs.count
    let offset = delta * units.inverse
    let lift = Binning.magic + (binning.base + units.mid)
    let bins = 2 * binning.count - 1
    // Per merged bin: (count, Σt) as one pair and Σt² beside it (two stores a point).
    var pairs = [SIMD2<Double>](repeating: .zero, count: bins)
    var squares = [Double](repeating: 0, count: bins)
    pairs.withUnsafeMutableBufferPointer { h in
      squares.withUnsafeMutableBufferPointer { sq in
        units.u.withUnsafeBufferPointer { us in
          units.v.withUnsafeBufferPointer { vs in
            let (u, v) = (UnsafeRawPointer(us.baseAddress!), UnsafeRawPointer(vs.baseAddress!))
            let (h, sq) = (h.baseAddress!, sq.baseAddress!)
            let wv = SIMD4(repeating: w)
            let (liftV, offsetV) = (SIMD4(repeating: lift), SIMD4(repeating: offset))
            let magicBits = SIMD4(repeating: Int64(bitPattern: Binning.magicBits))
            let whole = count & ~3
            var i = 0
            while i < whole {
              let t =
                u.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self) - wv
                * v.loadUnaligned(fromByteOffset: 8 &* i, as: SIMD4<Double>.self)
              let k =
                (unsafeBitCast((t + offsetV) + liftV, to: SIMD4<Int64>.self) &- magicBits)
                &+ (unsafeBitCast((t - offsetV) + liftV, to: SIMD4<Int64>.self) &- magicBits)
              let q = t * t
              for lane in 0..<4 {
                let m = Int(k[lane])
                h[m] += SIMD2(1, t[lane])
                sq[m] += q[lane]
              }
              i &+= 4
            }
            while i < count {
              let t = us[i] - w * vs[i]
              let m =
                Int(truncatingIfNeeded: ((t + offset) + lift).bitPattern &- Binning.magicBits)
                &+ Int(truncatingIfNeeded: ((t - offset) + lift).bitPattern &- Binning.magicBits)
              h[m] += SIMD2(1, t)
              sq[m] += t * t
              i += 1
            }
          }
        }
      }
    }
    return pairs.withUnsafeBufferPointer { h in
      squares.withUnsafeBufferPointer { sq in
        let (h, sq) = (h.baseAddress!, sq.baseAddress!)
        return huberRows(
          bins: bins, binning: binning, rows: rows, delta: offset,
          scale: units.step * units.step, at: { units.tau(bs[$0]) }, pair: { h[$0] },
          square: { sq[$0] })
      }
    }
  }
}
