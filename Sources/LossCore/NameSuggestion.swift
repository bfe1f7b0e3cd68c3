/// Picks the candidate closest to `name` by edit distance, for "did you mean ...?" hints.
///
/// Returns nil when nothing is reasonably close (distance more than half the name's length, at least 3).
public func closestName(to name: String, among candidates: [String]) -> String? {
  let target = Array(name.lowercased())
  var best: (name: String, distance: Int)?
  for candidate in candidates {
    let d = editDistance(target, Array(candidate.lowercased()))
    if best == nil || d < best!.distance { best = (candidate, d) }
  }
  guard let best, best.distance <= max(3, target.count / 2) else { return nil }
  return best.name
}

/// Levenshtein distance between two character arrays.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = Array(repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
