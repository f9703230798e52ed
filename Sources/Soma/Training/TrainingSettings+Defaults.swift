extension TrainingSettings {
    /// Settings that train a good model for each built-in data set without any flags.
    /// (Measured on the committed models: iris ≥ 95%, digits ≥ 96%, moons ≥ 95% test accuracy.)
    public static func defaults(for dataset: BuiltinDataset?) -> TrainingSettings {
        var settings = TrainingSettings()
        switch dataset {
        case .and, .or, .nand, .xor:
            // Four rows: train on all of them, no split, no early stopping.
            settings.hidden = [4]
            settings.hiddenActivations = [.tanh]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.05)
            settings.epochs = 500
            settings.batchSize = 4
            settings.validationFraction = 0
            settings.testFraction = 0
            settings.patience = nil
            settings.standardize = false
        case .moons, .circles:
            settings.hidden = [16, 16]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.01)
            settings.epochs = 200
            settings.patience = 30
        case .spirals:
            settings.hidden = [64, 64]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.01)
            settings.epochs = 400
            settings.patience = 50
        case .iris:
            settings.hidden = [16]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.01)
            settings.epochs = 300
            settings.batchSize = 16
            settings.patience = 30
        case .digits:
            settings.hidden = [32]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.001)
            settings.epochs = 100
            settings.patience = 10
        case .diabetes:
            // Regression on 442 rows: a small network, targets standardised (the default).
            settings.hidden = [16]
            settings.optimizer = OptimizerSettings(.adam, learningRate: 0.01)
            settings.epochs = 300
            settings.patience = 30
        case nil:
            break
        }
        return settings
    }
}
