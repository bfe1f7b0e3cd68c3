import LossPlot

/// One explanation card, shown by `e` for whatever is selected.
///
/// `formula` and `derivative` are Unicode math on one line of at most 60 columns, made only of
/// single-width characters; `asciiFormula` and `asciiDerivative` say the same in pure ASCII for
/// `--ascii` or non-UTF-8 terminals. `title`, `meaning` and `whenToUse` are plain ASCII and are
/// shown unchanged in both modes. Logarithms are natural (nats) unless a card says bits.
public struct Explanation: Sendable, Equatable {
  /// Which family a card belongs to (also the concepts page that covers it).
  public enum Family: String, Sendable, Equatable, CaseIterable {
    case regression, classification, lineFit, optimizer, distribution, concept
  }

  /// Stable key, e.g. "bce", "mse", "adam", "kl".
  public var id: String
  /// Other names that find this card, e.g. the Keras name "binary-crossentropy".
  public var aliases: [String]
  public var family: Family
  public var title: String
  /// Unicode math, one line, at most 60 single-width columns.
  public var formula: String
  /// `formula` in pure ASCII.
  public var asciiFormula: String
  /// The derivative (for optimizers: the gradient and state the update uses), Unicode, one line.
  public var derivative: String
  /// `derivative` in pure ASCII.
  public var asciiDerivative: String
  /// What it means, in one or two plain sentences (ASCII).
  public var meaning: String
  /// When to use it, in one to three sentences (ASCII).
  public var whenToUse: String

  public init(
    id: String, aliases: [String] = [], family: Family, title: String,
    formula: String, asciiFormula: String, derivative: String, asciiDerivative: String,
    meaning: String, whenToUse: String
  ) {
    self.id = id
    self.aliases = aliases
    self.family = family
    self.title = title
    self.formula = formula
    self.asciiFormula = asciiFormula
    self.derivative = derivative
    self.asciiDerivative = asciiDerivative
    self.meaning = meaning
    self.whenToUse = whenToUse
  }

  /// The label in front of `derivative`: "Update state" for optimizers, "Derivative" otherwise.
  public var derivativeLabel: String { family == .optimizer ? "Update state" : "Derivative" }

  /// The formula for the chosen mode.
  public func formula(ascii: Bool) -> String { ascii ? asciiFormula : formula }

  /// The derivative for the chosen mode.
  public func derivative(ascii: Bool) -> String { ascii ? asciiDerivative : derivative }

  /// The whole card as panel lines, each at most `width` columns (every character in the Unicode
  /// form is one column wide). With `ascii`, every line is pure ASCII. Widths below 10 are
  /// treated as 10.
  public func lines(ascii: Bool, width: Int) -> [String] {
    let w = max(width, 10)
    var out: [String] = []
    out += TextWrap.wrap(title, width: w)
    out += TextWrap.wrapMath(label: "Formula:", formula(ascii: ascii), width: w)
    out += TextWrap.wrapMath(label: derivativeLabel + ":", derivative(ascii: ascii), width: w)
    out.append("")
    out += TextWrap.wrap(meaning, width: w)
    out.append("")
    out += TextWrap.wrap("When to use: " + whenToUse, width: w)
    return out
  }
}

/// Every explanation card, and lookup by id or alias.
public enum Explanations {
  /// All cards, in the order a help list would show them.
  public static let all: [Explanation] =
    curves + kerasLosses + lineFit + classificationFit + optimizers + moreOptimizers
    + distributions + concepts + schedules

  /// The card whose id or alias is `id`. Case, spaces, underscores and camelCase are ignored, so
  /// Keras names ("binary_crossentropy"), kebab names and Swift case names ("squaredHinge",
  /// "binaryCrossentropy") all work.
  public static func named(_ id: String) -> Explanation? {
    let key = normalize(id)
    return all.first { $0.id == key } ?? all.first { $0.aliases.contains(key) }
  }

  /// The card for a curve of the curves view: `kind` is a curve name ("negLog", "bce", "hinge",
  /// ...); for "bce" the target (0 or 1) picks "bce-0" or "bce-1", any other target gives "bce".
  public static func forCurve(_ kind: String, target: Double) -> Explanation? {
    let key = normalize(kind)
    if named(key)?.id == "bce" {
      if target == 0 { return named("bce-0") }
      if target == 1 { return named("bce-1") }
    }
    return named(key)
  }

  /// The card for the objective of the contour view: `loss` is "mse", "mae" or "huber".
  public static func forLineFit(_ loss: String) -> Explanation? {
    named("fit-" + normalize(loss))
  }

  /// Lower-cases, turns spaces and underscores into hyphens, and splits camelCase with hyphens.
  static func normalize(_ name: String) -> String {
    var out = ""
    var previousIsLowerOrDigit = false
    for c in name {
      if c == "_" || c == " " {
        out.append("-")
        previousIsLowerOrDigit = false
        continue
      }
      if c.isUppercase && previousIsLowerOrDigit { out.append("-") }
      out += c.lowercased()
      previousIsLowerOrDigit = c.isLowercase || c.isNumber
    }
    return out
  }

  // MARK: - Curves view (and the matching Keras losses)

