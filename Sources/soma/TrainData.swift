import ArgumentParser
import Foundation
import Soma
import SomaRuntime

extension Loss: ExpressibleByArgument {}
extension ActivationKind: ExpressibleByArgument {}
extension OptimizerSettings.Kind: ExpressibleByArgument {}
extension LabelKind: ExpressibleByArgument {}

/// Initializers by the names the command line and the metadata use.
enum InitializerName: String, ExpressibleByArgument, CaseIterable {
    case xavierUniform = "xavier_uniform", xavierNormal = "xavier_normal"
    case heUniform = "he_uniform", heNormal = "he_normal", zeros

    var initializer: Initializer {
        switch self {
        case .xavierUniform: return .xavierUniform
        case .xavierNormal: return .xavierNormal
        case .heUniform: return .heUniform
        case .heNormal: return .heNormal
        case .zeros: return .zeros
        }
    }
}

struct TrainData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Train a multilayer perceptron on a data set (the default: `soma train iris`).",
        discussion: """
            DATASET is a built-in name (\(BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", "))) \
            or a CSV file with a header row, numeric feature columns and a label column (--label). \
            Every built-in data set has defaults that train a good model with no flags; a flag \
            overrides one setting. The data is split (stratified for classes) into training, \
            validation and test rows from the seed; inputs are standardised with the training rows' \
            mean and std, which the model file stores so the C runtime applies them too. \
            Regression targets are standardised the same way by default (the loss is then in \
            standard deviations; mae is in the data's units) and the model undoes it \
            (output_scaling), so outputs come in the data's units. The model records its feature \
            columns, so evaluate and predict can match a CSV's columns by name. The per-epoch \
            history is written beside the model as CSV (with --record-gradient-norms, each layer's \
            weight-gradient norm per epoch too). Ctrl-C stops training and writes nothing.

            Defaults per data set (a CSV gets the last line):
            \(TrainingDefaultsTable.text)

            Examples:
              soma train iris --out iris.json
              soma train digits --hidden 64,32 --epochs 50 --out digits.json
              soma train moons --activation swish --batch-norm --out moons.json
              soma train moons --activation maxout --pieces 3 --out moons-maxout.json
              soma train diabetes --loss huber --out diabetes.json
              soma train prices.csv --label price --labels regression --out price.json
              soma train data xor --out xor-data.json    (the XOR truth table as data)
            """)

    @Argument(help: "A built-in data set or a CSV file.")
    var dataset: String

    @Option(help: "CSV: the label column (default: the last column).")
    var label: String?

    @Option(help: "CSV: how to read labels: auto (text or whole numbers are classes), classification, regression.")
    var labels: LabelKind = .auto

    @Option(help: "Hidden layer sizes, comma-separated (e.g. 32 or 64,32; 0 for none).")
    var hidden: HiddenSizes?

    @Option(help: "Hidden activation(s): one for all layers or one per layer, comma-separated. \(ActivationKind.allCases.map(\.rawValue).joined(separator: ", ")); or maxout alone: every hidden layer a maxout layer (each unit the larger of --pieces affine pieces).")
    var activation: ActivationList?

    @Option(parsing: .unconditional, help: "With --activation maxout: affine pieces per unit, at least 2 (default 2).")
    var pieces: Int?

    @Option(help: "The output layer's activation (default: what the loss expects).")
    var outputActivation: ActivationKind?

    @Option(parsing: .unconditional, help: "α of leaky_relu (default 0.01) and elu (default 1).")
    var alpha: Float?

    @Option(parsing: .unconditional, help: "β of swish (default 1).")
    var beta: Float?

    @Option(help: "Loss: \(Loss.allCases.map(\.rawValue).joined(separator: ", ")) (default from the labels).")
    var loss: Loss?

    @Option(parsing: .unconditional, help: "Huber's δ (in standard deviations when targets are standardised).")
    var huberDelta: Float?

    @Option(help: "Optimizer: \(OptimizerSettings.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var optimizer: OptimizerSettings.Kind?

    @Option(parsing: .unconditional, help: "Learning rate.")
    var learningRate: Float?

    @Option(parsing: .unconditional, help: "Momentum and Nesterov: the velocity's keep rate.")
    var momentum: Float?

    @Option(parsing: .unconditional, help: "RMSprop: the squared-gradient average's keep rate.")
    var rho: Float?

    @Option(parsing: .unconditional, help: "Adam: β1.")
    var beta1: Float?

    @Option(parsing: .unconditional, help: "Adam: β2.")
    var beta2: Float?

    @Option(parsing: .unconditional, help: "L2 weight decay.")
    var weightDecay: Float?

    @Option(name: .customLong("init"), help: "Initializer: \(InitializerName.allCases.map(\.rawValue).joined(separator: ", ")) (default: He for the ReLU family, Xavier otherwise).")
    var initializer: InitializerName?

    @Flag(help: "Batch normalisation after every hidden dense layer.")
    var batchNorm = false

    @Option(parsing: .unconditional, help: "Most epochs.")
    var epochs: Int?

    @Option(parsing: .unconditional, help: "Rows per mini-batch.")
    var batchSize: Int?

    @Option(parsing: .unconditional, help: "Seed of the split, the initial weights and the shuffling.")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "Fraction of rows for validation.")
    var validation: Double?

    @Option(parsing: .unconditional, help: "Fraction of rows for the final test.")
    var test: Double?

    @Option(parsing: .unconditional, help: "Early stopping: epochs without a lower validation loss before stopping (0: never).")
    var patience: Int?

    @Flag(help: "Do not standardise the inputs.")
    var noStandardize = false

    @Flag(help: "Regression: do not standardise the targets (outputs are then trained in the data's units directly).")
    var noStandardizeTargets = false

    @Option(help: "The model's name (default: the data set's).")
    var name: String?

    @Option(help: "Where to write the per-epoch history CSV (default: beside the model, NAME.history.csv).")
    var history: String?

    @Flag(help: """
        After every epoch, record each layer's weight-gradient norm: the L2 norm of the gradient of the \
        mean training loss (over the whole training split) with respect to layers[i]'s weights, biases \
        apart; one extra backward pass per epoch. Written as weight_grad_norm_layer<i> columns in the \
        history CSV and the model's training record; `soma plot gradients` draws them.
        """)
    var recordGradientNorms = false

    @Flag(help: "Write weights packed as base64 Float32 (smaller, faster to load) instead of readable arrays.")
    var packed = false

    @OptionGroup var output: OutputOptions

    /// Flags are checked here, before any data is read, so a mistake prints this command's usage.
    func validate() throws {
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, found \(epochs)") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1, found \(batchSize)") }
        if let patience, patience < 0 { throw ValidationError("--patience must be 0 (never stop early) or more, found \(patience)") }
        if let learningRate, !(learningRate > 0) || !learningRate.isFinite {
            throw ValidationError("--learning-rate must be a positive number, found \(learningRate)")
        }
        for (flag, value) in [("--validation", validation), ("--test", test)] {
            if let value, !(value >= 0 && value < 1) { throw ValidationError("\(flag) must be a fraction from 0 to below 1, found \(value)") }
        }
        if let pieces {
            if activation?.isMaxout != true { throw ValidationError("--pieces applies to --activation maxout only") }
            if pieces < 2 { throw ValidationError("--pieces must be at least 2, found \(pieces)") }
        }
        if activation?.isMaxout == true && batchNorm {
            throw ValidationError("--batch-norm does not combine with --activation maxout")
        }
        if dataset.isEmpty { throw ValidationError("give a built-in data set or a CSV file") }
        _ = try resolvedSettings(BuiltinDataset(rawValue: dataset))
    }

    func run() throws {
        let builtin = BuiltinDataset(rawValue: dataset)
        let settings = try resolvedSettings(builtin)
        let modelPath = output.out
        let historyPath = history ?? URL(fileURLWithPath: modelPath).deletingPathExtension().path + ".history.csv"
        try OutputPath(option: "--out", path: modelPath).check()
        try OutputPath(option: "--history", path: historyPath).check()
        let data = try DatasetSource.load(dataset, builtin: builtin, label: label, kind: labels, seed: settings.seed)
        try checkLimits(data, settings)
        let modelName = name ?? (builtin?.rawValue ?? URL(fileURLWithPath: dataset).deletingPathExtension().lastPathComponent)
        output.say("\(data.name): \(data.count) rows, \(data.featureCount) features, "
                   + (data.classNames.map { "\($0.count) classes" } ?? "regression (\(data.labelName ?? "target"))"))
        if let counts = DatasetReport.classCounts(data) { output.say(counts) }
        for warning in DatasetReport.warnings(data, isCSV: builtin == nil) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        let display = ProgressDisplay(total: settings.epochs, quiet: output.quiet, classification: data.classNames != nil)
        Interruption.install(writing: modelPath, afterProgressBar: display.isTerminal)
        let result = try Trainer.train(data, settings: settings, name: modelName, progress: display.show)
        display.finish()
        try at(modelPath) { try result.modelFile.write(to: URL(fileURLWithPath: modelPath), packed: packed) }
        do {
            try AtomicFile.write(Data(result.historyCSV.utf8), to: URL(fileURLWithPath: historyPath))
        } catch {
            throw CLIError("wrote \(modelPath), but not its history: --history \(historyPath): \(error)")
        }
        output.say(summary(result))
        output.say("wrote \(modelPath) and \(historyPath)")
    }

    /// Refuses, before training, a network the C runtime would not load.
    private func checkLimits(_ data: Dataset, _ settings: TrainingSettings) throws {
        let outputs = data.classNames.map { $0.count == 2 ? 1 : $0.count } ?? 1
        var widths: [(what: String, size: Int)] = [("the input (\(data.featureCount) features)", data.featureCount)]
        widths += settings.hidden.enumerated().map { ("--hidden: layer \($0.offset + 1)", $0.element) }
        // A maxout layer computes all its pieces before taking the maxima: they must fit the runtime's width.
        if let pieces = settings.maxoutPieces {
            widths += settings.hidden.enumerated().map {
                ("--hidden: layer \($0.offset + 1)'s \($0.element) × \(pieces) pieces", $0.element * pieces)
            }
        }
        widths.append(("the output layer", outputs))
        let layers = settings.hidden.count * (settings.batchNorm ? 2 : 1) + 1
        if let problem = RuntimeLimits.problem(widths: widths, layers: layers) {
            throw CLIError("\(problem); nothing was trained")
        }
    }

    /// The data set's defaults with every given flag applied.
    func resolvedSettings(_ builtin: BuiltinDataset?) throws -> TrainingSettings {
        var s = TrainingSettings.defaults(for: builtin)
        if let hidden { s.hidden = hidden.sizes }
        if let activation { s.hiddenActivations = activation.kinds.map(spec) }
        if activation?.isMaxout == true { s.maxoutPieces = pieces ?? Maxout.defaultPieces }
        if let outputActivation { s.outputActivation = spec(outputActivation) }
        if let loss { s.loss = loss }
        if let huberDelta { s.huberDelta = huberDelta }
        if let optimizer { s.optimizer = OptimizerSettings(optimizer, learningRate: learningRate) }
        if let learningRate { s.optimizer.learningRate = learningRate }
        if let momentum { s.optimizer.momentum = momentum }
        if let rho { s.optimizer.rho = rho }
        if let beta1 { s.optimizer.beta1 = beta1 }
        if let beta2 { s.optimizer.beta2 = beta2 }
        if let weightDecay { s.optimizer.weightDecay = weightDecay }
        if let initializer { s.initializer = initializer.initializer }
        if batchNorm { s.batchNorm = true }
        if let epochs { s.epochs = epochs }
        if let batchSize { s.batchSize = batchSize }
        if let seed { s.seed = seed }
        if let validation { s.validationFraction = validation }
        if let test { s.testFraction = test }
        if let patience { s.patience = patience == 0 ? nil : patience }
        if noStandardize { s.standardize = false }
        if noStandardizeTargets { s.standardizeTargets = false }
        if recordGradientNorms { s.recordGradientNorms = true }
        do { try s.validate() } catch { throw ValidationError(error.description) }
        return s
    }

    private func spec(_ kind: ActivationKind) -> ActivationSpec {
        switch kind {
        case .leakyReLU: return .leakyReLU(alpha: alpha ?? 0.01)
        case .elu: return .elu(alpha: alpha ?? 1)
        case .swish: return .swish(beta: beta ?? 1)
        case .prelu: return .prelu(alphas: [alpha ?? 0.25])
        default: return ActivationSpec(kind)
        }
    }

    private func summary(_ result: TrainingResult) -> String {
        let metric = result.task.metricName
        var parts = ["best epoch \(result.bestEpoch) of \(result.history.count)"
                     + (result.stoppedEarly ? " (stopped early)" : "")]
        if let loss = result.testLoss, let value = result.testMetric {
            parts.append("test loss \(formatted(loss)), test \(metric) "
                         + (result.task.isClassification ? percent(value) : formatted(value)))
        }
        return parts.joined(separator: "; ")
    }
}

func percent(_ value: Float) -> String { String(format: "%.2f%%", Double(value) * 100) }
