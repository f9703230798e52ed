extension Experiment {
    static func stepOutputResult() -> ExperimentResult {
        typealias K = ExperimentKit
        let xor: [Float] = [0, 1, 1, 0]
        let handSet = Network(layers: [
            Dense(inputSize: 2, outputSize: 2, weights: [-0.5, -0.5, 0.5, 0.5], bias: [0.7, -0.2], activation: .step),
            Dense(inputSize: 2, outputSize: 1, weights: [0.5, 0.5], bias: [-0.7], activation: .step),
        ])
        var broken = handSet
        broken.layers[1].parameters[1] = [-1.2]  // the output unit never fires: wrong on rows 2 and 3
        let runs: [(String, K.FullBatchRun)] = [
            ("step, hand-set gates", K.fullBatch(handSet, targets: xor, loss: .mse, learningRate: 2, epochs: 3000)),
            ("step, hand-set, output bias -1.2", K.fullBatch(broken, targets: xor, loss: .mse, learningRate: 2, epochs: 3000)),
            ("step 2-2-1, Xavier", K.fullBatch(K.denseNetwork([2, 1], activation: .step, output: .step, seed: 1),
                                               targets: xor, loss: .mse, learningRate: 2, epochs: 3000)),
            ("sigmoid hidden, step output", K.fullBatch(K.denseNetwork([4, 1], activation: .sigmoid, output: .step,
                                                                       seed: 1),
                                                        targets: xor, loss: .mse, learningRate: 2, epochs: 3000)),
            ("sigmoid 2-4-1, Xavier", K.fullBatch(K.denseNetwork([4, 1], activation: .sigmoid, output: .sigmoid, seed: 1),
                                                  targets: xor, loss: .mse, learningRate: 2, epochs: 3000)),
        ]
        var result = ExperimentResult(experiment: .stepOutput)
        var table = ExperimentTable(header: ["network", "rows right at start", "loss at start", "nonzero gradient entries",
                                             "loss after 3000 epochs", "rows right after", "weights changed"])
        let starts = [handSet, broken, K.denseNetwork([2, 1], activation: .step, output: .step, seed: 1),
                      K.denseNetwork([4, 1], activation: .sigmoid, output: .step, seed: 1),
                      K.denseNetwork([4, 1], activation: .sigmoid, output: .sigmoid, seed: 1)]
        for ((label, run), start) in zip(runs, starts) {
            table.rows.append([label, "\(run.correct.first!) of 4", K.f(run.losses.first!, 4),
                               "\(run.nonzeroGradients) of \(run.gradientEntries)", K.f(run.losses.last!, 4),
                               "\(run.correct.last!) of 4", K.sameParameters(start, run.network) ? "no" : "yes"])
        }
        result.tables.append(("XOR, MSE, full-batch SGD (learning rate 2):", table))
        var chart = Chart(title: "MSE on XOR per epoch", xLabel: "epoch", yLabel: "loss")
        for (k, (label, run)) in runs.enumerated().dropFirst() {
            chart.lines.append(Chart.Line(label, K.thinned(run.losses, stride: 20), color: Figure.palette[k]))
        }
        chart.yRange = 0...0.6
        result.figures.append(("loss", Figure(title: "Step units do not learn; sigmoid units do", charts: [chart],
                                              columns: 1, panelWidth: 560, panelHeight: 320)))
        let stepRuns = runs.prefix(4).map(\.1)
        let sigmoid = runs[4].1
        result.findings = [
            "The hand-set step network classifies \(runs[0].1.correct.first!) of 4 XOR rows: step units can represent XOR.",
            "Every gradient entry of the networks with a step output is exactly zero, even below a sigmoid "
                + "hidden layer (\(stepRuns.map(\.nonzeroGradients).reduce(0, +)) nonzero entries in all four), so 3000 SGD epochs "
                + (stepRuns.allSatisfy { $0.losses.first! == $0.losses.last! } ? "leave their loss where it started"
                                                                             : "still change their loss")
                + (runs[1].1.losses.first! > 0 ? ", even the broken one at loss \(K.f(runs[1].1.losses.first!, 4))." : "."),
            "The sigmoid network's gradient is nonzero (\(sigmoid.nonzeroGradients) of \(sigmoid.gradientEntries) entries); "
                + "its loss goes from \(K.f(sigmoid.losses.first!, 4)) to \(K.f(sigmoid.losses.last!, 4)) and it gets "
                + "\(sigmoid.correct.last!) of 4 rows right.",
        ]
        return result
    }
}
