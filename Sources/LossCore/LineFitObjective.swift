import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The mean loss of the line w·x + b over data points, as a function of (w, b): the mean over points of the
/// loss's pointwise value at prediction ŷ = w·x + b against target y (Keras's means, no extra ½).
///
/// Any pointwise loss that supports ``LossUse/lineFit`` works through per-point sums. A loss's
/// ``Loss/lineFit`` specialisation makes it fast and exact: MSE keeps centred sufficient statistics
/// (O(1) per (w, b)), MAE, Huber and the quantile loss bin the points per surface column, and each
/// gives its exact minimum (see `LineFitKernels.swift`).
public struct LineFitObjective: Sendable {
  public let data: LineData
  public let loss: Loss
  /// The loss's parameters (Huber's δ, the quantile's τ).
  public let config: LossConfig
  let stats: LineStatistics
  /// The data's box, taken by ``surface(columns:rows:w:b:)`` for the binned columns (nil: taken when needed).
  var extent: LineExtent? = nil
  /// The points in the units of the surface's rows, taken by ``surface(columns:rows:w:b:)`` for the binned columns.
  var units: RowUnits? = nil

  /// The loss of fitting a line to `data`.
  ///
  /// - Parameters:
  ///   - data: the points to fit.
  ///   - loss: how a residual y − (w·x + b) is scored (a pointwise loss that supports line fits).
  ///   - config: the loss's parameters (δ > 0, τ in (0, 1)).
  public init(data: LineData, loss: Loss, config: LossConfig = .init()) {
    self.data = data
    self.loss = loss
    self.config = config
    self.stats = LineStatistics(x: data.x, y: data.y)
  }

  /// - Parameters:
  ///   - data: the points to fit.
  ///   - loss: a loss that supports line fits.
  ///   - delta: Huber's δ (must be > 0; ignored by the others).
  public init(data: LineData, loss: Loss, delta: Double) {
    self.init(data: data, loss: loss, config: LossConfig(delta: delta))
  }

  /// Huber's δ.
  public var delta: Double { config.delta }

  /// The loss's pointwise form (line fits need one).
  private var pointwise: Loss.Pointwise {
    guard case .pointwise(let f) = loss.form else {
      preconditionFailure("\(loss.id) is not a pointwise loss and cannot fit a line")
    }
    return f
  }

  /// The mean loss at (w, b).
  public func value(w: Double, b: Double) -> Double {
    if let fast = loss.lineFit?.value { return fast(self, w, b) }
    let f = pointwise
    var s = 0.0
    for (x, y) in zip(data.x, data.y) { s += f.value(y, w * x + b, config) }
    return s / stats.n
  }

  /// The analytic gradient (∂/∂w, ∂/∂b): mean(ℓ′(ŷ)·x), mean(ℓ′(ŷ)) with the loss's derivative ℓ′.
  public func gradient(w: Double, b: Double) -> (w: Double, b: Double) {
    if let fast = loss.lineFit?.gradient { return fast(self, w, b) }
    let f = pointwise
    var gw = 0.0
    var gb = 0.0
    for (x, y) in zip(data.x, data.y) {
      let g = f.derivative(y, w * x + b, config)
      gw += g * x
      gb += g
    }
    return (gw / stats.n, gb / stats.n)
  }

  /// The mean loss and its gradient at (w, b): what one descent step needs, in one pass over the points where
  /// the loss has a fast path.
  public func valueAndGradient(w: Double, b: Double) -> (
    value: Double, gradient: (w: Double, b: Double)
  ) {
    if let fast = loss.lineFit?.valueAndGradient { return fast(self, w, b) }
    return (value(w: w, b: b), gradient(w: w, b: b))
  }

  /// The loss sampled on a `columns` × `rows` grid, x = w and y = b (row 0 at the lowest b).
  ///
  /// Each column comes from the loss's specialised column (MSE: O(1) per cell; MAE, Huber, quantile:
  /// O(points + rows) per column by binning), or from per-point sums. Costly columns run in parallel.
  public func surface(
    columns: Int, rows: Int, w: ClosedRange<Double>, b: ClosedRange<Double>
  ) -> Grid2D {
    surface(columns: columns, rows: rows, w: w, b: b, parallel: true)
  }

