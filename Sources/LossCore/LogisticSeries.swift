#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The saturated ends of MSE on σ and of focal cross-entropy, summed by power series in e = e^{−|z|}.
///
/// Far from the boundary (|z| ≥ T) each point's loss is a power series in e = e^{−|z|} ≤ e^{−T}: for example
/// σ(z)² = Σₖ (−1)ᵏ(k + 1)·e^{k+2} for z ≤ −T. With e = e^{w·(x − c)}·e^{b′}, the sum over a run of points of
/// e^{p} is e^{p·b′}·Σ e^{p·w·(x − c)}, and the inner sums depend only on the column (w): they are prefix sums,
/// along the points sorted by w·(x − c), of the powers of e^{w·(x − c)}. A cell then costs O(K) (K terms of
/// the series) for all its saturated points, whatever their number, and only the points with |z| < T are
/// summed one by one. The series is cut where its terms fall below 1e-17 of the leading one, so the sums are
/// exact to rounding, like the per-point formulas.
struct SaturatedSeries: Sendable {
  /// One stretch of z: ℓ = Σₖ c[k]·e^{o+k} + z·Σₖ d[k]·e^{o+k} (d empty: no z term).
  struct Piece: Sendable {
    var c: [Double]
    var d: [Double] = []
  }

  /// One side (z ≤ −T, or z ≥ T) of one class: a power offset o shared by its pieces, the piece between T
  /// and the clip logit (`inner`) and the one beyond it (`outer`, used only where Keras clips).
  struct Side: Sendable {
    var offset: Double
    var inner: Piece
    var outer: Piece
  }

  /// Where the direct sums end: |z| < threshold is summed point by point.
  let threshold: Double
  /// |z| beyond which Keras clips p (the focal loss); +∞ for MSE.
  let clip: Double
  /// [class][0: z ≤ −T, 1: z ≥ T].
  let sides: [[Side]]
  /// The number of terms kept.
  let terms: Int
  /// Classes with fewer points are summed one by one: the series' fixed cost per cell (a few `exp` and 3K
  /// products) is more than the points cost.
  let minimumPoints: Int
  /// The loss whose points near the boundary are summed one by one.
  let near: Near
  /// Focal with a whole-number γ: the points near the boundary summed by Taylor blocks (`FocalTaylor`).
  let taylor: FocalTaylor?

  /// The losses with a series: what their points near the boundary cost.
  enum Near: Sendable {
    /// MSE on σ: (σ − y)².
    case sigmoidSquared
    /// Focal cross-entropy with the settings' γ.
    case focal
  }

