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
            settings.recordGradientNorms = true
            let start = K.initialNetwork(moons, settings: settings)
            norms.append(K.weightGradientNorms(start.network, data: start.split.train, task: start.task))
            let run = K.train(moons, label, settings)
            runs.append(run)
            // Per-layer norms over training, as the trainer recorded them after every epoch
            // (`--record-gradient-norms`); epoch 0 is the network before training.
            let history = [norms[norms.count - 1]] + (run.trained?.history ?? []).map { record in
                record.weightGradientNorms.sorted { $0.key < $1.key }.map { Double($0.value) }
            }
            firstLayer.append((history.map { $0[0] }.min()!, history.map { $0[0] }.max()!))
            var chart = Chart(title: label, xLabel: "epoch (0 = before training)", yLabel: "‖∂L/∂W‖ (log scale)")
            chart.logScaleY = true
            for (k, layer) in [0, 2, 4, 6, 8, 10].enumerated() {
                chart.lines.append(Chart.Line(layer == 10 ? "output layer" : "layer \(layer + 1)",
                                              history.enumerated().map { (Double($0), $1[layer]) },
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
                          yLabel: "‖∂L/∂W‖ (log scale)")
        chart.logScaleY = true
        chart.legendAtBottom = true  // bottom right is clear: both curves end high there
        for (k, layerNorms) in norms.enumerated() {
            chart.lines.append(Chart.Line(configurations[k].0, layerNorms.enumerated().map { (Double($0 + 1), $1) },
                                          color: Figure.palette[k]))
        }
        result.figures.append(("norms", Figure(title: "Vanishing gradients: ten hidden layers", charts: [chart],
                                               columns: 1, panelWidth: 560, panelHeight: 320)))
        // One y axis for both panels, so the two networks compare at a glance.
        let shared = Chart.fittedDecades(overTraining.flatMap { $0.lines.flatMap { $0.points.map(\.y) } }.filter { $0 > 0 })
        for k in overTraining.indices { overTraining[k].yRange = shared }
        result.figures.append(("training", Figure(title: "Per-layer gradient norms over 100 epochs of SGD 0.05",
                                                  charts: overTraining, columns: 2, panelWidth: 420, panelHeight: 320,
                                                  note: "Recorded by the trainer on the whole training split after every epoch.")))
        let ratio = { (n: [Double]) in n[0] / n[n.count - 1] }
        result.findings.append("Before training, the first layer's weight gradient is \(String(format: "%.1e", ratio(norms[0]))) "
                               + "times the output layer's with sigmoid + Xavier, and \(K.f(ratio(norms[1]), 3)) times "
                               + "with ReLU + He: sigmoid's derivative is at most 0.25, so each layer shrinks the gradient.")
        result.findings.append("Over 100 epochs of SGD, layer 1's weight-gradient norm stays between "
                               + zip(configurations, firstLayer).map { c, r in
                                   "\(String(format: "%.1e", r.min)) and \(String(format: "%.1e", r.max)) with \(c.0)"
                               }.joined(separator: ", and between ") + ".")
        result.findings.append("After 100 epochs of SGD: \(runs.map { "\($0.label) reaches \($0.testAccuracy) test accuracy" }.joined(separator: ", ")).")
        return result
    }
}
