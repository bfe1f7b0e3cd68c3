import AllocationCounter
import LossLabBench
import Testing

/// A warm frame allocates nothing: a cursor move in Curves, a bar edit in Distributions and a descent
/// step in Contour at 200×60, each with its key, its frame and the cell diff against the frame before
/// (the `steady-*` scenarios of `losslab bench` and the benchmark harness, run here as they run there),
/// after warm-up.
///
/// Counted with the test-only malloc replacement in `AllocationCounter` (Linux with glibc), on this
/// thread only: the test body is synchronous, so it never changes thread, and tests running
/// meanwhile on other threads do not count.
///
/// Only an optimized build is checked: without optimization Swift allocates where the release binary
/// does not (array literals, closure contexts, unspecialized generics). An optimized test build
/// does not link in this package yet (the release configuration links the Swift runtime statically),
/// so the benchmark harness checks the same scenarios (`thresholds check` in `Benchmarks/`).
@Suite struct WarmFrameAllocationTests {
  static let scenarios = ["steady-curves-cursor-200x60", "steady-distributions-edit-200x60"]

  /// The descent's path is data that grows a step a frame: its array doubles its storage now and
  /// then (at 2, 3, 5, … 129 steps), and the scenario starts over every 200 steps (`0`, a fresh
  /// descent). So the contour step is warmed up past 129 steps and counted before the restart;
  /// everything a frame draws is the same every step.
  @Test(
    .enabled(if: allocation_counting() != 0, "counts allocations with glibc only"),
    .enabled(if: optimized, "a debug build allocates where the release build does not"))
  func warmDescentStepMakesNoAllocation() throws {
    let name = "steady-contour-step-200x60"
    let scenario = try #require(BenchScenarios.steady.first { $0.name == name })
    let frame = scenario.make()
    for _ in 0..<135 { frame() }
    let before = allocation_count()
    for _ in 0..<60 { frame() }
    let made = allocation_count() - before
    #expect(made == 0, "\(name): \(made) heap allocations in 60 warm steps")
  }

  #if DEBUG
    static let optimized = false
  #else
    static let optimized = true
  #endif

  @Test(
    .enabled(if: allocation_counting() != 0, "counts allocations with glibc only"),
    .enabled(if: optimized, "a debug build allocates where the release build does not"),
    arguments: scenarios)
  func warmFrameMakesNoAllocation(scenario name: String) throws {
    let scenario = try #require(BenchScenarios.steady.first { $0.name == name })
    let frame = scenario.make()
    // Warm-up as the harness does: caches fill, buffers reach their size.
    for _ in 0..<50 { frame() }
    let before = allocation_count()
    for _ in 0..<20 { frame() }
    let made = allocation_count() - before
    #expect(made == 0, "\(name): \(made) heap allocations in 20 warm frames")
  }

  /// The counter counts: an array made here is one allocation (else a zero above proves nothing).
  @Test(.enabled(if: allocation_counting() != 0, "counts allocations with glibc only"))
  func counterSeesAnAllocation() {
    let count = Int.random(in: 1000...2000)
    let before = allocation_count()
    let array = [Int](repeating: 7, count: count)
    let made = allocation_count() - before
    #expect(array.reduce(0, +) == 7 * count)
    #expect(made >= 1)
  }
}
