extension Experiment {
    /// y = 2x + 1 plus noise in ±0.1 at 200 points of [-1, 1]; every tenth target raised by 15.
    static func lineWithOutliers() -> Dataset {
        var generator = SplitMix64(seed: 1)
        var xs: [Float] = [], ys: [Float] = []
        for k in 0..<200 {
            let x = Float.random(in: -1..<1, using: &generator)
            var y = 2 * x + 1 + Float.random(in: -0.1..<0.1, using: &generator)
            if k % 10 == 0 { y += 15 }
            xs.append(x)
            ys.append(y)
        }
        return Dataset(name: "line-with-outliers", featureNames: ["x"], features: xs, targets: .values(ys))
    }

    static func lossChoiceResult() -> ExperimentResult {
        typealias K = ExperimentKit
        var result = ExperimentResult(experiment: .lossChoice)

        // Classification: the same network and optimizer, three losses.
        let moons = K.load(.moons)
        let classification: [(String, Loss)] = [("categorical cross-entropy", .categoricalCrossEntropy),
                                                ("binary cross-entropy", .binaryCrossEntropy), ("MSE", .mse)]
        let runs = classification.map { label, loss in
            var s = K.settings(hidden: [16], activation: .relu, optimizer: OptimizerSettings(.sgd, learningRate: 0.02),
                               epochs: 150)
            s.loss = loss
            return K.train(moons, label, s)
        }
        var table = ExperimentTable(header: ["loss", "first epoch at 85% training accuracy", "at 90%",
                                             "test accuracy after 150 epochs"])
        for run in runs {
            table.rows.append([run.label, run.epochReaching(0.85), run.epochReaching(0.9), run.testAccuracy])
        }
        result.tables.append(("Classification (moons, SGD 0.02):", table))
        result.figures.append(("classification", Figure(
            title: "Moons: training accuracy per epoch by loss",
            charts: [K.curves(runs, title: "training accuracy", yLabel: "accuracy", value: { $0.trainMetric })],
            columns: 1, panelWidth: 560, panelHeight: 320)))

        // Regression with outliers: one linear unit, unscaled, so its weight is the slope.
        let line = lineWithOutliers()
        var regression = ExperimentTable(header: ["loss", "slope (true 2)", "intercept (true 1)",
                                                  "mean |error| on the clean line"])
        var fits: [(String, Float, Float)] = []
        for (label, loss) in [("MSE", Loss.mse), ("MAE", .mae), ("Huber (δ = 1)", .huber)] {
            var s = K.settings(hidden: [], activation: .identity, optimizer: OptimizerSettings(.adam, learningRate: 0.05),
                               epochs: 300)
            s.loss = loss
            s.standardize = false
            s.standardizeTargets = false  // the raw weight and bias are then the line itself
            s.validationFraction = 0
            s.testFraction = 0
            let run = K.train(line, label, s)
            guard let dense = run.trained?.network.layers[0] as? Dense else {
                regression.rows.append([label, "diverged", "-", "-"])
                continue
            }
            let (slope, intercept) = (dense.weights[0], dense.bias[0])
            var error: Double = 0
            for k in 0...100 {
                let x = Float(k - 50) / 50
                error += Double(abs(slope * x + intercept - (2 * x + 1)))
            }
            regression.rows.append([label, K.f(slope, 3), K.f(intercept, 3), K.f(error / 101, 3)])
            fits.append((label, slope, intercept))
        }
        result.tables.append(("Regression, 20 of 200 targets off by +15:", regression))

        // A sigmoid output asked for 2: it saturates at 1 and its gradient fades.
        var unit = Network(layers: [Dense(inputSize: 1, outputSize: 1, weights: [0.5], bias: [0], activation: .sigmoid)])
        var state = OptimizerState<SGD>()
        var lastLoss: Float = 0
        for _ in 0..<2000 {
            lastLoss = unit.trainStep(inputs: [1], targets: [2], batchSize: 1, loss: .mse,
                                      optimizer: SGD(learningRate: 1), state: &state)
        }
        let output = unit.predict([1])[0]
        var copy = unit
        let gradient = copy.lossAndGradients(inputs: [1], targets: [2], batchSize: 1, loss: .mse).gradients[0][0][0]
        let sigmoidTable = ExperimentTable(header: ["target", "output after 2000 steps", "MSE", "∂L/∂w"],
                                           rows: [["2", K.f(output, 4), K.f(lastLoss, 4), K.f(Double(gradient), 6)]])
        result.tables.append(("One sigmoid unit, input 1, target 2, SGD 1:", sigmoidTable))

        let reached = runs.compactMap { run in Int(run.epochReaching(0.9)).map { (run.label, $0) } }.sorted { $0.1 < $1.1 }
        if let first = reached.first {
            result.findings.append("On moons with SGD 0.02, \(first.0) reaches 90% training accuracy first (epoch "
                                   + "\(first.1)); " + (reached.count > 1 ? reached.dropFirst().map { "\($0.0) at epoch \($0.1)" }
                                       .joined(separator: ", ") : "no other loss does within 150 epochs")
                                   + (reached.count > 1 && reached.count < runs.count
                                       ? "; " + runs.filter { Int($0.epochReaching(0.9)) == nil }.map(\.label)
                                           .joined(separator: ", ") + " not within 150 epochs" : "") + ".")
        } else {
            result.findings.append("On moons with SGD 0.02 no loss reaches 90% training accuracy within 150 epochs.")
        }
        if let mse = fits.first(where: { $0.0 == "MSE" }) {
            let others = fits.filter { $0.0 != "MSE" }
                .map { "\($0.0) \(K.f($0.2, 2))" }.joined(separator: ", ")
            result.findings.append("With 10% outliers, MSE's intercept is \(K.f(mse.2, 2)) (true 1): the outliers "
                                   + "raise it by their mean, 15 × 20 / 200 = 1.5; \(others).")
        }
        result.findings.append("A sigmoid output asked for 2 ends at \(K.f(output, 4)): it cannot exceed 1, the loss "
                               + "stays near (2 − 1)² = 1 (\(K.f(lastLoss, 4))) and the gradient shrinks to "
                               + "\(K.f(Double(gradient), 6)) as the unit saturates.")
        return result
    }
}
