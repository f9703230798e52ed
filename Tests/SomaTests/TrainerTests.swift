import Foundation
import Testing
import Soma

@Suite("Training loop")
struct TrainerTests {
    static func quick(_ dataset: BuiltinDataset, epochs: Int = 40) -> TrainingSettings {
        var settings = TrainingSettings.defaults(for: dataset)
        settings.epochs = epochs
        return settings
    }

    @Test func sameSeedGivesTheSameModelBitForBit() throws {
        let data = try BuiltinDataset.moons.load(seed: 1)
        let a = try Trainer.train(data, settings: Self.quick(.moons), name: "m").modelFile.jsonText()
        let b = try Trainer.train(data, settings: Self.quick(.moons), name: "m").modelFile.jsonText()
        #expect(a == b)
        var other = Self.quick(.moons)
        other.seed = 2
        #expect(try Trainer.train(data, settings: other, name: "m").modelFile.jsonText() != a)
    }

    @Test func earlyStoppingKeepsTheEpochWithTheLowestValidationLoss() throws {
        var settings = Self.quick(.iris, epochs: 300)
        settings.patience = 5
        let result = try Trainer.train(try BuiltinDataset.iris.load(), settings: settings, name: "iris")
        let losses = result.history.compactMap(\.validationLoss)
        #expect(result.stoppedEarly)
        #expect(result.history.count == result.bestEpoch + 5)
        #expect(losses[result.bestEpoch - 1] == losses.min())
        // The exported model holds the best epoch's weights: its validation loss is reproduced.
        #expect(result.modelFile.training?["best_epoch"] == .number(String(result.bestEpoch)))
    }

    @Test func irisDefaultsLearnAndRecordTheirRun() throws {
        let result = try Trainer.train(try BuiltinDataset.iris.load(), settings: .defaults(for: .iris), name: "iris")
        #expect((result.testMetric ?? 0) >= 0.9)
        let model = result.modelFile
        #expect(model.labels == ["setosa", "versicolor", "virginica"])
        #expect(model.inputScaling != nil)
        #expect(model.layers.last?.activation.kind == .softmax)
        #expect(model.training?["dataset"]?.stringValue == "iris")
        #expect(model.training?["history"]?["validation_loss"] != nil)
        #expect(result.historyCSV.hasPrefix("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy\n1,"))
    }

    @Test func regressionLearnsALine() throws {
        let xs = (0..<200).map { Float($0) / 50 - 2 }
        let data = Dataset(name: "line", featureNames: ["x"], features: xs, targets: .values(xs.map { 3 * $0 + 1 }))
        var settings = TrainingSettings()
        settings.hidden = []
        settings.optimizer = OptimizerSettings(.adam, learningRate: 0.05)
        settings.epochs = 200
        let result = try Trainer.train(data, settings: settings, name: "line")
        #expect(result.task.loss == .mse && result.modelFile.task == "regression")
        #expect((result.testMetric ?? 1) < 0.05, "test MAE \(result.testMetric ?? .nan)")
    }

    @Test("every optimizer trains moons past 85%", arguments: OptimizerSettings.Kind.allCases)
    func optimizers(_ kind: OptimizerSettings.Kind) throws {
        var settings = Self.quick(.moons, epochs: 60)
        settings.optimizer = OptimizerSettings(kind, learningRate: kind == .sgd ? 0.1 : nil)
        let result = try Trainer.train(try BuiltinDataset.moons.load(), settings: settings, name: "m")
        #expect((result.testMetric ?? 0) >= 0.85, "\(kind): \(result.testMetric ?? .nan)")
    }

    @Test func batchNormModelsTrainAndExportTheirStatistics() throws {
        var settings = Self.quick(.moons, epochs: 60)
        settings.batchNorm = true
        let result = try Trainer.train(try BuiltinDataset.moons.load(), settings: settings, name: "bn")
        #expect(result.modelFile.layers.map(\.typeName) == ["dense", "batchnorm", "dense", "batchnorm", "dense"])
        #expect((result.testMetric ?? 0) >= 0.85)
    }

    @Test("settings that cannot work are refused", arguments: [
        (BuiltinDataset.iris, Loss.binaryCrossEntropy, "binary_cross_entropy needs 2 classes, found 3"),
    ])
    func refused(_ dataset: BuiltinDataset, _ loss: Loss, _ message: String) throws {
        var settings = Self.quick(dataset)
        settings.loss = loss
        let error = #expect(throws: TrainingError.self) { try Trainer.train(try dataset.load(), settings: settings, name: "x") }
        #expect(error?.description.hasPrefix(message) == true, "got: \(error?.description ?? "")")
    }

    @Test func regressionRefusesClassificationLosses() {
        let data = Dataset(name: "r", featureNames: ["x"], features: [1, 2], targets: .values([1, 2]))
        var settings = TrainingSettings()
        settings.loss = .hinge
        let error = #expect(throws: TrainingError.self) { try Trainer.train(data, settings: settings, name: "r") }
        #expect(error?.description.contains("hinge needs class labels") == true)
    }
}
