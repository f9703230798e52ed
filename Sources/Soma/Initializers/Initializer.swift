/// How a layer's initial weights are drawn (biases start at 0).
///
/// `fanIn` is the layer's inputs, `fanOut` its outputs. Uniform draws use 24
/// random bits; normal draws use Box–Muller; both read the generator passed in.
public enum Initializer: Sendable, Equatable {
    /// Glorot/Xavier uniform: `U(-a, a)`, `a = sqrt(6 / (fanIn + fanOut))`.
    case xavierUniform
    /// Glorot/Xavier normal: `N(0, 2 / (fanIn + fanOut))`.
    case xavierNormal
    /// He/Kaiming uniform: `U(-a, a)`, `a = sqrt(6 / fanIn)`.
    case heUniform
    /// He/Kaiming normal: `N(0, 2 / fanIn)`.
    case heNormal
    /// Every weight 0 (a network then cannot break symmetry; for demonstrations).
    case zeros
    /// Every weight `value`.
    case constant(Float)

    /// The usual choice for an activation: He for the ReLU family, Xavier otherwise.
    public static func `default`(for activation: ActivationKind) -> Initializer {
        switch activation {
        case .relu, .leakyReLU, .prelu, .elu, .selu: return .heUniform
        default: return .xavierUniform
        }
    }

    /// The name recorded in training metadata (`"xavier_uniform"`, ...).
    public var name: String {
        switch self {
        case .xavierUniform: return "xavier_uniform"
        case .xavierNormal: return "xavier_normal"
        case .heUniform: return "he_uniform"
        case .heNormal: return "he_normal"
        case .zeros: return "zeros"
        case .constant(let v): return "constant(\(v))"
        }
    }

    /// `count` weights for a layer with the given fans.
    public func weights(count: Int, fanIn: Int, fanOut: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        let fi = Float(max(fanIn, 1))
        let fo = Float(max(fanOut, 1))
        func uniform(_ limit: Float, _ g: inout some RandomNumberGenerator) -> [Float] {
            (0..<count).map { _ in limit * (2 * g.unitFloat() - 1) }
        }
        func normal(_ std: Float, _ g: inout some RandomNumberGenerator) -> [Float] {
            (0..<count).map { _ in std * g.standardNormal() }
        }
        switch self {
        case .xavierUniform: return uniform((6 / (fi + fo)).squareRoot(), &generator)
        case .xavierNormal: return normal((2 / (fi + fo)).squareRoot(), &generator)
        case .heUniform: return uniform((6 / fi).squareRoot(), &generator)
        case .heNormal: return normal((2 / fi).squareRoot(), &generator)
        case .zeros: return [Float](repeating: 0, count: count)
        case .constant(let v): return [Float](repeating: v, count: count)
        }
    }
}
