import Foundation
import Soma
import Testing
@testable import SomaONNX

/// Soma -> ONNX -> Soma gives back every parameter bit for bit, on the committed models.
struct ONNXRoundTripTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let models = ["and", "or", "nand", "xor-gates", "xor-mlp", "iris", "digits", "moons"]

    @Test(arguments: models)
    func exportThenImportIsExact(_ name: String) throws {
        let original = try ModelFile(contentsOf: Self.root.appendingPathComponent("models/\(name).json"))
        let back = try ONNXImporter.importModel(try ONNXExporter.export(original))
        #expect(back.name == original.name && back.labels == original.labels && back.task == original.task)
        #expect(back.inputScaling.map { $0.mean.map(\.bitPattern) + $0.std.map(\.bitPattern) }
                == original.inputScaling.map { $0.mean.map(\.bitPattern) + $0.std.map(\.bitPattern) })
        #expect(back.layers.map(\.typeName) == original.layers.map(\.typeName))
        #expect(back.layers.map { $0.parameterValues.map(\.bitPattern) } == original.layers.map { $0.parameterValues.map(\.bitPattern) })
        #expect(back.layers.map(\.activation.kind) == original.layers.map(\.activation.kind))
        #expect(back.computedChecksum == original.computedChecksum)
        for input in original.selfTest?.inputs ?? [] {
            #expect(try back.predict(input).map(\.bitPattern) == original.predict(input).map(\.bitPattern))
        }
    }

    /// Every activation and batch norm, including those the committed models lack.
    @Test(arguments: ActivationKind.allCases)
    func everyActivationSurvives(_ kind: ActivationKind) throws {
        let act: ActivationSpec = switch kind {
        case .leakyReLU: .leakyReLU(alpha: 0.125)
        case .elu: .elu(alpha: 0.75)
        case .prelu: .prelu(alphas: [0.1, 0.2, 0.3])
        case .swish: .swish(beta: 1.25)
        default: ActivationSpec(kind)
        }
        let original = ModelFile(name: "all-\(kind.rawValue)", layers: [
            .dense(DenseLayerSpec(rows: [[1, -2], [0.5, 0.25], [-1, 3]], bias: [0.1, -0.2, 0.3], activation: .identity)),
            .batchNorm(BatchNormSpec(size: 3, epsilon: 1e-3, gamma: [1, 2, 0.5], beta: [0, 0.1, -0.1],
                                     mean: [0.2, -0.3, 0], variance: [1, 0.5, 2], activation: act)),
            .dense(DenseLayerSpec(rows: [[1, 1, 1]], bias: [0], activation: .sigmoid)),
        ], inputScaling: InputScaling(mean: [1, 2], std: [0.5, 3]))
        let back = try ONNXImporter.importModel(try ONNXExporter.export(original))
        #expect(back.layers == original.layers)
        #expect(back.inputScaling == original.inputScaling)
    }
}
