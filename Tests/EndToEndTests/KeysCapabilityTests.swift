import Foundation
import Testing

/// What `losslab keys` reports and draws for different locales and terminal types, and its timer.
@Suite(
  .serialized, .enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct KeysCapabilityTests {
  let binary = LosslabBinary.path ?? "losslab"

  func strip(_ screen: String) -> String {
    screen.split(separator: "\n").first { $0.contains("colour strip:") }.map(String.init) ?? ""
  }

  @Test func utf8LocaleDrawsUnicodeIn256Colours() throws {
    let s = try TmuxSession.start(
      command: "LANG=C.UTF-8 LC_ALL=C.UTF-8 exec '\(binary)' keys", width: 60, height: 20)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("press q to quit") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("drawing: unicode"))
    #expect(screen.contains("colours: 256"))
    #expect(strip(screen) == " colour strip: " + String(repeating: "█", count: 25))
    // Cube colour 48 (cube(0, 5, 2)) is sent as a 256-colour escape, foreground and background.
    let coloured = strip(s.capture(escapes: true))
    #expect(coloured.contains("\u{1b}[38;5;48m\u{1b}[48;5;48m█"), "\(coloured.debugDescription)")
  }

  @Test func cLocaleDrawsAscii() throws {
    let s = try TmuxSession.start(
      command: "LANG=C LC_ALL=C exec '\(binary)' keys", width: 60, height: 20)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("press q to quit") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("drawing: ascii"))
    #expect(strip(screen) == " colour strip: " + String(repeating: "#", count: 25))
    #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
  }

  @Test func eightColourTerminalGetsOnlyBasicColours() throws {
    let s = try TmuxSession.start(
      command: "TERM=xterm exec '\(binary)' keys", width: 60, height: 20)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("press q to quit") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("colours: 8"))
    let coloured = strip(s.capture(escapes: true))
    #expect(!coloured.contains(";5;"), "256-colour escape sent: \(coloured.debugDescription)")
    // Cube colour 48 is mostly green, so it becomes basic green (2).
    #expect(coloured.contains("\u{1b}[32m\u{1b}[42m█"), "\(coloured.debugDescription)")
  }

  @Test func monochromeTerminalGetsAttributesOnly() throws {
    let s = try TmuxSession.start(
      command: "TERM=vt100 exec '\(binary)' keys", width: 60, height: 20)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("press q to quit") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("colours: none"))
    let coloured = strip(s.capture(escapes: true))
    #expect(coloured.contains("\u{1b}[7m"), "no reverse video: \(coloured.debugDescription)")
    for code in ["[30m", "[40m", "[32m", "[42m", ";5;"] {
      #expect(!coloured.contains(code), "colour escape \(code) sent: \(coloured.debugDescription)")
    }
  }

  @Test func ticksArriveAndKeysStillGetThrough() throws {
    let s = try TmuxSession.start(
      command: "exec '\(binary)' keys --tick-ms 20", width: 60, height: 20)
    defer { s.close() }
    func ticks(_ screen: String) -> Int {
      guard let r = screen.range(of: "ticks: ") else { return -1 }
      return Int(screen[r.upperBound...].prefix { $0.isNumber }) ?? -1
    }
    let (ok, screen) = s.waitUntil { ticks($0) >= 10 }
    #expect(ok, "\(screen)")
    s.send(keys: ["z"])
    let (typed, after) = s.waitUntil { $0.contains("1. z") }
    #expect(typed, "\(after)")
    // Ticks are not listed as events.
    #expect(!after.contains(". tick"), "\(after)")
    #expect(ticks(after) >= ticks(screen))
  }
}
