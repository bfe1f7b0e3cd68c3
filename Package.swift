// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "losslab",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "losslab", targets: ["losslab"]),
    .library(name: "LossCore", targets: ["LossCore"]),
    .library(name: "LossPlot", targets: ["LossPlot"]),
    .library(name: "LossLabUI", targets: ["LossLabUI"]),
    .library(name: "FileSafety", targets: ["FileSafety"]),
    // The `losslab bench` scenarios, for the benchmark harness in Benchmarks/ (a separate package).
    .library(name: "LossLabBench", targets: ["LossLabBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    // `swift package generate-documentation --target LossCore` (a plugin: nothing is linked).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // Pure math: losses, distributions, line-fit data, surfaces, optimizers, contours.
    .target(name: "LossCore", dependencies: ["LossKernels"]),
    // LossCore's vector kernels in C: compiled for the baseline CPU and for AVX2, chosen at run time (Swift
    // cannot compile one function for another CPU). Pure math, like LossCore.
    .target(name: "LossKernels"),
    // Terminal-independent drawing into a grid of styled cells.
    .target(name: "LossPlot", dependencies: ["LossCore"]),
    // The app as a pure state machine: events -> update -> render -> Screen.
    // What the app and its front ends share: events, keys, commands, the `TerminalApp` protocol.
    .target(name: "AppEvents", dependencies: ["LossPlot"]),
    .target(
      name: "LossLabUI", dependencies: ["LossCore", "LossPlot", "AppEvents"],
      // Datasets/README.md gives the shipped tables' sources.
      exclude: ["Datasets/README.md"],
      // Lessons and explanation cards (JSON) and the data sets of --dataset (CSV), compiled into the binary.
      resources: [.embedInCode("Content"), .embedInCode("Datasets")]),
    // Saving files without losing data: checks a name before writing, atomic replace, completion.
    // Used by the front end (losslab), which carries out the app's file commands.
    .target(
      name: "FileSafety",
      dependencies: [.product(name: "SystemPackage", package: "swift-system")]
    ),
    // ncurses (wide-char) through a shim header; the library is linked by TerminalBackend.
    .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),
    // Runs before the Swift runtime starts: the backtracer's settings for crash reports.
    .target(name: "CStartup"),
    // Paints a Screen with ncurses and turns terminal input into events.
    .target(
      name: "TerminalBackend", dependencies: ["CNCurses", "CStartup", "LossPlot", "AppEvents"],
      // Optimised in debug builds too: the frame encoder runs on every frame the end-to-end tests
      // drive (up to 300×100 under a storm of resizes), and unoptimised it took longer than the app.
      swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))],
      linkerSettings: [
        // Linux splits ncurses into a narrow and a wide library; macOS's libncurses is wide.
        .linkedLibrary("ncursesw", .when(platforms: [.linux])),
        .linkedLibrary("ncurses", .when(platforms: [.macOS])),
      ]),
    // The timed scenarios of `losslab bench`, shared with the harness under Benchmarks/.
    .target(
      name: "LossLabBench", dependencies: ["LossCore", "LossPlot", "AppEvents", "LossLabUI"]),
    .executableTarget(
      name: "losslab",
      dependencies: [
        "LossCore", "LossPlot", "AppEvents", "LossLabUI", "TerminalBackend", "FileSafety",
        "LossLabBench", "CStartup",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      linkerSettings: [
        // A release build on Linux carries the Swift runtime and FoundationEssentials inside the
        // binary: no shared Swift libraries to load and relocate at start-up (about half of a short
        // run's time), less memory, and the binary runs on a machine without a Swift toolchain.
        // Tools/link-release.sh links the C++ runtime, gcc's unwinder and ncurses statically too
        // (only libc and libm stay shared): a tenth of a short run less (Docs/performance.md).
        .unsafeFlags(
          [
            "-static-stdlib", "-l_FoundationCollections", "-l_FoundationCShims", "-Xclang-linker",
            "-no-pie", "-Xclang-linker",
            "--ld-path=\(Context.packageDirectory)/Tools/link-release.sh",
          ],
          .when(platforms: [.linux], configuration: .release))
      ]
    ),
    .testTarget(name: "LossCoreTests", dependencies: ["LossCore", "LossKernels"]),
    .testTarget(name: "LossPlotTests", dependencies: ["LossPlot"]),
    .testTarget(
      name: "LossLabUITests", dependencies: ["LossLabUI", "LossLabBench", "AllocationCounter"]),
    // Test-only: counts heap allocations per thread (replaces glibc's malloc in the test
    // executable), for the tests that check a warm frame allocates nothing.
    .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
    .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety"]),
    // The terminal writer's encoder, decoded by a model terminal (no terminal needed).
    .testTarget(
      name: "TerminalBackendTests", dependencies: ["TerminalBackend", "LossPlot", "CNCurses"]),
    // Drives the built binary: command-line output, and the app under tmux.
    .testTarget(name: "EndToEndTests", dependencies: ["losslab"]),
  ],
  swiftLanguageModes: [.v6]
)
