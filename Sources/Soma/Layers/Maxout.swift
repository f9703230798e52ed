/// A maxout layer: each output is the largest of `pieces` affine functions of
/// the input (Goodfellow et al., 2013), then an activation (identity by default).
///
/// The pieces are a dense product with `outputSize * pieces` rows, row
/// `o * pieces + p` for piece `p` of output `o`, as in the model file. The
/// maximum follows the format's tie rule (the first of equal pieces wins), so
/// the gradient of an output flows to exactly one piece: the one that won.
/// ``parameters`` are `[weights, bias]` (row order as above), plus `[alphas]`
/// for a `prelu` activation.
public struct Maxout: ActivatedLayer, Equatable {
    /// Pieces per output in the course notes: "choose the larger of two w·x + b".
    public static let defaultPieces = 2

    public var inputSize: Int { linear.inputSize }
    public let outputSize: Int
    /// Affine pieces per output, ≥ 2.
    public let pieces: Int
    /// Every piece of every output as one identity dense layer of `outputSize * pieces` rows.
    public var linear: Dense
    /// Applied to the maxima.
    public var activation: ActivationSpec

    /// A layer with the given parameters (`weights` row `o * pieces + p`, then input `i`).
    public init(inputSize: Int, outputSize: Int, pieces: Int = Self.defaultPieces, weights: [Float], bias: [Float],
                activation: ActivationSpec = .identity) {
        precondition(pieces >= MaxoutLayerSpec.minimumPieces, "maxout needs at least 2 pieces, got \(pieces)")
        self.outputSize = outputSize
        self.pieces = pieces
        self.linear = Dense(inputSize: inputSize, outputSize: outputSize * pieces, weights: weights, bias: bias,
                            activation: .identity)
        self.activation = activation
    }

    /// A layer with weights drawn by `initializer` (default: Xavier uniform over
    /// the pieces' fans) from the seeded `generator`, and zero biases.
    public init(inputSize: Int, outputSize: Int, pieces: Int = Self.defaultPieces, activation: ActivationSpec = .identity,
                initializer: Initializer? = nil, using generator: inout some RandomNumberGenerator) {
        let rows = outputSize * pieces
        let w = (initializer ?? .xavierUniform).weights(count: inputSize * rows, fanIn: inputSize, fanOut: outputSize,
                                                        using: &generator)
        var act = activation
        if act.kind == .prelu && act.alphas == nil {
            act.alphas = [Float](repeating: 0.25, count: outputSize)
        }
        self.init(inputSize: inputSize, outputSize: outputSize, pieces: pieces, weights: w,
                  bias: [Float](repeating: 0, count: rows), activation: act)
    }

    /// A layer from its model-file form.
    public init(_ spec: MaxoutLayerSpec) {
        self.init(inputSize: spec.inputs, outputSize: spec.outputs, pieces: spec.pieces, weights: spec.weights,
                  bias: spec.bias, activation: spec.activation)
    }

    /// The weight matrix, whose gradient norm `--record-gradient-norms` records.
    public var weightsIndex: Int? { 0 }

    public var parameters: [[Float]] {
        get {
            activation.kind == .prelu ? [linear.weights, linear.bias, activation.alphas ?? []]
                                      : [linear.weights, linear.bias]
        }
        set {
            linear.weights = newValue[0]
            linear.bias = newValue[1]
            if activation.kind == .prelu { activation.alphas = newValue[2] }
        }
    }

    /// Saves `[z, y, winners]`: the maxima, the outputs, and the winning piece
    /// of every output (as a Float index) for the backward pass.
    public mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], trace: LayerTrace) {
        let all = linear.preActivations(input, batchSize: batchSize)
        var z = [Float](repeating: 0, count: batchSize * outputSize)
        var winners = [Float](repeating: 0, count: batchSize * outputSize)
        for k in 0..<batchSize * outputSize {
            let (value, piece) = ReferenceMath.maximum(all, from: k * pieces, count: pieces)
            z[k] = value
            winners[k] = Float(piece)
        }
        let y = activation.forward(z, width: outputSize)
        return (y, LayerTrace(input: input, batchSize: batchSize, saved: [z, y, winners]))
    }

    /// Routes each `dL/dz` to the piece that won, then back through the pieces' dense product.
    public func backwardFromZ(_ dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let winners = trace.saved[2]
        var dPieces = [Float](repeating: 0, count: dz.count * pieces)
        for k in dz.indices {
            dPieces[k * pieces + Int(winners[k])] = dz[k]
        }
        return linear.backwardFromZ(dPieces, trace: LayerTrace(input: trace.input, batchSize: trace.batchSize, saved: []),
                                    needsInputGradient: needsInputGradient)
    }

    public func export(into layers: inout [ModelLayer]) {
        layers.append(.maxout(MaxoutLayerSpec(inputs: inputSize, outputs: outputSize, pieces: pieces,
                                              weights: linear.weights, bias: linear.bias, activation: activation)))
    }
}
