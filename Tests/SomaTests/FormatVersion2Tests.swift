import Foundation
import Testing
@testable import Soma

/// Format version 2: output scaling, feature names and the label column.
@Suite("Format version 2")
struct FormatVersion2Tests {
    /// One identity unit `z = x` with output scaling `y = fma(z, std, mean)`.
    static func scaledIdentity(mean: Float, std: Float) -> ModelFile {
        ModelFile(name: "scaled", layers: [.dense(DenseLayerSpec(rows: [[1]], bias: [0], activation: .identity))],
                  outputScaling: OutputScaling(mean: [mean], std: [std]), featureNames: ["x"], labelColumn: "y",
                  task: "regression")
    }

    @Test("output scaling is one fused multiply-add, not a product then a sum")
    func outputScalingIsOneFMA() throws {
        let z: Float = 1.0 / 3.0
        let model = Self.scaledIdentity(mean: -1, std: 3)
        let y = try model.predict([z])
        expectSameBits(y, [Float(-1).addingProduct(z, 3)])
        // The two-rounding form gives 0 here; the spec's fma gives 2^-25: the test tells them apart.
        #expect(z * 3 + -1 == 0)
        #expect(y[0] == 0x1p-25)
    }

    @Test("writers write version 2; the new members and their checksum survive a round trip", arguments: [false, true])
    func roundTrip(packed: Bool) throws {
        let model = try Self.scaledIdentity(mean: 152.69678, std: 77.060295).addingSelfTest(inputs: [[0.5], [-2]])
        let text = try model.jsonText(packed: packed)
        #expect(text.contains("\"version\": 2,"))
        let back = try ModelFile(jsonData: Data(text.utf8))
        #expect(back.outputScaling == model.outputScaling)
        #expect(back.featureNames == ["x"] && back.labelColumn == "y")
        #expect(back.computedChecksum == model.computedChecksum)
        try back.verifySelfTest()
        // The self-test outputs are after output scaling.
        expectSameBits(back.selfTest!.outputs[0], [Float(152.69678).addingProduct(0.5, 77.060295)])
        // The checksum covers the output scaling.
        var other = model
        other.outputScaling?.mean[0] = 152.69679
        #expect(other.computedChecksum != model.computedChecksum)
    }

    @Test func versionOneFilesAreStillRead() throws {
        let v1 = """
            {"format": "soma-model", "version": 1, "name": "v1", "inputs": 1, "outputs": 1,
             "layers": [{"type": "dense", "inputs": 1, "outputs": 1, "layout": "output-major",
                         "weights": [[2]], "bias": [0.5], "activation": {"name": "identity"}}]}
            """
        let model = try ModelFile(jsonData: Data(v1.utf8))
        #expect(model.outputScaling == nil && model.featureNames == nil)
        #expect(try model.predict([0.25]) == [1])
    }

    @Test("regression on targets near 1e5 learns, and answers in the data's units")
    func largeTargetsAreStandardised() throws {
        var generator = SplitMix64(seed: 3)
        var features: [Float] = []
        var targets: [Float] = []
        for _ in 0..<400 {
            let (a, b) = (generator.unitFloat(), generator.unitFloat())
            features += [a, b]
            targets.append(100_000 * (a + 2 * b) + 300_000)
        }
        let data = Dataset(name: "prices", featureNames: ["a", "b"], features: features,
                           targets: .values(targets), labelName: "price")
        var settings = TrainingSettings()
        settings.hidden = [8]
        settings.optimizer = OptimizerSettings(.adam, learningRate: 0.01)
        settings.epochs = 200
        settings.patience = nil
        settings.loss = .huber
        let result = try Trainer.train(data, settings: settings, name: "prices")
        let model = result.modelFile
        let scaling = try #require(model.outputScaling)
        #expect(abs(scaling.mean[0] - 450_000) < 10_000)  // mean of 1e5·(a + 2b) + 3e5 over U(0,1)²
        #expect(model.featureNames == ["a", "b"] && model.labelColumn == "price")
        // Test MAE in the data's units: a few per cent of the targets' spread (std ≈ 74,000).
        #expect(try #require(result.testMetric) < 5_000)
        let y = try model.predict([0.5, 0.5])[0]
        #expect(abs(y - 450_000) < 10_000)
        try model.verifySelfTest()
        // Without standardisation the same run barely moves (the symptom).
        settings.standardizeTargets = false
        let raw = try Trainer.train(data, settings: settings, name: "prices")
        #expect(try #require(raw.testMetric) > 100_000)
    }
}
