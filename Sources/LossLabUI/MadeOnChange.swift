/// A value with a default that costs something to make (a view's state, a render cache).
protocol MadeByDefault: SendableMetatype {
  /// The default value: deterministic, so a default made now equals one made at start.
  init()
}

/// A value made only when it is first changed; until then a read gives a fresh default without
/// keeping it.
///
/// `AppState` keeps each view's state this way, and `AppRenderCache` each view's caches, so a run
/// that shows one view makes one. Reading never makes anything, which keeps `render` from building
/// state: only a change (a `_modify` or a set) or `make()` does.
///
/// `Value` carries no requirement: the default comes from a function given at `init`. A requirement on the
/// type (`Value: MadeByDefault`) made the runtime check the conformance when it first built the wrapper's
/// metadata, and that first check searches every conformance in the binary (a start-up cost the first frame
/// paid).
///
/// The value lives in a box shared by copies until one of them changes it (copy on write), so a read lends
/// it in place. A read that yielded the value itself (`made.unsafelyUnwrapped`, or `made!`) made the read
/// accessor's frame as large as the value, a few kilobytes for a view's state, and a frame that large is
/// allocated on the heap at every read: three allocations in every warm frame.
@propertyWrapper
struct MadeOnChange<Value> {
  /// The value once made, nil before.
  private var box: Box?
  /// Makes the default value.
  private let makeDefault: @Sendable () -> Value

  /// Holds the made value; shared by copies of the wrapper until one of them changes it.
  private final class Box: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
  }

  /// A wrapper holding `value`, or nothing yet when it is nil.
  init(_ value: Value? = nil) where Value: MadeByDefault {
    box = value.map(Box.init)
    makeDefault = { Value() }
  }

  /// A wrapper holding nothing yet (`@MadeOnChange var x: T`).
  init() where Value: MadeByDefault {
    self.init(nil)
  }

  var wrappedValue: Value {
    _read {
      // One reference kept across the yield: the accessor's frame fits the caller's fixed buffer (a
      // larger frame is allocated on the heap, at every read).
      let held = box ?? Self.boxed(makeDefault)
      yield held.value
    }
    set {
      if box != nil, isKnownUniquelyReferenced(&box!) {
        box!.value = newValue
      } else {
        box = Box(newValue)
      }
    }
    _modify {
      if box == nil {
        box = Box(makeDefault())
      } else if !isKnownUniquelyReferenced(&box!) {
        box = Box(box!.value)
      }
      yield &box!.value
    }
  }

  /// A box holding a new default, made outside the read accessor: made inside, the value would take room
  /// in the accessor's frame (which is why the value is boxed at all).
  @inline(never)
  private static func boxed(_ make: () -> Value) -> Box { Box(make()) }

  /// Whether the value has been made.
  var isMade: Bool { box != nil }

  /// Makes the default value if none was made; a made one is kept as it is.
  mutating func make() {
    if box == nil { box = Box(makeDefault()) }
  }
}

extension MadeOnChange: Sendable where Value: Sendable {}
