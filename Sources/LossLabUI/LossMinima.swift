import LossCore

/// The best fits (w, b) and their losses, by loss: what the contour view's panel lists (at most the
/// three of `ContourState.bestFitLosses`).
///
/// A short list searched in order rather than a `[Loss: …]` dictionary: the first dictionary keyed by
/// `Loss` made the runtime check `Loss: Hashable` by searching every protocol conformance in the binary,
/// at the start of every contour view.
public struct LossMinima: Sendable {
  private var losses: [Loss] = []
  private var found: [(w: Double, b: Double, loss: Double)] = []

  public init() {}

  /// The minimum of `loss`, nil when not found; setting nil removes it.
  public subscript(loss: Loss) -> (w: Double, b: Double, loss: Double)? {
    get { losses.firstIndex(of: loss).map { found[$0] } }
    set {
      if let k = losses.firstIndex(of: loss) {
        if let newValue {
          found[k] = newValue
        } else {
          losses.remove(at: k)
          found.remove(at: k)
        }
      } else if let newValue {
        losses.append(loss)
        found.append(newValue)
      }
    }
  }

  /// The minima, in the order they were set.
  public var values: [(w: Double, b: Double, loss: Double)] { found }

  /// The losses that have a minimum, in the order they were set.
  public var keys: [Loss] { losses }
}
