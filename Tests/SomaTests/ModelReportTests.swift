import Foundation
import Testing
@testable import Soma

/// `soma report`'s page, without a browser (Tests/report/check_report.py opens it in Chromium):
/// which figures a model gets, the history read from the model's training record, and the verdicts.
@Suite("Model report")
struct ModelReportTests {
    static func trained() throws -> TrainingResult {
        var settings = TrainingSettings.defaults(for: .moons)
        settings.epochs = 5
        return try Trainer.train(try BuiltinDataset.moons.load(seed: 1), settings: settings, name: "moons")
    }

    @Test("a two-input classifier gets every figure, its history from the model, and passing verdicts")
    func twoInputs() throws {
        let result = try Self.trained()
        let report = ModelReport(model: result.modelFile, data: try BuiltinDataset.moons.load(seed: 1),
                                 parityVerdict: "passed: test")
        #expect(report.figureIDs == ["architecture", "history", "confusion", "boundary"])
        let history = try #require(report.history)
        #expect(history.epochs == [1, 2, 3, 4, 5])
        #expect(history.column("train_loss")!.map { $0.map(Float.init) } == result.history.map { $0.trainLoss })
        #expect(report.selfTestVerdict.passed)
        let html = try report.html()
        for id in report.figureIDs { #expect(html.contains("<figure id=\"\(id)\">")) }
        #expect(html.contains("passed: test"))
        #expect(try report.html() == html, "same model, same page")
    }

    @Test("a run that recorded gradient norms gets their figure after the curves; unreadable ones a placeholder")
    func gradientNorms() throws {
        var settings = TrainingSettings.defaults(for: .moons)
        settings.epochs = 5
        settings.recordGradientNorms = true
        let moons = try BuiltinDataset.moons.load(seed: 1)
        var model = try Trainer.train(moons, settings: settings, name: "moons").modelFile
        let report = ModelReport(model: model, data: moons, parityVerdict: "")
        #expect(report.figureIDs == ["architecture", "history", "gradients", "confusion", "boundary"])
        let html = try report.html()
        #expect(html.contains(">layers[2]</text>"), "the output layer's line is in the legend")
        // A recorded column whose name holds no layer index: the figure says why instead of vanishing.
        guard case .object(var members)? = model.training, let at = members.firstIndex(where: { $0.0 == "history" }),
              case .object(var columns) = members[at].1 else { Issue.record("no history"); return }
        columns[columns.count - 1].0 = "weight_grad_norm_layerX"
        members[at].1 = .object(columns)
        model.training = .object(members)
        let broken = try ModelReport(model: model, data: moons, parityVerdict: "").html()
        #expect(broken.contains("<figure id=\"gradients\">"))
        #expect(broken.contains("column `weight_grad_norm_layerX`: expected a layer index"))
    }

    @Test("a tampered self-test fails its verdict, naming the value")
    func tampered() throws {
        var model = try Self.trained().modelFile
        model.selfTest!.outputs[0][0] = model.selfTest!.outputs[0][0].nextUp
        let verdict = ModelReport(model: model, data: nil, parityVerdict: "").selfTestVerdict
        #expect(!verdict.passed)
        #expect(verdict.text.contains("self_test"), "\(verdict.text)")
    }

    @Test("no boundary for a model with other than two inputs")
    func fourInputs() {
        let model = Network(layers: [Dense(inputSize: 4, outputSize: 3, weights: [Float](repeating: 0.1, count: 12),
                                           bias: [0, 0, 0], activation: .softmax)])
            .modelFile(name: "wide", labels: ["a", "b", "c"], task: "classification")
        #expect(ModelReport(model: model, data: nil, parityVerdict: "").figureIDs == ["architecture", "history", "confusion"])
    }
}
