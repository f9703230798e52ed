/// Batch normalisation at inference time, as stored in a model file:
/// `z[k] = fma(x[k] - mean[k], gamma[k] / sqrt(variance[k] + epsilon), beta[k])`.
public struct BatchNormSpec: Sendable, Equatable {
    /// Inputs and outputs of the layer.
    public var size: Int
    /// Added to the variance before the square root; > 0.
    public var epsilon: Float
    /// Scale, `size` values.
    public var gamma: [Float]
    /// Shift, `size` values.
    public var beta: [Float]
    /// Running mean the trainer kept, `size` values.
    public var mean: [Float]
    /// Running variance the trainer kept, `size` values, each >= 0.
    public var variance: [Float]
    /// Applied after normalising.
    public var activation: ActivationSpec

    /// Creates a batch-norm layer.
    public init(size: Int, epsilon: Float, gamma: [Float], beta: [Float], mean: [Float],
                variance: [Float], activation: ActivationSpec) {
        self.size = size
        self.epsilon = epsilon
        self.gamma = gamma
        self.beta = beta
        self.mean = mean
        self.variance = variance
        self.activation = activation
    }
}
