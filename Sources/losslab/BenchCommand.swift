import ArgumentParser
import LossCore
import LossLabBench
import LossLabUI
import LossPlot

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time fixed headless scenarios (render to an in-memory screen, no terminal).",
    discussion: """
      Each scenario is warmed up, then run repeatedly for about --seconds;
      the median and 99th percentile of one iteration are printed. Build in
      release mode for meaningful numbers:

        swift run -c release losslab bench
        swift run -c release losslab bench --json --only curves-200x60
      """)

  @Flag(
    help: "Print JSON: {\"scenarios\": [{\"name\", \"median_ns\", \"p99_ns\", \"iterations\"}]}.")
  var json = false

  @Option(help: "Time spent on each scenario, in seconds.")
  var seconds: Double = 0.5

  @Option(help: "Run only the scenarios whose names contain this text (repeatable).")
  var only: [String] = []

  func validate() throws {
    guard seconds > 0, seconds <= 60 else {
      throw ValidationError("--seconds must be from 0 to 60")
    }
  }

  func run() throws {
    let scenarios = BenchScenarios.all(readFile: { try DataFile.read($0) })
    let chosen = scenarios.filter { s in
      only.isEmpty || only.contains { s.name.contains($0) }
    }
    guard !chosen.isEmpty else {
      throw CommandFailure(
        message:
          "no scenario matches \(only); scenarios: \(scenarios.map(\.name).joined(separator: ", "))"
      )
    }
    var results: [(name: String, median: UInt64, p99: UInt64, iterations: Int)] = []
    // The name column is as wide as the longest name, so a name never runs into its numbers.
    let nameWidth = chosen.map(\.name.count).max()! + 2
    for s in chosen {
      let r = BenchRunner.measure(s, seconds: seconds)
      s.cleanUp?()
      results.append((s.name, r.median, r.p99, r.iterations))
      if !json {
        let median = Double(r.median) / 1000
        let p99 = Double(r.p99) / 1000
        print(
          s.name.padded(to: nameWidth)
            + String(
              cFormat: "median %10.1f µs   p99 %10.1f µs   %7d iterations", median, p99,
              r.iterations
            ))
      }
    }
    if json {
      let items = results.map {
        "{\"name\": \"\($0.name)\", \"median_ns\": \($0.median), \"p99_ns\": \($0.p99), \"iterations\": \($0.iterations)}"
      }
      print("{\"scenarios\": [" + items.joined(separator: ", ") + "]}")
    }
  }
}

enum BenchRunner {
  static func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  static func measure(_ s: BenchScenario, seconds: Double) -> (
    median: UInt64, p99: UInt64, iterations: Int
  ) {
    let iteration = s.make()
    // Warm-up: a few runs, at most a tenth of the budget.
    let warmEnd = now() + UInt64(seconds * 1e8)
    for _ in 0..<3 {
      iteration()
      if now() > warmEnd { break }
    }
    var samples: [UInt64] = []
    let end = now() + UInt64(seconds * 1e9)
    repeat {
      let t0 = now()
      iteration()
      samples.append(now() - t0)
    } while (now() < end || samples.count < 5) && samples.count < 1_000_000
    samples.sort()
    let median = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.99).rounded(.up)) - 1)]
    return (median, p99, samples.count)
  }
}
