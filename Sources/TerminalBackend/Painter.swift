import CNCurses
import LossPlot

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Paints frames: compares each frame with the last one painted (`Screen.diff`), encodes what
/// changed with `FrameEncoder` and sends it in one `write`. ncurses never paints; it only reads
/// input and sets the terminal's modes. On a terminal the encoder does not know (its terminfo
/// is not ECMA-48), ncurses paints instead (`CursesPainter`).
struct Painter {
  /// The encoder, which remembers the terminal's cursor and pen between frames; nil when ncurses
  /// paints.
  private var encoder: FrameEncoder?
  private var curses: CursesPainter?
  /// The last frame painted; the next one is compared against it.
  private(set) var last: Screen?
  /// The cells to send, kept from frame to frame.
  private var diff = ScreenDiff(redrawAll: true, spans: [])
  /// The bytes of a frame, and of the repaint it is compared with; kept from frame to frame.
  private var bytes: [UInt8] = []
  private var repaint: [UInt8] = []

  /// A painter that encodes frames for `profile`, or lets ncurses paint when it is nil.
  init(options: RenderOptions, hasDefaultColors: Bool, profile: TerminalProfile?) {
    if let profile {
      encoder = FrameEncoder(
        profile: profile, options: options, hasDefaultColors: hasDefaultColors)
      bytes.reserveCapacity(1 << 16)
      repaint.reserveCapacity(1 << 16)
    } else {
      curses = CursesPainter(options: options, hasDefaultColors: hasDefaultColors)
    }
  }

  /// The painter writes the terminal itself (false: ncurses paints, with `CursesPainter`).
  var writesItself: Bool { encoder != nil }

  /// Forgets what the terminal shows (after a resize, a suspend): the next `paint` clears it and
  /// sends every visible cell.
  mutating func invalidate() {
    last = nil
    encoder?.invalidate()
    curses?.invalidate()
  }

  /// Paints `screen`: the cells that differ from the last frame, or, with no last frame of this
  /// size or when it is shorter (a view switch), a cleared screen and every visible cell. Keeps
  /// `screen` as the last frame and hands back the one it replaces (to draw the next frame into,
  /// so the two screens' storage is reused).
  mutating func paint(_ screen: inout Screen) {
    guard var encoder else {
      curses!.paint(&screen)
      return
    }
    Screen.diff(from: last, to: screen, into: &diff)
    bytes.removeAll(keepingCapacity: true)
    if diff.redrawAll {
      encoder.encodeRepaint(screen, into: &bytes)
    } else {
      var trial = encoder
      encoder.encode(diff, of: screen, into: &bytes)
      // Much changed (another view): a clear and the new frame's cells may be shorter.
      if diff.cellCount * 8 >= screen.width * screen.height {
        repaint.removeAll(keepingCapacity: true)
        trial.encodeRepaint(screen, into: &repaint)
        if repaint.count < bytes.count {
          swap(&bytes, &repaint)
          encoder = trial
        }
      }
    }
    self.encoder = encoder
    Self.writeAll(bytes)
    if last != nil {
      swap(&last!, &screen)
    } else {
      last = screen
    }
  }

  /// Before ncurses leaves the terminal (`endwin`, on exit or suspend): resets the pen, homes the
  /// cursor and tells ncurses so, since it moves the cursor from where it believes it is.
  mutating func leave() {
    guard encoder != nil else { return }
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: [0x1B, 0x5B, 0x6D, 0x1B, 0x5B, 0x48])  // ESC[m ESC[H
    Self.writeAll(bytes)
    encoder!.invalidate()
    _ = mvcur(0, 0, losslab_lines() - 1, 0)
  }

  /// Writes every byte to standard output (one `write` unless the terminal takes less).
  private static func writeAll(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      guard var p = raw.baseAddress else { return }
      var left = raw.count
      while left > 0 {
        let n = write(STDOUT_FILENO, p, left)
        if n < 0 {
          if errno == EINTR || errno == EAGAIN { continue }
          return
        }
        p += n
        left -= n
      }
    }
  }
}