  /// The surface, its columns on all cores or (`parallel: false`, for tests) in order on this thread: the same
  /// values either way.
  func surface(
    columns: Int, rows: Int, w: ClosedRange<Double>, b: ClosedRange<Double>, parallel: Bool
  ) -> Grid2D {
    // Grid2D's coordinates (`x(_:)`, `y(_:)`), before the grid's values exist.
    let ws = (0..<columns).map {
      w.lowerBound + (w.upperBound - w.lowerBound) * Double($0) / Double(columns - 1)
    }
    let bs = (0..<rows).map {
      b.lowerBound + (b.upperBound - b.lowerBound) * Double($0) / Double(rows - 1)
    }
    let special = loss.lineFit
    if let whole = special?.surface {
      return Grid2D(columns: columns, rows: rows, xRange: w, yRange: b, values: whole(self, ws, bs))
    }
    if let many = special?.manyPoints, let values = many(self, ws, bs, parallel) {
      return Grid2D(columns: columns, rows: rows, xRange: w, yRange: b, values: values)
    }
    var prepared = self
    // Costly columns bin the points between the rows: the data's box, which the bins span, is taken once.
    if special?.column != nil, special?.columnsInParallel ?? false {
      if extent == nil { prepared.extent = LineExtent(data) }
      if rows >= 2 { prepared.units = RowUnits(data, bs: bs) }
    }
    let this = prepared
    let fast = special?.column
    let column: @Sendable (Double) -> [Double] = { w in
      if let fast { return fast(this, w, bs) }
      return bs.map { this.value(w: w, b: $0) }
    }
    let inParallel = parallel && special?.columnsInParallel ?? true
    // Every cell is written by its column, so the grid's storage is not zeroed first (half a megabyte at 288 × 224).
    let values = [Double](unsafeUninitializedCapacity: columns * rows) { buffer, initialized in
      // Each column writes only its own cells, so sharing the pointer across threads is safe.
      nonisolated(unsafe) let base = buffer.baseAddress!
      Parallel.forEach(columns, parallel: inParallel) { i in
        let values = column(ws[i])
        precondition(values.count == rows, "a column has one value per row")
        for j in 0..<rows { base[j * columns + i] = values[j] }
      }
      initialized = columns * rows
    }
    return Grid2D(columns: columns, rows: rows, xRange: w, yRange: b, values: values)
  }

  /// The minimum (w, b, loss): exact from the loss's specialisation (least squares, quantiles, Huber's
  /// Newton polish); otherwise, for a convex loss, golden-section search over w of the best b found
  /// the same way, to about 1e-10 relative in w and b.
  public var minimum: (w: Double, b: Double, loss: Double) {
    if let exact = loss.lineFit?.minimum { return exact(self) }
    let start = stats.leastSquares
    func bestB(_ w: Double) -> Double {
      minimizeConvex(start: start.b + (start.w - w) * stats.meanX) { self.value(w: w, b: $0) }
    }
    let w = minimizeConvex(start: start.w) { self.value(w: $0, b: bestB($0)) }
    let b = bestB(w)
    return (w, b, value(w: w, b: b))
  }
}

/// Fast paths of one loss for fitting a line: each replaces the generic per-point computation.
public struct LineFitSpecialization: Sendable {
  /// The mean loss at (w, b).
  public var value: (@Sendable (LineFitObjective, _ w: Double, _ b: Double) -> Double)?
  /// The gradient at (w, b).
  public var gradient:
    (@Sendable (LineFitObjective, _ w: Double, _ b: Double) -> (w: Double, b: Double))?
  /// The mean loss and the gradient at (w, b) together (one pass over the points instead of two).
  public var valueAndGradient:
    (
      @Sendable (LineFitObjective, _ w: Double, _ b: Double) -> (
        value: Double, gradient: (w: Double, b: Double)
      )
    )?
  /// The loss at (w, bs[j]) for every j (bs evenly spaced and increasing): one surface column.
  public var column: (@Sendable (LineFitObjective, _ w: Double, _ bs: [Double]) -> [Double])?
  /// The whole surface at once, row-major (b = bs[j], w = ws[i] at j·ws.count + i), where that is cheaper than
  /// column by column.
  public var surface: (@Sendable (LineFitObjective, _ ws: [Double], _ bs: [Double]) -> [Double])?
  /// The whole surface, row-major as ``surface``, by a path that pays only for many points (MAE, quantile and
  /// Huber: x-strips, `LineFitStrips.swift`); nil where it does not pay, and the columns are computed instead.
  /// `parallel` false computes it on this thread alone (the same values).
  public var manyPoints:
    (@Sendable (LineFitObjective, _ ws: [Double], _ bs: [Double], _ parallel: Bool) -> [Double]?)?
  /// Whether columns are costly enough to compute in parallel.
  public var columnsInParallel: Bool
  /// The exact minimum.
  public var minimum: (@Sendable (LineFitObjective) -> (w: Double, b: Double, loss: Double))?