  static let curves: [Explanation] = [
    Explanation(
      id: "neg-log", aliases: ["-log", "neglog", "minus-log"], family: .classification,
      title: "-log(x): the price of a probability",
      formula: "f(x) = −log x,  0 < x ≤ 1",
      asciiFormula: "f(x) = -log(x),  0 < x <= 1",
      derivative: "f′(x) = −1/x",
      asciiDerivative: "f'(x) = -1/x",
      meaning:
        "If a model gives the right answer probability x, it pays -log(x): nothing at x = 1, "
        + "0.69 at x = 0.5, and without limit as x falls to 0. "
        + "The slope -1/x is steepest where the model is most wrong.",
      whenToUse:
        "This is the building block of every cross-entropy loss. "
        + "Read the curve as the cost of the probability given to the true class."
    ),
    Explanation(
      id: "log", aliases: ["log-x"], family: .concept,
      title: "log(x): the natural logarithm",
      formula: "f(x) = log x = ln x,  x > 0",
      asciiFormula: "f(x) = log(x) = ln(x),  x > 0",
      derivative: "f′(x) = 1/x",
      asciiDerivative: "f'(x) = 1/x",
      meaning:
        "log turns products of probabilities into sums and is negative for every x below 1. "
        + "Flip it upside down and you get the -log(x) loss curve.",
      whenToUse:
        "Losses use natural logs and report nats; divide by log 2 (0.693) to get bits, "
        + "the unit of the distributions view."
    ),
    Explanation(
      id: "bce-0", aliases: ["bce-target-0", "bce0"], family: .classification,
      title: "Binary cross-entropy, target 0",
      formula: "L(ŷ) = −log(1 − ŷ)",
      asciiFormula: "L(yhat) = -log(1 - yhat)",
      derivative: "dL/dŷ = 1/(1 − ŷ)",
      asciiDerivative: "dL/dyhat = 1/(1 - yhat)",
      meaning:
        "When the true label is 0, only the probability left for 0, which is 1 - yhat, counts. "
        + "Predicting 0.3 costs 0.357 nats, and predicting 0.99 costs 4.6.",
      whenToUse:
        "This is the half of binary cross-entropy used by negative examples. "
        + "It mirrors the target-1 curve around yhat = 0.5."
    ),
    Explanation(
      id: "bce-1", aliases: ["bce-target-1", "bce1"], family: .classification,
      title: "Binary cross-entropy, target 1",
      formula: "L(ŷ) = −log ŷ",
      asciiFormula: "L(yhat) = -log(yhat)",
      derivative: "dL/dŷ = −1/ŷ",
      asciiDerivative: "dL/dyhat = -1/yhat",
      meaning:
        "When the true label is 1, the loss is -log of the probability given to 1: "
        + "0.51 at 0.6, 0.36 at 0.7, but 4.42 at 0.012.",
      whenToUse:
        "This is the half of binary cross-entropy used by positive examples. "
        + "A confident wrong answer costs far more than a hesitant one."
    ),
    Explanation(
      id: "bce", aliases: ["binary-crossentropy", "binary-cross-entropy", "log-loss", "logloss"],
      family: .classification,
      title: "Binary cross-entropy (log loss)",
      formula: "L = −[y·log ŷ + (1 − y)·log(1 − ŷ)]",
      asciiFormula: "L = -[y*log(yhat) + (1-y)*log(1-yhat)]",
      derivative: "∂L/∂ŷ = (ŷ − y)/(ŷ(1 − ŷ));  via sigmoid ∂L/∂z = ŷ − y",
      asciiDerivative: "dL/dyhat = (yhat-y)/(yhat(1-yhat)); sigmoid: dL/dz = yhat-y",
      meaning:
        "For a yes/no label y and a predicted probability yhat, it is -log of the probability given "
        + "to what really happened. Confident mistakes are punished without limit, because "
        + "-log(x) grows without bound as x goes to 0.",
      whenToUse:
        "Use it for binary or multi-label classification with a sigmoid output. "
        + "Sigmoid and BCE fit together: the slope with respect to the logit is simply yhat - y, "
        + "so learning never stalls on a saturated sigmoid. Keras clips yhat to [1e-7, 1 - 1e-7]."
    ),
    Explanation(
      id: "hinge", family: .classification,
      title: "Hinge loss",
      formula: "L = max(0, 1 − y·ŷ),  y ∈ {−1, +1}",
      asciiFormula: "L = max(0, 1 - y*yhat),  y in {-1, +1}",
      derivative: "∂L/∂ŷ = −y if y·ŷ < 1, else 0",
      asciiDerivative: "dL/dyhat = -y if y*yhat < 1, else 0",
      meaning:
        "The margin m = y*yhat is positive when the score has the right sign; the loss falls in a "
        + "straight line until m reaches 1 and is zero beyond. "
        + "Points that are already right by a safe margin stop pulling on the model.",
      whenToUse:
        "Use it for max-margin (SVM style) binary classification with raw scores, not probabilities. "
        + "Keras turns 0/1 labels into -1/+1 first."
    ),
    Explanation(
      id: "squared-hinge", aliases: ["sq-hinge"], family: .classification,
      title: "Squared hinge loss",
      formula: "L = max(0, 1 − y·ŷ)²,  y ∈ {−1, +1}",
      asciiFormula: "L = max(0, 1 - y*yhat)^2,  y in {-1, +1}",
      derivative: "∂L/∂ŷ = −2y·max(0, 1 − y·ŷ)",
      asciiDerivative: "dL/dyhat = -2*y*max(0, 1 - y*yhat)",
      meaning:
        "The hinge squared: zero past the margin, smooth at it, and much harsher on points that are "
        + "far on the wrong side.",
      whenToUse:
        "Use it instead of hinge when you want a smooth slope at the margin and a stronger push on "
        + "large violations; it is more sensitive to mislabelled outliers."
    ),
    Explanation(
      id: "mse", aliases: ["mean-squared-error", "l2", "squared-error"], family: .regression,
      title: "Mean squared error",
      formula: "MSE = (1/n)·Σ(yᵢ − ŷᵢ)²",
      asciiFormula: "MSE = (1/n) * sum((y_i - yhat_i)^2)",
      derivative: "∂MSE/∂ŷᵢ = (2/n)·(ŷᵢ − yᵢ)",
      asciiDerivative: "dMSE/dyhat_i = (2/n) * (yhat_i - y_i)",
      meaning:
        "Squaring makes every error positive and makes big errors count far more: an error of 2 "
        + "costs 4 and an error of 3 costs 9. "
        + "The constant that minimizes it is the mean of the targets.",
      whenToUse:
        "Use it for regression when errors are roughly normal and large mistakes really are worse. "
        + "It is sensitive to outliers, since one far point can dominate the sum. "
        + "Keras MSE has no 1/2 factor."
    ),
    Explanation(
      id: "mae", aliases: ["mean-absolute-error", "l1", "absolute-error"], family: .regression,
      title: "Mean absolute error",
      formula: "MAE = (1/n)·Σ|yᵢ − ŷᵢ|",
      asciiFormula: "MAE = (1/n) * sum(|y_i - yhat_i|)",
      derivative: "∂MAE/∂ŷᵢ = sign(ŷᵢ − yᵢ)/n",
      asciiDerivative: "dMAE/dyhat_i = sign(yhat_i - y_i) / n",
      meaning:
        "Every unit of error costs the same, however large the error. "
        + "The constant that minimizes it is the median of the targets.",
      whenToUse:
        "Use it for regression with outliers you do not want to chase. "
        + "Its slope has the same size everywhere, so it does not shrink near the optimum and plain "
        + "gradient descent tends to bounce there."
    ),
    Explanation(
      id: "huber", aliases: ["huber-loss", "smooth-l1"], family: .regression,
      title: "Huber loss (delta)",
      formula: "L(e) = ½e² if |e| ≤ δ, else δ·|e| − ½δ²;  e = ŷ − y",
      asciiFormula: "L(e) = e^2/2 if |e| <= d, else d*|e| - d^2/2; e = yhat-y",
      derivative: "dL/de = e if |e| ≤ δ, else δ·sign(e)",
      asciiDerivative: "dL/de = e if |e| <= d, else d*sign(e)",
      meaning:
        "Quadratic like MSE for small errors and linear like MAE for errors beyond delta, joined "
        + "smoothly. The slope is capped at delta, so an outlier can push only so hard.",
      whenToUse:
        "Use it for regression with some outliers when you still want a smooth minimum. "
        + "Pick delta near the size of error you consider normal; Keras uses delta = 1."
    ),
    Explanation(
      id: "log-cosh", aliases: ["logcosh"], family: .regression,
      title: "Log-cosh loss",
      formula: "L(e) = log cosh e,  e = ŷ − y",
      asciiFormula: "L(e) = log(cosh(e)),  e = yhat - y",
      derivative: "dL/de = tanh e",
      asciiDerivative: "dL/de = tanh(e)",
      meaning:
        "About e^2/2 for small errors and about |e| - log 2 for large ones, and smooth everywhere. "
        + "Its slope tanh(e) never exceeds 1.",
      whenToUse:
        "Use it like Huber when you want a loss that is smooth at every point and has no delta to "
        + "choose. Keras averages it over the last axis."
    ),
  ]

