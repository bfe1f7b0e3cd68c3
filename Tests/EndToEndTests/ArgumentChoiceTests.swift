import Testing

/// Views and optimizers are argument types: `--help` lists their values, shell completion offers
/// them, and a wrong value is refused in one line.
@Suite struct ArgumentChoiceTests {
  @Test func helpListsTheViewsAndTheOptimizers() throws {
    let render = try Spawn.losslab(["render", "--help"])
    let renderFlat = render.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      renderFlat.contains("(values: curves, contour, distributions, classify)"), "\(render.stdout)")
    let descend = try Spawn.losslab(["descend", "--help"])
    let flat = descend.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      flat.contains(
        "values: gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, nadam, adamax, adadelta, lion"
      ), "\(flat)")
  }

  @Test func completionOffersTheViewsAndTheOptimizers() throws {
    let fish = try Spawn.losslab(["--generate-completion-script", "fish"]).stdout
    let optimizer = fish.split(separator: "\n").filter {
      $0.contains("\"losslab descend\" optimizer")
    }
    #expect(
      optimizer.contains {
        $0.contains("gd momentum nesterov adagrad rmsprop adam adamw nadam adamax adadelta lion")
      },
      "\(optimizer)")
    let view = fish.split(separator: "\n").filter { $0.contains("\"losslab render\" -eq 1") }
    #expect(view.contains { $0.contains("curves contour distributions classify") }, "\(view)")
  }

  @Test func aWrongValueIsOneLineNamingIt() throws {
    let view = try Spawn.losslab(["render", "charts"])
    #expect(view.status != 0)
    #expect(view.stderr.split(separator: "\n").count == 1, "\(view.stderr)")
    #expect(view.stderr.contains("'charts'") && view.stderr.contains("'distributions'"))
    let optimizer = try Spawn.losslab(["contour", "--optimizer", "adamm"])
    #expect(optimizer.status != 0)
    #expect(optimizer.stderr == "losslab: error: unknown optimizer 'adamm'; did you mean 'adam'?\n")
    // Aliases still work.
    #expect(try Spawn.losslab(["render", "dist", "--height", "3"]).status == 0)
    #expect(try Spawn.losslab(["descend", "--optimizer", "SGD", "--steps", "1"]).status == 0)
  }
}
