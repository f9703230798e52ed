import CSomaKernels

/// A fully connected layer with its activation: `y = f(W·x + b)`.
///
/// Weights are flat and output-major, as in the model file: the weight from
/// input `i` to output `o` is `weights[o * inputSize + i]`. ``parameters`` are
/// `[weights, bias]`, plus `[alphas]` for a `prelu` activation (learned slopes).
/// The forward pass computes the products in the C training kernels (the same
/// fma chain per output as the reference pass) and the activation with
/// ``ReferenceMath``, so a trained `Dense` and its exported layer give the same bits.
public struct Dense: ActivatedLayer, Equatable {
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

    public var weightsIndex: Int? { 0 }

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

    /// In place: going through ``parameters`` would copy every tensor on each step.
    public mutating func updateParameters(_ update: (Int, inout [Float]) -> Void) {
        update(0, &weights)
        update(1, &bias)
        if activation.kind == .prelu { // as the default: missing alphas become the empty tensor
            var alphas = activation.alphas ?? []
            activation.alphas = nil
            update(2, &alphas)
            activation.alphas = alphas
        }
    }

    /// Saves `[z, y]` (pre-activation and output) in the trace. The products
    /// run in the C training kernels, each `z` being the format's chain
    /// `acc = bias[o]; acc = fma(w[o][i], x[i], acc)` for `i` in order, so the
    /// outputs match the exported model's reference pass bit for bit.
    public mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], trace: LayerTrace) {
        let z = preActivations(input, batchSize: batchSize)
        let y = activation.forward(z, width: outputSize)
        return (y, LayerTrace(input: input, batchSize: batchSize, saved: [z, y]))
    }

    /// `W·x + b` for every row of a batch (`batchSize * outputSize` values).
    public func preActivations(_ input: [Float], batchSize: Int) -> [Float] {
        precondition(input.count == batchSize * inputSize, "expected \(batchSize) rows of \(inputSize) values")
        let (o, i, rows) = (outputSize, inputSize, batchSize)
        return weights.withUnsafeBufferPointer { w in
            bias.withUnsafeBufferPointer { b in
                input.withUnsafeBufferPointer { x in
                    if rows == 1 {
                        return Kernels.array(count: o) { z in
                            Kernels.gemm(rows: o, cols: 1, depth: i, w.baseAddress!, x.baseAddress!,
                                         rowInit: b.baseAddress!, into: z)
                        }
                    }
                    // zᵀ (outputs × rows) = W · xᵀ, then transposed back.
                    let xT = Kernels.array(count: rows * i) { Kernels.transpose(rows: rows, cols: i, x.baseAddress!, into: $0) }
                    let zT = xT.withUnsafeBufferPointer { xt in
                        Kernels.array(count: o * rows) { zt in
                            Kernels.gemm(rows: o, cols: rows, depth: i, w.baseAddress!, xt.baseAddress!,
                                         rowInit: b.baseAddress!, into: zt)
                        }
                    }
                    return zT.withUnsafeBufferPointer { zt in
                        Kernels.array(count: rows * o) { Kernels.transpose(rows: o, cols: rows, zt.baseAddress!, into: $0) }
                    }
                }
            }
        }
    }

    /// `dW = dzᵀ·x` (rows in order), `db = Σ_rows dz` (rows in order),
    /// `dx = dz·W` (outputs in order), each step a product then a sum (no fma:
    /// the arithmetic of the original scalar loops, so trained models keep their bits).
    public func backwardFromZ(_ dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let (o, i, rows) = (outputSize, inputSize, trace.batchSize)
        precondition(dz.count == rows * o, "expected \(rows) rows of \(o) gradients")
        return dz.withUnsafeBufferPointer { g in
            trace.input.withUnsafeBufferPointer { x in
                let gT = Kernels.array(count: o * rows) { Kernels.transpose(rows: rows, cols: o, g.baseAddress!, into: $0) }
                let (dW, dB) = gT.withUnsafeBufferPointer { gt in
                    (Kernels.array(count: o * i) { dw in
                        Kernels.gemm(rows: o, cols: i, depth: rows, gt.baseAddress!, x.baseAddress!, fused: false,
                                     into: dw)
                    },
                     Kernels.array(count: o) { db in
                        soma_row_sums(Int32(o), Int32(rows), gt.baseAddress!, Int32(rows), db)
                    })
                }
                guard needsInputGradient else { return ([], [dW, dB]) }
                let dX = weights.withUnsafeBufferPointer { w in
                    Kernels.array(count: rows * i) { dx in
                        Kernels.gemm(rows: rows, cols: i, depth: o, g.baseAddress!, w.baseAddress!, fused: false,
                                     into: dx)
                    }
                }
                return (dX, [dW, dB])
            }
        }
    }

    public func export(into layers: inout [ModelLayer]) {
        layers.append(.dense(DenseLayerSpec(inputs: inputSize, outputs: outputSize, weights: weights, bias: bias,
                                            activation: activation)))
    }
}
