import ArgumentParser
import LossPlot

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `--theme`: which background the colours are chosen for.
enum ThemeChoice: String, ExpressibleByArgument, CaseIterable {
  /// Light when `COLORFGBG` says the background is light, else dark.
  case auto
  case dark
  case light

  static let help = ArgumentHelp(
    "Colours for a dark or light background: auto (reads COLORFGBG; dark when unset), dark, light. Default: $LOSSLAB_THEME, else auto.",
    valueName: "theme")

  /// The background for `option` (`--theme`), else `LOSSLAB_THEME`, else `auto`. An unknown
  /// `LOSSLAB_THEME` is a usage error.
  static func background(
    _ option: ThemeChoice?,
    environment: [String: String] = Environment.values(of: ["LOSSLAB_THEME", "COLORFGBG"])
  ) throws -> Background {
    var choice = option ?? .auto
    if option == nil, let value = environment["LOSSLAB_THEME"], !value.isEmpty {
      guard let named = ThemeChoice(rawValue: value.lowercased()) else {
        throw CommandFailure(
          message: "LOSSLAB_THEME: '\(value)' is not auto, dark or light", code: 2)
      }
      choice = named
    }
    switch choice {
    case .dark: return .dark
    case .light: return .light
    case .auto: return Background.fromCOLORFGBG(environment["COLORFGBG"]) ?? .dark
    }
  }
}

/// Environment variables read one at a time (`getenv`), without building the whole environment
/// as `ProcessInfo` does (a measurable part of a short run's start).
enum Environment {
  /// The value of `name`, nil when unset.
  static func value(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

  /// Whether `name` is set to something other than the empty string (as `NO_COLOR` is read).
  static func isSetNonEmpty(_ name: String) -> Bool {
    getenv(name).map { $0.pointee != 0 } ?? false
  }

  /// The variables among `names` that are set, with their values.
  static func values(of names: [String]) -> [String: String] {
    var found: [String: String] = [:]
    for name in names { found[name] = value(name) }
    return found
  }
}