  // MARK: - Other Keras losses

  static let kerasLosses: [Explanation] = [
    Explanation(
      id: "categorical-crossentropy", aliases: ["cce", "categorical-cross-entropy"],
      family: .classification,
      title: "Categorical cross-entropy",
      formula: "L = −Σₖ yₖ·log pₖ,  p = softmax(z) (or ŷ/Σŷ)",
      asciiFormula: "L = -sum_k y_k*log(p_k),  p = softmax(z) (or yhat/sum(yhat))",
      derivative: "∂L/∂pₖ = −yₖ/pₖ;  via softmax ∂L/∂zₖ = pₖ − yₖ",
      asciiDerivative: "dL/dp_k = -y_k/p_k;  via softmax dL/dz_k = p_k - y_k",
      meaning:
        "With a one-hot target, it is -log of the probability given to the true class. "
        + "The loss ignores how the wrong classes share the rest.",
      whenToUse:
        "Use it for one-label-per-example classification with a softmax output and one-hot labels. "
        + "Softmax and this loss fit together: the slope on the logits is just p - y. "
        + "For integer labels use sparse categorical cross-entropy."
    ),
    Explanation(
      id: "sparse-categorical-crossentropy", aliases: ["sparse-cce", "scce"],
      family: .classification,
      title: "Sparse categorical cross-entropy",
      formula: "L = −log p_c,  c = the integer class label",
      asciiFormula: "L = -log(p[c]),  c = the integer class label",
      derivative: "via softmax ∂L/∂zₖ = pₖ − [k = c]",
      asciiDerivative: "via softmax dL/dz_k = p_k - (1 if k == c else 0)",
      meaning:
        "The same number as categorical cross-entropy; only the label format differs. "
        + "The label is the class index instead of a one-hot vector.",
      whenToUse:
        "Use it when targets are integers 0, 1, 2 and so on, which saves building one-hot vectors "
        + "for many classes."
    ),
    Explanation(
      id: "categorical-hinge", aliases: ["cat-hinge"], family: .classification,
      title: "Categorical hinge loss",
      formula: "L = max(0, 1 + neg − pos),  pos = Σy·ŷ, neg = max((1−y)·ŷ)",
      asciiFormula: "L = max(0, 1+neg-pos), pos=sum(y*yhat), neg=max((1-y)*yhat)",
      derivative: "∂L/∂pos = −1, ∂L/∂neg = +1 while L > 0; else 0",
      asciiDerivative: "dL/dpos = -1, dL/dneg = +1 while L > 0; else 0",
      meaning:
        "The score of the true class must beat the best wrong score by at least 1; "
        + "any shortfall is the loss.",
      whenToUse:
        "Use it for multi-class max-margin classification with raw scores and one-hot labels."
    ),
    Explanation(
      id: "mean-absolute-percentage-error", aliases: ["mape"], family: .regression,
      title: "Mean absolute percentage error",
      formula: "MAPE = 100·(1/n)·Σ|(yᵢ − ŷᵢ)/yᵢ|",
      asciiFormula: "MAPE = 100 * (1/n) * sum(|(y_i - yhat_i) / y_i|)",
      derivative: "∂MAPE/∂ŷᵢ = (100/n)·sign(ŷᵢ − yᵢ)/|yᵢ|",
      asciiDerivative: "dMAPE/dyhat_i = (100/n) * sign(yhat_i - y_i) / |y_i|",
      meaning:
        "The absolute error as a percentage of the true value, so being off by 1 matters more for a "
        + "target of 2 than for a target of 200.",
      whenToUse:
        "Use it when relative error is what matters and targets stay away from zero. "
        + "Near zero it explodes; Keras divides by max(|y|, 1e-7)."
    ),
    Explanation(
      id: "mean-squared-logarithmic-error", aliases: ["msle"], family: .regression,
      title: "Mean squared logarithmic error",
      formula: "MSLE = (1/n)·Σ(log(1 + ŷᵢ) − log(1 + yᵢ))²",
      asciiFormula: "MSLE = (1/n) * sum((log(1+yhat_i) - log(1+y_i))^2)",
      derivative: "∂/∂ŷᵢ = (2/n)·(log(1+ŷᵢ) − log(1+yᵢ))/(1 + ŷᵢ)",
      asciiDerivative: "d/dyhat_i = (2/n)*(log(1+yhat_i) - log(1+y_i))/(1+yhat_i)",
      meaning:
        "MSE on log(1 + value), so it compares ratios: predicting 110 for 100 costs about the same "
        + "as 11 for 10.",
      whenToUse:
        "Use it for positive targets that span several orders of magnitude, such as counts or "
        + "prices. It punishes under-prediction a little more than over-prediction."
    ),
    Explanation(
      id: "cosine-similarity", aliases: ["cosine"], family: .regression,
      title: "Cosine similarity loss",
      formula: "L = −(y·ŷ)/(‖y‖·‖ŷ‖)",
      asciiFormula: "L = -(y . yhat) / (||y|| * ||yhat||)",
      derivative: "∂L/∂ŷ = −(u − (u·v)v)/‖ŷ‖,  u = y/‖y‖, v = ŷ/‖ŷ‖",
      asciiDerivative: "dL/dyhat = -(u - (u.v)v)/|yhat|, u = y/|y|, v = yhat/|yhat|",
      meaning:
        "Only the direction of the vectors counts, not their length: -1 when they point the same "
        + "way, 0 when at right angles, +1 when opposite.",
      whenToUse:
        "Use it for embeddings and other vector outputs where scale carries no meaning."
    ),
    Explanation(
      id: "poisson", aliases: ["poisson-loss"], family: .regression,
      title: "Poisson loss",
      formula: "L = (1/n)·Σ(ŷᵢ − yᵢ·log ŷᵢ)",
      asciiFormula: "L = (1/n) * sum(yhat_i - y_i*log(yhat_i))",
      derivative: "∂L/∂ŷᵢ = (1 − yᵢ/ŷᵢ)/n",
      asciiDerivative: "dL/dyhat_i = (1 - y_i/yhat_i) / n",
      meaning:
        "The negative log-likelihood of a Poisson count with mean yhat, without the terms that do "
        + "not depend on yhat. It is smallest when yhat equals y.",
      whenToUse:
        "Use it for counts of events, such as visits per hour, with a positive output such as exp. "
        + "Keras adds 1e-7 inside the log."
    ),
  ]

