import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `losslab keys` driven in tmux: input reaches the app, and the terminal is always given back
/// in normal mode (cooked, echoing, main screen, cursor shown, no mouse reporting).
@Suite(
  .serialized, .enabled(if: LosslabBinary.canDriveTerminal, "needs tmux and the built losslab"))
struct KeysTerminalTests {
  let binary = LosslabBinary.path ?? "losslab"

  /// Runs `losslab keys` in a script that writes the program's pid to `pid`, then, after it
  /// exits, prints its status and the tty modes and keeps the pane alive.
  func startWrapped(
    _ scratch: ScratchDirectory, width: Int = 80, height: Int = 24, env: [String: String] = [:]
  ) throws -> TmuxSession {
    let pidFile = scratch.path + "/pid"
    let script = try scratch.script(
      "wrap.sh",
      """
      sh -c 'echo $$ > "$1"; shift; exec "$@"' sh '\(pidFile)' '\(binary)' keys
      echo "status=$?"
      echo "modes: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ')"
      echo END
      exec sleep 60
      """)
    return try TmuxSession.start(command: "sh '\(script)'", width: width, height: height, env: env)
  }

  /// The pid the wrapper wrote, waiting a little for it.
  func pid(_ scratch: ScratchDirectory) -> pid_t? { scratch.waitForPid() }

  /// Checks that the program exited with `status` and left the terminal usable.
  func expectRestored(
    _ session: TmuxSession, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    session.expectRestored(
      status: status, appText: "press q to quit", sourceLocation: sourceLocation)
  }

