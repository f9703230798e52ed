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
}
