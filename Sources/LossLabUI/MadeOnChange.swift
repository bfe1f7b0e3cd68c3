/// A value with a default that costs something to make (a view's state, a render cache).
protocol MadeByDefault {
  /// The default value: deterministic, so a default made now equals one made at start.
  init()
}

/// A value made only when it is first changed; until then a read gives a fresh default without
/// keeping it.
///
/// `AppState` keeps each view's state this way, and `AppRenderCache` each view's caches, so a run
/// that shows one view makes one. Reading never makes anything, which keeps `render` from building
/// state: only a change (a `_modify` or a set) or `make()` does.
@propertyWrapper
struct MadeOnChange<Value: MadeByDefault> {
  /// The value once made, nil before.
  private(set) var made: Value?

  /// A wrapper holding `value`, or nothing yet when it is nil.
  init(_ value: Value? = nil) { made = value }

  var wrappedValue: Value {
    _read {
      if made != nil { yield made.unsafelyUnwrapped } else { yield Value() }
    }
    set { made = newValue }
    _modify {
      if made == nil { made = Value() }
      yield &made!
    }
  }

  /// Whether the value has been made.
  var isMade: Bool { made != nil }

  /// Makes the default value if none was made; a made one is kept as it is.
  mutating func make() {
    if made == nil { made = Value() }
  }
}

extension MadeOnChange: Sendable where Value: Sendable {}
