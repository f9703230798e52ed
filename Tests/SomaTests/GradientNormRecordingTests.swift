import Foundation
import Testing
@testable import Soma

/// `TrainingSettings.recordGradientNorms`: the norms recorded are the
/// full-batch weight-gradient norms a learner would compute by hand, and
/// recording them leaves the training run as it was.
@Suite("Gradient-norm recording")
struct GradientNormRecordingTests {
    /// XOR on a 2 → 3 (tanh) → 1 (sigmoid, binary cross-entropy) network, every row for training.
    static func xorSettings(epochs: Int) -> TrainingSettings {
        var settings = TrainingSettings()
        settings.hidden = [3]
        settings.hiddenActivations = [.tanh]
        settings.optimizer = OptimizerSettings(.sgd, learningRate: 0.5)
        settings.epochs = epochs
        settings.batchSize = 2
        settings.validationFraction = 0
        settings.testFraction = 0
        settings.patience = nil
        settings.recordGradientNorms = true
        return settings
    }

    /// The mean binary cross-entropy of the 2 → 3 → 1 network `p` (`[w0, b0, w1, b1]`,
    /// weights output-major) over `rows`, all in Double: the loss written out by hand.
    static func loss(_ p: [[Double]], rows: [[Double]], targets: [Double]) -> Double {
        var total = 0.0
        for (x, t) in zip(rows, targets) {
            let hidden = (0..<3).map { o in tanh(p[0][o * 2] * x[0] + p[0][o * 2 + 1] * x[1] + p[1][o]) }
            let z = (0..<3).reduce(p[3][0]) { $0 + p[2][$1] * hidden[$1] }
            total += max(z, 0) - z * t + log1p(exp(-abs(z)))  // −t·log σ(z) − (1−t)·log(1 − σ(z))
        }
        return total / Double(rows.count)
    }

    @Test("the recorded norm is ‖∂L/∂W‖ by central differences, for each layer", arguments: [1, 4])
    func matchesFiniteDifferences(epochs: Int) throws {
        let result = try Trainer.train(try BuiltinDataset.xor.load(), settings: Self.xorSettings(epochs: epochs),
                                       name: "xor")
        try #require(result.task.loss == .binaryCrossEntropy && result.network.layers.count == 2)
        let recorded = try #require(result.history.last?.weightGradientNorms)
        #expect(recorded.keys.sorted() == [0, 1], "one norm per dense layer")
        // The kept network is the last epoch's (no validation split); its rows standardised as it does.
        let scaling = try #require(result.network.inputScaling)
        let train = result.split.train
        let rows = (0..<train.count).map { r in (0..<2).map { Double(scaling.apply(train.features[r * 2 + $0], column: $0)) } }
        let targets = result.task.encode(train.targets).map(Double.init)
        let parameters = result.network.layers.flatMap { $0.parameters.map { $0.map(Double.init) } }
        let h = 1e-6
        for layer in 0..<2 {
            var squares = 0.0
            for k in parameters[layer * 2].indices {
                var plus = parameters, minus = parameters
                plus[layer * 2][k] += h
                minus[layer * 2][k] -= h
                let slope = (Self.loss(plus, rows: rows, targets: targets) - Self.loss(minus, rows: rows, targets: targets)) / (2 * h)
                squares += slope * slope
            }
            let byHand = squares.squareRoot()
            let norm = Double(try #require(recorded[layer]))
            #expect(byHand > 1e-3, "a norm too small to tell layers apart")
            #expect(abs(norm - byHand) <= 1e-4 * byHand, "layers[\(layer)], epoch \(epochs): recorded \(norm), by hand \(byHand)")
        }
    }

    @Test("recording changes neither the weights nor the other columns; batch norm has no column")
    func recordingLeavesTrainingAsItWas() throws {
        let iris = try BuiltinDataset.iris.load()
        var settings = TrainingSettings.defaults(for: .iris)
        settings.hidden = [4]
        settings.batchNorm = true
        settings.epochs = 6
        let off = try Trainer.train(iris, settings: settings, name: "iris")
        settings.recordGradientNorms = true
        let on = try Trainer.train(iris, settings: settings, name: "iris")

        var (withoutRecord, withRecord) = (off.modelFile, on.modelFile)
        (withoutRecord.training, withRecord.training) = (nil, nil)
        #expect(try withoutRecord.jsonText() == withRecord.jsonText(), "same weights and running statistics")
        #expect(off.history.allSatisfy { $0.weightGradientNorms.isEmpty })
        #expect(on.history.allSatisfy { $0.weightGradientNorms.keys.sorted() == [0, 2] }, "dense layers 0 and 2 only")

        let offLines = off.historyCSV.split(separator: "\n")
        let onLines = on.historyCSV.split(separator: "\n")
        #expect(offLines.first == "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy")
        let header = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,"
            + "weight_grad_norm_layer0,weight_grad_norm_layer2"
        #expect(onLines.first.map(String.init) == header)
        #expect(onLines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast(2).joined(separator: ",") }
                == offLines.map(String.init), "the first five columns are as without recording")

        // The model file's record carries the same columns and reads back.
        let json = try #require(on.modelFile.training)
        #expect(json["history"]?["weight_grad_norm_layer2"] != nil)
        #expect(off.modelFile.training?["history"]?["weight_grad_norm_layer0"] == nil)
        let record = try #require(TrainingRecord(json: json))
        #expect(record.history.map(\.weightGradientNorms) == on.history.map(\.weightGradientNorms))
        #expect(TrainingRecord(json: try #require(off.modelFile.training))?.history.allSatisfy { $0.weightGradientNorms.isEmpty } == true)
    }

    @Test("the history CSV parses back into the plot's columns")
    func plotReadsTheTrainersColumns() throws {
        let result = try Trainer.train(try BuiltinDataset.xor.load(), settings: Self.xorSettings(epochs: 3), name: "xor")
        let history = try TrainingHistory(csv: result.historyCSV, source: "xor.history.csv")
        let norms = try GradientNormsPlot.norms(in: history, source: "xor.history.csv")
        #expect(norms.map(\.layer) == [0, 1])
        #expect(norms[1].values.map { $0.map(Float.init) } == result.history.map { $0.weightGradientNorms[1] },
                "the CSV's shortest decimals read back as the same Float")
        #expect(history.measures == ["loss", "accuracy"], "soma plot history still sees loss and accuracy only")
    }
}
