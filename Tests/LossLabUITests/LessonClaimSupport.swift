import Foundation
import Testing

@testable import LossLabUI

// What the tests that recompute the lessons' numbers share: reading a step's claims, and KL written out.

/// Step `i` (from 0) of the built-in lesson `lesson`.
func lessonStep(_ lesson: String, _ i: Int) -> LessonStep { Lesson.named(lesson)!.steps[i] }

/// The number step `i` claims for `q` (`{"value": q, "is": n}`) and its tolerance; records an issue when the
/// step claims nothing about `q`.
func claimed(
  _ lesson: String, _ i: Int, _ q: LessonQuantity,
  sourceLocation: SourceLocation = #_sourceLocation
) -> (value: Double, tolerance: Double)? {
  for c in lessonStep(lesson, i).expect {
    if case .value(q, let check) = c, let e = check.expected { return (e, check.tolerance) }
  }
  Issue.record("\(lesson) step \(i + 1) claims nothing about \(q)", sourceLocation: sourceLocation)
  return nil
}

/// The claim for `q` at step `i` agrees with `truth`, computed by the test.
func expectClaim(
  _ lesson: String, _ i: Int, _ q: LessonQuantity, _ truth: Double,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let c = claimed(lesson, i, q, sourceLocation: sourceLocation) else { return }
  #expect(
    abs(c.value - truth) <= c.tolerance + 1e-12,
    "\(lesson) step \(i + 1): \(q) is \(truth), claimed \(c.value)",
    sourceLocation: sourceLocation)
}

/// Step `i` of `lesson` makes `claim`.
func claims(_ lesson: String, _ i: Int, _ claim: LessonClaim) -> Bool {
  lessonStep(lesson, i).expect.contains(claim)
}

/// KL(a‖b) in bits, written out from its definition (a term with a = 0 counts 0), without LossCore.
func klBits(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + ($1.0 > 0 ? $1.0 * log2($1.0 / $1.1) : 0) }
}
