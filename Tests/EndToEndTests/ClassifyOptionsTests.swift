import Foundation
import Testing

/// The classify command's options: `--standardize` is the `z` key, and the contour view's descent options
/// that classify does not take are refused with one line, not silently ignored.
@Suite(.enabled(if: LosslabBinary.path != nil, "needs the built losslab"))
struct ClassifyOptionsTests {
  static let steps = Array(repeating: "s", count: 30).joined(separator: " ")

  /// `--standardize` frames the z-scored data as `z` does in the view: the same frame after the same steps.
  @Test func standardizeIsTheZKey() throws {
    let size = ["--width", "140", "--height", "44"]
    let option = try Spawn.losslab(
      ["render", "classify", "--dataset", "challenger", "--standardize", "--keys", Self.steps]
        + size)
    let key = try Spawn.losslab(
      ["render", "classify", "--dataset", "challenger", "--keys", "z " + Self.steps] + size)
    #expect(option.status == 0 && key.status == 0, "\(option.stderr)\(key.stderr)")
    #expect(option.stdout.contains("z-scores: z = (x − "), "\(option.stdout)")
    #expect(option.stdout.contains("in x units: w="), "\(option.stdout)")
    #expect(option.stdout == key.stdout)
  }

  @Test(arguments: [
    (["--schedule", "cosine:decay_steps=40"], "--schedule"),
    (["--weight-decay", "0.1"], "--weight-decay"),
  ])
  func lineFitOptionsAreRefused(_ args: [String], _ name: String) throws {
    for command in [["render", "classify"], ["classify"]] {
      let r = try Spawn.losslab(command + args)
      #expect(r.status != 0)
      #expect(r.stdout.isEmpty)
      #expect(
        r.stderr
          == "losslab: error: \(name) belongs to the contour view's line fit, not to classify\n",
        "\(r.stderr)")
    }
  }
}
