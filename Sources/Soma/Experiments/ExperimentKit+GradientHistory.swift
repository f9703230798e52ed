extension ExperimentKit {
    /// Trains the network ``initialNetwork(_:settings:)`` builds with plain SGD
    /// (the settings' learning rate and batch size, shuffled by `SplitMix64(seed)`)
    /// and measures ``weightGradientNorms(_:data:task:)`` on the training split
    /// before the first epoch and after each one: `norms[epoch][layer]`.
    static func gradientNormHistory(_ dataset: Dataset, settings: TrainingSettings, epochs: Int) -> [[Double]] {
        var (network, split, task) = initialNetwork(dataset, settings: settings)
        let train = split.train
        let targets = task.encode(train.targets)
        let (width, outputs) = (train.featureCount, task.outputs)
        var generator = SplitMix64(seed: settings.seed)
        let optimizer = SGD(learningRate: settings.optimizer.learningRate)
        var state = OptimizerState<SGD>()
        var order = Array(0..<train.count)
        var norms = [weightGradientNorms(network, data: train, task: task)]
        for _ in 0..<epochs {
            generator.shuffle(&order)
            for start in stride(from: 0, to: order.count, by: settings.batchSize) {
                let rows = order[start..<min(start + settings.batchSize, order.count)]
                var inputs: [Float] = [], batchTargets: [Float] = []
                for row in rows {
                    inputs += train.features[row * width ..< (row + 1) * width]
                    batchTargets += targets[row * outputs ..< (row + 1) * outputs]
                }
                network.trainStep(inputs: inputs, targets: batchTargets, batchSize: rows.count, loss: task.loss,
                                  optimizer: optimizer, state: &state)
            }
            norms.append(weightGradientNorms(network, data: train, task: task))
        }
        return norms
    }
}
