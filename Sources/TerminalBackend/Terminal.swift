import AppEvents
import CNCurses
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a `TerminalApp` full-screen with ncurses.
public enum Terminal {
  /// Longest wait for input before checking the quit flag and the tick clock, in milliseconds.
  static let pollMilliseconds: Int32 = 60
  /// Most events handled before the next frame is painted.
  static let maxEventsPerFrame = 64

  /// Starts ncurses, feeds terminal input to `app` and paints its frames until the app returns
  /// `.quit` or a quit signal arrives; the terminal is always left as it was found.
  ///
  /// Before the first frame the app gets `configure(_:)` with the detected `RenderOptions` and a
  /// `.resize` event with the terminal size. Commands other than quit and suspend (saving a file,
  /// listing names) go to `perform`, which carries them out and returns the answer to send back to
  /// the app as an event (nil: none).
  /// - Returns: the exit status: 0 after `.quit`, 128 + signal number after SIGINT (130),
  ///   SIGTERM (143) or SIGHUP (129).
  /// - Throws: `TerminalError` when standard input/output is not a terminal or TERM is unset
  ///   or unknown; nothing has been written to the terminal then.
  public static func run<A: TerminalApp>(
    _ app: inout A, options: TerminalOptions = TerminalOptions(),
    perform: (AppCommand) -> Event? = { _ in nil }
  )
    throws(TerminalError) -> Int32
  {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(.notATerminal)
    }
    // The character set only (wide characters for braille and box drawing): numbers keep the C
    // locale's decimal point, and no other locale data is loaded at start-up.
    _ = setlocale(LC_CTYPE, "")
    guard let termPointer = getenv("TERM"), termPointer.pointee != 0 else {
      throw TerminalError(.noTermVariable)
    }
    let termName = String(cString: termPointer)

    losslab_unblock_signals()
    _ = losslab_save_termios()
    losslab_install_handlers()
    guard let screen = newterm(nil, losslab_stdout(), losslab_stdin()) else {
      losslab_remove_handlers()
      throw TerminalError(.unknownTerminal(termName))
    }
    defer {
      losslab_set_armed(0)
      _ = endwin()
      delscreen(screen)
      losslab_remove_handlers()
      losslab_release_stderr()
    }