  // MARK: - Classify view: fitting p = sigmoid(w*x + b) to labels

  static let classificationFit: [Explanation] = [
    Explanation(
      id: "classify-bce", aliases: ["logistic-bce", "classify-binary-crossentropy"],
      family: .classification,
      title: "Logistic fit with cross-entropy on the logit",
      formula: "J(w,b) = (1/m)·Σ[softplus(zᵢ) − yᵢzᵢ],  zᵢ = w·xᵢ + b",
      asciiFormula: "J = (1/m) sum(softplus(z_i) - y_i*z_i), z_i = w*x_i + b",
      derivative: "∂J/∂w = (1/m)·Σ(σ(zᵢ) − yᵢ)·xᵢ, ∂J/∂b = (1/m)·Σ(σ(zᵢ) − yᵢ)",
      asciiDerivative: "dJ/dw = mean((s_i - y_i)x_i), dJ/db = mean(s_i - y_i)",
      meaning:
        "Each point of the map is a whole sigmoid p = sigmoid(w*x + b), and its height is the mean "
        + "cross-entropy on the labelled points. The surface is convex: one bowl with one bottom when "
        + "the classes overlap.",
      whenToUse:
        "This is logistic regression, and the loss to pair with a sigmoid output (Keras from_logits=True "
        + "on the logit). A point on the wrong side pulls with a gradient near 1 however wrong it is, "
        + "so descent walks home from anywhere."
    ),
    Explanation(
      id: "classify-mse", aliases: ["logistic-mse", "classify-mean-squared-error"],
      family: .classification,
      title: "Logistic fit with squared error on the probability",
      formula: "J(w,b) = (1/m)·Σ(σ(w·xᵢ + b) − yᵢ)²",
      asciiFormula: "J(w,b) = (1/m) sum((sigmoid(w*x_i + b) - y_i)^2)",
      derivative: "∂J/∂b = (1/m)·Σ2(σᵢ − yᵢ)·σᵢ(1 − σᵢ); ∂J/∂w: times xᵢ",
      asciiDerivative: "dJ/db = mean(2(s_i - y_i)s_i(1 - s_i)); dJ/dw: times x_i",
      meaning:
        "The same sigmoids scored by squared error on the probability. The factor s(1 - s) vanishes "
        + "where the sigmoid saturates, so confidently wrong points barely pull: the surface has flat "
        + "plateaus and is not convex.",
      whenToUse:
        "Rarely for classification: a start far out on a plateau stalls. It shows why the loss must "
        + "match the output activation; compare it side by side with cross-entropy (v)."
    ),
    Explanation(
      id: "classify-hinge", aliases: ["logistic-hinge", "svm-hinge"], family: .classification,
      title: "Linear classifier with hinge loss on the score",
      formula: "J(w,b) = (1/m)·Σmax(0, 1 − tᵢ(w·xᵢ + b)), tᵢ = 2yᵢ − 1",
      asciiFormula: "J = (1/m) sum(max(0, 1 - t_i(w*x_i + b))), t = 2y - 1",
      derivative: "∂J/∂b = −(1/m)·Σtᵢ over the points with tᵢzᵢ < 1",
      asciiDerivative: "dJ/db = -(1/m) sum(t_i) over points with t_i*z_i < 1",
      meaning:
        "The score w*x + b itself is judged, not a probability: points beyond their margin of 1 cost "
        + "nothing. The surface is made of flat facets, and with a gap between the classes it is 0 on a "
        + "whole region whose tip is the widest-margin fit.",
      whenToUse:
        "Support vector machines use it. Keras turns 0/1 labels into -1/1 first, as here."
    ),
    Explanation(
      id: "classify-squared-hinge", aliases: ["logistic-squared-hinge"], family: .classification,
      title: "Linear classifier with squared hinge loss",
      formula: "J(w,b) = (1/m)·Σmax(0, 1 − tᵢ(w·xᵢ + b))²",
      asciiFormula: "J(w,b) = (1/m) sum(max(0, 1 - t_i(w*x_i + b))^2)",
      derivative: "∂J/∂b = −(2/m)·Σtᵢ·max(0, 1 − tᵢzᵢ)",
      asciiDerivative: "dJ/db = -(2/m) sum(t_i * max(0, 1 - t_i*z_i))",
      meaning:
        "The hinge squared: smooth at the margin, so its minimum is a single point when the classes "
        + "overlap. With a gap it is 0 on the same region as the hinge.",
      whenToUse:
        "When a smooth margin loss is wanted; wrong points pull harder the more wrong they are."
    ),
    Explanation(
      id: "logit-gradient", aliases: ["logit-grad", "classify-gradient"], family: .concept,
      title: "The gradient with respect to the logit",
      formula: "g = ∂ℓ/∂z:  BCE σ − y,  MSE on σ 2(σ − y)·σ(1 − σ)",
      asciiFormula: "g = dl/dz: BCE s - y; MSE on sigmoid 2(s - y)s(1 - s)",
      derivative: "∂J/∂b = mean(g),  ∂J/∂w = mean(g·x)",
      asciiDerivative: "dJ/db = mean(g), dJ/dw = mean(g*x)",
      meaning:
        "Every step of the logistic fit is built from g, one number per point. With cross-entropy a "
        + "wrong point has |g| near 1; with squared error its g is multiplied by s(1 - s), which is "
        + "near 0 once the sigmoid saturates.",
      whenToUse:
        "The panel shows mean g, mean |g| and |g| of the wrong points. When most wrong points are "
        + "saturated and the gradient is tiny, the descent has stalled on a plateau, not found a minimum."
    ),
  ]

