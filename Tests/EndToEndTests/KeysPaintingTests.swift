import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The backend sends only what changed: a key press costs a few cells, never a cleared screen.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct KeysPaintingTests {
  let binary = LosslabBinary.path ?? "losslab"

  @Test func aKeyPressRepaintsOnlyTheChangedCells() throws {
    let scratch = try ScratchDirectory()
    let s = try TmuxSession.start(command: "exec '\(binary)' keys", width: 80, height: 24)
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    let log = scratch.path + "/output"
    s.logOutput(to: log)
    s.send(keys: ["a"])
    #expect(s.waitUntil { $0.contains("1. a") }.ok)
    // Wait until the pipe has delivered the frame: it ends with the new last line.
    var bytes = ""
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .seconds(5))
    while clock.now < deadline {
      bytes = scratch.read("output") ?? ""
      if bytes.contains("24") { break }  // "2. resize to 80x24" is the last text to change
      usleep(20_000)
    }
    #expect(bytes.contains("a"), "nothing painted: \(bytes.debugDescription)")
    // Two changed rows (" 1. a" and " 2. resize to 80x24") plus cursor moves; a full repaint
    // of 80×24 cells would be well over 1000 bytes.
    #expect(bytes.utf8.count < 200, "\(bytes.utf8.count) bytes: \(bytes.debugDescription)")
    #expect(!bytes.contains("\u{1b}[J") && !bytes.contains("\u{1b}[2J"), "screen cleared")
    #expect(!bytes.contains("losslab keys: what"), "unchanged title repainted")
  }
}
