extension Experiment {
    /// The problems of experiments 3 and 5: moons (16 wide) and spirals (32 wide).
    static let gridProblems: [(data: BuiltinDataset, width: Int)] = [(.moons, 16), (.spirals, 32)]

    static func gridSettings(width: Int, activation: ActivationSpec) -> TrainingSettings {
        var s = ExperimentKit.settings(hidden: [width, width], activation: activation,
                                       optimizer: OptimizerSettings(.adam, learningRate: 0.01), epochs: 150)
        s.patience = 20
        s.validationFraction = 0.15
        return s
    }

    static func activationGridResult() -> ExperimentResult {
        typealias K = ExperimentKit
        let hidden: [ActivationSpec] = [.sigmoid, .tanh, .relu, .leakyReLU(), .elu(), .swish()]
        var result = ExperimentResult(experiment: .activationGrid)
        var table = ExperimentTable(header: ["data", "hidden", "output", "test accuracy", "best epoch", "epochs run"])
        var outcomes: [String: [(name: String, accuracy: Float, bestEpoch: Int)]] = [:]
        var boundaries: [Chart] = []
        for (data, width) in gridProblems {
            let dataset = K.load(data)
            for activation in hidden {
                for (output, loss) in [("softmax + cross-entropy", Loss.categoricalCrossEntropy), ("sigmoid + MSE", .mse)] {
                    var settings = gridSettings(width: width, activation: activation)
                    settings.loss = loss
                    let run = K.train(dataset, "\(data.rawValue)-\(activation.kind.rawValue)", settings)
                    table.rows.append([data.rawValue, activation.kind.rawValue, output, run.testAccuracy,
                                       run.trained.map { "\($0.bestEpoch)" } ?? "-",
                                       run.trained.map { "\($0.history.count)" } ?? "-"])
                    guard let trained = run.trained, let accuracy = trained.testMetric else { continue }
                    let name = "\(activation.kind.rawValue) hidden, \(output) output"
                    outcomes[data.rawValue, default: []].append((name, accuracy, trained.bestEpoch))
                    if data == .spirals && loss == .categoricalCrossEntropy && [.sigmoid, .relu].contains(activation.kind),
                       let plot = try? BoundaryPlot(model: trained.modelFile, data: dataset) {
                        var small = plot
                        small.resolution = 80
                        if let chart = try? small.chart(title: "spirals, \(activation.kind.rawValue) hidden: "
                                                        + "\(K.percent(accuracy)) test") {
                            boundaries.append(chart)
                        }
                    }
                }
            }
        }
        result.tables.append(("Test accuracy of the kept weights (lowest validation loss):", table))
        result.figures.append(("spirals", Figure(title: "Spirals: sigmoid against ReLU hidden layers", charts: boundaries,
                                                 columns: 2, panelWidth: 420, panelHeight: 400,
                                                 note: "Regions: Swift reference forward pass; dots: all 600 rows, true class.")))
        for (data, _) in gridProblems {
            guard let runs = outcomes[data.rawValue], !runs.isEmpty else { continue }
            let top = runs.map(\.accuracy).max()!, low = runs.min { $0.accuracy < $1.accuracy }!
            let fast = runs.min { $0.bestEpoch < $1.bestEpoch }!, slow = runs.max { $0.bestEpoch < $1.bestEpoch }!
            result.findings.append("On \(data.rawValue), \(runs.filter { $0.accuracy == top }.count) of \(runs.count) pairs "
                                   + "reach the top test accuracy, \(K.percent(top)); the lowest is \(low.name) "
                                   + "(\(K.percent(low.accuracy))). Fastest to its lowest validation loss: \(fast.name) "
                                   + "(epoch \(fast.bestEpoch)); slowest: \(slow.name) (epoch \(slow.bestEpoch)).")
        }
        result.findings.append("Epochs: the \"best epoch\" column is where the validation loss was lowest; early "
                               + "stopping ends a run 20 epochs later, so it measures how fast each pair converges.")
        return result
    }
}
