import AppEvents
import CNCurses

/// Turns what `wget_wch` returns into app events.
enum KeyDecoder {
  /// An event for a plain character (`wget_wch` returned OK), or nil to ignore it.
  static func event(character value: UInt32) -> Event? {
    switch value {
    case 9: return .key(.tab)
    case 10, 13: return .key(.enter)
    case 8, 127: return .key(.backspace)
    case 27: return .key(.escape)
    case 1...26:
      return .key(.control(Unicode.Scalar(UInt8(96 + value))))
    case 0..<32: return nil
    default:
      guard let s = Unicode.Scalar(value), !(0x80..<0xA0).contains(value) else { return nil }
      return .key(.character(s))
    }
  }

  /// An event for a function-key code (`wget_wch` returned KEY_CODE_YES), or nil to ignore it.
  /// KEY_RESIZE and KEY_MOUSE are handled by the caller.
  static func event(keyCode code: Int32) -> Event? {
    if code >= losslab_key_f(1) && code <= losslab_key_f(12) {
      return .key(.function(Int(code - losslab_key_f(0))))
    }
    let key: Key? =
      switch code {
      case KEY_UP: .up
      case KEY_DOWN: .down
      case KEY_LEFT: .left
      case KEY_RIGHT: .right
      case KEY_SR: .shiftUp
      case KEY_SF: .shiftDown
      case KEY_SLEFT: .shiftLeft
      case KEY_SRIGHT: .shiftRight
      case KEY_ENTER: .enter
      case KEY_BTAB: .backTab
      case KEY_BACKSPACE: .backspace
      case KEY_DC: .delete
      case KEY_HOME: .home
      case KEY_END: .end
      case KEY_PPAGE: .pageUp
      case KEY_NPAGE: .pageDown
      default: nil
      }
    return key.map { .key($0) }
  }

  /// An event for an ncurses mouse report, or nil for buttons and motions the app does not use.
  static func event(mouse m: MEVENT) -> Event? {
    let s = m.bstate
    let table: [(mmask_t, MouseEvent.Button, MouseEvent.Kind)] = [
      (losslab_button1_pressed(), .left, .press),
      (losslab_button1_clicked(), .left, .press),
      (losslab_button1_released(), .left, .release),
      (losslab_button2_pressed(), .middle, .press),
      (losslab_button2_released(), .middle, .release),
      (losslab_button3_pressed(), .right, .press),
      (losslab_button3_released(), .right, .release),
      (losslab_button4_pressed(), .wheelUp, .press),
      (losslab_button5_pressed(), .wheelDown, .press),
    ]
    for (mask, button, kind) in table where s & mask != 0 {
      return .mouse(MouseEvent(x: Int(m.x), y: Int(m.y), button: button, kind: kind))
    }
    return nil
  }

  /// The mouse events to ask ncurses for.
  static var mouseMask: mmask_t {
    losslab_button1_pressed() | losslab_button1_released() | losslab_button2_pressed()
      | losslab_button2_released() | losslab_button3_pressed() | losslab_button3_released()
      | losslab_button4_pressed() | losslab_button5_pressed()
  }
}
