extension Experiment {
    static func optimizersResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .optimizers)
        let moons = K.load(.moons)
        let runs = OptimizerSettings.Kind.allCases.map { kind in
            K.train(moons, "\(kind.rawValue) \(K.f(kind.defaultLearningRate, 3))",
                    K.settings(hidden: [16, 16], activation: .relu, optimizer: OptimizerSettings(kind), epochs: 60))
        }
        let table = ExperimentTable(header: ["optimizer, learning rate", "training loss after 10 epochs",
                                             "after 60", "first epoch at 95% training accuracy", "test accuracy"],
                                    rows: runs.map { run in
                                        [run.label, run.trained.map { K.f($0.history[9].trainLoss, 4) } ?? "diverged",
                                         run.finalTrainLoss, run.epochReaching(0.95), run.testAccuracy]
                                    })
        result.tables.append(("moons, two hidden ReLU layers of 16, batch 32:", table))
        result.figures.append(("loss", Figure(
            title: "Five optimizers on moons: training loss per epoch",
            charts: [K.curves(runs, title: "training loss", yLabel: "loss", value: { $0.trainLoss })],
            columns: 1, panelWidth: 560, panelHeight: 320)))
        let ranked = runs.compactMap { run in run.trained.map { (run.label, $0.history.last!.trainLoss) } }
            .sorted { $0.1 < $1.1 }
        if let first = ranked.first, let last = ranked.last {
            result.findings.append("After 60 epochs the lowest training loss is \(first.0)'s (\(K.f(first.1, 4))) and the "
                                   + "highest \(last.0)'s (\(K.f(last.1, 4))); at these default learning rates the "
                                   + "comparison is of the defaults, not of each rule at its best rate.")
        }
        return result
    }

    static func batchNormResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .batchNorm)
        let spirals = K.load(.spirals)
        let runs = [false, true].map { on in
            var s = K.settings(hidden: [32, 32], activation: .relu, optimizer: OptimizerSettings(.sgd, learningRate: 0.05),
                               epochs: 150)
            s.batchNorm = on
            return K.train(spirals, on ? "batch norm" : "no batch norm", s)
        }
        let table = ExperimentTable(header: ["network", "first epoch at 80% training accuracy", "training loss after 150",
                                             "test accuracy"],
                                    rows: runs.map { [$0.label, $0.epochReaching(0.8), $0.finalTrainLoss, $0.testAccuracy] })
        result.tables.append(("spirals, two hidden ReLU layers of 32, SGD 0.05:", table))
        result.figures.append(("loss", Figure(
            title: "Batch normalisation on spirals: training loss and accuracy per epoch",
            charts: [K.curves(runs, title: "training loss", yLabel: "loss", value: { $0.trainLoss }),
                     K.curves(runs, title: "training accuracy", yLabel: "accuracy", value: { $0.trainMetric })],
            columns: 2, panelWidth: 420, panelHeight: 300)))
        result.findings.append(runs.map { "\($0.label): 80% training accuracy at epoch \($0.epochReaching(0.8)), "
                                          + "\($0.testAccuracy) test accuracy" }.joined(separator: "; ") + ".")
        return result
    }

    static func initializersResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .initializers)
        let moons = K.load(.moons)
        var table = ExperimentTable(header: ["activation", "initialiser", "‖∂L/∂W‖ of layer 1 at start",
                                             "training loss after 100 epochs", "test accuracy"])
        var runs: [ExperimentKit.Run] = []
        for activation in [ActivationSpec.relu, .tanh] {
            for (name, initializer) in [("Xavier", Initializer.xavierUniform), ("He", .heUniform)] {
                var s = K.settings(hidden: Array(repeating: 32, count: 5), activation: activation,
                                   optimizer: OptimizerSettings(.sgd, learningRate: 0.05), epochs: 100)
                s.initializer = initializer
                let start = K.initialNetwork(moons, settings: s)
                let norm = K.weightGradientNorms(start.network, data: start.split.train, task: start.task)[0]
                let run = K.train(moons, "\(activation.kind.rawValue) + \(name)", s)
                table.rows.append([activation.kind.rawValue, name, K.f(norm, 5), run.finalTrainLoss, run.testAccuracy])
                runs.append(run)
            }
        }
        result.tables.append(("moons, five hidden layers of 32, SGD 0.05:", table))
        result.figures.append(("loss", Figure(
            title: "Xavier against He: training loss per epoch",
            charts: [K.curves(runs, title: "training loss", yLabel: "loss", value: { $0.trainLoss })],
            columns: 1, panelWidth: 560, panelHeight: 320)))
        result.findings.append(runs.map { "\($0.label) ends at training loss \($0.finalTrainLoss)" }.joined(separator: "; ")
                               + ". He's range is √((fan-in + fan-out) / fan-in) times Xavier's (√2 between layers of equal width), "
                               + "so He starts every layer with larger weights.")
        return result
    }
}
