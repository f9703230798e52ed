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
        for (label, activation, initializer) in configurations {
            var settings = K.settings(hidden: Array(repeating: 16, count: 10), activation: activation,
                                      optimizer: OptimizerSettings(.sgd, learningRate: 0.05), epochs: 100)
            settings.initializer = initializer
            let start = K.initialNetwork(moons, settings: settings)
            norms.append(K.weightGradientNorms(start.network, data: start.split.train, task: start.task))
            runs.append(K.train(moons, label, settings))
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
        let ratio = { (n: [Double]) in n[0] / n[n.count - 1] }
        result.findings.append("Before training, the first layer's weight gradient is \(String(format: "%.1e", ratio(norms[0]))) "
                               + "times the output layer's with sigmoid + Xavier, and \(K.f(ratio(norms[1]), 3)) times "
                               + "with ReLU + He: sigmoid's derivative is at most 0.25, so each layer shrinks the gradient.")
        result.findings.append("After 100 epochs of SGD: \(runs.map { "\($0.label) reaches \($0.testAccuracy) test accuracy" }.joined(separator: ", ")).")
        return result
    }
}