  @Test func startsAndShowsSizeAndCapabilities() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys", width: 70, height: 22)
    defer { s.close() }
    let (ok, screen) = s.waitUntil { $0.contains("press q to quit") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("size: 70x22"))
    #expect(screen.contains("colours: 256"))
    #expect(screen.contains("drawing: unicode"))
    #expect(s.format("#{alternate_on}") == "1")
    #expect(s.format("#{cursor_flag}") == "0")
  }

  @Test func keysShowTheirNames() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys")
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.send(keys: ["x", "Left", "S-Left", "S-Up", "F5", "BTab", "C-a", "Enter", "BSpace", "Escape"])
    let (ok, screen) = s.waitUntil { $0.contains(" 1. Escape") }
    #expect(ok, "\(screen)")
    let expected = """
       last events (newest first):
          1. Escape
          2. Backspace
          3. Enter
          4. C-a
          5. BTab
          6. F5
          7. S-Up
          8. S-Left
          9. Left
         10. x
      """
    #expect(screen.contains(expected), "\(screen)")
  }

  @Test func unicodeTextAndMouseClicks() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys")
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.type("é")
    // An X10 mouse report, as tmux-256color's kmous announces: button 1 at column 5, row 3.
    s.type("\u{1b}[M %#")
    s.type("\u{1b}[M#%#")
    s.type("\u{1b}[M`\"\"")  // wheel up at column 2, row 2
    let (ok, screen) = s.waitUntil { $0.contains("1. mouse wheelUp press at x=1 y=1") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("2. mouse left release at x=4 y=2"))
    #expect(screen.contains("3. mouse left press at x=4 y=2"))
    #expect(screen.contains("4. é"))
  }

  /// Regression: reports that arrive in one read (a quick click over a slow link) reach ncurses as
  /// one KEY_MOUSE; the press of the click was lost. Every report comes through, in order.
  @Test func mouseReportsInOneReadAllArrive() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys")
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.type("\u{1b}[M`\"\"\u{1b}[M %#\u{1b}[M#%#\u{1b}[Ma\"\"")
    let (ok, screen) = s.waitUntil { $0.contains("1. mouse wheelDown press at x=1 y=1") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("2. mouse left release at x=4 y=2"), "\(screen)")
    #expect(screen.contains("3. mouse left press at x=4 y=2"), "\(screen)")
    #expect(screen.contains("4. mouse wheelUp press at x=1 y=1"), "\(screen)")
  }

  @Test func resizeShowsTheNewSize() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys", width: 80, height: 24)
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("size: 80x24") }.ok)
    s.resize(width: 50, height: 20)
    let (ok, screen) = s.waitUntil { $0.contains("size: 50x20") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("1. resize to 50x20"))
    // The repaint after a resize leaves nothing of the old frame beyond the new edge.
    #expect(
      screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 50 })
  }

  @Test func qQuitsWithZeroAndRestores() throws {
    let scratch = try ScratchDirectory()
    let s = try startWrapped(scratch)
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.send(keys: ["q"])
    expectRestored(s, status: 0)
  }

  @Test(arguments: zip([SIGINT, SIGTERM, SIGHUP], [130, 143, 129] as [Int32]))
  func quitSignalsExitPromptlyAndRestore(signal: Int32, status: Int32) throws {
    let scratch = try ScratchDirectory()
    let s = try startWrapped(scratch)
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    let p = try #require(pid(scratch))
    s.signal(signal, to: p)
    expectRestored(s, status: status)
  }

  @Test func ctrlCExits130() throws {
    let s = try TmuxSession.start(command: "exec '\(binary)' keys")
    defer { s.close() }
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.send(keys: ["C-c"])
    let status = s.waitForExit()
    #expect(status == 130, "\(s.capture())")
  }

  @Test func crashRestoresTheTerminal() throws {
    // interactive=no: the Swift backtracer would otherwise wait 30 s for a key on a tty.
    let scratch = try ScratchDirectory()
    let s = try startWrapped(
      scratch, env: ["LOSSLAB_CRASH_TEST": "1", "SWIFT_BACKTRACE": "interactive=no"])
    defer { s.close() }
    // SIGILL (132) on x86-64, SIGTRAP (133) on arm64.
    let (ok, screen) = s.waitUntil { $0.contains("END") }
    #expect(ok, "\(screen)")
    let status = screen.contains("status=132\n") ? 132 : 133
    expectRestored(s, status: Int32(status))
  }

  @Test func unknownTermGivesAClearError() throws {
    let scratch = try ScratchDirectory()
    let script = try scratch.script(
      "bogus.sh",
      """
      TERM=bogus '\(binary)' keys; echo "status=$?"
      env -u TERM '\(binary)' keys; echo "status=$?"
      echo END
      exec sleep 60
      """)
    let run = try TmuxSession.start(command: "sh '\(script)'", width: 200, height: 10)
    defer { run.close() }
    let (ok, screen) = run.waitUntil { $0.contains("END") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("losslab: error: unknown terminal type TERM='bogus'"), "\(screen)")
    #expect(screen.contains("losslab: error: TERM is not set"), "\(screen)")
    #expect(screen.components(separatedBy: "status=2\n").count == 3, "\(screen)")
    #expect(run.format("#{alternate_on}") == "0")
  }

  @Test func ctrlZSuspendsAndFgRepaints() throws {
    let s = try TmuxSession.shell(width: 80, height: 24)
    defer { s.close() }
    s.run("'\(binary)' keys")
    #expect(s.waitUntil { $0.contains("press q to quit") }.ok)
    s.send(keys: ["a"])
    #expect(s.waitUntil { $0.contains("1. a") }.ok)

    s.send(keys: ["C-z"])
    let (stopped, shell) = s.waitUntil { $0.contains("Stopped") }
    #expect(stopped, "\(shell)")
    #expect(!shell.contains("press q to quit"))
    #expect(s.format("#{alternate_on}") == "0")

    s.run("fg")
    let (back, screen) = s.waitUntil { $0.contains("press q to quit") && $0.contains("1. a") }
    #expect(back, "\(screen)")
    #expect(screen.contains("size: 80x24"))
    // Painting only changed cells still works after the repaint.
    s.send(keys: ["b"])
    let (more, after) = s.waitUntil { $0.contains("1. b") && $0.contains("2. a") }
    #expect(more, "\(after)")
    #expect(after.contains("size: 80x24") && after.contains("colour strip:"))

    s.send(keys: ["q"])
    s.run("echo \"status=$?\"")
    let (done, end) = s.waitUntil { $0.contains("status=0\n") }
    #expect(done, "\(end)")
    #expect(s.format("#{alternate_on}") == "0")
  }

  @Test func resizeWhileSuspendedIsSeenAfterFg() throws {
    let s = try TmuxSession.shell(width: 80, height: 24)
    defer { s.close() }
    s.run("'\(binary)' keys")
    #expect(s.waitUntil { $0.contains("size: 80x24") }.ok)
    s.send(keys: ["C-z"])
    #expect(s.waitUntil { $0.contains("Stopped") }.ok)
    s.resize(width: 50, height: 16)
    s.run("fg")
    let (ok, screen) = s.waitUntil {
      $0.contains("size: 50x16") && $0.contains("1. resize to 50x16")
    }
    #expect(ok, "\(screen)")
    #expect(screen.contains("press q to quit"))
    s.send(keys: ["q"])
    #expect(s.waitUntil { $0.contains("$ fg") && !$0.contains("press q to quit") }.ok)
  }
}

/// Without a terminal the app refuses to start, says why, and writes no escape codes.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct KeysWithoutTerminalTests {
  let binary = LosslabBinary.path ?? "losslab"

  @Test func stdinNotATerminal() {
    let r = Spawn.run([binary, "keys"], stdin: "/dev/null")
    #expect(r.status == 2)
    #expect(
      r.stderr
        == "losslab: error: the interactive app needs a terminal; use 'losslab render VIEW' to print a frame\n"
    )
    #expect(r.stdout.isEmpty)
  }

  // stdin must be a terminal for this case, so it runs in tmux.
  @Test(.enabled(if: TmuxSession.isAvailable, "needs tmux"))
  func stdoutNotATerminal() throws {
    let scratch = try ScratchDirectory()
    let out = scratch.path + "/out.txt"
    let script = try scratch.script(
      "redirect.sh",
      """
      '\(binary)' keys > '\(out)'; echo "status=$?"; echo END; exec sleep 60
      """)
    let run = try TmuxSession.start(command: "sh '\(script)'", width: 200, height: 10)
    defer { run.close() }
    let (ok, screen) = run.waitUntil { $0.contains("END") }
    #expect(ok, "\(screen)")
    #expect(screen.contains("losslab: error: the interactive app needs a terminal"))
    #expect(screen.contains("status=2\n"))
    #expect((try? String(contentsOfFile: out, encoding: .utf8)) == "")
  }
}
