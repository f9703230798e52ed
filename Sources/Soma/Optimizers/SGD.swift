/// Plain stochastic gradient descent: `p -= learningRate * (g + weightDecay * p)`.
///
/// `weightDecay` is L2 regularisation added to the gradient (0: none).
public struct SGD: Optimizer, Equatable {
    /// Step size.
    public var learningRate: Float
    /// L2 penalty coefficient (the gradient of `weightDecay/2 * p²`).
    public var weightDecay: Float

    /// SGD with the given step size and optional L2 weight decay.
    public init(learningRate: Float, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.weightDecay = weightDecay
    }

    public func makeState(count: Int) {}

    public func update(_ parameter: inout [Float], gradient: [Float], state: inout Void, step: Int) {
        for k in parameter.indices {
            parameter[k] -= learningRate * (gradient[k] + weightDecay * parameter[k])
        }
    }
}
