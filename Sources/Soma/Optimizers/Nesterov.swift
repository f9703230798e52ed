import CSomaKernels

/// SGD with Nesterov momentum, PyTorch's form:
/// `g' = g + weightDecay·p`, `v = momentum·v + g'`,
/// `p = p - learningRate·(g' + momentum·v)`.
///
/// `v` starts at 0. `weightDecay` is L2 added to the gradient of every tensor.
public struct Nesterov: Optimizer, Equatable {
    /// Step size.
    public var learningRate: Float
    /// How much of the previous velocity is kept (0.9 by default).
    public var momentum: Float
    /// L2 penalty coefficient.
    public var weightDecay: Float

    /// Nesterov-momentum SGD.
    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    /// The velocity, one value per parameter, starting at 0.
    public func makeState(count: Int) -> [Float] { [Float](repeating: 0, count: count) }

    public func update(_ parameter: inout [Float], gradient: [Float], state velocity: inout [Float], step: Int) {
        OptimizerKernels.momentum(&parameter, gradient, &velocity, learningRate, momentum, weightDecay, nesterov: true)
    }
}
