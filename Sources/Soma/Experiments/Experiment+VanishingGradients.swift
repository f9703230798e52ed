import Foundation

extension Experiment {
    static func vanishingGradientsResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .vanishingGradients)
        let moons = K.load(.moons)
        let configurations: [(String, ActivationSpec, Initializer)] = [("sigmoid + Xavier", .sigmoid, .xavierUniform),
                                                                       ("ReLU + He", .relu, .heUniform)]
        var norms: [[Double]] = []
        var runs: [ExperimentKit.Run] = []
        var overTraining: [Chart] = []
        var firstLayer: [(min: Double, max: Double)] = []
        for (label, activation, initializer) in configurations {
            var settings = K.settings(hidden: Array(repeating: 16, count: 10), activation: activation,
                                      optimizer: OptimizerSettings(.sgd, learningRate: 0.05), epochs: 100)
            settings.initializer = initializer
            let start = K.initialNetwork(moons, settings: settings)
            norms.append(K.weightGradientNorms(start.network, data: start.split.train, task: start.task))
            runs.append(K.train(moons, label, settings))
            // Per-layer norms over training, from a plain SGD loop that measures after every epoch.
            let history = K.gradientNormHistory(moons, settings: settings, epochs: 30)
            firstLayer.append((history.map { $0[0] }.min()!, history.map { $0[0] }.max()!))
            var chart = Chart(title: label, xLabel: "epoch (0 = before training)", yLabel: "log₁₀ ‖∂L/∂W‖")
            for (k, layer) in [0, 2, 4, 6, 8, 10].enumerated() {
                chart.lines.append(Chart.Line(layer == 10 ? "output layer" : "layer \(layer + 1)",
                                              history.enumerated().map { (Double($0), log10(max($1[layer], 1e-30))) },
                                              color: Figure.palette[k]))
            }
            overTraining.append(chart)
        }
        var table = ExperimentTable(header: ["layer"] + configurations.map { "‖∂L/∂W‖, \($0.0)" })
        for layer in norms[0].indices {
            table.rows.append(["\(layer + 1)\(layer == norms[0].count - 1 ? " (output)" : "")"]
                              + norms.map { String(format: "%.2e", $0[layer]) })
        }
        result.tables.append(("Weight-gradient norm per layer before training (layer 1 is next to the input):", table))
        let accuracy = ExperimentTable(header: ["network", "training loss after 100 epochs", "test accuracy"],
                                       rows: runs.map { [$0.label, $0.finalTrainLoss, $0.testAccuracy] })
        result.tables.append(("Trained with SGD 0.05 for 100 epochs:", accuracy))
        var chart = Chart(title: "gradient reaching each layer", xLabel: "layer (1 = input side)",
                          yLabel: "log₁₀ ‖∂L/∂W‖")
        for (k, layerNorms) in norms.enumerated() {
            chart.lines.append(Chart.Line(configurations[k].0,
                                          layerNorms.enumerated().map { (Double($0 + 1), log10(max($1, 1e-30))) },
                                          color: Figure.palette[k]))
        }
        result.figures.append(("norms", Figure(title: "Vanishing gradients: ten hidden layers", charts: [chart],
                                               columns: 1, panelWidth: 560, panelHeight: 320)))
        let shared = overTraining.flatMap { $0.lines.flatMap { $0.points.map(\.y) } }
        for k in overTraining.indices { overTraining[k].yRange = (shared.min()! - 0.3)...(shared.max()! + 0.3) }
        result.figures.append(("training", Figure(title: "Per-layer gradient norms over 30 epochs of SGD 0.05",
                                                  charts: overTraining, columns: 2, panelWidth: 420, panelHeight: 320,
                                                  note: "Measured on the whole training split after every epoch.")))
        let ratio = { (n: [Double]) in n[0] / n[n.count - 1] }
        result.findings.append("Before training, the first layer's weight gradient is \(String(format: "%.1e", ratio(norms[0]))) "
                               + "times the output layer's with sigmoid + Xavier, and \(K.f(ratio(norms[1]), 3)) times "
                               + "with ReLU + He: sigmoid's derivative is at most 0.25, so each layer shrinks the gradient.")
        result.findings.append("Over 30 epochs of SGD, layer 1's weight-gradient norm stays between "
                               + zip(configurations, firstLayer).map { c, r in
                                   "\(String(format: "%.1e", r.min)) and \(String(format: "%.1e", r.max)) with \(c.0)"
                               }.joined(separator: ", and between ") + ".")
        result.findings.append("After 100 epochs of SGD: \(runs.map { "\($0.label) reaches \($0.testAccuracy) test accuracy" }.joined(separator: ", ")).")
        return result
    }
}
