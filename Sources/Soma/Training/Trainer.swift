import Foundation

/// Trains multilayer perceptrons on a ``Dataset``: seeded split, standardisation
/// fitted on the training rows, shuffled mini-batches, per-epoch measures on the
/// training and validation splits, early stopping that keeps the best weights.
///
/// Randomness: the split draws from `SplitMix64(seed)`; the initial weights and
/// then each epoch's shuffle draw, in that order, from a second generator,
/// `SplitMix64(seed ^ 0x9E3779B97F4A7C15)`. Same data and settings, same bits.
public enum Trainer {
    /// Trains on `dataset`; `progress` is called after every epoch.
    public static func train(_ dataset: Dataset, settings: TrainingSettings, name: String,
                             progress: ((EpochRecord) -> Void)? = nil) throws(TrainingError) -> TrainingResult {
        try settings.validate()
        let task = try TrainingTask(targets: dataset.targets, settings: settings)
        let split = DataSplit(dataset, validationFraction: settings.validationFraction,
                              testFraction: settings.testFraction, seed: settings.seed)
        guard split.train.count > 0 else { throw TrainingError("no rows left for training") }
        for (part, fraction, count) in [("validation", settings.validationFraction, split.validation.count),
                                        ("test", settings.testFraction, split.test.count)] where fraction > 0 && count == 0 {
            throw TrainingError("a \(part) fraction of \(fraction) of \(dataset.count) rows leaves no \(part) rows: "
                                + "give more rows, a larger fraction, or a \(part) fraction of 0")
        }
        let scaling = settings.standardize ? InputScaling(fitting: split.train) : nil
        // Regression targets are standardised too (a loss on values near 1e5 barely moves);
        // the model file's output_scaling brings outputs back to the data's units.
        let targetScaling = settings.standardizeTargets && !task.isClassification
            ? InputScaling(fittingTargetsOf: split.train) : nil
        func prepared(_ part: Dataset) -> Dataset {
            let inputs = scaling?.apply(to: part) ?? part
            return targetScaling?.applyToTargets(inputs) ?? inputs
        }
        let scaled = (train: prepared(split.train), validation: prepared(split.validation), test: prepared(split.test))
        let measures = Measures(task: task, settings: settings, outputScaling: targetScaling?.outputScaling)

        var generator = SplitMix64(seed: settings.seed ^ 0x9E37_79B9_7F4A_7C15)
        var network = buildNetwork(inputs: dataset.featureCount, task: task, settings: settings, using: &generator)
        // The settings' optimizer is opened from `any Optimizer` into the generic loop.
        let run = try runEpochs(&network, data: scaled, raw: split, measures: measures, settings: settings,
                                generator: &generator, optimizer: settings.optimizer.makeOptimizer(),
                                progress: progress)

        var best = run.best
        var test: (loss: Float, metric: Float)?
        if scaled.test.count > 0 { test = measures.measure(best, on: scaled.test, raw: split.test) }
        best.inputScaling = scaling
        let record = trainingRecord(dataset: dataset, split: split, task: task, settings: settings,
                                    history: run.history, bestEpoch: run.bestEpoch,
                                    stoppedEarly: run.stoppedEarly, test: test)
        // Self-test vectors: the first few held-out rows (training rows if none), raw.
        let checkRows = split.test.count > 0 ? split.test : split.train
        var exported = best.modelFile(name: name, training: record.json, labels: task.classNames,
                                      task: task.isClassification ? "classification" : "regression")
        exported.outputScaling = targetScaling?.outputScaling
        exported.featureNames = dataset.featureNames
        exported.labelColumn = dataset.labelName
        let model = exported.selfTested((0..<min(4, checkRows.count)).map { Array(checkRows.row($0)) })
        return TrainingResult(network: best, modelFile: model, history: run.history, bestEpoch: run.bestEpoch,
                              stoppedEarly: run.stoppedEarly, split: split, task: task,
                              testLoss: test?.loss, testMetric: test?.metric)
    }