  // MARK: - Contour view: fitting y = w*x + b

  static let lineFit: [Explanation] = [
    Explanation(
      id: "fit-mse", aliases: ["contour-mse", "line-mse"], family: .lineFit,
      title: "Line fit with MSE: J(w, b)",
      formula: "J(w,b) = (1/m)·Σ(w·xᵢ + b − yᵢ)²",
      asciiFormula: "J(w,b) = (1/m) * sum((w*x_i + b - y_i)^2)",
      derivative: "∂J/∂w = (2/m)·Σeᵢxᵢ,  ∂J/∂b = (2/m)·Σeᵢ,  eᵢ = wxᵢ+b−yᵢ",
      asciiDerivative: "dJ/dw = (2/m)sum(e_i*x_i), dJ/db = (2/m)sum(e_i), e = wx+b-y",
      meaning:
        "Each point (w, b) of the contour map is a whole line, and its height is that line's mean "
        + "squared error on the 50 points. The surface is a smooth bowl with one lowest point near "
        + "w = 2, b = 3.",
      whenToUse:
        "This is the classic least-squares fit. The source tutorial divides by 2m, which halves J "
        + "and its slopes but leaves the best (w, b) where it is; Keras and losslab use the mean."
    ),
    Explanation(
      id: "fit-mae", aliases: ["contour-mae", "line-mae"], family: .lineFit,
      title: "Line fit with MAE: J(w, b)",
      formula: "J(w,b) = (1/m)·Σ|w·xᵢ + b − yᵢ|",
      asciiFormula: "J(w,b) = (1/m) * sum(|w*x_i + b - y_i|)",
      derivative: "∂J/∂w = (1/m)·Σ sign(eᵢ)·xᵢ,  ∂J/∂b = (1/m)·Σ sign(eᵢ)",
      asciiDerivative: "dJ/dw = (1/m)sum(sign(e_i)*x_i), dJ/db = (1/m)sum(sign(e_i))",
      meaning:
        "The mean absolute distance from the line to the points: a surface made of flat facets "
        + "with creases, shaped like a funnel more than a bowl.",
      whenToUse:
        "Compare it with MSE after turning on outliers: the MAE minimum barely moves, because it "
        + "follows the median residual. Its slope does not shrink near the minimum, so use a "
        + "smaller or decaying step."
    ),
    Explanation(
      id: "fit-huber", aliases: ["contour-huber", "line-huber"], family: .lineFit,
      title: "Line fit with Huber: J(w, b)",
      formula: "J(w,b) = (1/m)·Σ h_δ(eᵢ),  eᵢ = w·xᵢ + b − yᵢ",
      asciiFormula: "J(w,b) = (1/m) * sum(huber_d(e_i)),  e_i = w*x_i + b - y_i",
      derivative: "∂J/∂w = (1/m)·Σ c(eᵢ)·xᵢ, ∂J/∂b = (1/m)·Σ c(eᵢ), c = clip±δ",
      asciiDerivative: "dJ/dw = sum(c(e_i)x_i)/m, dJ/db = sum(c(e_i))/m, c=clip+-d",
      meaning:
        "A bowl near the minimum, like MSE, and straight-walled far away, like MAE. "
        + "Each residual's pull is clipped to delta.",
      whenToUse:
        "Use it when the data has a few outliers: the fit stays close to the clean line while "
        + "gradient descent still settles smoothly."
    ),
  ]

