import Soma

/// Collects the steps the graph walk recognises (input scaling, a matrix
/// product, a bias, batch normalisation, an activation) into Soma layers:
/// a dense layer is a product, at most one bias and at most one activation;
/// a batch-norm layer is the normalisation and at most one activation; a maxout
/// layer is a product with its bias whose rows a Reshape groups and a
/// ReduceMax reduces, and at most one activation.
struct LayerAssembler {
    private enum Pending {
        case dense(DenseLayerSpec, hasBias: Bool, hasActivation: Bool)
        case batchNorm(BatchNormSpec, hasActivation: Bool)
        case maxout(MaxoutLayerSpec, hasActivation: Bool)
    }

    private(set) var layers: [ModelLayer] = []
    private(set) var scalingMean: [Float]?
    private(set) var scalingStd: [Float]?
    private var pending: Pending?
    /// Output scaling after the last layer: ONNX's `Mul` by std, then `Add` of
    /// mean (Soma computes `fma(y, std, mean)`, one rounding for ONNX's two).
    private(set) var outputStd: [Float]?
    private(set) var outputMean: [Float]?

    /// True once the outputs are being scaled: no layer may follow.
    var scalesOutputs: Bool { outputStd != nil }

    /// True once a layer has begun: input scaling is read only before that.
    var hasLayers: Bool { pending != nil || !layers.isEmpty }

    /// A subtraction of `mean` before any layer.
    mutating func subtractMean(_ mean: [Float]) throws(Refusal) {
        if scalingStd != nil {
            throw Refusal("a subtraction after the division: Soma's input scaling subtracts first, then divides")
        }
        if scalingMean != nil { throw Refusal("a second subtraction from the input: Soma's input scaling has one mean") }
        scalingMean = mean
    }

    /// A division by `std` (each > 0) before any layer.
    mutating func divide(by std: [Float]) throws(Refusal) {
        if scalingStd != nil { throw Refusal("a second division of the input: Soma's input scaling has one std") }
        if let bad = std.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw Refusal("divisor[\(bad)] is \(std[bad]); Soma's input scaling needs every std finite and > 0")
        }
        scalingStd = std
    }

    /// A multiplication by `std` (each > 0) after the layers: the output scaling.
    mutating func scaleOutputs(by std: [Float]) throws(Refusal) {
        if scalesOutputs { throw Refusal("a second multiplication after the layers: Soma's output scaling multiplies once") }
        if let bad = std.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw Refusal("factor[\(bad)] is \(std[bad]); Soma's output scaling needs every std finite and > 0")
        }
        finishPending()
        outputStd = std
    }

    /// An addition of `mean` right after the output multiplication.
    mutating func shiftOutputs(by mean: [Float]) throws(Refusal) {
        if outputMean != nil { throw Refusal("a second addition after the output scaling: Soma's output scaling adds once") }
        outputMean = mean
    }

    /// A matrix product; `weights` are output-major (`weights[o * inputs + i]`).
    mutating func addProduct(inputs: Int, outputs: Int, weights: [Float], bias: [Float]?) {
        finishPending()
        let spec = DenseLayerSpec(inputs: inputs, outputs: outputs, weights: weights,
                                  bias: bias ?? Array(repeating: 0, count: outputs), activation: .identity)
        pending = .dense(spec, hasBias: bias != nil, hasActivation: false)
    }

    /// A bias added right after a product.
    mutating func addBias(_ bias: [Float]) throws(Refusal) {
        guard case .dense(var spec, let hasBias, let hasActivation)? = pending, !hasActivation else {
            throw Refusal("an addition that is not a bias right after MatMul/Gemm: Soma adds a constant only as a dense layer's bias"
                          + (hasLayers ? "" : " or as input scaling (Sub)"))
        }
        if hasBias { throw Refusal("a second bias on one layer: Soma's dense layer adds one") }
        spec.bias = bias
        pending = .dense(spec, hasBias: true, hasActivation: false)
    }

    /// True when a product (with or without its bias) waits for its activation:
    /// its rows may be grouped into a maxout layer's pieces.
    var takesPieces: Bool {
        if case .dense(_, _, false)? = pending { return true }
        return false
    }

    /// The maximum over groups of `pieces` adjacent rows of the pending product:
    /// it becomes a maxout layer (row `o * pieces + p` is piece `p` of output `o`).
    mutating func takeMaximum(pieces: Int) throws(Refusal) {
        guard case .dense(let d, _, false)? = pending, d.outputs % pieces == 0 else {
            throw Refusal("a maximum over pieces that no MatMul/Gemm just computed: Soma's maxout layer is a product, "
                          + "a bias, then the maximum")
        }
        pending = .maxout(MaxoutLayerSpec(inputs: d.inputs, outputs: d.outputs / pieces, pieces: pieces,
                                          weights: d.weights, bias: d.bias, activation: .identity),
                          hasActivation: false)
    }

    /// Batch normalisation (its activation follows, if any).
    mutating func addBatchNorm(_ spec: BatchNormSpec) {
        finishPending()
        pending = .batchNorm(spec, hasActivation: false)
    }

    /// The activation of the layer being built.
    mutating func activate(_ activation: ActivationSpec, opName: String) throws(Refusal) {
        switch pending {
        case .dense(var spec, let hasBias, false)?:
            spec.activation = activation
            pending = .dense(spec, hasBias: hasBias, hasActivation: true)
        case .batchNorm(var spec, false)?:
            spec.activation = activation
            pending = .batchNorm(spec, hasActivation: true)
        case .maxout(var spec, false)?:
            spec.activation = activation
            pending = .maxout(spec, hasActivation: true)
        case nil where layers.isEmpty:
            throw Refusal("\(opName) before any MatMul/Gemm/BatchNormalization: a Soma activation belongs to a layer")
        default:
            throw Refusal("\(opName) follows another activation with no MatMul/Gemm/BatchNormalization between: "
                          + "a Soma layer has one activation")
        }
    }

    /// The finished layers.
    mutating func finish() -> [ModelLayer] {
        finishPending()
        return layers
    }

    private mutating func finishPending() {
        switch pending {
        case .dense(let spec, _, _)?: layers.append(.dense(spec))
        case .batchNorm(let spec, _)?: layers.append(.batchNorm(spec))
        case .maxout(let spec, _)?: layers.append(.maxout(spec))
        case nil: break
        }
        pending = nil
    }
}