    // From here on a crash puts the terminal back and says where its report is (CrashReport).
    losslab_prepare_restore(options.mouse ? 1 : 0)
    if CrashReport.isActive {
      let paths = CrashReport.paths
      losslab_prepare_crash_report(paths.folder, paths.file, paths.fallback)
    }
    losslab_capture_stderr()
    losslab_set_armed(1)
    let (render, defaultColors) = setUp(options)
    var profile = TerminalProfile.fromTerminfo(
      colors: render.color == .none ? 0 : Int(losslab_colors()))
    profile?.lineFeedKeepsColumn = losslab_newline_keeps_column() != 0
    // ncurses sends what start-up needs (alternate screen, keypad mode, a clear) on its first
    // refresh; after it, stdscr stays untouched and ncurses has nothing more to paint.
    _ = wrefresh(losslab_stdscr())
    guard let input = losslab_input_window() else {
      throw TerminalError(.unknownTerminal(termName))
    }
    defer { _ = delwin(input) }
    _ = keypad(input, true)
    _ = leaveok(input, true)
    app.configure(render)
    _ = app.handle(.resize(width: Int(losslab_cols()), height: Int(losslab_lines())))
    var painter = Painter(options: render, hasDefaultColors: defaultColors, profile: profile)
    defer { painter.leave() }
    return loop(
      &app, painter: &painter, input: input, crashTest: options.crashTest, perform: perform)
  }

  /// Terminal modes, colours and mouse; returns what the app may draw with, and whether the
  /// terminal's default colours can be used.
  private static func setUp(_ options: TerminalOptions) -> (RenderOptions, Bool) {
    let win = losslab_stdscr()
    _ = cbreak()  // not raw: Ctrl-C and Ctrl-Z keep working
    _ = noecho()
    _ = keypad(win, true)
    _ = curs_set(0)
    _ = set_escdelay(25)
    _ = leaveok(win, true)

    var depth = RenderOptions.ColorDepth.none
    var defaultColors = false
    if has_colors() {
      _ = start_color()
      defaultColors = use_default_colors() == OK
      let colours = losslab_colors()
      depth = colours >= 256 ? .full256 : (colours >= 8 ? .basic8 : .none)
    }
    if let cap = options.maxColor, cap < depth { depth = cap }

    if options.mouse {
      _ = mousemask(KeyDecoder.mouseMask, nil)
      _ = mouseinterval(0)
    }
    let ascii = options.ascii ?? (losslab_codeset_is_utf8() == 0)
    return (
      RenderOptions(
        ascii: ascii, color: depth, blocks: options.blocks, background: options.background),
      defaultColors
    )
  }

  /// What the loop does after the app handled an event.
  private enum Next { case goOn, quit }

  /// Hands `event` to the app, carrying out its commands (`perform` does the effects and its
  /// answers go back to the app); suspends here when asked.
  private static func dispatch<A: TerminalApp>(
    _ event: Event, to app: inout A, painter: inout Painter, perform: (AppCommand) -> Event?
  ) -> Next {
    switch app.send(event, perform: perform) {
    case .quit: return .quit
    case .suspend:
      suspend(&painter)
    default: break
    }
    return .goOn
  }

  /// Suspends to the shell (as Ctrl-Z does) and, once continued, repaints everything.
  private static func suspend(_ painter: inout Painter) {
    painter.leave()
    losslab_stop_and_resume()
    painter.invalidate()
  }

  private static func loop<A: TerminalApp>(
    _ app: inout A, painter: inout Painter, input win: UnsafeMutablePointer<WINDOW>?,
    crashTest: Bool, perform: (AppCommand) -> Event?
  ) -> Int32 {
    let clock = ContinuousClock()
    var cache = app.makeRenderCache()
    // The frame being drawn; the painter keeps the one shown and hands the older one back.
    var frame = Screen(width: 0, height: 0)
    var nextTick: ContinuousClock.Instant? = nil
    var dirty = true
    var painted = false

    while true {
      let sig = losslab_quit_signal()
      if sig != 0 { return 128 + sig }
      if losslab_take_suspend() != 0 {
        suspend(&painter)
        dirty = true
      }
      if losslab_take_continued() != 0 {
        // Stopped and continued from outside (kill -STOP, -CONT): the screen may have been
        // written over meanwhile.
        painter.invalidate()
        dirty = true
      }

      if dirty {
        let width = Int(losslab_cols())
        let height = Int(losslab_lines())
        if width > 0 && height > 0 {
          if frame.width != width || frame.height != height {
            frame = Screen(width: width, height: height)
          }
          app.render(into: &frame, cache: &cache)
          painter.paint(&frame)
          if !painted && crashTest {
            fatalError("LOSSLAB_CRASH_TEST=1: crashing on purpose after the first frame")
          }
          painted = true
        }
        dirty = false
      }

      // Wait for input, at most until the next tick (and never long, to see quit signals).
      var wait = pollMilliseconds
      if let interval = app.tickInterval {
        let now = clock.now
        var due = nextTick ?? now.advanced(by: interval)
        if due <= now {
          dirty = true
          if dispatch(.tick, to: &app, painter: &painter, perform: perform) == .quit { return 0 }
          due = due.advanced(by: interval)
          // Fell behind (slow frames): skip the missed ticks rather than starve the input.
          if due <= now { due = now.advanced(by: interval) }
        }
        nextTick = due
        wait = dirty ? 0 : min(wait, milliseconds(due - now))
      } else {
        nextTick = nil
      }

      // ncurses refreshes the window it reads from when that window looks touched (a resize
      // touches every window and marks the screen for clearing): marking it refreshed (no
      // output) keeps ncurses from clearing what the painter just sent. (When ncurses paints,
      // it must not: the input window's blank cell would then be painted over the frame.)
      if painter.writesItself { _ = wnoutrefresh(win) }
      wtimeout(win, wait)
      var handled = 0
      while handled < maxEventsPerFrame {
        var value: wint_t = 0
        let status = wget_wch(win, &value)
        if status == ERR { break }
        handled += 1
        wtimeout(win, 0)  // drain what is already queued, then paint
        if status == OK, value == 27, skipUnknownSequence(win) { continue }
        for event in decode(status: status, value: UInt32(value), painter: &painter) {
          dirty = true
          if dispatch(event, to: &app, painter: &painter, perform: perform) == .quit { return 0 }
        }
        // After a resize, paint before reading on.
        if status == KEY_CODE_YES, Int32(bitPattern: value) == KEY_RESIZE { break }
      }
    }
  }

  /// After a lone ESC: when `[` or `O` follows at once, the bytes are an escape sequence ncurses did not
  /// know (bracketed paste, odd function keys, a cut-off mouse report). They are read up to their final
  /// byte and dropped, so they never reach the app as Escape (which quits) plus stray characters.
  /// Returns false, leaving the input as it was, when the ESC stands alone.
  private static func skipUnknownSequence(_ win: UnsafeMutablePointer<WINDOW>?) -> Bool {
    var next: wint_t = 0
    guard wget_wch(win, &next) == OK else { return false }
    guard next == 0x5B || next == 0x4F else {  // "[" (CSI) or "O" (SS3)
      _ = unget_wch(wchar_t(next))
      return false
    }
    // CSI: parameter and intermediate bytes, then one final byte in 0x40...0x7E. SS3: one byte.
    for _ in 0..<64 {
      var b: wint_t = 0
      guard wget_wch(win, &b) == OK else { return true }
      if next == 0x4F || (0x40...0x7E).contains(b) { return true }
    }
    return true
  }

  /// The app events for one `wget_wch` result: none, one, or, for KEY_MOUSE, every mouse report
  /// ncurses read in that run.
  private static func decode(status: Int32, value: UInt32, painter: inout Painter) -> [Event] {
    guard status == KEY_CODE_YES else {
      return KeyDecoder.event(character: value).map { [$0] } ?? []
    }
    let code = Int32(bitPattern: value)
    switch code {
    case KEY_RESIZE:
      painter.invalidate()
      return [.resize(width: Int(losslab_cols()), height: Int(losslab_lines()))]
    case KEY_MOUSE:
      return mouseEvents()
    default:
      return KeyDecoder.event(keyCode: code).map { [$0] } ?? []
    }
  }

  /// The mouse reports ncurses queued for one KEY_MOUSE, oldest first. When several reports
  /// arrive in one read (a quick click over a slow link: press and release together), ncurses
  /// returns one KEY_MOUSE for the run; `getmouse` hands the events back newest first, one per call,
  /// until none is left. Taking only one would lose the press of that click.
  private static func mouseEvents() -> [Event] {
    var events: [Event] = []
    var m = MEVENT()
    while events.count < 64, getmouse(&m) == OK {
      if let e = KeyDecoder.event(mouse: m) { events.append(e) }
    }
    return events.reversed()
  }

  private static func milliseconds(_ d: Duration) -> Int32 {
    let (s, atto) = d.components
    let perMilli: Int64 = 1_000_000_000_000_000
    let ms = s * 1000 + (atto + perMilli - 1) / perMilli  // round up: never wake early
    return Int32(clamping: max(ms, 0))
  }
}
