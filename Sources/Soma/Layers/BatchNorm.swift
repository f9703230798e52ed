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

    /// Training: saves `[z, y, x̂, 1/sqrt(σ² + ε)]`; inference: `[z, y]`.
    public mutating func forward(_ input: [Float], batchSize rows: Int, mode: Mode) -> (output: [Float], trace: LayerTrace) {
        precondition(input.count == rows * size, "expected \(rows) rows of \(size) values")
        var z = [Float](repeating: 0, count: input.count)
        switch mode {
        case .inference:
            let s = spec
            for k in 0..<size {
                let scale = s.gamma[k] / (s.variance[k] + s.epsilon).squareRoot()
                for b in 0..<rows {
                    let j = b * size + k
                    z[j] = s.beta[k].addingProduct(input[j] - s.mean[k], scale)
                }
            }
            let y = activation.forward(z, width: size)
            return (y, LayerTrace(input: input, batchSize: rows, saved: [z, y]))
        case .training:
            precondition(rows >= 1, "training mode needs at least one row")
            var xhat = [Float](repeating: 0, count: input.count)
            var invStd = [Float](repeating: 0, count: size)
            let n = Float(rows)
            for k in 0..<size {
                var sum: Float = 0
                for b in 0..<rows { sum += input[b * size + k] }
                let mean = sum / n
                var squares: Float = 0
                for b in 0..<rows {
                    let d = input[b * size + k] - mean
                    squares += d * d
                }
                let variance = squares / n
                let inv = 1 / (variance + epsilon).squareRoot()
                invStd[k] = inv
                for b in 0..<rows {
                    let j = b * size + k
                    xhat[j] = (input[j] - mean) * inv
                    z[j] = gamma[k] * xhat[j] + beta[k]
                }
                let unbiased = rows > 1 ? squares / Float(rows - 1) : variance
                runningMean[k] = (1 - momentum) * runningMean[k] + momentum * mean
                runningVariance[k] = (1 - momentum) * runningVariance[k] + momentum * unbiased
            }
            let y = activation.forward(z, width: size)
            return (y, LayerTrace(input: input, batchSize: rows, saved: [z, y, xhat, invStd]))
        }
    }

    /// `dgamma = Σ dz·x̂`, `dbeta = Σ dz`, and in training mode
    /// `dx = (1/B)·inv·(B·dx̂ - Σ dx̂ - x̂·Σ dx̂·x̂)` with `dx̂ = dz·gamma`; in
    /// inference mode (fixed statistics) `dx = dz·gamma/sqrt(variance + ε)`.
    /// The input gradient is always computed (it is cheap next to a dense layer's).
    public func backwardFromZ(_ dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let rows = trace.batchSize
        var dGamma = [Float](repeating: 0, count: size)
        var dBeta = [Float](repeating: 0, count: size)
        var dx = [Float](repeating: 0, count: dz.count)
        if trace.saved.count < 4 {
            for k in 0..<size {
                let inv = 1 / (runningVariance[k] + epsilon).squareRoot()
                for b in 0..<rows {
                    let j = b * size + k
                    dGamma[k] += dz[j] * (trace.input[j] - runningMean[k]) * inv
                    dBeta[k] += dz[j]
                    dx[j] = dz[j] * gamma[k] * inv
                }
            }
            return (dx, [dGamma, dBeta])
        }
        let xhat = trace.saved[2]
        let invStd = trace.saved[3]
        let n = Float(rows)
        for k in 0..<size {
            var sumDxhat: Float = 0
            var sumDxhatXhat: Float = 0
            for b in 0..<rows {
                let j = b * size + k
                dGamma[k] += dz[j] * xhat[j]
                dBeta[k] += dz[j]
                let dxh = dz[j] * gamma[k]
                sumDxhat += dxh
                sumDxhatXhat += dxh * xhat[j]
            }
            for b in 0..<rows {
                let j = b * size + k
                let dxh = dz[j] * gamma[k]
                dx[j] = invStd[k] / n * (n * dxh - sumDxhat - xhat[j] * sumDxhatXhat)
            }
        }
        return (dx, [dGamma, dBeta])
    }

    public func export(into layers: inout [ModelLayer]) {
        layers.append(.batchNorm(spec))
    }
}