  /// The series of a surface that has one (MSE on σ or focal, with `config`'s γ), or nil.
  init?(_ surface: ClassificationSurface, config: LossConfig) {
    guard case .saturated(let near) = surface.kind else { return nil }
    let gamma = config.gamma
    switch near {
    case .sigmoidSquared:
      // σ² and (1 − σ)² are (e/(1 + e))² or (1/(1 + e))²: Σ (−1)ᵏ(k + 1)·eᵏ, times e² for the near side.
      let t = 2.0
      let k = Self.termCount(threshold: t) { k in Double(k + 1) }
      let c = SaturatedSeries.binomialSeries(gamma: 2, count: k)  // (1 + e)^{−2}: (−1)ᵏ(k + 1)
      let near = Side(offset: 2, inner: Piece(c: c), outer: Piece(c: c))
      let far = Side(offset: 0, inner: Piece(c: c), outer: Piece(c: c))
      // Class 0 pays σ²: e/(1 + e) below 0 (near), 1/(1 + e) above; class 1 the other way round.
      self.init(
        threshold: t, clip: .infinity, sides: [[near, far], [far, near]], terms: k,
        minimumPoints: 400, near: .sigmoidSquared, taylor: nil)
    case .focal:
      // With s = t·z, pₜ = σ(s), m = 1 − pₜ. Correct side (s ≥ T, e = e^{−s}): m = e/(1 + e), −log pₜ = log(1 + e),
      // so ℓ = e^γ·(1 + e)^{−γ}·log(1 + e). Wrong side (s ≤ −T, e = e^{s}): m = 1/(1 + e), −log pₜ = log(1 + e) − s,
      // so ℓ = (1 + e)^{−γ}·(log(1 + e) − s). Beyond the clip Keras's BCE is a constant B: ℓ = B·m^γ.
      // With Taylor blocks the points near the boundary are cheap, so the series starts further out, where it
      // needs half the terms.
      let taylor = FocalTaylor(gamma: gamma)
      let t = taylor == nil ? 1.0 : 2.0
      var k = 8
      var binomial: [Double] = []
      var withLog: [Double] = []
      while true {
        binomial = Self.binomialSeries(gamma: gamma, count: k)
        withLog = Self.timesLog1p(binomial)
        let tail = max(abs(binomial[k - 1]), abs(withLog[k - 1])) * exp(-t * Double(k - 1))
        if tail * 20 < 1e-17 || k >= 200 { break }
        k += 8
      }
      let clip = log((1 - kerasEpsilon) / kerasEpsilon)
      let correctClipped = Self.clippedBCE.correct
      let wrongClipped1 = Self.clippedBCE.wrong1
      let wrongClipped0 = Self.clippedBCE.wrong0
      func correct() -> Side {
        Side(
          offset: gamma, inner: Piece(c: withLog),
          outer: Piece(c: binomial.map { $0 * correctClipped }))
      }
      func wrong(_ t: Double, clipped: Double) -> Side {
        // −s·Σ bₖeᵏ = −t·z·Σ bₖeᵏ.
        Side(
          offset: 0, inner: Piece(c: withLog, d: binomial.map { -t * $0 }),
          outer: Piece(c: binomial.map { $0 * clipped }))
      }
      self.init(
        threshold: t, clip: clip,
        sides: [
          [correct(), wrong(-1, clipped: wrongClipped0)],
          [wrong(1, clipped: wrongClipped1), correct()],
        ],
        terms: k, minimumPoints: 40, near: .focal, taylor: taylor)
    }
  }

  private init(
    threshold: Double, clip: Double, sides: [[Side]], terms: Int, minimumPoints: Int, near: Near,
    taylor: FocalTaylor?
  ) {
    (self.threshold, self.clip, self.sides, self.terms) = (threshold, clip, sides, terms)
    (self.minimumPoints, self.near, self.taylor) = (minimumPoints, near, taylor)
  }

  /// Keras's BCE where it clips p: on the right side −log(1 − ε); on the wrong side −log ε for class 1 (p
  /// clipped up to ε) and −log(1 − (1 − ε)) for class 0 (p clipped down to 1 − ε, in Keras's arithmetic).
  static let clippedBCE = (
    correct: -log(1 - kerasEpsilon), wrong1: -log(kerasEpsilon),
    wrong0: -log(1 - (1 - kerasEpsilon))
  )

  /// The smallest K whose K-th term, |coefficient|·e^{−T·K}, is below 1e-17.
  private static func termCount(threshold t: Double, _ size: (Int) -> Double) -> Int {
    var k = 1
    while size(k) * exp(-t * Double(k)) >= 1e-17 { k += 1 }
    return k + 1
  }

  /// (1 + e)^{−γ} = Σ bₖeᵏ: b₀ = 1, bₖ = bₖ₋₁·(−(γ + k − 1)/k).
  static func binomialSeries(gamma: Double, count: Int) -> [Double] {
    var b = [1.0]
    for k in 1..<count { b.append(b[k - 1] * -(gamma + Double(k - 1)) / Double(k)) }
    return b
  }

  /// The series times log(1 + e) = Σ_{k ≥ 1} (−1)^{k+1} eᵏ/k.
  static func timesLog1p(_ b: [Double]) -> [Double] {
    (0..<b.count).map { k in
      var s = 0.0
      for j in stride(from: 1, through: k, by: 1) {
        s += (j % 2 == 1 ? 1 : -1) / Double(j) * b[k - j]
      }
      return s
    }
  }

  /// The largest |w·(x − c)| and |b′| the direct sums take: e^{±t} and e^{±b′} stay finite and normal.
  static let reach = 690.0
}