  public init(
    value: (@Sendable (LineFitObjective, Double, Double) -> Double)? = nil,
    gradient: (@Sendable (LineFitObjective, Double, Double) -> (w: Double, b: Double))? = nil,
    valueAndGradient: (
      @Sendable (LineFitObjective, Double, Double) -> (
        value: Double, gradient: (w: Double, b: Double)
      )
    )? = nil,
    column: (@Sendable (LineFitObjective, Double, [Double]) -> [Double])? = nil,
    surface: (@Sendable (LineFitObjective, [Double], [Double]) -> [Double])? = nil,
    manyPoints: (@Sendable (LineFitObjective, [Double], [Double], Bool) -> [Double]?)? = nil,
    columnsInParallel: Bool = true,
    minimum: (@Sendable (LineFitObjective) -> (w: Double, b: Double, loss: Double))? = nil
  ) {
    self.value = value
    self.gradient = gradient
    self.valueAndGradient = valueAndGradient
    self.column = column
    self.surface = surface
    self.manyPoints = manyPoints
    self.columnsInParallel = columnsInParallel
    self.minimum = minimum
  }
}

/// Minimises a convex function of one variable: brackets the minimum by doubling steps from `start`, then
/// golden-section search until the bracket is narrower than 1e-10·(1 + |x|). The first steps are `step` (by
/// default max(1, |start|)). `narrowed(lo, hi)` is told the bracket before each evaluation of the golden-section
/// search (every later evaluation lies within it), so `f` may drop what cannot matter there.
func minimizeConvex(
  start: Double, step firstStep: Double? = nil, narrowed: (Double, Double) -> Void = { _, _ in },
  _ f: (Double) -> Double
) -> Double {
  var step = firstStep ?? max(1, abs(start))
  var a = start - step
  var m = start
  var c = start + step
  var fa = f(a)
  var fm = f(m)
  var fc = f(c)
  for _ in 0..<200 {
    if fa < fm {
      (c, fc, m, fm) = (m, fm, a, fa)
      step *= 2
      a = m - step
      fa = f(a)
    } else if fc < fm {
      (a, fa, m, fm) = (m, fm, c, fc)
      step *= 2
      c = m + step
      fc = f(c)
    } else {
      break
    }
  }
  let ratio = (5.0.squareRoot() - 1) / 2
  var lo = a
  var hi = c
  var x1 = hi - ratio * (hi - lo)
  var x2 = lo + ratio * (hi - lo)
  narrowed(lo, hi)
  var f1 = f(x1)
  var f2 = f(x2)
  for _ in 0..<300 where hi - lo > 1e-10 * (1 + abs(lo)) {
    if f1 <= f2 {
      (hi, x2, f2) = (x2, x1, f1)
      x1 = hi - ratio * (hi - lo)
      narrowed(lo, hi)
      f1 = f(x1)
    } else {
      (lo, x1, f1) = (x1, x2, f2)
      x2 = lo + ratio * (hi - lo)
      narrowed(lo, hi)
      f2 = f(x2)
    }
  }
  return f1 <= f2 ? x1 : x2
}

/// The k-th smallest element (0-based), reordering `a`. Average O(n).
func quickselect(_ a: inout [Double], _ k: Int) -> Double {
  let n = a.count
  return a.withUnsafeMutableBufferPointer { quickselect($0.baseAddress!, n, k) }
}

/// The k-th smallest of the `n` values at `a` (0-based), moving them so that a[0...k] ≤ a[k] ≤ a[k...].
func quickselect(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ k: Int) -> Double {
  var lo = 0
  var hi = n - 1
  while lo < hi {
    let pivot = a[(lo + hi) / 2]
    var i = lo
    var j = hi
    while i <= j {
      while a[i] < pivot { i += 1 }
      while a[j] > pivot { j -= 1 }
      if i <= j {
        (a[i], a[j]) = (a[j], a[i])
        i += 1
        j -= 1
      }
    }
    if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
  }
  return a[k]
}
