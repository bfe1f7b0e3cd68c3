import Foundation
import Testing

/// Ctrl-Z suspends the app to the shell with the terminal in normal mode; `fg` brings the same
/// state back, repainted.
@Suite(.enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct AppSuspendTests {
  @Test func ctrlZAndFgKeepTheState() throws {
    let binary = try #require(LosslabBinary.path)
    let s = try TmuxSession.shell(width: 100, height: 30)
    defer { s.close() }
    s.run("\(shellQuoted(binary)) contour")
    #expect(s.waitUntil { $0.contains("step 0") }.ok)
    s.send(keys: ["s", "s"])
    #expect(s.waitUntil { $0.contains("step 2") }.ok)

    s.send(keys: ["C-z"])
    let (stopped, shell) = s.waitUntil { $0.contains("Stopped") }
    #expect(stopped, "\(shell)")
    #expect(!shell.contains("1 Curves"), "\(shell)")
    #expect(s.format("#{alternate_on}") == "0")
    #expect(s.format("#{cursor_flag}") == "1")

    s.run("fg")
    let (back, screen) = s.waitUntil { $0.contains("1 Curves") && $0.contains("step 2") }
    #expect(back, "\(screen)")
    s.send(keys: ["s"])
    let (more, after) = s.waitUntil { $0.contains("step 3") }
    #expect(more, "\(after)")

    s.send(keys: ["q"])
    s.run("echo \"status=$?\"")
    let (done, end) = s.waitUntil { $0.contains("status=0\n") }
    #expect(done, "\(end)")
    #expect(s.format("#{alternate_on}") == "0")
  }
}
