import ArgumentParser
import Foundation
import Soma

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
            mean and std, which the model file stores so the C runtime applies them too. The \
            per-epoch history is written beside the model as CSV.
            """)

    @Argument(help: "A built-in data set or a CSV file.")
    var dataset: String

    @Option(help: "CSV: the label column (default: the last column).")
    var label: String?

    @Option(help: "CSV: how to read labels: auto (text or whole numbers are classes), classification, regression.")
    var labels: LabelKind = .auto

    @Option(help: "Hidden layer sizes, comma-separated (e.g. 32 or 64,32; 0 for none).")
    var hidden: String?

    @Option(help: "Hidden activation(s): one for all layers or one per layer, comma-separated. \(ActivationKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var activation: String?

    @Option(help: "The output layer's activation (default: what the loss expects).")
    var outputActivation: ActivationKind?

    @Option(help: "α of leaky_relu (default 0.01) and elu (default 1).")
    var alpha: Float?

    @Option(help: "β of swish (default 1).")
    var beta: Float?

    @Option(help: "Loss: \(Loss.allCases.map(\.rawValue).joined(separator: ", ")) (default from the labels).")
    var loss: Loss?

    @Option(help: "Huber's δ.")
    var huberDelta: Float?

    @Option(help: "Optimizer: \(OptimizerSettings.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var optimizer: OptimizerSettings.Kind?

    @Option(help: "Learning rate.")
    var learningRate: Float?

    @Option(help: "Momentum and Nesterov: the velocity's keep rate.")
    var momentum: Float?

    @Option(help: "RMSprop: the squared-gradient average's keep rate.")
    var rho: Float?

    @Option(help: "Adam: β1.")
    var beta1: Float?

    @Option(help: "Adam: β2.")
    var beta2: Float?

    @Option(help: "L2 weight decay.")
    var weightDecay: Float?

    @Option(name: .customLong("init"), help: "Initializer: \(InitializerName.allCases.map(\.rawValue).joined(separator: ", ")) (default: He for the ReLU family, Xavier otherwise).")
    var initializer: InitializerName?

    @Flag(help: "Batch normalisation after every hidden dense layer.")
    var batchNorm = false

    @Option(help: "Most epochs.")
    var epochs: Int?

    @Option(help: "Rows per mini-batch.")
    var batchSize: Int?

    @Option(help: "Seed of the split, the initial weights and the shuffling.")
    var seed: UInt64?

    @Option(help: "Fraction of rows for validation.")
    var validation: Double?

    @Option(help: "Fraction of rows for the final test.")
    var test: Double?

    @Option(help: "Early stopping: epochs without a lower validation loss before stopping (0: never).")
    var patience: Int?

    @Flag(help: "Do not standardise the inputs.")
    var noStandardize = false

    @Option(help: "The model's name (default: the data set's).")
    var name: String?

    @Option(help: "Where to write the per-epoch history CSV (default: beside the model, NAME.history.csv).")
    var history: String?

    @Flag(help: "Write weights packed as base64 Float32 (smaller, faster to load) instead of readable arrays.")
    var packed = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let builtin = BuiltinDataset(rawValue: dataset)
        let settings = try resolvedSettings(builtin)
        let data = try at(dataset) {
            if let builtin { return try builtin.load(seed: settings.seed) }
            return try CSVDataset.load(URL(fileURLWithPath: dataset), label: label, kind: labels)
        }
        let modelName = name ?? (builtin?.rawValue ?? URL(fileURLWithPath: dataset).deletingPathExtension().lastPathComponent)
        output.say("\(data.name): \(data.count) rows, \(data.featureCount) features, "
                   + (data.classNames.map { "\($0.count) classes" } ?? "regression"))
        let display = ProgressDisplay(total: settings.epochs, quiet: output.quiet, classification: data.classNames != nil)
        let result = try Trainer.train(data, settings: settings, name: modelName, progress: display.show)
        display.finish()
        let modelURL = URL(fileURLWithPath: output.out)
        try at(output.out) { try result.modelFile.write(to: modelURL, packed: packed) }
        let historyPath = history ?? modelURL.deletingPathExtension().path + ".history.csv"
        try at(historyPath) { try AtomicFile.write(Data(result.historyCSV.utf8), to: URL(fileURLWithPath: historyPath)) }
        output.say(summary(result))
        output.say("wrote \(output.out) and \(historyPath)")
    }

    /// The data set's defaults with every given flag applied.
    func resolvedSettings(_ builtin: BuiltinDataset?) throws -> TrainingSettings {
        var s = TrainingSettings.defaults(for: builtin)
        if let hidden {
            let sizes = hidden.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard sizes.allSatisfy({ $0 != nil && $0! >= 0 }) else {
                throw ValidationError("--hidden: '\(hidden)' is not a comma-separated list of sizes")
            }
            s.hidden = sizes.compactMap { $0 }.filter { $0 > 0 }
        }
        if let activation {
            s.hiddenActivations = try activation.split(separator: ",").map { name in
                guard let kind = ActivationKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--activation: unknown activation '\(name)'")
                }
                return spec(kind)
            }
        }
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
