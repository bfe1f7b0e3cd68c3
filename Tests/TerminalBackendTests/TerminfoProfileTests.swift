import CNCurses
import LossPlot
import Testing

@testable import TerminalBackend

/// `TerminalProfile.fromTerminfo` against the terminfo entries installed here, one test in all
/// (terminfo's current terminal is global): the xterm-256color entry must give the codes xterm
/// documents (the hand-written `.xterm256`), vt100 none of the colour or ECMA-48 extras, and
/// linux its ncv attributes.
@Suite struct TerminfoProfileTests {
  @Test func entriesReadAsTheirTerminalsDocumentThem() throws {
    var status: Int32 = 0
    try #require(setupterm("xterm-256color", -1, &status) == OK)
    var xterm = try #require(TerminalProfile.fromTerminfo(colors: 256))
    #expect(xterm.reset == Array("\u{1B}(B\u{1B}[m".utf8))  // sgr0 also selects the G0 charset
    xterm.reset = TerminalProfile.xterm256.reset
    xterm.lineFeedKeepsColumn = true  // the tty's business, not terminfo's
    #expect(xterm == .xterm256)

    try #require(setupterm("vt100", -1, &status) == OK)
    let vt100 = try #require(TerminalProfile.fromTerminfo(colors: 0))
    #expect(vt100.colorCount == 0)
    #expect(vt100.defaultForeground == nil && vt100.dim == nil)
    #expect(vt100.reverseOff == nil && vt100.underlineOff == nil)
    #expect(vt100.bold == [0x31] && vt100.reverse == [0x37])
    #expect(!vt100.hasEraseCharacters && vt100.hasEraseLine && vt100.hasRelativeMoves)
    #expect(vt100.clear == Array("\u{1B}[H\u{1B}[J".utf8))  // padding $<50> dropped

    try #require(setupterm("linux", -1, &status) == OK)
    let linux = try #require(TerminalProfile.fromTerminfo(colors: 8))
    #expect(linux.noColorVideo == [.underline, .dim])
    #expect(linux.foreground[3] == Array("33".utf8) && linux.background[6] == Array("46".utf8))
  }
}
