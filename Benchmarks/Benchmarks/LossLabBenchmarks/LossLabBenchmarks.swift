// losslab's `bench` scenarios under ordo-one/benchmark: wall time, instructions (where the kernel lets a process
// count them: not in most virtual machines), and heap allocations counted by the malloc interposer.
import Benchmark
import Foundation
import LossLabBench

/// Holds a scenario's timed iteration between `setup` and `teardown` (made untimed, once per benchmark).
final class Prepared: @unchecked Sendable {
  var iteration: (() -> Void)?
}

/// The `load-csv-1e6` scenario reads its file with Foundation here (`losslab bench` uses the app's own reader).
@Sendable func readFile(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CocoaError(.fileReadNoSuchFile)
  }
  return [UInt8](data)
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .instructions, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .microseconds,
    warmupIterations: 3,
    maxDuration: .seconds(1),
    maxIterations: 10_000
  )
  // A steady frame must not allocate at all: the stored threshold (Thresholds/) is 0 and no deviation is allowed.
  let steadyNames = Set(BenchScenarios.steady.map(\.name))
  for scenario in BenchScenarios.all(readFile: readFile) {
    let prepared = Prepared()
    var configuration = Benchmark.defaultConfiguration
    if steadyNames.contains(scenario.name) {
      // More warm-up: caches fill, buffers grow to their final size, the descent path reaches its length.
      configuration.warmupIterations = 50
      // Only what the frame itself allocates is counted: the CPU-time and memory metrics read
      // /proc/self/stat inside the measured window (16 allocations a sample, counted as the
      // frame's) and from a sampling thread meanwhile.
      configuration.metrics = [.wallClock, .mallocCountTotal]
      configuration.thresholds = [
        .mallocCountTotal: .init(relative: [.p90: 0, .p100: 0], absolute: [.p90: 0, .p100: 0])
      ]
    }
    Benchmark(
      scenario.name, configuration: configuration,
      closure: { benchmark in
        let iteration = prepared.iteration!
        for _ in benchmark.scaledIterations { iteration() }
      },
      setup: { prepared.iteration = scenario.make() },
      teardown: {
        prepared.iteration = nil
        scenario.cleanUp?()
      })
  }
}
