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
    _ option: ThemeChoice?, environment: [String: String] = ProcessInfo.processInfo.environment
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
