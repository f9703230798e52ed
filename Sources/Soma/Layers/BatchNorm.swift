import CSomaKernels

/// Batch normalisation (Ioffe & Szegedy, 2015) followed by an activation.
///
/// **Training mode** normalises each feature `k` with the batch's statistics:
/// `μ = Σ_b x[b][k] / B` and the **biased** variance `σ² = Σ_b (x[b][k] - μ)² / B`
/// (rows summed in order), `x̂ = (x - μ) / sqrt(σ² + epsilon)`, `z = gamma·x̂ + beta`,
/// `y = activation(z)`; and it updates the running statistics in the `mutating`
/// forward pass: `running = (1 - momentum)·running + momentum·batch`, where
/// **`momentum` (0.1) is the update rate, as in PyTorch** (Keras's 0.99 is the
/// keep rate instead). The running variance takes the **unbiased** batch
/// variance `σ²·B/(B-1)` (the biased one when `B == 1`), as PyTorch does.
///
/// **Inference mode** uses the running statistics with the model format's
/// arithmetic, `z = fma(x - mean, gamma / sqrt(variance + epsilon), beta)`, so
/// the layer and its exported `batchnorm` layer give the same bits.
///
/// ``parameters`` are `[gamma, beta]` (plus `[alphas]` for `prelu`). The running
/// statistics are state, not parameters. A ``Dense`` layer feeding a batch norm
/// normally has the `identity` activation (its bias is then redundant).
public struct BatchNorm: ActivatedLayer, Equatable {
    /// Inputs and outputs.
    public let size: Int
    /// Added to the variance before the square root.
    public var epsilon: Float
    /// Update rate of the running statistics (PyTorch's convention).
    public var momentum: Float
    /// Learned scale, `size` values (1 initially).
    public var gamma: [Float]
    /// Learned shift, `size` values (0 initially).
    public var beta: [Float]
    /// Running mean (0 initially).
    public var runningMean: [Float]
    /// Running (unbiased) variance (1 initially).
    public var runningVariance: [Float]
    /// Applied after normalising.
    public var activation: ActivationSpec

    /// A fresh layer: `gamma = 1`, `beta = 0`, running mean 0, running variance 1.
    public init(size: Int, epsilon: Float = 1e-5, momentum: Float = 0.1, activation: ActivationSpec = .identity) {
        precondition(size >= 1, "a batch norm needs at least one feature")
        precondition(epsilon > 0, "epsilon must be > 0")
        var act = activation
        if act.kind == .prelu && act.alphas == nil { act.alphas = [Float](repeating: 0.25, count: size) }
        self.size = size
        self.epsilon = epsilon
        self.momentum = momentum
        self.gamma = [Float](repeating: 1, count: size)
        self.beta = [Float](repeating: 0, count: size)
        self.runningMean = [Float](repeating: 0, count: size)
        self.runningVariance = [Float](repeating: 1, count: size)
        self.activation = act
    }

    /// A layer from its model-file form (momentum 0.1).
    public init(_ spec: BatchNormSpec) {
        self.init(size: spec.size, epsilon: spec.epsilon, activation: spec.activation)
        gamma = spec.gamma
        beta = spec.beta
        runningMean = spec.mean
        runningVariance = spec.variance
    }

    public var inputSize: Int { size }
    public var outputSize: Int { size }

    public var parameters: [[Float]] {
        get { activation.kind == .prelu ? [gamma, beta, activation.alphas ?? []] : [gamma, beta] }
        set {
            gamma = newValue[0]
            beta = newValue[1]
            if activation.kind == .prelu { activation.alphas = newValue[2] }
        }
    }

    public mutating func updateParameters(_ update: (Int, inout [Float]) -> Void) {
        update(0, &gamma)
        update(1, &beta)
        if activation.kind == .prelu, activation.alphas != nil { update(2, &activation.alphas!) }
    }

