/// What one epoch of training measured.
public struct EpochRecord: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean loss over the epoch's mini-batches (weighted by their rows).
    public var trainLoss: Float
    /// Accuracy (classification) or mean absolute error (regression) on the
    /// whole training split after the epoch, in inference mode.
    public var trainMetric: Float
    /// Loss and metric on the validation split; nil when there is none.
    public var validationLoss: Float?
    public var validationMetric: Float?
    /// Wall-clock seconds the epoch took (not recorded in model files, which stay
    /// deterministic).
    public var seconds: Double
    /// Recorded only when ``TrainingSettings/recordGradientNorms`` is set (else
    /// empty): for each layer with a weight matrix, keyed by its index in the
    /// model file's `layers`, the L2 norm of the gradient of the mean training
    /// loss over the whole training split with respect to that matrix, at the
    /// weights the epoch ended with (one extra full-batch backward pass, in
    /// training mode, on a copy). Written as the columns ``gradientNormColumn(_:)`` names.
    public var weightGradientNorms: [Int: Float] = [:]

    /// The history column (CSV and the model file's `training.history`) of layer `index`'s norm.
    public static func gradientNormColumn(_ index: Int) -> String { gradientNormColumnPrefix + String(index) }
    /// What every gradient-norm column's name starts with; the layer index follows.
    public static let gradientNormColumnPrefix = "weight_grad_norm_layer"
}
