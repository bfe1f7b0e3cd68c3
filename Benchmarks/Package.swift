// swift-tools-version: 6.1
// The benchmark harness: losslab's `bench` scenarios under ordo-one/benchmark (wall time, instructions where the
// machine counts them, heap allocations). A package of its own so the main build and `swift test` never build it.
//
//   cd Benchmarks && swift package benchmark                      # run everything
//   swift package benchmark --filter 'steady-.*'                   # the allocation-free frames
//   swift package benchmark thresholds check --filter 'steady-.*'  # fails if a steady frame allocates
//
// Docs/performance.md explains the baselines (comparing two commits).
import PackageDescription

let package = Package(
  name: "LossLabBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "losslab", path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "LossLabBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "LossLabBench", package: "losslab"),
      ],
      path: "Benchmarks/LossLabBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
