import Foundation
import Soma
import Testing

/// The committed course models are exactly what the code produces now, with the
/// settings `make models` uses (each the command's default). `make check-models`
/// checks the same through the release-built CLI.
struct CommittedModelTests {
    static func committed(_ name: String) throws -> String {
        try String(contentsOf: ModelParityTests.root.appendingPathComponent("models/\(name).json"), encoding: .utf8)
    }

    @Test("gate models match a fresh training run", arguments: [Gate.and, .or, .nand, .xorGates])
    func gate(_ gate: Gate) throws {
        let fresh = try gate.trainedModel(seed: 1, epochs: 100, learningRate: 0.1).jsonText()
        #expect(fresh == (try Self.committed(gate.rawValue)), "models/\(gate.rawValue).json is stale: run make models")
    }

    @Test func xorMLPMatchesAFreshTrainingRun() throws {
        let fresh = try Network.trainXOR(hidden: 2, epochs: 5000, learningRate: 2, seed: 1).modelFile.jsonText()
        #expect(fresh == (try Self.committed("xor-mlp")), "models/xor-mlp.json is stale: run make models")
    }
}

/// The data-set models are what `soma train data NAME --seed 1` produces now.
struct CommittedDataModelTests {
    @Test("data-set models match a fresh training run", arguments: [BuiltinDataset.iris, .digits, .moons])
    func dataModel(_ dataset: BuiltinDataset) throws {
        var settings = TrainingSettings.defaults(for: dataset)
        settings.seed = 1
        let result = try Trainer.train(try dataset.load(seed: 1), settings: settings, name: dataset.rawValue)
        #expect(try result.modelFile.jsonText() == (try CommittedModelTests.committed(dataset.rawValue)),
                "models/\(dataset.rawValue).json is stale: run make models")
        let history = try String(contentsOf: ModelParityTests.root.appendingPathComponent(
            "models/\(dataset.rawValue).history.csv"), encoding: .utf8)
        #expect(result.historyCSV == history)
    }
}