extension LogisticObjective {
  /// The column of MSE on σ or focal cross-entropy: saturated points by `SaturatedSeries`, the rest one by one.
  /// `shifted` holds b′ = b + w·c and `expB` e^{b′} for each row.
  func seriesColumn(
    _ series: SaturatedSeries, w: Double, bs: [Double], shifted: [Double], expB: [Double],
    taylorTable: FocalTaylor.Table?
  ) -> [Double] {
    let rows = bs.count
    var out = [Double](repeating: 0, count: rows)
    // Rows too far out for e^{±b′}: the per-point sum (exact, just slower).
    let rowFits = shifted.map { abs($0) < SaturatedSeries.reach }
    for c in 0..<2 {
      let k = sorted.classes[c]
      let m = k.count
      if m == 0 { continue }
      classSums(
        series, cls: c, t: k.rising(w), shifted: shifted, expB: expB, rowFits: rowFits,
        weight: classBalance(Double(c), config), taylorTable: taylorTable, into: &out)
    }
    let n = Double(data.count)
    for j in 0..<rows {
      out[j] = rowFits[j] ? out[j] / n : value(w: w, b: bs[j])
    }
    return out
  }

  /// Adds to `out[j]` the loss summed over the points of class `cls` (logits t[i] + b′ⱼ, t ascending), times
  /// the class's `weight` (focal's class balancing; 1 otherwise).
  private func classSums(
    _ series: SaturatedSeries, cls: Int, t: [Double], shifted: [Double], expB: [Double],
    rowFits: [Bool], weight: Double, taylorTable: FocalTaylor.Table?, into out: inout [Double]
  ) {
    let m = t.count
    let rows = shifted.count
    let few = m < series.minimumPoints
    let big = few ? .infinity : series.threshold
    let clip = few ? .infinity : series.clip
    // e^{t} for every point (e^{−t} is its reciprocal); the column guard keeps both finite.
    var up = [Double](repeating: 0, count: m)
    var down = [Double](repeating: 0, count: m)
    for i in 0..<m {
      up[i] = exp(t[i])
      down[i] = 1 / up[i]
    }
    func first(_ predicate: (Double) -> Bool) -> Int {
      var lo = 0
      var hi = m
      while lo < hi {
        let mid = (lo + hi) / 2
        if predicate(t[mid]) { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }
    // Per row: points [0, lowClip) have z < −clip, [lowClip, low) have z < −T, [low, high) are direct,
    // [high, highClip) have z > T, [highClip, m) z > clip; `zero` splits the direct ones at z = 0.
    var low = [Int](repeating: 0, count: rows)
    var lowClip = low
    var high = low
    var highClip = low
    var zero = low
    // Taylor blocks: the direct range of each row grows to whole blocks (by less than a block's width, so
    // the series still starts beyond T and the clip stays out of the blocks).
    let table = few ? nil : taylorTable
    let blocks = table.map { FocalTaylor.Blocks(t, shift: shifted[0], table: $0) }
    for j in 0..<rows {
      let b = shifted[j]
      zero[j] = first { $0 + b > 0 }
      if few {
        (low[j], high[j], highClip[j]) = (0, m, m)
        continue
      }
      low[j] = first { $0 + b >= -big }
      lowClip[j] = clip.isFinite ? first { $0 + b >= -clip } : 0
      high[j] = first { $0 + b > big }
      highClip[j] = clip.isFinite ? first { $0 + b > clip } : m
      if let blocks, low[j] < high[j] {
        low[j] = blocks.start[Int(blocks.blockOf[low[j]])]
        high[j] = blocks.start[Int(blocks.blockOf[high[j] - 1]) + 1]
      }
    }
    let sideLow = series.sides[cls][0]
    let sideHigh = series.sides[cls][1]
    let lowSums = sideSums(
      side: sideLow, t: t, up: up, down: down, shifted: shifted, terms: series.terms,
      boundaries: [lowClip, low], ascending: true)
    let highSums = sideSums(
      side: sideHigh, t: t, up: up, down: down, shifted: shifted, terms: series.terms,
      boundaries: [highClip, high], ascending: false)
    let isOne = cls == 1
    let clipped = SaturatedSeries.clippedBCE
    up.withUnsafeBufferPointer { up in
      down.withUnsafeBufferPointer { down in
        do {
          for j in 0..<rows where rowFits[j] {
            let b = shifted[j]
            let e = expB[j]
            let f = 1 / e
            var total = 0.0
            // z ≤ −T: e = e^{t}·e^{b′}; the sums run over [0, lowClip) (outer) and [lowClip, low) (inner).
            total += lowSums[j]
            // z ≥ T: e = e^{−t}·e^{−b′}; [highClip, m) outer, [high, highClip) inner.
            total += highSums[j]
            // The rest, one by one.
            let lo = low[j]
            let hi = high[j]
            let z0 = min(max(zero[j], lo), hi)
            if series.near == .sigmoidSquared {
              total += Self.squaredRatioSum(up, lo, z0, e, numeratorIsE: !isOne)
              total += Self.squaredRatioSum(down, z0, hi, f, numeratorIsE: isOne)
            } else {
              // Below 0 class 0 is right, class 1 wrong; above 0 the other way round.
              func direct(_ lo: Int, _ hi: Int) -> Double {
                let z0 = min(max(zero[j], lo), hi)
                return Self.focalDirect(
                  up, lo, z0, e, t: t, shift: b, correctSide: !isOne, gamma: gamma,
                  clip: series.clip, clippedBCE: isOne ? clipped.wrong1 : clipped.correct)
                  + Self.focalDirect(
                    down, z0, hi, f, t: t, shift: b, correctSide: isOne, gamma: gamma,
                    clip: series.clip, clippedBCE: isOne ? clipped.correct : clipped.wrong0)
              }
              if let table, let blocks, lo < hi {
                // Whole blocks, each by its expansion at its lattice point n + j.
                let width = table.order + 1
                let last = Int(blocks.blockOf[hi - 1])
                total += table.coefficients[cls].withUnsafeBufferPointer { c in
                  blocks.moments.withUnsafeBufferPointer { μ in
                    var sum = 0.0
                    for k in Int(blocks.blockOf[lo])...last {
                      let row = (blocks.lattice[k] + j + table.middle) * width
                      let base = k * width
                      for p in 0..<width { sum += c[row + p] * μ[base + p] }
                    }
                    return sum
                  }
                }
              } else {
                total += direct(lo, hi)
              }
            }
            out[j] += weight * total
          }
        }
      }
    }
  }

  /// Σ over i in lo..<hi of the focal loss, with e = a[i]·scale = e^{−|z|}, z = t[i] + shift. On the correct side
  /// ℓ = (e/(1 + e))^γ·log(1 + e); on the wrong side ℓ = (1/(1 + e))^γ·(log(1 + e) + |z|).
  private static func focalDirect(
    _ a: UnsafeBufferPointer<Double>, _ lo: Int, _ hi: Int, _ scale: Double, t: [Double],
    shift: Double, correctSide: Bool, gamma: Double, clip: Double, clippedBCE: Double
  ) -> Double {
    var s = 0.0
    var i = lo
    while i < hi {
      let e = a[i] * scale
      let r = 1 / (1 + e)
      if abs(t[i] + shift) > clip {
        // Few points are all summed here, some beyond Keras's clip: BCE is a constant there.
        s += focalPower(correctSide ? e * r : r, gamma) * clippedBCE
        i += 1
        continue
      }
      // Near the boundary e ≥ e^{−T}: log(1 + e) is exact to rounding there and cheaper than log1p.
      let l = e > 0.25 ? log(1 + e) : log1p(e)
      if correctSide {
        s += focalPower(e * r, gamma) * l
      } else {
        s += focalPower(r, gamma) * (l + abs(t[i] + shift))
      }
      i += 1
    }
    return s
  }

  /// The series sums of one side at every row, evaluated during one walk along the points (from the start when
  /// `ascending`, from the end otherwise). The walk keeps N_k = Σ (aᵢ/a_last)^{o+k} for k < K (and W_k, the same
  /// with weights tᵢ, when the side has a z term), aᵢ = e^{±tᵢ} growing along the walk and a_last the last point
  /// added: scaled by it, every sum stays between 1 and the count whatever the spread of t, and adds small terms to
  /// big ones. At each row's boundaries the sums over the points so far are Σₖ cₖ·e_last^{o+k}·N_k (+ z terms),
  /// e_last = e^{−|z|} of the last point, which is saturated.
  ///
  /// Returns, per row, the inner piece over the points up to `boundaries[1]` minus those up to `boundaries[0]`,
  /// plus the outer piece over the points up to `boundaries[0]`.
  private func sideSums(
    side: SaturatedSeries.Side, t: [Double], up: [Double], down: [Double], shifted: [Double],
    terms: Int, boundaries: [[Int]], ascending: Bool
  ) -> [Double] {
    let rows = shifted.count
    let m = t.count
    var result = [Double](repeating: 0, count: rows)
    // Every (boundary, list, row) as one integer, ordered along the walk.
    var events: [Int] = []
    events.reserveCapacity(2 * rows)
    for (l, list) in boundaries.enumerated() {
      for (j, index) in list.enumerated() {
        let along = ascending ? index : m - index
        if along > 0 { events.append((along * 2 + l) * rows + j) }
      }
    }
    if events.isEmpty { return result }
    events.sort()
    let offset = side.offset
    let weighted = !side.inner.d.isEmpty
    // The sums four terms to a vector (k = 4·v + lane); lanes past `terms` are computed and never read.
    let vectors = (terms + 3) / 4
    var running = [SIMD4<Double>](repeating: .zero, count: vectors)
    var runningT = [SIMD4<Double>](repeating: .zero, count: weighted ? vectors : 0)
    var walked = 0  // points added so far
    var last = -1
    let integerOffset = offset == offset.rounded() && offset >= 0 && offset <= 4
    let (inner, innerZ, outer) = (side.inner.c, side.inner.d, side.outer.c)
    do {
      running.withUnsafeMutableBufferPointer { running in
        runningT.withUnsafeMutableBufferPointer { runningT in
          for event in events {
            let list = (event % (2 * rows)) / rows
            let row = event % rows
            let target = event / (2 * rows)
            while walked < target {
              let i = ascending ? walked : m - 1 - walked
              // ρ = a_last/aᵢ = e^{−|tᵢ − t_last|} ≤ 1 (from the e^{±t} at hand, no `exp`); the sums so far
              // shrink by ρ^{o+k} and the new point adds 1.
              let rho = last < 0 ? 0 : (ascending ? up[last] * down[i] : up[i] * down[last])
              var q: Double
              if integerOffset {
                q = 1
                for _ in 0..<Int(offset) { q *= rho }
              } else {
                q = last < 0 ? 0 : exp(-offset * abs(t[i] - t[last]))
              }
              // ρ^{o+k}, four terms at a time: (ρ^{o}, …, ρ^{o+3}) times (ρ⁴)ᵛ.
              let rho2 = rho * rho
              var pw = SIMD4(q, q * rho, q * rho2, q * rho2 * rho)
              let rho4 = SIMD4(repeating: rho2 * rho2)
              if weighted {
                let ti = SIMD4(repeating: t[i])
                for v in 0..<vectors {
                  running[v] = running[v] * pw + 1
                  runningT[v] = runningT[v] * pw + ti
                  pw *= rho4
                }
              } else {
                for v in 0..<vectors {
                  running[v] = running[v] * pw + 1
                  pw *= rho4
                }
              }
              last = i
              walked += 1
            }
            // The points so far, at this row: e_last^{o+k} scales the sums.
            let shift = shifted[row]
            let z = t[last] + shift
            let logE = ascending ? z : -z  // ≤ −T
            var e = exp(offset * logE)
            let step = exp(logE)
            var sumInner = 0.0
            var sumOuter = 0.0
            for k in 0..<terms {
              let n = running[k / 4][k % 4]
              var v = inner[k] * n
              if weighted { v += innerZ[k] * (runningT[k / 4][k % 4] + shift * n) }
              sumInner += e * v
              if list == 0 { sumOuter += e * outer[k] * n }
              e *= step
            }
            // List 1 adds the inner piece up to its boundary; list 0 swaps the inner piece for the outer one
            // on the points beyond the clip.
            result[row] += list == 1 ? sumInner : sumOuter - sumInner
          }
        }
      }
    }
    return result
  }
}
