extension ExperimentKit {
    /// The four rows of a truth table, row-major.
    static let truthInputs: [Float] = [0, 0, 0, 1, 1, 0, 1, 1]

    /// What full-batch SGD did to a network on the truth table.
    struct FullBatchRun {
        var network: Network
        /// Loss before each epoch's update, then after the last.
        var losses: [Float]
        /// Rows classified right after each epoch (at the start too).
        var correct: [Int]
        /// Entries of the first gradient that are not exactly zero, and all entries.
        var nonzeroGradients: Int
        var gradientEntries: Int
        var largestGradient: Float
    }

    /// Rows of `targets` the network's outputs classify right (output > 0.5 means 1).
    static func correctRows(_ network: Network, targets: [Float]) -> Int {
        let outputs = network.predict(batch: truthInputs, batchSize: 4)
        return zip(outputs, targets).filter { (predictedClass([$0]) == 1) == ($1 == 1) }.count
    }

    /// Full-batch SGD on the truth table for `epochs` epochs.
    static func fullBatch(_ start: Network, targets: [Float], loss: Loss, learningRate: Float, epochs: Int) -> FullBatchRun {
        var network = start
        var copy = start
        let first = copy.lossAndGradients(inputs: truthInputs, targets: targets, batchSize: 4, loss: loss).gradients
        let entries = first.flatMap { $0.flatMap { $0 } }
        var run = FullBatchRun(network: start, losses: [], correct: [correctRows(start, targets: targets)],
                               nonzeroGradients: entries.filter { $0 != 0 }.count, gradientEntries: entries.count,
                               largestGradient: entries.map(abs).max() ?? 0)
        let optimizer = SGD(learningRate: learningRate)
        var state = OptimizerState<SGD>()
        for _ in 0..<epochs {
            run.losses.append(network.trainStep(inputs: truthInputs, targets: targets, batchSize: 4, loss: loss,
                                                optimizer: optimizer, state: &state))
            run.correct.append(correctRows(network, targets: targets))
        }
        run.losses.append(network.loss(inputs: truthInputs, targets: targets, batchSize: 4, loss: loss))
        run.network = network
        return run
    }

    /// True when two networks hold the same bits in every parameter.
    static func sameParameters(_ a: Network, _ b: Network) -> Bool {
        zip(a.layers, b.layers).allSatisfy { x, y in
            zip(x.parameters, y.parameters).allSatisfy { p, q in zip(p, q).allSatisfy { $0.bitPattern == $1.bitPattern } }
        }
    }

    /// A dense network on two inputs, Xavier-uniform weights from `SplitMix64(seed)`.
    static func denseNetwork(_ widths: [Int], activation: ActivationSpec, output: ActivationSpec, seed: UInt64) -> Network {
        var generator = SplitMix64(seed: seed)
        var layers: [any Layer] = []
        var inputs = 2
        for (k, width) in widths.enumerated() {
            layers.append(Dense(inputSize: inputs, outputSize: width, activation: k == widths.count - 1 ? output : activation,
                                initializer: .xavierUniform, using: &generator))
            inputs = width
        }
        return Network(layers: layers)
    }

    /// Every `stride`-th point of a per-epoch series (and the last), for compact figures.
    static func thinned(_ values: [Float], stride step: Int) -> [(x: Double, y: Double)] {
        var points = Swift.stride(from: 0, to: values.count, by: step).map { (Double($0), Double(values[$0])) }
        if (values.count - 1) % step != 0 { points.append((Double(values.count - 1), Double(values[values.count - 1]))) }
        return points
    }
}