    /// Dense layers (with batch norm after each hidden one when asked) or maxout
    /// layers, then the output layer.
    static func buildNetwork(inputs: Int, task: TrainingTask, settings: TrainingSettings,
                             using generator: inout SplitMix64) -> Network {
        var layers: [any Layer] = []
        var width = inputs
        for (index, size) in settings.hidden.enumerated() {
            let activation = sized(settings.hiddenActivation(index), size)
            let initializer = settings.initializer ?? .default(for: activation.kind)
            if let pieces = settings.maxoutPieces {
                layers.append(Maxout(inputSize: width, outputSize: size, pieces: pieces, activation: activation,
                                     initializer: settings.initializer, using: &generator))
            } else if settings.batchNorm {
                layers.append(Dense(inputSize: width, outputSize: size, activation: .identity,
                                    initializer: initializer, using: &generator))
                layers.append(BatchNorm(size: size, activation: activation))
            } else {
                layers.append(Dense(inputSize: width, outputSize: size, activation: activation,
                                    initializer: initializer, using: &generator))
            }
            width = size
        }
        layers.append(Dense(inputSize: width, outputSize: task.outputs, activation: task.outputActivation,
                            initializer: settings.initializer ?? .default(for: task.outputActivation.kind),
                            using: &generator))
        return Network(layers: layers)
    }

    /// PReLU carries one α per unit: give it the layer's width (starting at 0.25).
    private static func sized(_ activation: ActivationSpec, _ width: Int) -> ActivationSpec {
        guard activation.kind == .prelu, activation.alphas?.count != width else { return activation }
        return .prelu(alphas: Array(repeating: activation.alphas?.first ?? 0.25, count: width))
    }

    private struct Run {
        var best: Network
        var history: [EpochRecord]
        var bestEpoch: Int
        var stoppedEarly: Bool
    }

    private static func runEpochs<O: Optimizer>(_ network: inout Network,
                                                data: (train: Dataset, validation: Dataset, test: Dataset),
                                                raw: DataSplit, measures: Measures, settings: TrainingSettings,
                                                generator: inout SplitMix64, optimizer: O,
                                                progress: ((EpochRecord) -> Void)?) throws(TrainingError) -> Run {
        let task = measures.task
        let train = data.train
        let targets = task.encode(train.targets)
        let (width, outputs) = (train.featureCount, task.outputs)
        var state = OptimizerState<O>()
        var order = Array(0..<train.count)
        var batchInputs: [Float] = []
        var batchTargets: [Float] = []
        var run = Run(best: network, history: [], bestEpoch: 0, stoppedEarly: false)
        var bestLoss = Float.infinity
        var sinceBest = 0
        for epoch in 1...settings.epochs {
            let started = DispatchTime.now().uptimeNanoseconds
            generator.shuffle(&order)
            var lossSum: Double = 0
            for start in stride(from: 0, to: order.count, by: settings.batchSize) {
                let rows = order[start..<min(start + settings.batchSize, order.count)]
                batchInputs.removeAll(keepingCapacity: true)
                batchTargets.removeAll(keepingCapacity: true)
                for row in rows {
                    batchInputs.append(contentsOf: train.features[row * width ..< (row + 1) * width])
                    batchTargets.append(contentsOf: targets[row * outputs ..< (row + 1) * outputs])
                }
                let loss = network.trainStep(inputs: batchInputs, targets: batchTargets, batchSize: rows.count,
                                             loss: task.loss, optimizer: optimizer, state: &state,
                                             huberDelta: settings.huberDelta)
                lossSum += Double(loss) * Double(rows.count)
            }
            let trainLoss = Float(lossSum / Double(order.count))
            guard trainLoss.isFinite else {
                throw TrainingError("epoch \(epoch): the training loss is not finite (diverged); lower the learning rate")
            }
            let trainMetric = measures.measure(network, on: train, raw: raw.train).metric
            var record = EpochRecord(epoch: epoch, trainLoss: trainLoss, trainMetric: trainMetric,
                                     validationLoss: nil, validationMetric: nil, seconds: 0)
            if settings.recordGradientNorms {
                let norms = network.weightGradientNorms(inputs: train.features, targets: targets,
                                                        batchSize: train.count, loss: task.loss,
                                                        huberDelta: settings.huberDelta).mapValues { Float($0) }
                // A model file cannot hold an infinite number: say where it happened instead.
                if let (layer, _) = norms.sorted(by: { $0.key < $1.key }).first(where: { !$0.value.isFinite }) {
                    throw TrainingError("epoch \(epoch): the gradient norm of layers[\(layer)] is not finite "
                                        + "(diverged); lower the learning rate")
                }
                record.weightGradientNorms = norms
            }
            let monitored: Float
            if data.validation.count > 0 {
                let validation = measures.measure(network, on: data.validation, raw: raw.validation)
                record.validationLoss = validation.loss
                record.validationMetric = validation.metric
                monitored = validation.loss
            } else {
                monitored = trainLoss
            }
            record.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            run.history.append(record)
            if monitored < bestLoss || data.validation.count == 0 {
                bestLoss = monitored
                sinceBest = 0
                run.best = network
                run.bestEpoch = epoch
            } else {
                sinceBest += 1
            }
            progress?(record)
            if let patience = settings.patience, data.validation.count > 0, sinceBest >= patience {
                run.stoppedEarly = epoch < settings.epochs
                break
            }
        }
        return run
    }

