#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Focal cross-entropy near the boundary, summed by Taylor blocks on the rows' lattice: for a whole-number γ.
///
/// Near the boundary (|z| < T) there is no series in e^{−|z|}, and a point by point sum costs a `log` per point
/// and cell. But for class 1 the loss ℓ₁(z) = −(1 − σ)^γ·log σ is analytic (its nearest singularities are at
/// z = ±iπ), and its derivatives are ℓ₁⁽ᵏ⁾ = Aₖ(s, q) + Bₖ(s, q)·log s, with s = σ(z), q = 1 − s and Aₖ, Bₖ
/// homogeneous polynomials of degree γ + k (d/dz s = s·q, d/dz q = −s·q, d/dz log s = q).
///
/// The rows of a surface are evenly spaced, b′ⱼ = b′₀ + j·h. In each column the points are cut into blocks of
/// width h centred on the lattice t = n·h − b′₀, so that at row j block n sits at z = (n + j)·h: the same
/// lattice for every block, row and column. A ``Table`` holds ℓ⁽ᵏ⁾(z)/k! on that lattice (computed once per
/// surface), and a block's sum at a row is Σₖ table[n + j][k]·μₖ, with μₖ = Σ (tᵢ − t_n)ᵏ its moments
/// (computed once per column): a few multiplications per block and cell instead of a `log` per point. With
/// |tᵢ − t_n| ≤ h/2 the terms fall as (h/2π)ᵏ, and the order is chosen so that they reach 1e-18. Class 0 has
/// ℓ₀(z) = ℓ₁(−z).
struct FocalTaylor: Sendable {
  /// The highest order the table may need (for spacings up to ``widest``).
  static let maximumOrder = 14
  /// Rows further apart than this are summed point by point.
  static let widest = 0.25

  let gamma: Int
  /// The coefficients of sⁱ·q^{γ+k−i} in Aₖ/k! (`a`) and Bₖ/k! (`b`), for k = 0…order one after the other:
  /// term k starts at `offsets[k]` and has γ + k + 1 of them.
  let a: [Double]
  let b: [Double]
  let offsets: [Int]

  /// The expansion for focusing power `gamma`, or nil unless γ is a whole number in 0...8.
  init?(gamma: Double) {
    guard gamma >= 0, gamma <= 8, gamma == gamma.rounded() else { return nil }
    let g = Int(gamma)
    self.gamma = g
    // ℓ₁ = A₀ + B₀·L with A₀ = 0, B₀ = −q^γ.
    var rawA = [Double](repeating: 0, count: g + 1)
    var rawB = rawA
    rawB[0] = -1
    var a = rawA
    var b = rawB
    var offsets = [0]
    var factorial = 1.0
    for k in 0..<Self.maximumOrder {
      let d = g + k
      // D(sⁱ·q^{d−i}) = i·sⁱ·q^{d−i+1} − (d − i)·sⁱ⁺¹·q^{d−i}; D(B·L) = D(B)·L + B·q.
      func derivative(_ p: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: d + 2)
        for i in 0...d {
          out[i] += Double(i) * p[i]
          out[i + 1] -= Double(d - i) * p[i]
        }
        return out
      }
      var nextA = derivative(rawA)
      for i in 0...d { nextA[i] += rawB[i] }  // B·q keeps the power of s
      (rawA, rawB) = (nextA, derivative(rawB))
      factorial *= Double(k + 1)
      offsets.append(a.count)
      a += rawA.map { $0 / factorial }
      b += rawB.map { $0 / factorial }
    }
    (self.a, self.b, self.offsets) = (a, b, offsets)
  }

  /// ℓ₁⁽ᵏ⁾(x)/k! for k = 0…order.
  func derivatives(at x: Double, order: Int) -> [Double] {
    // s = σ(x), q = 1 − s and L = log s, each without cancellation.
    let s: Double
    let q: Double
    let logS: Double
    if x >= 0 {
      let e = exp(-x)
      s = 1 / (1 + e)
      q = e * s
      logS = -log1p(e)
    } else {
      let e = exp(x)
      q = 1 / (1 + e)
      s = e * q
      logS = x - log1p(e)
    }
    return (0...order).map { k in
      let d = gamma + k
      let o = offsets[k]
      var pa = 0.0
      var pb = 0.0
      for i in 0...d {
        let m = pow(s, Double(i)) * pow(q, Double(d - i))
        pa += a[o + i] * m
        pb += b[o + i] * m
      }
      return pa + pb * logS
    }
  }

  /// ℓ⁽ᵏ⁾(z)/k! of both classes on the lattice z = n·h, |n| ≤ `middle`.
  struct Table: Sendable {
    /// The lattice spacing h (the rows' spacing).
    let spacing: Double
    /// The highest power kept.
    let order: Int
    /// Lattice point n is entry n + middle.
    let middle: Int
    /// [class][(n + middle)·(order + 1) + k].
    let coefficients: [[Double]]
  }

  /// The table for rows `spacing` apart, reaching |z| ≤ `reach` (plus two spacings), or nil when the rows are
  /// too far apart for blocks that wide.
  func table(spacing h: Double, reach: Double) -> Table? {
    guard h > 0, h <= Self.widest else { return nil }
    // Terms fall as (h/2π)ᵏ (times a power of k from the pole of order γ): keep them down to 1e-18.
    var order = 1
    while order < Self.maximumOrder
      && pow(h / (2 * Double.pi), Double(order + 1)) * pow(Double(order + 1), Double(gamma)) > 1e-18
    {
      order += 1
    }
    let middle = Int((reach / h).rounded(.up)) + 2
    var one: [Double] = []
    var zero: [Double] = []
    one.reserveCapacity((2 * middle + 1) * (order + 1))
    zero.reserveCapacity(one.capacity)
    for n in -middle...middle {
      let z = Double(n) * h
      one += derivatives(at: z, order: order)
      // ℓ₀(z + u) = ℓ₁(−z − u): the expansion of ℓ₁ at −z, odd powers negated.
      zero += derivatives(at: -z, order: order).enumerated().map { $0 % 2 == 1 ? -$1 : $1 }
    }
    return Table(spacing: h, order: order, middle: middle, coefficients: [zero, one])
  }

  /// The blocks of one class in one column: the sorted logits t cut at the lattice t = (n ± ½)·h − b′₀.
  struct Blocks {
    /// Block k holds the points start[k]..<start[k + 1].
    var start: [Int] = []
    /// The block of each point.
    var blockOf: [Int32]
    /// Each block's lattice number n.
    var lattice: [Int] = []
    /// (order + 1) moments Σ (tᵢ − t_n)ʲ per block.
    var moments: [Double] = []

    init(_ t: [Double], shift b0: Double, table: Table) {
      let m = t.count
      let h = table.spacing
      let width = table.order + 1
      blockOf = [Int32](repeating: 0, count: m)
      var i = 0
      while i < m {
        let n = Int(((t[i] + b0) / h).rounded())
        let centre = Double(n) * h - b0
        let k = Int32(start.count)
        start.append(i)
        lattice.append(n)
        let base = moments.count
        moments += repeatElement(0, count: width)
        // Every point whose nearest lattice point is n (t rises, so they follow one another).
        while i < m && Int(((t[i] + b0) / h).rounded()) == n {
          blockOf[i] = k
          let u = t[i] - centre
          var p = 1.0
          for j in 0..<width {
            moments[base + j] += p
            p *= u
          }
          i += 1
        }
      }
      start.append(m)
    }

    /// The number of blocks.
    var count: Int { lattice.count }
  }
}
