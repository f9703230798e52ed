#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CSomaKernels

/// Adam (Kingma & Ba, 2015, Algorithm 1) with bias correction:
/// `g' = g + weightDecay·p` (L2 added to the gradient; this is not AdamW),
/// `m = beta1·m + (1 - beta1)·g'`, `v = beta2·v + (1 - beta2)·g'²`,
/// `m̂ = m / (1 - beta1^t)`, `v̂ = v / (1 - beta2^t)`,
/// `p = p - learningRate·m̂ / (sqrt(v̂) + epsilon)`.
///
/// `t` is the 1-based `step`; `epsilon` is added **outside** the square root of
/// `v̂`, as in the paper. The corrections `1 - beta^t` are computed in Double
/// (`pow`) and rounded to Float once per step; every other operation is Float,
/// in the order written.
public struct Adam: Optimizer, Equatable {
    /// Step size (0.001 by default).
    public var learningRate: Float
    /// Decay of the first-moment average (0.9).
    public var beta1: Float
    /// Decay of the second-moment average (0.999).
    public var beta2: Float
    /// Added to `sqrt(v̂)` (1e-8).
    public var epsilon: Float
    /// L2 penalty coefficient.
    public var weightDecay: Float

    /// Adam with the paper's defaults.
    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// The two moment averages of one tensor.
    public struct Moments: Sendable, Equatable {
        /// First moment `m`.
        public var mean: [Float]
        /// Second moment `v`.
        public var meanSquare: [Float]
    }

    /// Both moments start at 0.
    public func makeState(count: Int) -> Moments {
        Moments(mean: [Float](repeating: 0, count: count), meanSquare: [Float](repeating: 0, count: count))
    }

    /// `1 - beta^step`, rounded to Float.
    public static func biasCorrection(_ beta: Float, step: Int) -> Float {
        Float(1 - pow(Double(beta), Double(step)))
    }

    public func update(_ parameter: inout [Float], gradient: [Float], state: inout Moments, step: Int) {
        precondition(step >= 1, "Adam's step count starts at 1")
        precondition(parameter.count == gradient.count && state.mean.count == parameter.count, "tensor sizes differ")
        let c1 = Self.biasCorrection(beta1, step: step)
        let c2 = Self.biasCorrection(beta2, step: step)
        parameter.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                state.mean.withUnsafeMutableBufferPointer { m in
                    state.meanSquare.withUnsafeMutableBufferPointer { v in
                        soma_adam(p.count, p.baseAddress, g.baseAddress, m.baseAddress, v.baseAddress, learningRate,
                                  beta1, beta2, epsilon, weightDecay, c1, c2)
                    }
                }
            }
        }
    }
}
