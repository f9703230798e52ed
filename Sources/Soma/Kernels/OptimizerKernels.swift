import CSomaKernels

/// Shared element-wise steps, in C (see `soma_training_kernels.h`).
enum OptimizerKernels {
    static func momentum(_ parameter: inout [Float], _ gradient: [Float], _ velocity: inout [Float],
                         _ learningRate: Float, _ momentum: Float, _ weightDecay: Float, nesterov: Bool) {
        precondition(parameter.count == gradient.count && velocity.count == parameter.count, "tensor sizes differ")
        parameter.withUnsafeMutableBufferPointer { p in
            gradient.withUnsafeBufferPointer { g in
                velocity.withUnsafeMutableBufferPointer { v in
                    soma_momentum(p.count, p.baseAddress, g.baseAddress, v.baseAddress, learningRate, momentum,
                                  weightDecay, nesterov ? 1 : 0)
                }
            }
        }
    }
}
