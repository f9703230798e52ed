extension Experiment {
    static func deadReLUResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .deadReLU)
        let spirals = K.load(.spirals)
        var table = ExperimentTable(header: ["activation", "learning rate", "units never positive (of 64)",
                                             "training accuracy", "test accuracy"])
        var dead: [String: Int] = [:]
        var curves: [ExperimentKit.Run] = []
        for rate: Float in [0.05, 1.5, 4] {
            for activation in [ActivationSpec.relu, .leakyReLU(), .elu()] {
                let settings = K.settings(hidden: [64], activation: activation,
                                          optimizer: OptimizerSettings(.sgd, learningRate: rate), epochs: 60)
                var run = K.train(spirals, "\(activation.kind.rawValue), SGD \(K.f(rate, 2))", settings)
                guard let trained = run.trained, let first = trained.network.layers[0] as? Dense else {
                    table.rows.append([activation.kind.rawValue, K.f(rate, 2), "diverged", "-", "-"])
                    continue
                }
                let train = trained.split.train
                let z = first.preActivations(trained.network.scaled(train.features, batchSize: train.count),
                                             batchSize: train.count)
                let never = (0..<64).filter { unit in (0..<train.count).allSatisfy { z[$0 * 64 + unit] <= 0 } }.count
                dead["\(activation.kind.rawValue) \(K.f(rate, 2))"] = never
                table.rows.append([activation.kind.rawValue, K.f(rate, 2), "\(never)",
                                   K.percent(trained.history.last!.trainMetric), run.testAccuracy])
                if rate == 4 { run.label = activation.kind.rawValue; curves.append(run) }
            }
        }
        result.tables.append(("spirals, one hidden layer of 64, plain SGD, 60 epochs:", table))
        result.figures.append(("loss", Figure(
            title: "Spirals at learning rate 4: training loss per epoch",
            charts: [K.curves(curves, title: "training loss", yLabel: "loss", value: { $0.trainLoss })],
            columns: 1, panelWidth: 560, panelHeight: 320)))
        for rate in ["0.05", "1.50", "4.00"] {
            let counts = ["relu", "leaky_relu", "elu"].map { name in dead["\(name) \(rate)"].map { "\($0)" } ?? "diverged" }
            result.findings.append("At learning rate \(rate), units never positive on any training row: ReLU \(counts[0]), "
                                   + "Leaky ReLU \(counts[1]), ELU \(counts[2]) (of 64).")
        }
        do {
            result.findings.append("A ReLU unit that is never positive gets no gradient and stays that way; Leaky ReLU "
                                   + "and ELU pass a gradient below zero (α and α·eᶻ), so a unit of theirs that is never positive "
                                   + "still learns; only ReLU's is dead for good.")
        }
        return result
    }
}
