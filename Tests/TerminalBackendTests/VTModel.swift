import LossPlot

@testable import TerminalBackend

/// A tiny terminal: the few ECMA-48 sequences `FrameEncoder` may send, applied to a grid of
/// (character, pen) cells as xterm applies them. Anything else is recorded as an error, and so is
/// a move that would scroll the screen or write through a pending wrap: the encoder must never
/// rely on those.
struct VTModel {
  let width: Int
  let height: Int
  var glyphs: [Unicode.Scalar]
  var pens: [Pen]
  var y = 0
  var x = 0
  var pen = Pen.plain
  /// The last column was written: the next character wraps (xterm's pending wrap).
  var wrapPending = false
  var errors: [String] = []

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
    glyphs = Array(repeating: " ", count: width * height)
    pens = Array(repeating: .plain, count: width * height)
  }

  mutating func feed(_ bytes: [UInt8]) {
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      switch b {
      case 0x1B:
        i = escape(bytes, i)
        continue
      case 0x0D: move(y, 0)
      case 0x0A:
        if y == height - 1 { errors.append("line feed on the last row scrolls") }
        move(min(y + 1, height - 1), x)
      case 0x08: move(y, max(x - 1, 0))
      case 0x20...0x7E, 0x80...0xFF:
        let (scalar, length) = decodeUTF8(bytes, i)
        put(scalar)
        i += length
        continue
      default: errors.append("control byte \(b)")
      }
      i += 1
    }
  }

  private mutating func move(_ ny: Int, _ nx: Int) {
    y = ny
    x = nx
    wrapPending = false
  }

  private mutating func put(_ s: Unicode.Scalar) {
    if wrapPending { errors.append("writing through a pending wrap at row \(y)") }
    glyphs[y * width + x] = s
    pens[y * width + x] = pen
    if x == width - 1 {
      wrapPending = true
    } else {
      x += 1
    }
  }

  private mutating func erase(row: Int, from: Int, to: Int) {
    for k in from..<to {
      glyphs[row * width + k] = " "
      pens[row * width + k] = Pen(foreground: -1, background: pen.background, attributes: [])
    }
  }

  /// Handles the sequence starting with ESC at `i`; returns the index after it.
  private mutating func escape(_ bytes: [UInt8], _ i: Int) -> Int {
    guard i + 1 < bytes.count else {
      errors.append("lone ESC")
      return i + 1
    }
    if bytes[i + 1] == 0x4D {  // ESC M: reverse index
      if y == 0 { errors.append("reverse index on the top row scrolls") }
      move(max(y - 1, 0), x)
      return i + 2
    }
    guard bytes[i + 1] == 0x5B else {
      errors.append("ESC \(bytes[i + 1])")
      return i + 2
    }
    var k = i + 2
    var parameters: [Int?] = []
    var current: Int? = nil
    while k < bytes.count, (0x30...0x3B).contains(bytes[k]) {
      if bytes[k] == 0x3B {
        parameters.append(current)
        current = nil
      } else {
        current = (current ?? 0) * 10 + Int(bytes[k] - 0x30)
      }
      k += 1
    }
    parameters.append(current)
    guard k < bytes.count else {
      errors.append("unfinished CSI")
      return k
    }
    let n = max(parameters[0] ?? 1, 1)
    switch bytes[k] {
    case 0x48:  // H
      let col = parameters.count > 1 ? max(parameters[1] ?? 1, 1) : 1
      move(min(n, height) - 1, min(col, width) - 1)
    case 0x41: move(max(y - n, 0), x)  // A
    case 0x42: move(min(y + n, height - 1), x)  // B
    case 0x43: move(y, min(x + n, width - 1))  // C
    case 0x44: move(y, max(x - n, 0))  // D
    case 0x47: move(y, min(n, width) - 1)  // G
    case 0x4B:  // K
      guard parameters[0] == nil || parameters[0] == 0 else {
        errors.append("EL \(parameters)")
        break
      }
      erase(row: y, from: x, to: width)
      wrapPending = false
    case 0x58:  // X
      erase(row: y, from: x, to: min(x + n, width))
      wrapPending = false
    case 0x4A:  // J
      guard parameters[0] == 2 else {
        errors.append("ED \(parameters)")
        break
      }
      for row in 0..<height { erase(row: row, from: 0, to: width) }
    case 0x6D: sgr(parameters)
    default: errors.append("CSI final \(bytes[k])")
    }
    return k + 1
  }

  private mutating func sgr(_ parameters: [Int?]) {
    var j = 0
    while j < parameters.count {
      let p = parameters[j] ?? 0
      switch p {
      case 0: pen = .plain
      case 1: pen.attributes.insert(.bold)
      case 2: pen.attributes.insert(.dim)
      case 4: pen.attributes.insert(.underline)
      case 7: pen.attributes.insert(.reverse)
      case 24: pen.attributes.remove(.underline)
      case 27: pen.attributes.remove(.reverse)
      case 30...37: pen.foreground = Int16(p - 30)
      case 90...97: pen.foreground = Int16(p - 90 + 8)
      case 40...47: pen.background = Int16(p - 40)
      case 100...107: pen.background = Int16(p - 100 + 8)
      case 39: pen.foreground = -1
      case 49: pen.background = -1
      case 38, 48:
        guard j + 2 < parameters.count, parameters[j + 1] == 5, let c = parameters[j + 2] else {
          errors.append("SGR \(parameters)")
          return
        }
        if p == 38 { pen.foreground = Int16(c) } else { pen.background = Int16(c) }
        j += 2
      default: errors.append("SGR parameter \(p)")
      }
      j += 1
    }
  }

  private func decodeUTF8(_ b: [UInt8], _ i: Int) -> (Unicode.Scalar, Int) {
    let lead = b[i]
    let length = lead < 0x80 ? 1 : (lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4))
    var v = UInt32(lead)
    switch length {
    case 2: v &= 0x1F
    case 3: v &= 0x0F
    case 4: v &= 0x07
    default: break
    }
    for k in 1..<length { v = (v << 6) | UInt32(b[i + k] & 0x3F) }
    return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
  }
}
