import CNCurses
import LossPlot

extension TerminalProfile {
  /// The profile of the terminal ncurses opened (call after `newterm` and `start_color`), read
  /// from its terminfo entry: each capability is expanded with its parameters and kept only when
  /// it is the ECMA-48 sequence the encoder writes. Nil when the terminal does not address the
  /// cursor as `ESC[row;colH` or cannot clear the screen: ncurses paints those itself.
  /// - Parameter colors: how many colours to read codes for (0 when colours are off).
  static func fromTerminfo(colors: Int) -> TerminalProfile? {
    guard capability("cup", 4, 9) == bytes("\u{1B}[5;10H"), let clear = capability("clear") else {
      return nil
    }
    var fg: [[UInt8]] = []
    var bg: [[UInt8]] = []
    for i in Int32(0)..<Int32(min(max(colors, 0), 256)) {
      guard let f = capability("setaf", i).flatMap(sgrParameters),
        let b = capability("setab", i).flatMap(sgrParameters)
      else { return nil }
      fg.append(f)
      bg.append(b)
    }
    let defaults = capability("op").flatMap(sgrParameters).map { $0.split(separator: 0x3B) }
    let hasDefaults =
      defaults?.count == 2 && defaults?[0].elementsEqual(bytes("39")) == true
      && defaults?[1].elementsEqual(bytes("49")) == true
    let reverse = capability("rev").flatMap(sgrParameters)
    let standout = capability("smso").flatMap(sgrParameters)
    let standoutOff = capability("rmso").flatMap(sgrParameters)
    let ncv = losslab_tinum("ncv")
    var noColorVideo: Attributes = []
    if ncv > 0 {
      if ncv & 2 != 0 { noColorVideo.insert(.underline) }
      if ncv & 4 != 0 { noColorVideo.insert(.reverse) }
      if ncv & 16 != 0 { noColorVideo.insert(.dim) }
      if ncv & 32 != 0 { noColorVideo.insert(.bold) }
    }
    return TerminalProfile(
      foreground: fg, background: bg,
      defaultForeground: hasDefaults ? bytes("39") : nil,
      defaultBackground: hasDefaults ? bytes("49") : nil,
      bold: capability("bold").flatMap(sgrParameters),
      dim: capability("dim").flatMap(sgrParameters),
      reverse: reverse, underline: capability("smul").flatMap(sgrParameters),
      // `ESC[27m` ends reverse video where the terminal's standout is reverse and ends with 27.
      reverseOff: standout == bytes("7") && standoutOff == bytes("27") && reverse == bytes("7")
        ? bytes("27") : nil,
      underlineOff: capability("rmul").flatMap(sgrParameters) == bytes("24") ? bytes("24") : nil,
      noColorVideo: noColorVideo, clear: clear,
      reset: capability("sgr0") ?? bytes("\u{1B}[m"),
      hasRelativeMoves: capability("cuf", 7) == bytes("\u{1B}[7C")
        && capability("cub", 7) == bytes("\u{1B}[7D") && capability("cuu", 7) == bytes("\u{1B}[7A")
        && capability("cud", 7) == bytes("\u{1B}[7B"),
      hasColumnAddress: capability("hpa", 6) == bytes("\u{1B}[7G"),
      hasReverseIndex: capability("ri") == bytes("\u{1B}M"),
      hasBackspace: capability("cub1") == [0x08], lineFeedKeepsColumn: false,
      hasEraseCharacters: capability("ech", 7) == bytes("\u{1B}[7X"),
      hasEraseLine: capability("el") == bytes("\u{1B}[K"),
      autoMargins: losslab_tiflag("am") != 0, wrapWaits: losslab_tiflag("xenl") != 0)
  }

  /// A string capability with its parameters applied, padding (`$<5>`) removed; nil if absent.
  private static func capability(_ name: String, _ parameters: Int32...) -> [UInt8]? {
    let a = parameters.count > 0 ? parameters[0] : 0
    let b = parameters.count > 1 ? parameters[1] : 0
    guard let s = losslab_tistr(name, Int32(parameters.count), a, b) else { return nil }
    return withoutPadding(Array(String(cString: s).utf8))
  }

  private static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  /// `s` without terminfo delays (`$<` … `>`), which only slow serial lines down.
  static func withoutPadding(_ s: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var i = 0
    while i < s.count {
      if s[i] == 0x24, i + 1 < s.count, s[i + 1] == 0x3C,
        let end = s[(i + 2)...].firstIndex(of: 0x3E)
      {
        i = end + 1
        continue
      }
      out.append(s[i])
      i += 1
    }
    return out
  }

  /// The parameters of a lone SGR sequence (`ESC[38;5;200m` gives `38;5;200`); nil when `s` is
  /// anything else.
  static func sgrParameters(_ s: [UInt8]) -> [UInt8]? {
    guard s.count >= 4, s[0] == 0x1B, s[1] == 0x5B, s[s.count - 1] == 0x6D else { return nil }
    let body = Array(s[2..<(s.count - 1)])
    guard !body.isEmpty, body.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x3B }) else {
      return nil
    }
    return body
  }
}
