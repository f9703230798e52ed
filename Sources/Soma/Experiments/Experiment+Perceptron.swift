extension Experiment {
    static func perceptronResult() -> ExperimentResult {
        typealias K = ExperimentKit
        let gates: [(String, [Float])] = [("AND", [0, 0, 0, 1]), ("OR", [0, 1, 1, 1]), ("NAND", [1, 1, 1, 0]),
                                          ("XOR", [0, 1, 1, 0])]
        var result = ExperimentResult(experiment: .perceptron)
        var table = ExperimentTable(header: ["gate", "unit", "nonzero gradient entries", "loss at start",
                                             "lowest loss", "loss after 3000 epochs", "most rows ever right"])
        var chart = Chart(title: "logistic regression: cross-entropy per epoch", xLabel: "epoch", yLabel: "loss")
        var sigmoidRuns: [String: K.FullBatchRun] = [:]
        var stepRuns: [K.FullBatchRun] = []
        for (k, (gate, targets)) in gates.enumerated() {
            let step = K.fullBatch(K.denseNetwork([1], activation: .step, output: .step, seed: 1), targets: targets,
                                   loss: .mse, learningRate: 1, epochs: 3000)
            let sigmoid = K.fullBatch(K.denseNetwork([1], activation: .sigmoid, output: .sigmoid, seed: 1),
                                      targets: targets, loss: .binaryCrossEntropy, learningRate: 1, epochs: 3000)
            for (unit, run) in [("step, MSE", step), ("sigmoid, BCE", sigmoid)] {
                table.rows.append([gate, unit, "\(run.nonzeroGradients) of \(run.gradientEntries)", K.f(run.losses.first!, 4),
                                   K.f(run.losses.min()!, 4), K.f(run.losses.last!, 4), "\(run.correct.max()!) of 4"])
            }
            chart.lines.append(Chart.Line(gate, K.thinned(sigmoid.losses, stride: 20), color: Figure.palette[k]))
            sigmoidRuns[gate] = sigmoid
            stepRuns.append(step)
        }
        chart.yRange = 0...0.9
        let floor = Float(0.6931472)
        chart.lines.append(Chart.Line("ln 2", [(0, Double(floor)), (3000, Double(floor))], color: "#777777", dashed: true))
        result.tables.append(("One unit, full-batch SGD (learning rate 1):", table))
        result.figures.append(("loss", Figure(title: "A sigmoid perceptron learns AND, OR, NAND but never XOR",
                                              charts: [chart], columns: 1, panelWidth: 560, panelHeight: 320)))
        let xor = sigmoidRuns["XOR"]!
        let learned = ["AND", "OR", "NAND"].filter { sigmoidRuns[$0]!.correct.last! == 4 }
        result.findings = [
            "With a step unit every gradient entry is zero (\(stepRuns.map(\.nonzeroGradients).reduce(0, +)) nonzero in "
                + "all four gates), so backpropagation "
                + (stepRuns.allSatisfy { $0.losses.first! == $0.losses.last! } ? "never moves the loss." : "moves the loss only through rounding."),
            "With a sigmoid unit (logistic regression) "
                + (learned.isEmpty ? "no gate" : learned.joined(separator: ", ")) + " end with all 4 rows right.",
            "On XOR the sigmoid unit never gets more than \(xor.correct.max()!) of 4 rows right in 3000 epochs; its "
                + "lowest loss is \(K.f(xor.losses.min()!, 4)), against ln 2 = \(K.f(floor, 4)), the loss of "
                + "answering 0.5 everywhere: no line separates XOR.",
        ]
        return result
    }
}
