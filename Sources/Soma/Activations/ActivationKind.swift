/// The eleven activations of model format v1, named exactly as in the file
/// (`"leaky_relu"`), in the order of the C runtime's `soma_activation` enum.
public enum ActivationKind: String, Codable, CaseIterable, Sendable {
    /// `1` if `z > 0`, else `0`.
    case step
    /// `z`.
    case identity
    /// `1 / (1 + exp(-z))`.
    case sigmoid
    /// `tanh(z)`.
    case tanh
    /// `z` if `z > 0`, else `0`.
    case relu
    /// `z` if `z > 0`, else `alpha * z` (one `alpha`).
    case leakyReLU = "leaky_relu"
    /// `z[k]` if `z[k] > 0`, else `alpha[k] * z[k]` (one learned `alpha` per output).
    case prelu
    /// `z` if `z > 0`, else `alpha * expm1(z)`.
    case elu
    /// `LAMBDA * z` if `z > 0`, else `LAMBDA * (ALPHA * expm1(z))`.
    case selu
    /// `z * (1 / (1 + exp(-(beta * z))))`.
    case swish
    /// `exp(z[k] - max z) / sum`, over the whole vector.
    case softmax

    /// The activation's position in the C runtime's `soma_activation` enum.
    public var runtimeCode: Int { Self.allCases.firstIndex(of: self)! }
}