  // MARK: - Optimizers (Keras 3 update rules; g is the gradient, t counts steps from 1)

  static let optimizers: [Explanation] = [
    Explanation(
      id: "gd", aliases: ["sgd", "gradient-descent"], family: .optimizer,
      title: "Gradient descent",
      formula: "θ ← θ − η·g",
      asciiFormula: "theta <- theta - lr*g",
      derivative: "g = ∂L/∂θ at the current θ; no other state",
      asciiDerivative: "g = dL/dtheta at the current theta; no other state",
      meaning:
        "Take a step downhill, proportional to the slope. "
        + "Steps shrink on their own as the slope flattens near a smooth minimum.",
      whenToUse:
        "It is the baseline every other optimizer changes. It crawls along long narrow valleys "
        + "and zig-zags across them when the learning rate is large."
    ),
    Explanation(
      id: "momentum", aliases: ["sgd-momentum"], family: .optimizer,
      title: "Momentum (0.9)",
      formula: "θ ← θ + m",
      asciiFormula: "theta <- theta + m",
      derivative: "m ← 0.9·m − η·g,  g = ∂L/∂θ",
      asciiDerivative: "m <- 0.9*m - lr*g,  g = dL/dtheta",
      meaning:
        "The step is a running sum of past steps, like a ball rolling downhill. "
        + "Steady slopes add up and alternating zig-zags cancel.",
      whenToUse:
        "Use it to speed up travel along narrow valleys. "
        + "Expect it to overshoot the minimum and circle back before settling."
    ),
    Explanation(
      id: "nesterov", aliases: ["nag", "nesterov-momentum"], family: .optimizer,
      title: "Nesterov momentum (0.9)",
      formula: "θ ← θ + 0.9·m − η·g  (with the new m)",
      asciiFormula: "theta <- theta + 0.9*m - lr*g  (with the new m)",
      derivative: "m ← 0.9·m − η·g,  g = ∂L/∂θ",
      asciiDerivative: "m <- 0.9*m - lr*g,  g = dL/dtheta",
      meaning:
        "Momentum that looks ahead: the step uses the velocity after this update plus the fresh "
        + "gradient again, so it brakes earlier when the slope turns.",
      whenToUse:
        "Use it wherever you would use momentum; it usually overshoots less."
    ),
    Explanation(
      id: "adagrad", family: .optimizer,
      title: "Adagrad",
      formula: "θ ← θ − η·g/√(a + ε)",
      asciiFormula: "theta <- theta - lr*g / sqrt(a + eps)",
      derivative: "a ← a + g²  (a starts at 0.1, ε = 1e-7),  g = ∂L/∂θ",
      asciiDerivative: "a <- a + g^2  (a starts at 0.1, eps = 1e-7),  g = dL/dtheta",
      meaning:
        "Each parameter gets its own step size, divided by the root of the sum of all its past "
        + "squared gradients. Steep directions slow down, and every step keeps shrinking.",
      whenToUse:
        "Use it for sparse features that are seldom updated. "
        + "On long runs the growing sum can stall learning; RMSprop fixes that."
    ),
    Explanation(
      id: "rmsprop", family: .optimizer,
      title: "RMSprop (rho 0.9)",
      formula: "θ ← θ − η·g/√(v + ε)",
      asciiFormula: "theta <- theta - lr*g / sqrt(v + eps)",
      derivative: "v ← 0.9·v + 0.1·g²,  g = ∂L/∂θ",
      asciiDerivative: "v <- 0.9*v + 0.1*g^2,  g = dL/dtheta",
      meaning:
        "Like Adagrad, but v is a moving average of squared gradients, so the step size adapts "
        + "to recent slopes instead of the whole history.",
      whenToUse:
        "Use it when gradients differ a lot in size between parameters or over time. "
        + "Steps are about lr long whatever the slope, so it keeps moving on flat ground."
    ),
    Explanation(
      id: "adam", family: .optimizer,
      title: "Adam (beta1 0.9, beta2 0.999)",
      formula: "θ ← θ − α·m/(√v + ε),  α = η·√(1 − 0.999ᵗ)/(1 − 0.9ᵗ)",
      asciiFormula: "theta -= a*m/(sqrt(v)+eps), a = lr*sqrt(1-b2^t)/(1-b1^t)",
      derivative: "m ← m + 0.1·(g − m),  v ← v + 0.001·(g² − v)",
      asciiDerivative: "m <- m + 0.1*(g - m),  v <- v + 0.001*(g^2 - v)",
      meaning:
        "Momentum (m, the average gradient) combined with RMSprop scaling (v, the average squared "
        + "gradient). The alpha factor corrects both averages for starting at zero.",
      whenToUse:
        "It is a good default for neural networks and needs little tuning. "
        + "Each step is roughly lr long, so on a simple bowl it may hover around the minimum "
        + "unless lr is small."
    ),
  ]

