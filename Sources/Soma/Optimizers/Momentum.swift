import CSomaKernels

/// SGD with (heavy-ball) momentum, PyTorch's form:
/// `g' = g + weightDecay·p`, `v = momentum·v + g'`, `p = p - learningRate·v`.
///
/// `v` starts at 0, so the first step equals plain SGD. `weightDecay` is L2
/// regularisation added to the gradient of every tensor (biases included).
public struct Momentum: Optimizer, Equatable {
    /// Step size.
    public var learningRate: Float
    /// How much of the previous velocity is kept (0.9 by default).
    public var momentum: Float
    /// L2 penalty coefficient (the gradient of `weightDecay/2 * p²`).
    public var weightDecay: Float

    /// Momentum SGD.
    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// The velocity, one value per parameter, starting at 0.
    public func makeState(count: Int) -> [Float] { [Float](repeating: 0, count: count) }

    public func update(_ parameter: inout [Float], gradient: [Float], state velocity: inout [Float], step: Int) {
        OptimizerKernels.momentum(&parameter, gradient, &velocity, learningRate, momentum, weightDecay, nesterov: false)
    }
}
