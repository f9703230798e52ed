import Foundation
import Testing
@testable import Soma

@Suite("Reference forward pass")
struct ReferenceForwardTests {
    /// 3 inputs → 2 outputs, identity: weights[o][i] = rows[o][i].
    static let rows: [[Float]] = [[0.1, -0.2, 0.3], [1.5, 0.25, -2]]
    static let bias: [Float] = [0.05, -0.4]

    static func model(_ activation: ActivationSpec, rows: [[Float]] = rows, bias: [Float] = bias) -> ModelFile {
        ModelFile(name: "t", layers: [.dense(DenseLayerSpec(rows: rows, bias: bias, activation: activation))])
    }

    @Test("dense 3 → 2 is bias, then fma over the inputs in order, output-major")
    func dense3to2() throws {
        let x: [Float] = [0.7, -1.3, 2.9]
        let y = try Self.model(.identity).predict(x)
        let z0 = fmaf(0.3, 2.9, fmaf(-0.2, -1.3, fmaf(0.1, 0.7, 0.05)))
        let z1 = fmaf(-2, 2.9, fmaf(0.25, -1.3, fmaf(1.5, 0.7, -0.4)))
        expectSameBits(y, [z0, z1])
        // The unfused sum differs in the last place for some inputs: make sure fma is what we compute.
        var g = SplitMix64(seed: 3)
        var differs = 0
        let model = Self.model(.identity)
        for _ in 0..<2000 {
            let v = (0..<3).map { _ in 4 * g.unitFloat() - 2 }
            let out = try model.predict(v)
            let fused = fmaf(0.3, v[2], fmaf(-0.2, v[1], fmaf(0.1, v[0], 0.05)))
            let plain: Float = ((0.05 + 0.1 * v[0]) + -0.2 * v[1]) + 0.3 * v[2]
            #expect(out[0].bitPattern == fused.bitPattern)
            if plain.bitPattern != fused.bitPattern { differs += 1 }
        }
        #expect(differs > 0)
    }

    @Test("wrong input count or a non-finite input is an argument error")
    func badInput() {
        let model = Self.model(.identity)
        #expect(throws: ModelFileError(.argument, at: "input", "expected 3 values, found 2")) { try model.predict([1, 2]) }
        #expect(throws: ModelFileError.self) { try model.predict([1, .nan, 2]) }
    }

    static let zs: [Float] = [-20, -3.5, -1, -0.25, -1e-30, -0.0, 0, 1e-30, 0.3, 1, 2.75, 9, 40]

    /// Each element-wise activation on `z`, as the format writes it.
    static func formula(_ a: ActivationSpec, _ z: Float) -> Float {
        let lambda = Float(bitPattern: 0x3F86_7D5F), alpha = Float(bitPattern: 0x3FD6_2D7D)
        switch a.kind {
        case .step: return z > 0 ? 1 : 0
        case .identity: return z
        case .sigmoid: return 1 / (1 + CorrectlyRounded.exp(-z))
        case .tanh: return CorrectlyRounded.tanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyReLU: return z > 0 ? z : a.alpha! * z
        case .prelu: return z > 0 ? z : a.alphas![0] * z
        case .elu: return z > 0 ? z : a.alpha! * CorrectlyRounded.expm1(z)
        case .selu: return z > 0 ? lambda * z : lambda * (alpha * CorrectlyRounded.expm1(z))
        case .swish: return z * (1 / (1 + CorrectlyRounded.exp(-(a.beta! * z))))
        case .softmax: return .nan
        }
    }

    /// Every activation but softmax (which acts on the whole vector; tested below).
    static let elementWise = ActivationKind.allCases.filter { $0 != .softmax }.map { ActivationSpec.example($0) }

    @Test("each element-wise activation follows its formula", arguments: elementWise)
    func activation(_ a: ActivationSpec) throws {
        let model = Self.model(a, rows: [[1]], bias: [0])
        for z in Self.zs {
            let pre = fmaf(1, z, 0)  // the dense layer's pre-activation (turns -0 into +0)
            expectSameBits(try model.predict([z]), [Self.formula(a, pre)], "z = \(z)")
        }
    }

    @Test("SELU constants are the binary32 values the format names")
    func seluConstants() {
        #expect(ReferenceMath.seluAlpha == Float(1.67326324235437728482))
        #expect(ReferenceMath.seluLambda == Float(1.05070098735548049342))
    }

    @Test("softmax subtracts the running max, sums in order, divides")
    func softmax() throws {
        let z: [Float] = [1.5, -2, 3.25, 3.25, 0.1]
        let n = z.count
        let model = ModelFile(name: "s", layers: [.dense(DenseLayerSpec(
            inputs: n, outputs: n, weights: (0..<n * n).map { $0 / n == $0 % n ? 1 : 0 }, bias: [Float](repeating: 0, count: n),
            activation: .softmax))])
        var m = z[0]
        for k in 1..<n { m = max(m, z[k]) }
        let e = z.map { CorrectlyRounded.exp($0 - m) }
        var s = e[0]
        for k in 1..<n { s = s + e[k] }
        expectSameBits(try model.predict(z), e.map { $0 / s })
    }

    @Test("batch norm and input scaling follow the format's order")
    func batchNormAndScaling() throws {
        let bn = BatchNormSpec(size: 2, epsilon: 1e-3, gamma: [1.5, 0.5], beta: [0.1, -0.2], mean: [0.3, -1],
                               variance: [2, 0.01], activation: .identity)
        let scaling = InputScaling(mean: [1, 2], std: [0.5, 3])
        let model = ModelFile(name: "b", layers: [.batchNorm(bn)], inputScaling: scaling)
        let x: [Float] = [1.7, -0.4]
        let layers = try model.layerOutputs(x)
        var expected: [Float] = []
        for k in 0..<2 {
            let xs = (x[k] - scaling.mean[k]) / scaling.std[k]
            let scale = bn.gamma[k] / (bn.variance[k] + bn.epsilon).squareRoot()
            expected.append(fmaf(xs - bn.mean[k], scale, bn.beta[k]))
        }
        expectSameBits(layers[0], expected)
    }

    @Test("layerOutputs lists every layer's output; the last is predict's")
    func layerOutputs() throws {
        let model = Gate.xorGates.handSetModel()
        let layers = try model.layerOutputs([1, 0])
        #expect(layers == [[1, 1], [1]])
        #expect(try model.predict([1, 0]) == layers.last!)
    }
}

extension ActivationSpec: CustomTestStringConvertible {
    public var testDescription: String { kind.rawValue }
}