  // MARK: - Distributions view

  static let distributions: [Explanation] = [
    Explanation(
      id: "information", aliases: ["self-information", "surprise", "surprisal"],
      family: .distribution,
      title: "Information (surprise) of one outcome",
      formula: "I(x) = −log p(x)",
      asciiFormula: "I(x) = -log(p(x))",
      derivative: "dI/dp = −1/p",
      asciiDerivative: "dI/dp = -1/p",
      meaning:
        "Rare outcomes carry more information than common ones: with p = 0.7, 0.2, 0.1 the "
        + "surprises are 0.36, 1.61 and 2.30 nats.",
      whenToUse:
        "Entropy, cross-entropy and KL divergence are all averages of this quantity."
    ),
    Explanation(
      id: "entropy", aliases: ["h", "h-p", "h-q", "shannon-entropy"], family: .distribution,
      title: "Entropy H(P)",
      formula: "H(P) = −Σᵢ pᵢ·log pᵢ",
      asciiFormula: "H(P) = -sum_i p_i*log(p_i)",
      derivative: "∂H/∂pᵢ = −(log pᵢ + 1)",
      asciiDerivative: "dH/dp_i = -(log(p_i) + 1)",
      meaning:
        "The average surprise when outcomes follow P: zero when one outcome is certain and "
        + "largest, log k, when all k outcomes are equally likely.",
      whenToUse:
        "Read it as the uncertainty of a distribution, or the fewest bits per outcome any code "
        + "can reach. For p = 0.7, 0.2, 0.1 it is 0.802 nats."
    ),
    Explanation(
      id: "cross-entropy", aliases: ["h-pq", "h-qp", "crossentropy"], family: .distribution,
      title: "Cross-entropy H(P, Q)",
      formula: "H(P,Q) = −Σᵢ pᵢ·log qᵢ = H(P) + KL(P‖Q)",
      asciiFormula: "H(P,Q) = -sum_i p_i*log(q_i) = H(P) + KL(P||Q)",
      derivative: "∂H(P,Q)/∂qᵢ = −pᵢ/qᵢ",
      asciiDerivative: "dH(P,Q)/dq_i = -p_i/q_i",
      meaning:
        "The average surprise when outcomes follow P but you expected Q. "
        + "It is never below H(P), and the excess is exactly KL(P||Q).",
      whenToUse:
        "Training a classifier minimizes it with P the labels and Q the predictions; since H(P) "
        + "is fixed by the data, that is the same as minimizing KL(P||Q)."
    ),
    Explanation(
      id: "kl", aliases: ["kl-divergence", "kld", "kullback-leibler", "relative-entropy"],
      family: .distribution,
      title: "KL divergence KL(P||Q)",
      formula: "KL(P‖Q) = Σᵢ pᵢ·log(pᵢ/qᵢ)",
      asciiFormula: "KL(P||Q) = sum_i p_i*log(p_i/q_i)",
      derivative: "∂KL/∂qᵢ = −pᵢ/qᵢ,  ∂KL/∂pᵢ = log(pᵢ/qᵢ) + 1",
      asciiDerivative: "dKL/dq_i = -p_i/q_i,  dKL/dp_i = log(p_i/q_i) + 1",
      meaning:
        "The extra surprise from using Q when the truth is P; zero only when they are equal. "
        + "It is not symmetric, and it is infinite when some q is 0 where p is not.",
      whenToUse:
        "Use it to compare a model distribution with a target, as in the Keras kl-divergence loss "
        + "(which clips both to [1e-7, 1]). For P = 0.1/0.4/0.5 and Q = 0.8/0.15/0.05, "
        + "KL(P||Q) = 1.927 bits but KL(Q||P) = 2.022 bits."
    ),
    Explanation(
      id: "kl-term", aliases: ["contribution", "kl-contribution"], family: .distribution,
      title: "Per-category KL contribution",
      formula: "cᵢ = pᵢ·log(pᵢ/qᵢ),  KL(P‖Q) = Σᵢ cᵢ",
      asciiFormula: "c_i = p_i*log(p_i/q_i),  KL(P||Q) = sum_i c_i",
      derivative: "∂cᵢ/∂qᵢ = −pᵢ/qᵢ",
      asciiDerivative: "dc_i/dq_i = -p_i/q_i",
      meaning:
        "How much one category adds to KL(P||Q). A term is negative where Q gives more than P, "
        + "but the total is never negative.",
      whenToUse:
        "Look for the largest bar to see which category Q gets most wrong; it is usually where P "
        + "is large and Q is small."
    ),
    Explanation(
      id: "js", aliases: ["js-divergence", "jensen-shannon", "jsd"], family: .distribution,
      title: "Jensen-Shannon divergence",
      formula: "JS = ½KL(P‖M) + ½KL(Q‖M),  M = ½(P + Q)",
      asciiFormula: "JS = KL(P||M)/2 + KL(Q||M)/2,  M = (P + Q)/2",
      derivative: "∂JS/∂qᵢ = ½·log(qᵢ/mᵢ)",
      asciiDerivative: "dJS/dq_i = log(q_i/m_i) / 2",
      meaning:
        "A symmetric, always finite cousin of KL: each distribution is compared with their "
        + "average. In bits it lies between 0 and 1.",
      whenToUse:
        "Use it when neither distribution is the reference or when zeros would make KL infinite. "
        + "For the example P and Q it is 0.420 bits."
    ),
    Explanation(
      id: "js-distance", aliases: ["jensen-shannon-distance"], family: .distribution,
      title: "Jensen-Shannon distance",
      formula: "d_JS(P,Q) = √JS(P,Q)",
      asciiFormula: "d_JS(P,Q) = sqrt(JS(P,Q))",
      derivative: "∂d_JS/∂qᵢ = log(qᵢ/mᵢ)/(4·d_JS)",
      asciiDerivative: "dd_JS/dq_i = log(q_i/m_i) / (4*d_JS)",
      meaning:
        "The square root of the JS divergence is a true distance: symmetric and obeying the "
        + "triangle inequality.",
      whenToUse:
        "Use it to measure how far apart distributions are, or to cluster them. "
        + "For the example P and Q it is 0.648."
    ),
  ]

