/// The version `losslab --version` prints. It must match the newest release heading of
/// CHANGELOG.md (a test checks it); change both together.
enum LossLabVersion {
  static let current = "0.2.0"
}
