import Foundation

/// What the experiments share: a built-in problem split and standardised as the
/// trainer does it, training runs compared side by side, gradient norms, and
/// number formatting with fixed digits (so the document is the same bytes).
enum ExperimentKit {
    /// Formats with `digits` decimals.
    static func f(_ value: Double, _ digits: Int = 3) -> String { SVGDocument.number(value, decimals: digits) }
    static func f(_ value: Float, _ digits: Int = 3) -> String { f(Double(value), digits) }
    static func percent(_ value: Float) -> String { f(Double(value) * 100, 1) + "%" }

    /// The norm of the loss gradient with respect to each dense layer's weights,
    /// over all rows of `data` (raw: the network applies its own scaling), layer order
    /// (``Network/weightGradientNorms(inputs:targets:batchSize:loss:huberDelta:)``).
    static func weightGradientNorms(_ network: Network, data: Dataset, task: TrainingTask) -> [Double] {
        network.weightGradientNorms(inputs: data.features, targets: task.encode(data.targets), batchSize: data.count,
                                    loss: task.loss).sorted { $0.key < $1.key }.map(\.value)
    }

    /// The network training would start from (same generator draws as ``Trainer``), with
    /// the training split's standardisation, and the split and task.
    static func initialNetwork(_ dataset: Dataset, settings: TrainingSettings)
        -> (network: Network, split: DataSplit, task: TrainingTask) {
        let task = try! TrainingTask(targets: dataset.targets, settings: settings)
        let split = DataSplit(dataset, validationFraction: settings.validationFraction,
                              testFraction: settings.testFraction, seed: settings.seed)
        var generator = SplitMix64(seed: settings.seed ^ 0x9E37_79B9_7F4A_7C15)
        var network = Trainer.buildNetwork(inputs: dataset.featureCount, task: task, settings: settings,
                                           using: &generator)
        if settings.standardize {
            network.inputScaling = InputScaling(fitting: split.train)
        }
        return (network, split, task)
    }

    /// One labelled training run, or the reason it stopped (divergence).
    struct Run {
        var label: String
        var settings: TrainingSettings
        var result: Result<TrainingResult, TrainingError>

        var trained: TrainingResult? { try? result.get() }
        var testAccuracy: String { trained?.testMetric.map(percent) ?? "diverged" }
        var finalTrainLoss: String { trained.map { f($0.history.last!.trainLoss, 4) } ?? "diverged" }
        /// The first epoch whose training accuracy reached `level`, or "never".
        func epochReaching(_ level: Float) -> String {
            guard let trained else { return "diverged" }
            return trained.history.first { $0.trainMetric >= level }.map { "\($0.epoch)" } ?? "never"
        }
    }

    static func train(_ dataset: Dataset, _ label: String, _ settings: TrainingSettings) -> Run {
        do {
            return Run(label: label, settings: settings, result: .success(try Trainer.train(dataset, settings: settings,
                                                                                           name: label)))
        } catch {
            return Run(label: label, settings: settings, result: .failure(error))
        }
    }

    /// A built-in data set (seed 1).
    static func load(_ dataset: BuiltinDataset) -> Dataset { try! dataset.load(seed: 1) }

    /// Settings for a small fixed-length run: `epochs` epochs, no early stopping and no
    /// validation split (so the weights measured are the last epoch's), 15% held out for the test, seed 1.
    static func settings(hidden: [Int], activation: ActivationSpec, optimizer: OptimizerSettings,
                         epochs: Int) -> TrainingSettings {
        var s = TrainingSettings()
        s.hidden = hidden
        s.hiddenActivations = [activation]
        s.optimizer = optimizer
        s.epochs = epochs
        s.patience = nil
        s.validationFraction = 0
        s.seed = 1
        return s
    }

    /// A chart of one history column per run, against the epoch.
    static func curves(_ runs: [Run], title: String, yLabel: String, value: (EpochRecord) -> Float) -> Chart {
        var chart = Chart(title: title, xLabel: "epoch", yLabel: yLabel)
        chart.legendAtBottom = yLabel == "accuracy"
        for (k, run) in runs.enumerated() {
            guard let trained = run.trained else { continue }
            chart.lines.append(Chart.Line(run.label, trained.history.map { (Double($0.epoch), Double(value($0))) },
                                          color: Figure.palette[k % Figure.palette.count]))
        }
        return chart
    }
}