  // MARK: - General concepts

  static let concepts: [Explanation] = [
    Explanation(
      id: "sigmoid", aliases: ["logistic"], family: .concept,
      title: "Sigmoid (pairs with binary cross-entropy)",
      formula: "σ(z) = 1/(1 + e⁻ᶻ)",
      asciiFormula: "sigmoid(z) = 1 / (1 + exp(-z))",
      derivative: "σ′(z) = σ(z)·(1 − σ(z));  with BCE ∂L/∂z = σ(z) − y",
      asciiDerivative: "sigmoid'(z) = s(1 - s), s = sigmoid(z); BCE: dL/dz = s - y",
      meaning:
        "Squashes any score into a probability between 0 and 1. "
        + "Alone its slope vanishes for large |z|, but the log in cross-entropy cancels that.",
      whenToUse:
        "Use it for the output of yes/no and multi-label problems, together with binary "
        + "cross-entropy."
    ),
    Explanation(
      id: "softmax", family: .concept,
      title: "Softmax (pairs with categorical cross-entropy)",
      formula: "pₖ = exp(zₖ)/Σⱼ exp(zⱼ)",
      asciiFormula: "p_k = exp(z_k) / sum_j exp(z_j)",
      derivative: "∂pₖ/∂zⱼ = pₖ·([k = j] − pⱼ);  with CCE ∂L/∂zₖ = pₖ − yₖ",
      asciiDerivative: "dp_k/dz_j = p_k*([k=j] - p_j);  with CCE dL/dz_k = p_k - y_k",
      meaning:
        "Turns a vector of scores into probabilities that are positive and sum to 1, keeping "
        + "their order.",
      whenToUse:
        "Use it for the output when each example has exactly one class, together with "
        + "categorical or sparse categorical cross-entropy."
    ),
    Explanation(
      id: "learning-rate", aliases: ["lr", "eta", "step-size"], family: .concept,
      title: "Learning rate",
      formula: "θ ← θ − η·∂L/∂θ",
      asciiFormula: "theta <- theta - lr * dL/dtheta",
      derivative: "on L = a·θ²: θ ← (1 − 2aη)·θ, which diverges when η > 1/a",
      asciiDerivative: "on L = a*th^2: th <- (1 - 2*a*lr)*th, diverges if lr > 1/a",
      meaning:
        "How far each step moves for a given slope. Too small and training crawls; too large and "
        + "it overshoots, zig-zags or blows up.",
      whenToUse:
        "Tune it first: try values a factor of 3 to 10 apart and watch the path on the contour map."
    ),
    Explanation(
      id: "outliers", aliases: ["mean-vs-median", "robustness"], family: .concept,
      title: "Outliers: mean against median",
      formula: "argmin_c Σ(yᵢ − c)² = mean,  argmin_c Σ|yᵢ − c| = median",
      asciiFormula: "argmin_c sum (y_i-c)^2 = mean; argmin_c sum |y_i-c| = median",
      derivative: "Σ2(c − yᵢ) = 0 at the mean; Σsign(c − yᵢ) = 0 at the median",
      asciiDerivative: "sum 2(c-y_i) = 0 at the mean; sum sign(c-y_i) = 0 at median",
      meaning:
        "Under squared error a far point pulls with a force that grows with its distance, so it "
        + "drags the optimum (the mean). Under absolute error every point pulls with force 1, so "
        + "the optimum (the median) ignores how far away the outlier is.",
      whenToUse:
        "Prefer MAE or Huber when the data has outliers you do not trust; prefer MSE when large "
        + "errors are real and must be avoided."
    ),
  ]
}
