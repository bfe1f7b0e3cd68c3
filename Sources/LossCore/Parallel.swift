import Dispatch

/// Work split over the machine's cores.
public enum Parallel {
  /// Runs `body(0)`, …, `body(count − 1)`, on all cores when there is more than one item. Each call must touch
  /// only its own part of any shared output; the order of the calls is not defined. `parallel: false` runs them
  /// in order on this thread (tests compare the two).
  public static func forEach(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> Void) {
    if count == 1 || !parallel {
      for i in 0..<count { body(i) }
    } else if count > 1 {
      DispatchQueue.concurrentPerform(iterations: count, execute: body)
    }
  }
}
