import Foundation
import Soma
import SomaParity
import SomaRuntime
import Testing

/// One trained model per activation (as the hidden activation and, where a loss
/// allows, as the output's), plus batch norm and each loss's output layer, through
/// the Swift reference network and the C runtime: identical bits on 2,000 inputs.
struct ActivationParityTests {
    static func trained(hidden: ActivationSpec, output: ActivationSpec? = nil, loss: Loss? = nil,
                        batchNorm: Bool = false, maxoutPieces: Int? = nil) throws -> ModelFile {
        var settings = TrainingSettings.defaults(for: .moons)
        settings.hidden = [8, 6]
        settings.hiddenActivations = [hidden]
        settings.outputActivation = output
        settings.loss = loss
        settings.batchNorm = batchNorm
        settings.maxoutPieces = maxoutPieces
        settings.epochs = 3
        let data = try BuiltinDataset.spirals.load(seed: 2)
        return try Trainer.train(data, settings: settings, name: "parity-\(hidden.kind.rawValue)").modelFile
    }

    static func expectIdenticalBits(_ model: ModelFile, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let runtime = try RuntimeModel(json: try model.jsonText())
        let packed = try RuntimeModel(json: try model.jsonText(packed: true))
        let inputs = ParityCheck.inputs(for: model, count: 2_000, seed: 11)
        for engine in [runtime, packed] {
            let report = try ParityCheck.compare(reference: model, runtime: engine, inputs: inputs)
            #expect(report.identical == report.samples, "\(model.name): max \(report.maxULP) ULP",
                    sourceLocation: sourceLocation)
        }
    }

    /// Every activation (PReLU gets its width when the layer is built), and the
    /// default parameters of the parametrised ones.
    static let hiddenActivations: [ActivationSpec] = ActivationKind.allCases.map { kind in
        switch kind {
        case .leakyReLU: return .leakyReLU(alpha: 0.2)
        case .elu: return .elu(alpha: 0.5)
        case .prelu: return .prelu(alphas: [0.25])
        case .swish: return .swish(beta: 1.5)
        case .step, .identity, .sigmoid, .tanh, .relu, .selu, .softmax: return ActivationSpec(kind)
        }
    } + [.leakyReLU(alpha: 0.01), .elu(alpha: 1), .swish(beta: 1)]

    @Test("hidden activation", arguments: hiddenActivations)
    func hidden(_ activation: ActivationSpec) throws {
        let model = try Self.trained(hidden: activation)
        #expect(model.layers[0].activation.kind == activation.kind)
        try Self.expectIdenticalBits(model)
    }

    @Test("output activation with MSE", arguments: [ActivationSpec.tanh, .identity, .relu, .elu(alpha: 0.5), .selu, .swish(beta: 1)])
    func output(_ activation: ActivationSpec) throws {
        let model = try Self.trained(hidden: .tanh, output: activation, loss: .mse)
        #expect(model.layers.last?.activation.kind == activation.kind)
        try Self.expectIdenticalBits(model)
    }

    @Test("each loss's output layer", arguments: [Loss.mse, .mae, .huber, .categoricalCrossEntropy, .hinge])
    func loss(_ loss: Loss) throws {
        try Self.expectIdenticalBits(try Self.trained(hidden: .relu, loss: loss))
    }

    /// Maxout hidden layers (identity after the maximum, and an activation after it):
    /// the C kernel's pieces, row order and tie rule give the reference pass's bits.
    @Test("maxout hidden layers", arguments: [(2, ActivationSpec.identity), (3, .identity), (2, .tanh), (4, .leakyReLU(alpha: 0.2))])
    func maxout(_ pieces: Int, _ after: ActivationSpec) throws {
        let model = try Self.trained(hidden: after, maxoutPieces: pieces)
        guard case .maxout(let layer) = model.layers[0] else { Issue.record("layer 0 is not maxout"); return }
        #expect(layer.pieces == pieces && layer.activation.kind == after.kind)
        #expect(try model.jsonText().contains("\"version\": 3"))
        try Self.expectIdenticalBits(model)
    }

    @Test func batchNormalisedModel() throws {
        let model = try Self.trained(hidden: .relu, batchNorm: true)
        #expect(model.layers.contains { $0.typeName == "batchnorm" })
        try Self.expectIdenticalBits(model)
    }
}
