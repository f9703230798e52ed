/// An activation as a model file states it: a kind and its parameters.
///
/// `leaky_relu` and `elu` need `alpha`, `prelu` needs `alphas` (one per output
/// of its layer), `swish` needs `beta`; the other kinds take no parameter and
/// must leave all three `nil`.
public struct ActivationSpec: Sendable, Equatable {
    /// Which function.
    public var kind: ActivationKind
    /// `leaky_relu` and `elu`: the slope/scale for `z <= 0`.
    public var alpha: Float?
    /// `prelu`: one slope per output of the layer.
    public var alphas: [Float]?
    /// `swish`: the `beta` in `z * sigmoid(beta * z)`.
    public var beta: Float?

    /// Creates an activation; see the type's documentation for which parameters each kind needs.
    public init(kind: ActivationKind, alpha: Float? = nil, alphas: [Float]? = nil, beta: Float? = nil) {
        self.kind = kind
        self.alpha = alpha
        self.alphas = alphas
        self.beta = beta
    }

    /// An activation without parameters (`.identity`, `.sigmoid`, ...).
    public init(_ kind: ActivationKind) {
        self.init(kind: kind)
    }

    /// `step`.
    public static let step = ActivationSpec(.step)
    /// `identity`.
    public static let identity = ActivationSpec(.identity)
    /// `sigmoid`.
    public static let sigmoid = ActivationSpec(.sigmoid)
    /// `tanh`.
    public static let tanh = ActivationSpec(.tanh)
    /// `relu`.
    public static let relu = ActivationSpec(.relu)
    /// `selu`.
    public static let selu = ActivationSpec(.selu)
    /// `softmax`.
    public static let softmax = ActivationSpec(.softmax)

    /// `leaky_relu` with slope `alpha` for `z <= 0` (0.01 unless given).
    public static func leakyReLU(alpha: Float = 0.01) -> ActivationSpec {
        ActivationSpec(kind: .leakyReLU, alpha: alpha)
    }

    /// `prelu` with one slope per output.
    public static func prelu(alphas: [Float]) -> ActivationSpec {
        ActivationSpec(kind: .prelu, alphas: alphas)
    }

    /// `elu` with scale `alpha` (1 unless given).
    public static func elu(alpha: Float = 1) -> ActivationSpec {
        ActivationSpec(kind: .elu, alpha: alpha)
    }

    /// `swish` with `beta` (1 unless given).
    public static func swish(beta: Float = 1) -> ActivationSpec {
        ActivationSpec(kind: .swish, beta: beta)
    }

    /// The parameters in checksum order: `alpha`, or `beta`, or each `prelu` alpha.
    public var parameterValues: [Float] {
        switch kind {
        case .leakyReLU, .elu: return alpha.map { [$0] } ?? []
        case .prelu: return alphas ?? []
        case .swish: return beta.map { [$0] } ?? []
        default: return []
        }
    }
}
