/// Everything that decides a training run; with the same data, the same settings
/// give bit-identical weights. Recorded in the model file's `training` metadata.
public struct TrainingSettings: Sendable, Equatable {
    /// Sizes of the hidden layers, first to last (empty: no hidden layer).
    public var hidden: [Int] = [32]
    /// One activation per hidden layer; a single entry applies to all of them.
    public var hiddenActivations: [ActivationSpec] = [.relu]
    /// The output layer's activation; nil picks the one the loss expects.
    public var outputActivation: ActivationSpec?
    /// The loss; nil picks one from the task (see ``TrainingTask``).
    public var loss: Loss?
    /// Huber's δ, used when `loss` is `.huber`.
    public var huberDelta: Float = 1
    public var optimizer = OptimizerSettings(.adam)
    /// Initial weights; nil picks He for the ReLU family, Xavier otherwise.
    public var initializer: Initializer?
    /// Pieces per output when every hidden layer is a maxout layer (the maximum
    /// of that many affine pieces, then ``hiddenActivations``, identity unless
    /// set); nil: hidden layers are dense.
    public var maxoutPieces: Int?
    /// Batch normalisation after every hidden dense layer (the dense layer then has
    /// no activation of its own; the batch-norm layer applies the hidden activation).
    public var batchNorm = false
    /// Most passes over the training split.
    public var epochs = 100
    /// Rows per mini-batch (the last batch of an epoch may be smaller).
    public var batchSize = 32
    /// Seeds the split, the initial weights and the shuffling.
    public var seed: UInt64 = 1
    /// Fractions of the rows held out for validation and for the final test.
    public var validationFraction = 0.15
    public var testFraction = 0.15
    /// Stop after this many epochs without a lower validation loss, keeping the
    /// best weights; nil trains every epoch.
    public var patience: Int? = 10
    /// Standardise inputs (fitted on the training split, stored in the model file).
    public var standardize = true
    /// Regression: standardise the targets (fitted on the training split); the
    /// model file's `output_scaling` undoes it, so outputs come in the data's units.
    public var standardizeTargets = true
    /// Record, after every epoch, each weight matrix's full-batch gradient norm
    /// (``EpochRecord/weightGradientNorms``): one extra backward pass over the
    /// training split per epoch. Off, the history and the model file are as without it.
    public var recordGradientNorms = false

    public init() {}

    /// The activation of hidden layer `index`.
    public func hiddenActivation(_ index: Int) -> ActivationSpec {
        hiddenActivations.count == 1 ? hiddenActivations[0] : hiddenActivations[index]
    }

    /// Throws when the settings cannot describe a run.
    public func validate() throws(TrainingError) {
        if hidden.contains(where: { $0 < 1 }) { throw TrainingError("hidden layer sizes must be at least 1") }
        if !hidden.isEmpty && hiddenActivations.count != 1 && hiddenActivations.count != hidden.count {
            throw TrainingError("\(hiddenActivations.count) hidden activations for \(hidden.count) hidden layers")
        }
        if let maxoutPieces {
            if maxoutPieces < MaxoutLayerSpec.minimumPieces { throw TrainingError("maxout needs at least 2 pieces") }
            if batchNorm { throw TrainingError("maxout hidden layers do not take batch normalisation") }
        }
        if epochs < 1 { throw TrainingError("epochs must be at least 1") }
        if batchSize < 1 { throw TrainingError("batch size must be at least 1") }
        if !(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 0.9) {
            throw TrainingError("validation and test fractions must be >= 0 and leave at least 10% for training")
        }
        if let patience, patience < 1 { throw TrainingError("patience must be at least 1") }
        if !(optimizer.learningRate > 0) || !optimizer.learningRate.isFinite {
            throw TrainingError("the learning rate must be a positive number")
        }
    }
}

/// A training run that cannot start, with the reason.
public struct TrainingError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
