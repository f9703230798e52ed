import Testing
@testable import Soma

/// What the trainer exports is what it says it exports, checked from the file alone.
@Suite("Exported model against its training record")
struct ExportedModelTests {
    /// The exported model's loss on the validation rows, recomputed through the
    /// reference forward pass from raw rows (the model applies its own scaling).
    static func validationLoss(of result: TrainingResult) throws -> Float {
        let rows = result.split.validation
        var predictions: [Float] = []
        for row in 0..<rows.count { predictions += try result.modelFile.predict(Array(rows.row(row))) }
        return result.task.loss.value(predictions: predictions, targets: result.task.encode(rows.targets),
                                      width: result.task.outputs)
    }

    @Test("early stopping exports the best epoch: the file's weights give the best recorded validation loss")
    func earlyStoppingExportsTheBestEpoch() throws {
        var settings = TrainingSettings.defaults(for: .iris)
        settings.epochs = 300
        settings.patience = 5
        let result = try Trainer.train(try BuiltinDataset.iris.load(), settings: settings, name: "iris")
        let record = try #require(result.modelFile.training.flatMap { TrainingRecord(json: $0) })
        let best = try #require(record.validation?.loss)
        #expect(record.stoppedEarly && record.epochs > record.bestEpoch, "the run must stop after its best epoch")
        #expect(best == record.history.compactMap(\.validationLoss).min())
        // The last epoch was worse, so exporting its weights would not give this value.
        #expect(record.history.last!.validationLoss! > best)
        #expect(try Self.validationLoss(of: result) == best)
    }

    @Test("the training record reads back as written")
    func recordRoundTrip() throws {
        var settings = TrainingSettings.defaults(for: .moons)
        settings.epochs = 5
        let result = try Trainer.train(try BuiltinDataset.moons.load(seed: 1), settings: settings, name: "moons")
        let json = try #require(result.modelFile.training)
        let record = try #require(TrainingRecord(json: json))
        #expect(record.json == json)
        #expect(record.dataset == "moons" && record.seed == settings.seed && record.epochs == 5)
        #expect(record.history.map(\.trainLoss) == result.history.map(\.trainLoss))
    }

    @Test("another lesson's record is not read as a training record")
    func otherRecords() {
        #expect(TrainingRecord(json: .object([("method", .string("perceptron"))])) == nil)
        #expect(TrainingRecord(json: .string("backpropagation")) == nil)
    }
}
