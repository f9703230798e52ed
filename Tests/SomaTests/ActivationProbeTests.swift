import Foundation
import Testing
@testable import Soma

/// Every activation near zero, where `exp(z) - 1` and `expm1(z)` part ways and
/// a wrong branch (`z > 0` against `z >= 0`) shows.
@Suite("Activations near zero")
struct ActivationProbeTests {
    /// A spec of each kind with non-default parameters.
    static func spec(_ kind: ActivationKind) -> ActivationSpec {
        switch kind {
        case .leakyReLU: return .leakyReLU(alpha: 0.2)
        case .elu: return .elu(alpha: 0.7)
        case .prelu: return .prelu(alphas: [0.3])
        case .swish: return .swish(beta: 1.25)
        default: return ActivationSpec(kind)
        }
    }

    static let probes: [Float] = [-1e-3, -1e-6, -1e-9, -3e-20, -1e-38, -0x1p-149, 0, 0x1p-149, 1e-9, 1e-3]

    /// The value each formula must give, worked from its definition in Double
    /// and rounded once: near zero each is linear or constant to far below binary32 precision.
    static func nearZero(_ spec: ActivationSpec, _ z: Float) -> Float? {
        let x = Double(z)
        let lambda = Double(ReferenceMath.seluLambda), alpha = Double(ReferenceMath.seluAlpha)
        switch spec.kind {
        case .step: return z > 0 ? 1 : 0
        case .identity: return z
        case .relu: return z > 0 ? z : 0
        case .leakyReLU: return z > 0 ? z : spec.alpha! * z
        case .prelu: return z > 0 ? z : spec.alphas![0] * z
        // expm1(x) = x + x²/2 + …: for |x| ≤ 1e-3 Double's expm1 is exact enough.
        case .elu: return z > 0 ? z : Float(Double(spec.alpha!) * Foundation.expm1(x))
        case .selu: return z > 0 ? Float(lambda * x) : Float(lambda * (alpha * Foundation.expm1(x)))
        case .sigmoid, .tanh, .swish, .softmax: return nil
        }
    }

    @Test("element-wise activations near zero", arguments: ActivationKind.allCases.filter { $0 != .softmax })
    func nearZero(_ kind: ActivationKind) {
        let spec = Self.spec(kind)
        for z in Self.probes {
            var y = [z]
            ReferenceMath.activate(spec, &y)
            switch kind {
            case .sigmoid:
                // 1/(1+e^{-z}) = 1/2 + z/4 + …
                #expect(abs(Double(y[0]) - (0.5 + Double(z) / 4)) <= 0x1p-24, "sigmoid(\(z)) = \(y[0])")
            case .tanh:
                #expect(abs(Double(y[0]) - Double(z)) <= abs(Double(z)) * 1e-6, "tanh(\(z)) = \(y[0])")
            case .swish:
                // z·sigmoid(βz) ≈ z/2 near 0.
                #expect(abs(Double(y[0]) - Double(z) / 2) <= abs(Double(z)) * 1e-3 + 0x1p-149, "swish(\(z)) = \(y[0])")
            default:
                let expected = Self.nearZero(spec, z)!
                #expect(abs(y[0] - expected) <= 2 * expected.ulp, "\(kind.rawValue)(\(z)) = \(y[0]), expected \(expected)")
                // Below zero the ELU family is negative and not 0: exp(z) - 1 rounds to 0 here.
                if [.elu, .selu].contains(kind), z < 0, z > -1e-6 { #expect(y[0] < 0, "\(kind.rawValue)(\(z)) = \(y[0])") }
            }
        }
    }

    @Test("softmax of near-equal logits is near-uniform")
    func softmax() {
        var y: [Float] = [0, -1e-9, 1e-9]
        ReferenceMath.activate(.softmax, &y)
        for value in y { #expect(abs(value - 1 / 3) <= 2 * (Float(1) / 3).ulp) }
    }
}
