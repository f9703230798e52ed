/// One layer of a model file.
public enum ModelLayer: Sendable, Equatable {
    /// A fully connected layer.
    case dense(DenseLayerSpec)
    /// Batch normalisation with running statistics.
    case batchNorm(BatchNormSpec)
    /// The largest of several affine pieces per output (format version 3).
    case maxout(MaxoutLayerSpec)

    /// The file's `type` string.
    public var typeName: String {
        switch self {
        case .dense: return "dense"
        case .batchNorm: return "batchnorm"
        case .maxout: return "maxout"
        }
    }

    /// Length of the input vector.
    public var inputs: Int {
        switch self {
        case .dense(let d): return d.inputs
        case .batchNorm(let b): return b.size
        case .maxout(let m): return m.inputs
        }
    }

    /// Length of the output vector.
    public var outputs: Int {
        switch self {
        case .dense(let d): return d.outputs
        case .batchNorm(let b): return b.size
        case .maxout(let m): return m.outputs
        }
    }

    /// The layer's activation.
    public var activation: ActivationSpec {
        switch self {
        case .dense(let d): return d.activation
        case .batchNorm(let b): return b.activation
        case .maxout(let m): return m.activation
        }
    }

    /// Every parameter in checksum order (dense: weights then bias; batch norm:
    /// gamma, beta, mean, variance, epsilon; maxout: weights in row order then
    /// bias; then the activation's parameters).
    public var parameterValues: [Float] {
        switch self {
        case .dense(let d):
            return d.weights + d.bias + d.activation.parameterValues
        case .batchNorm(let b):
            return b.gamma + b.beta + b.mean + b.variance + [b.epsilon] + b.activation.parameterValues
        case .maxout(let m):
            return m.weights + m.bias + m.activation.parameterValues
        }
    }

    /// The oldest format version that can hold this layer: maxout came in version 3.
    public var minimumVersion: Int {
        switch self {
        case .dense, .batchNorm: return 1
        case .maxout: return 3
        }
    }
}
