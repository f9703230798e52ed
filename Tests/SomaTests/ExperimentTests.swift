import Foundation
import Testing
@testable import Soma

/// The experiments: the facts that must hold whatever the tuning (a step unit's
/// gradient is exactly zero; one sigmoid unit never fits XOR, never below ln 2),
/// the structure of every result, and the document's shape. Thresholds are not asserted.
@Suite("Experiments")
struct ExperimentTests {
    @Test("a step network's gradient is exactly zero, so SGD leaves it unchanged, right or wrong")
    func stepGradientIsZero() {
        let xor: [Float] = [0, 1, 1, 0]
        for seed: UInt64 in 1...5 {
            let start = ExperimentKit.denseNetwork([2, 1], activation: .step, output: .step, seed: seed)
            let run = ExperimentKit.fullBatch(start, targets: xor, loss: .mse, learningRate: 2, epochs: 50)
            #expect(run.nonzeroGradients == 0, "seed \(seed)")
            #expect(run.gradientEntries == 9)
            #expect(ExperimentKit.sameParameters(start, run.network), "seed \(seed): weights moved")
            #expect(Set(run.losses).count == 1, "seed \(seed): the loss changed")
        }
    }

    @Test("one sigmoid unit never fits XOR and never goes below ln 2; it fits AND", arguments: [UInt64(1), 2, 3])
    func perceptronNeverFitsXOR(_ seed: UInt64) {
        let start = ExperimentKit.denseNetwork([1], activation: .sigmoid, output: .sigmoid, seed: seed)
        let xor = ExperimentKit.fullBatch(start, targets: [0, 1, 1, 0], loss: .binaryCrossEntropy, learningRate: 1,
                                          epochs: 1000)
        #expect(xor.correct.max()! <= 3)
        #expect(xor.losses.min()! >= 0.6931, "ln 2 is the floor: \(xor.losses.min()!)")
        let and = ExperimentKit.fullBatch(start, targets: [0, 0, 0, 1], loss: .binaryCrossEntropy, learningRate: 1,
                                          epochs: 1000)
        #expect(and.correct.last! == 4)
        #expect(and.nonzeroGradients == 3)
    }

    @Test("the hand-set gate network represents XOR with step units")
    func handSetXOR() {
        let result = Experiment.stepOutput.run()
        let row = result.tables[0].table.rows[0]
        #expect(row[1] == "4 of 4")
        #expect(row[3] == "0 of 9")
        let rows = result.tables[0].table.rows
        #expect(rows.prefix(4).allSatisfy { $0[3].hasPrefix("0 of") && $0[6] == "no" },
                "a step output zeroes every gradient, so no weight changes")
        #expect(rows[4][6] == "yes", "sigmoid weights do")
    }

    @Test("gradient norms: one per dense layer, finite, and the same for the same network")
    func gradientNorms() throws {
        var settings = ExperimentKit.settings(hidden: [4, 4], activation: .sigmoid,
                                              optimizer: OptimizerSettings(.sgd), epochs: 1)
        settings.batchNorm = true
        let start = ExperimentKit.initialNetwork(try BuiltinDataset.moons.load(seed: 1), settings: settings)
        let norms = ExperimentKit.weightGradientNorms(start.network, data: start.split.train, task: start.task)
        #expect(norms.count == 3, "dense layers only, not batch norm")
        #expect(norms.allSatisfy { $0.isFinite && $0 > 0 })
        #expect(ExperimentKit.weightGradientNorms(start.network, data: start.split.train, task: start.task) == norms)
    }

    @Test("every experiment: a title, tables with full rows, findings; fast ones are deterministic",
          arguments: [Experiment.stepOutput, .perceptron, .lossChoice, .vanishingGradients])
    func structure(_ experiment: Experiment) throws {
        let result = experiment.run()
        #expect(!result.tables.isEmpty)
        for (_, table) in result.tables {
            #expect(!table.rows.isEmpty)
            #expect(table.rows.allSatisfy { $0.count == table.header.count })
        }
        #expect(!result.findings.isEmpty)
        for (_, figure) in result.figures { #expect(SVGRendering.elements(of: figure.svg) != nil, "\(figure.title)") }
        let again = experiment.run()
        #expect(again.markdown(figureDirectory: "x") == result.markdown(figureDirectory: "x"))
        #expect(again.figures.map(\.figure.svg) == result.figures.map(\.figure.svg))
    }

    @Test("tables print aligned and as Markdown")
    func tables() {
        let table = ExperimentTable(header: ["a", "bbb"], rows: [["xx", "1"]])
        #expect(table.text == "a   bbb\n--  ---\nxx  1")
        #expect(table.markdown == "| a | bbb |\n|---|---|\n| xx | 1 |")
    }
}
