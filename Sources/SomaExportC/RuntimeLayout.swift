import Soma

/// A model laid out as the C runtime holds it (`soma.h`, SOMA_MODEL_LAYOUT_VERSION
/// 3; `CRuntime/core/soma_layout.h` is the C side): one flat parameter array and a
/// layer table of offsets into it. Generated C must give the loader's bits, so
/// every value here is the one the loader would store, computed the same way.
public struct RuntimeLayout: Sendable {
    /// The `soma_model` layout this mirrors; generated C refuses any other.
    public static let version = 3

    /// One `soma_layer_desc`.
    public struct Layer: Sendable {
        public var kind: String        // SOMA_LAYER_*
        public var activation: String  // SOMA_ACT_*
        public var inputs: Int
        public var outputs: Int
        public var weights: Int
        public var bias: Int
        public var alpha: Int
        public var actParam: Float
        /// Maxout: pieces per output; 0 for the other kinds (the C field's default).
        public var pieces = 0
    }

    /// A run of parameters and what it holds, for the generated comments.
    public struct Segment: Sendable {
        public var what: String
        public var start: Int
        public var count: Int
    }

    public private(set) var params: [Float] = []
    public private(set) var segments: [Segment] = []
    public private(set) var layers: [Layer] = []
    public let hasScaling: Bool
    public private(set) var scaleMean = 0
    public private(set) var scaleStd = 0
    public let hasOutputScaling: Bool
    public private(set) var outMean = 0
    public private(set) var outStd = 0
    /// The inputs, the widest layer output, or a maxout layer's outputs × pieces:
    /// the model's `widest` field, held to SOMA_MAX_WIDTH.
    public let widest: Int
    /// The widest vector a run passes between layers: the inputs or a layer's
    /// outputs (maxout's pieces are not held side by side). Scratch is two of it,
    /// as soma_scratch_floats counts.
    public let widestVector: Int

    public init(_ model: ModelFile) {
        hasScaling = model.inputScaling != nil
        hasOutputScaling = model.outputScaling != nil
        widest = max(model.inputs, model.layers.map(Self.width).max() ?? 0)
        widestVector = max(model.inputs, model.layers.map(\.outputs).max() ?? 0)
        if let scaling = model.inputScaling {
            scaleMean = append(scaling.mean, "input_scaling.mean")
            scaleStd = append(scaling.std, "input_scaling.std")
        }
        for (index, layer) in model.layers.enumerated() {
            layers.append(place(layer, at: "layers[\(index)]"))
        }
        // Format 2: after the last layer, y = fma(y, std, mean).
        if let scaling = model.outputScaling {
            outMean = append(scaling.mean, "output_scaling.mean")
            outStd = append(scaling.std, "output_scaling.std")
        }
    }

    private mutating func append(_ values: [Float], _ what: String) -> Int {
        let start = params.count
        params += values
        segments.append(Segment(what: what, start: start, count: values.count))
        return start
    }

    private mutating func place(_ layer: ModelLayer, at path: String) -> Layer {
        var desc = Layer(kind: "", activation: Self.cName(layer.activation.kind), inputs: layer.inputs,
                         outputs: layer.outputs, weights: 0, bias: 0, alpha: 0, actParam: 0)
        switch layer {
        case .dense(let d):
            desc.kind = "SOMA_LAYER_DENSE"
            // The file is output-major (w[o][i] at o * inputs + i); the runtime input-major.
            var inputMajor: [Float] = []
            inputMajor.reserveCapacity(d.weights.count)
            for i in 0..<d.inputs {
                for o in 0..<d.outputs { inputMajor.append(d.weight(output: o, input: i)) }
            }
            desc.weights = append(inputMajor, "\(path).weights, input-major")
            desc.bias = append(d.bias, "\(path).bias")
        case .maxout(let m):
            desc.kind = "SOMA_LAYER_MAXOUT"
            desc.pieces = m.pieces
            // Its pieces are a dense layer of outputs × pieces rows (row o * pieces + p), input-major.
            var inputMajor: [Float] = []
            inputMajor.reserveCapacity(m.weights.count)
            for i in 0..<m.inputs {
                for r in 0..<m.rows { inputMajor.append(m.weights[r * m.inputs + i]) }
            }
            desc.weights = append(inputMajor, "\(path).weights, input-major over outputs × pieces rows")
            desc.bias = append(m.bias, "\(path).bias")
        case .batchNorm(let b):
            desc.kind = "SOMA_LAYER_BATCHNORM"
            desc.weights = append(b.mean, "\(path).mean")
            // The loader's one computation: gamma / sqrtf(variance + epsilon), each
            // step a correctly rounded binary32 operation, so Swift gives its bits.
            let scale = (0..<b.size).map { k in b.gamma[k] / (b.variance[k] + b.epsilon).squareRoot() }
            _ = append(scale, "\(path) scale = gamma / sqrt(variance + epsilon)")
            desc.bias = append(b.beta, "\(path).beta")
        }
        let activation = layer.activation
        switch activation.kind {
        case .leakyReLU, .elu: desc.actParam = activation.alpha ?? 0
        case .swish: desc.actParam = activation.beta ?? 0
        case .prelu: desc.alpha = append(activation.alphas ?? [], "\(path).activation.alpha")
        case .step, .identity, .sigmoid, .tanh, .relu, .selu, .softmax: break
        }
        return desc
    }

    /// The widest vector a layer needs: its outputs, or a maxout layer's pieces side by side.
    static func width(_ layer: ModelLayer) -> Int {
        if case .maxout(let m) = layer { return m.rows }
        return layer.outputs
    }

    /// The `soma_activation` enumerator of `kind`.
    static func cName(_ kind: ActivationKind) -> String {
        switch kind {
        case .step: return "SOMA_ACT_STEP"
        case .identity: return "SOMA_ACT_IDENTITY"
        case .sigmoid: return "SOMA_ACT_SIGMOID"
        case .tanh: return "SOMA_ACT_TANH"
        case .relu: return "SOMA_ACT_RELU"
        case .leakyReLU: return "SOMA_ACT_LEAKY_RELU"
        case .prelu: return "SOMA_ACT_PRELU"
        case .elu: return "SOMA_ACT_ELU"
        case .selu: return "SOMA_ACT_SELU"
        case .swish: return "SOMA_ACT_SWISH"
        case .softmax: return "SOMA_ACT_SOFTMAX"
        }
    }
}
