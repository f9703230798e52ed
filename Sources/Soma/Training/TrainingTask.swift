/// How a data set's targets become a network's outputs and a loss.
///
/// | data | loss | outputs | output activation | targets |
/// |---|---|---|---|---|
/// | 2 classes | binary cross-entropy (default) | 1 | sigmoid | 0 / 1 |
/// | k classes | categorical cross-entropy (default for k > 2) | k | softmax | one-hot |
/// | k classes | hinge | k (one vs. all) | identity | ±1 |
/// | 2 classes | MSE, MAE, Huber | 1 | sigmoid | 0 / 1 |
/// | k classes | MSE, MAE, Huber | k | sigmoid | one-hot |
/// | numbers | MSE (default), MAE, Huber | 1 | identity | the values |
///
/// The class of a row of outputs is ``predictedClass(_:)``.
public struct TrainingTask: Sendable, Equatable {
    public let loss: Loss
    public let outputs: Int
    public let outputActivation: ActivationSpec
    /// Class names for classification; nil for regression.
    public let classNames: [String]?

    /// Resolves the loss, outputs and output activation for `targets`.
    public init(targets: Dataset.Targets, settings: TrainingSettings) throws(TrainingError) {
        switch targets {
        case .values:
            let loss = settings.loss ?? .mse
            guard [.mse, .mae, .huber].contains(loss) else {
                throw TrainingError("\(loss.rawValue) needs class labels; this data set's labels are numbers (regression)")
            }
            self.init(loss: loss, outputs: 1, activation: settings.outputActivation ?? .identity, classes: nil)
        case .classes(_, let names):
            guard names.count >= 2 else { throw TrainingError("classification needs at least 2 classes, found \(names.count)") }
            let loss = settings.loss ?? (names.count == 2 ? .binaryCrossEntropy : .categoricalCrossEntropy)
            switch loss {
            case .binaryCrossEntropy:
                guard names.count == 2 else {
                    throw TrainingError("binary_cross_entropy needs 2 classes, found \(names.count): use categorical_cross_entropy")
                }
                try Self.require(settings.outputActivation, .sigmoid, for: loss)
                self.init(loss: loss, outputs: 1, activation: .sigmoid, classes: names)
            case .categoricalCrossEntropy:
                try Self.require(settings.outputActivation, .softmax, for: loss)
                self.init(loss: loss, outputs: names.count, activation: .softmax, classes: names)
            case .hinge:
                self.init(loss: loss, outputs: names.count, activation: settings.outputActivation ?? .identity,
                          classes: names)
            default:
                self.init(loss: loss, outputs: names.count == 2 ? 1 : names.count,
                          activation: settings.outputActivation ?? .sigmoid, classes: names)
            }
        }
    }

    private init(loss: Loss, outputs: Int, activation: ActivationSpec, classes: [String]?) {
        self.loss = loss
        self.outputs = outputs
        self.outputActivation = activation.kind == .prelu
            ? .prelu(alphas: Array(repeating: 0.25, count: outputs)) : activation
        self.classNames = classes
    }

    private static func require(_ given: ActivationSpec?, _ needed: ActivationKind, for loss: Loss) throws(TrainingError) {
        if let given, given.kind != needed {
            throw TrainingError("\(loss.rawValue) is computed together with a \(needed.rawValue) output; "
                                + "the output activation cannot be \(given.kind.rawValue)")
        }
    }

    /// True for classification.
    public var isClassification: Bool { classNames != nil }

    /// The training targets for rows with these labels, row-major (`outputs` each).
    public func encode(_ targets: Dataset.Targets) -> [Float] {
        switch targets {
        case .values(let values): return values
        case .classes(let indices, _):
            if outputs == 1 { return indices.map { Float($0) } }
            let off: Float = loss == .hinge ? -1 : 0
            var encoded = [Float](repeating: off, count: indices.count * outputs)
            for (row, label) in indices.enumerated() { encoded[row * outputs + label] = 1 }
            return encoded
        }
    }

    /// Accuracy (classification) or mean absolute error (regression) of
    /// `predictions` (row-major) against `targets`.
    public func metric(predictions: [Float], targets: Dataset.Targets) -> Float {
        switch targets {
        case .classes(let indices, _):
            guard !indices.isEmpty else { return 0 }
            var correct = 0
            for (row, label) in indices.enumerated()
            where Soma.predictedClass(predictions[row * outputs ..< (row + 1) * outputs]) == label {
                correct += 1
            }
            return Float(correct) / Float(indices.count)
        case .values(let values):
            guard !values.isEmpty else { return 0 }
            var total: Double = 0
            for (row, value) in values.enumerated() { total += Double(abs(predictions[row] - value)) }
            return Float(total / Double(values.count))
        }
    }

    /// "accuracy" for classification, "mae" for regression.
    public var metricName: String { isClassification ? "accuracy" : "mae" }
}