    /// The model-file form with the current running statistics.
    public var spec: BatchNormSpec {
        BatchNormSpec(size: size, epsilon: epsilon, gamma: gamma, beta: beta, mean: runningMean,
                      variance: runningVariance, activation: activation)
    }

    /// Training: saves `[z, y, x̂, 1/sqrt(σ² + ε)]`; inference: `[z, y]`. The
    /// arithmetic runs in the C training kernels, vectorised across features,
    /// each feature's sums taking the rows in order (`soma_training_kernels.h`).
    public mutating func forward(_ input: [Float], batchSize rows: Int, mode: Mode) -> (output: [Float], trace: LayerTrace) {
        precondition(input.count == rows * size, "expected \(rows) rows of \(size) values")
        let (count, size, epsilon, momentum) = (input.count, size, epsilon, momentum)
        switch mode {
        case .inference:
            let z = Kernels.array(count: count) { z in
                withUnsafeArrays(input, gamma, beta, runningMean, runningVariance) { x, gamma, beta, mean, variance in
                    var work = [Float](repeating: 0, count: size)
                    soma_batchnorm_forward_inference(Int32(rows), Int32(size), x, gamma, beta, mean, variance, epsilon,
                                                     &work, z)
                }
            }
            let y = activation.forward(z, width: size)
            return (y, LayerTrace(input: input, batchSize: rows, saved: [z, y]))
        case .training:
            precondition(rows >= 1, "training mode needs at least one row")
            var xhat = [Float](repeating: 0, count: count), z = [Float](repeating: 0, count: count)
            var mean = [Float](repeating: 0, count: size), invStd = [Float](repeating: 0, count: size)
            withUnsafeArrays(input, gamma, beta) { x, gamma, beta in
                soma_batchnorm_forward_training(Int32(rows), Int32(size), x, gamma, beta, epsilon, momentum,
                                                &runningMean, &runningVariance, &mean, &invStd, &xhat, &z)
            }
            let y = activation.forward(z, width: size)
            return (y, LayerTrace(input: input, batchSize: rows, saved: [z, y, xhat, invStd]))
        }
    }

    /// `dgamma = Σ dz·x̂`, `dbeta = Σ dz`, and in training mode
    /// `dx = (1/B)·inv·(B·dx̂ - Σ dx̂ - x̂·Σ dx̂·x̂)` with `dx̂ = dz·gamma`; in
    /// inference mode (fixed statistics) `dx = dz·gamma/sqrt(variance + ε)`.
    /// Sums over rows in order, in the C training kernels. The input gradient is
    /// always computed (it is cheap next to a dense layer's).
    public func backwardFromZ(_ dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let rows = trace.batchSize
        precondition(dz.count == rows * size, "expected \(rows) rows of \(size) gradients")
        var dGamma = [Float](repeating: 0, count: size), dBeta = [Float](repeating: 0, count: size)
        var dx = [Float](repeating: 0, count: dz.count)
        if trace.saved.count < 4 {
            var work = [Float](repeating: 0, count: size)
            withUnsafeArrays(dz, trace.input, gamma, runningMean, runningVariance) { dz, x, gamma, mean, variance in
                soma_batchnorm_backward_inference(Int32(rows), Int32(size), dz, x, gamma, mean, variance, epsilon,
                                                  &dGamma, &dBeta, &work, &dx)
            }
            return (dx, [dGamma, dBeta])
        }
        var work = [Float](repeating: 0, count: 2 * size)
        withUnsafeArrays(dz, trace.saved[2], trace.saved[3], gamma) { dz, xhat, invStd, gamma in
            soma_batchnorm_backward_training(Int32(rows), Int32(size), dz, xhat, invStd, gamma, &dGamma, &dBeta,
                                             &work, &dx)
        }
        return (dx, [dGamma, dBeta])
    }

    public func export(into layers: inout [ModelLayer]) {
        layers.append(.batchNorm(spec))
    }
}