    /// How a network is scored on a part of the data, in inference mode: the loss
    /// on the prepared (standardised) rows, the metric in the data's own units.
    struct Measures {
        let task: TrainingTask
        let settings: TrainingSettings
        /// Set when regression targets were standardised: undoes it for the metric.
        let outputScaling: OutputScaling?

        /// Loss on `data` (prepared as trained) and metric against `raw`, the same rows unscaled.
        func measure(_ network: Network, on data: Dataset, raw: Dataset) -> (loss: Float, metric: Float) {
            let predictions = network.predict(batch: data.features, batchSize: data.count)
            let loss = task.loss.value(predictions: predictions, targets: task.encode(data.targets),
                                       width: task.outputs, huberDelta: settings.huberDelta)
            guard let outputScaling else { return (loss, task.metric(predictions: predictions, targets: data.targets)) }
            return (loss, task.metric(predictions: outputScaling.apply(batch: predictions), targets: raw.targets))
        }
    }

    private static func trainingRecord(dataset: Dataset, split: DataSplit, task: TrainingTask,
                                       settings: TrainingSettings, history: [EpochRecord], bestEpoch: Int,
                                       stoppedEarly: Bool, test: (loss: Float, metric: Float)?) -> TrainingRecord {
        let best = history[bestEpoch - 1]
        return TrainingRecord(
            dataset: dataset.name,
            rows: .init(train: split.train.count, validation: split.validation.count, test: split.test.count),
            split: .init(validationFraction: settings.validationFraction, testFraction: settings.testFraction,
                         stratified: task.isClassification),
            seed: settings.seed, hidden: settings.hidden,
            hiddenActivations: settings.hidden.indices.map { index in
                let name = settings.hiddenActivation(index).kind.rawValue
                return settings.maxoutPieces.map { "maxout(\($0))" + (name == "identity" ? "" : "+" + name) } ?? name
            },
            outputActivation: task.outputActivation.kind.rawValue, loss: task.loss.rawValue,
            optimizer: settings.optimizer.metadata,
            initializer: settings.initializer?.name ?? "default (he_uniform for the relu family, else xavier_uniform)",
            batchNorm: settings.batchNorm, standardize: settings.standardize,
            standardizeTargets: settings.standardizeTargets && !task.isClassification, batchSize: settings.batchSize,
            maxEpochs: settings.epochs, patience: settings.patience, epochs: history.count, bestEpoch: bestEpoch,
            stoppedEarly: stoppedEarly, metricName: task.metricName,
            huberDelta: task.loss == .huber ? settings.huberDelta : nil,
            train: .init(loss: best.trainLoss, metric: best.trainMetric),
            validation: best.validationLoss.flatMap { loss in
                best.validationMetric.map { .init(loss: loss, metric: $0) }
            },
            test: test.map { .init(loss: $0.loss, metric: $0.metric) },
            history: history)
    }
}
