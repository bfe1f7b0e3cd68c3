import LossCore

/// The lessons and explanation cards that ship with losslab.
///
/// They are JSON files in `Sources/LossLabUI/Content` (`cards/*.json`, `lessons/*.json`),
/// compiled into the binary by SwiftPM (`resources: [.embedInCode("Content")]` generates
/// `PackageResources`), so a copied binary needs no files beside it. SwiftPM names each file by
/// its base name only, so file names must be unique across the folder. A new file is listed
/// here too; `ContentTests` fails for a file that is not, and checks every file.
enum BuiltInContent {
  /// A content file: its path under `Content`, and its bytes.
  struct File: Sendable {
    var path: String
    var bytes: [UInt8]
  }

  /// Card files, in the order the cards are listed.
  static let cardFiles: [File] = [
    File(path: "cards/loss-curves.json", bytes: PackageResources.loss_curves_json),
    File(path: "cards/keras-losses.json", bytes: PackageResources.keras_losses_json),
    File(path: "cards/line-fit.json", bytes: PackageResources.line_fit_json),
    File(path: "cards/classify-fit.json", bytes: PackageResources.classify_fit_json),
    File(path: "cards/optimizers.json", bytes: PackageResources.optimizers_json),
    File(path: "cards/distributions.json", bytes: PackageResources.distributions_json),
    File(path: "cards/concepts.json", bytes: PackageResources.concepts_json),
    File(path: "cards/schedules.json", bytes: PackageResources.schedules_json),
  ]

  /// Lesson files, in the order `lesson --list` shows them.
  static let lessonFiles: [File] = [
    File(path: "lessons/what-is-a-loss.json", bytes: PackageResources.what_is_a_loss_json),
    File(path: "lessons/mse-vs-mae.json", bytes: PackageResources.mse_vs_mae_json),
    File(path: "lessons/confident-mistakes.json", bytes: PackageResources.confident_mistakes_json),
    File(path: "lessons/learning-rate.json", bytes: PackageResources.learning_rate_json),
    File(path: "lessons/momentum-and-adam.json", bytes: PackageResources.momentum_and_adam_json),
    File(path: "lessons/kl-asymmetry.json", bytes: PackageResources.kl_asymmetry_json),
    File(path: "lessons/mode-seeking.json", bytes: PackageResources.mode_seeking_json),
    File(
      path: "lessons/median-and-quantiles.json", bytes: PackageResources.median_and_quantiles_json),
    File(path: "lessons/why-cross-entropy.json", bytes: PackageResources.why_cross_entropy_json),
    File(path: "lessons/feature-scaling.json", bytes: PackageResources.feature_scaling_json),
  ]

  /// `{"cards": [CARD, ...]}`.
  struct CardFile: Decodable {
    var cards: [Explanation]
    init(from decoder: any Decoder) throws {
      let f = try Fields(decoder, keys: ["cards"])
      cards = try f.nested("cards", as: [Explanation].self) ?? []
    }
  }

  /// Decodes one content file; errors name `Content/PATH`, the line and the key path.
  static func decode<T: Decodable>(_ type: T.Type, _ file: File) throws(ScenarioError) -> T {
    try JSONText.decodeFile(type, from: file.bytes, file: "Content/" + file.path)
  }

  /// Every card. The files are checked by the tests, so a failure here is a build that skipped them.
  static let cards: [Explanation] = cardFiles.flatMap { file in
    do {
      return try decode(CardFile.self, file).cards
    } catch {
      fatalError("built-in content: \(error)")
    }
  }

  /// Every lesson.
  static let lessons: [Lesson] = lessonFiles.map(lesson)

  /// The lesson in `file` (a file is named for its lesson: `lessons/NAME.json`, which
  /// `ContentTests` checks), so one lesson can be read without decoding the others.
  static func lesson(_ file: File) -> Lesson {
    do {
      return try decode(Lesson.self, file)
    } catch {
      fatalError("built-in content: \(error)")
    }
  }

  /// The name of the lesson in `file`, from its path alone.
  static func lessonName(_ file: File) -> Substring {
    file.path.dropFirst("lessons/".count).dropLast(".json".count)
  }
}

extension Explanation: Decodable {
  public init(from decoder: any Decoder) throws {
    let f = try Fields(
      decoder,
      keys: [
        "id", "aliases", "family", "title", "formula", "ascii_formula", "derivative",
        "ascii_derivative", "meaning", "when_to_use",
      ])
    let families = Family.allCases.map { (Explanations.normalize($0.rawValue), $0) }
    guard let family = try f.choice("family", families, listed: families.map(\.0)) else {
      throw FieldError(path: f.path, message: "\(Fields.name(f.path)) needs the key \"family\"")
    }
    self.init(
      id: try f.requiredString("id"), aliases: try f.strings("aliases", what: "names") ?? [],
      family: family, title: try f.requiredString("title"),
      formula: try f.requiredString("formula"), asciiFormula: try f.requiredString("ascii_formula"),
      derivative: try f.requiredString("derivative"),
      asciiDerivative: try f.requiredString("ascii_derivative"),
      meaning: try f.requiredString("meaning"), whenToUse: try f.requiredString("when_to_use"))
  }
}
