import CSomaKernels

/// RMSprop (Hinton's lecture 6e; Keras's form, no momentum, not centred):
/// `g' = g + weightDecay·p`, `s = rho·s + (1 - rho)·g'²`,
/// `p = p - learningRate·g' / (sqrt(s) + epsilon)`.
///
/// `epsilon` is added **outside** the square root; its default `1e-7` is
/// Keras's. `s` starts at 0. `weightDecay` is L2 added to the gradient.
public struct RMSprop: Optimizer, Equatable {
    /// Step size.
    public var learningRate: Float
    /// Decay of the running mean of squared gradients (0.9 by default).
    public var rho: Float
    /// Added to `sqrt(s)` in the denominator (1e-7 by default).
    public var epsilon: Float
    /// L2 penalty coefficient.
    public var weightDecay: Float

    /// RMSprop.
    public init(learningRate: Float, rho: Float = 0.9, epsilon: Float = 1e-7, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// The running mean of squared gradients, starting at 0.
    public func makeState(count: Int) -> [Float] { [Float](repeating: 0, count: count) }

    public func update(_ parameter: inout [Float], gradient: [Float], state meanSquare: inout [Float], step: Int) {
        precondition(parameter.count == gradient.count && meanSquare.count == parameter.count, "tensor sizes differ")
        parameter.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                meanSquare.withUnsafeMutableBufferPointer { s in
                    soma_rmsprop(p.count, p.baseAddress, g.baseAddress, s.baseAddress, learningRate, rho, epsilon,
                                 weightDecay)
                }
            }
        }
    }
}
