/// A fully connected layer with its activation: `y = f(W·x + b)`.
///
/// Weights are flat and output-major, as in the model file: the weight from
/// input `i` to output `o` is `weights[o * inputSize + i]`. ``parameters`` are
/// `[weights, bias]`, plus `[alphas]` for a `prelu` activation (learned slopes).
/// The forward pass uses the reference kernels, so a trained `Dense` and its
/// exported layer give the same bits.
public struct Dense: Layer, Equatable {
    public let inputSize: Int
    public let outputSize: Int
    /// `outputSize * inputSize` weights, output-major.
    public var weights: [Float]
    /// `outputSize` biases.
    public var bias: [Float]
    /// The activation applied to `W·x + b`.
    public var activation: ActivationSpec

    /// A layer with the given parameters (`weights` output-major).
    public init(inputSize: Int, outputSize: Int, weights: [Float], bias: [Float], activation: ActivationSpec) {
        precondition(weights.count == inputSize * outputSize, "expected \(inputSize * outputSize) weights")
        precondition(bias.count == outputSize, "expected \(outputSize) biases")
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// A layer with weights drawn by `initializer` (default: ``Initializer/default(for:)``) and zero biases.
    public init(inputSize: Int, outputSize: Int, activation: ActivationSpec, initializer: Initializer? = nil,
                using generator: inout some RandomNumberGenerator) {
        let initializer = initializer ?? .default(for: activation.kind)
        let w = initializer.weights(count: inputSize * outputSize, fanIn: inputSize, fanOut: outputSize, using: &generator)
        var act = activation
        if act.kind == .prelu && act.alphas == nil {
            act.alphas = [Float](repeating: 0.25, count: outputSize)
        }
        self.init(inputSize: inputSize, outputSize: outputSize, weights: w,
                  bias: [Float](repeating: 0, count: outputSize), activation: act)
    }

    /// A layer from its model-file form.
    public init(_ spec: DenseLayerSpec) {
        self.init(inputSize: spec.inputs, outputSize: spec.outputs, weights: spec.weights, bias: spec.bias,
                  activation: spec.activation)
    }

    public var parameters: [[Float]] {
        get {
            activation.kind == .prelu ? [weights, bias, activation.alphas ?? []] : [weights, bias]
        }
        set {
            weights = newValue[0]
            bias = newValue[1]
            if activation.kind == .prelu { activation.alphas = newValue[2] }
        }
    }

    /// Saves `[z, y]` (pre-activation and output) in the trace.
    public mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], trace: LayerTrace) {
        precondition(input.count == batchSize * inputSize, "expected \(batchSize) rows of \(inputSize) values")
        var z = [Float](repeating: 0, count: batchSize * outputSize)
        for b in 0..<batchSize {
            ReferenceMath.dense(weights: weights, bias: bias, inputs: inputSize, outputs: outputSize,
                                x: input, xOffset: b * inputSize, into: &z, zOffset: b * outputSize)
        }
        let y = activation.forward(z, width: outputSize)
        return (y, LayerTrace(input: input, batchSize: batchSize, saved: [z, y]))
    }

    public func backward(_ outputGradient: [Float], trace: LayerTrace) -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let (dz, dAlpha) = activation.backward(z: trace.saved[0], y: trace.saved[1], outputGradient: outputGradient,
                                               width: outputSize)
        let x = trace.input
        var dW = [Float](repeating: 0, count: weights.count)
        var dB = [Float](repeating: 0, count: outputSize)
        var dX = [Float](repeating: 0, count: x.count)
        for b in 0..<trace.batchSize {
            let xBase = b * inputSize
            let zBase = b * outputSize
            for o in 0..<outputSize {
                let g = dz[zBase + o]
                if g == 0 { continue }
                dB[o] += g
                let row = o * inputSize
                for i in 0..<inputSize {
                    dW[row + i] += g * x[xBase + i]
                    dX[xBase + i] += g * weights[row + i]
                }
            }
        }
        var grads = [dW, dB]
        if let dAlpha { grads.append(dAlpha) }
        return (dX, grads)
    }

    public func export(into layers: inout [ModelLayer]) {
        layers.append(.dense(DenseLayerSpec(inputs: inputSize, outputs: outputSize, weights: weights, bias: bias,
                                            activation: activation)))
    }
}
