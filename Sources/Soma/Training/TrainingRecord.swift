/// What ``Trainer`` records in a model file's `training` member, as a type:
/// the data set and how it was split, the settings, and what the run measured.
///
/// ``json`` is the member the trainer writes; ``init(json:)`` reads it back
/// (``Evaluation`` and the parity check rebuild the held-out rows from
/// ``dataset``, ``seed`` and ``split``). The format leaves `training` free, so
/// models trained otherwise (the gate and XOR lessons) carry other records and
/// ``init(json:)`` refuses them.
public struct TrainingRecord: Sendable, Equatable {
    /// Rows per split.
    public struct Rows: Sendable, Equatable {
        public var train: Int
        public var validation: Int
        public var test: Int
    }

    /// How the rows were split (``DataSplit``).
    public struct Split: Sendable, Equatable {
        public var validationFraction: Double
        public var testFraction: Double
        /// Classification splits keep each class's share.
        public var stratified: Bool
    }

    /// Loss and metric of one split.
    public struct Measure: Sendable, Equatable {
        public var loss: Float
        public var metric: Float
    }

    /// Always `backpropagation` for this record.
    public static let method = "backpropagation"

    public var dataset: String
    public var rows: Rows
    public var split: Split
    public var seed: UInt64
    public var hidden: [Int]
    public var hiddenActivations: [String]
    public var outputActivation: String
    public var loss: String
    /// ``OptimizerSettings/metadata``.
    public var optimizer: JSONValue
    public var initializer: String
    public var batchNorm: Bool
    public var standardize: Bool
    /// Regression targets standardised (undone by the model's `output_scaling`).
    public var standardizeTargets: Bool
    public var batchSize: Int
    public var maxEpochs: Int
    public var patience: Int?
    /// Epochs run.
    public var epochs: Int
    /// The epoch whose weights the model holds (1-based).
    public var bestEpoch: Int
    public var stoppedEarly: Bool
    /// `accuracy` (classification) or `mae` (regression): names the metric members.
    public var metricName: String
    public var huberDelta: Float?
    /// The best epoch's measures.
    public var train: Measure
    public var validation: Measure?
    public var test: Measure?
    /// Per-epoch measures, epoch 1 first (`seconds` is not recorded: files stay deterministic;
    /// weight-gradient norms are, as `weight_grad_norm_layer<i>` columns, when the run recorded them).
    public var history: [EpochRecord]
}

extension TrainingRecord {
    /// The `training` member, members in a fixed order.
    public var json: JSONValue {
        let metric = metricName
        var members: [(String, JSONValue)] = [
            ("method", .string(Self.method)),
            ("dataset", .string(dataset)),
            ("rows", .object([("train", JSONValue(rows.train)), ("validation", JSONValue(rows.validation)),
                              ("test", JSONValue(rows.test))])),
            ("split", .object([("validation_fraction", .number(String(split.validationFraction))),
                               ("test_fraction", .number(String(split.testFraction))),
                               ("stratified", .bool(split.stratified))])),
            ("seed", JSONValue(seed)),
            ("hidden", .array(hidden.map { JSONValue($0) })),
            ("hidden_activations", .array(hiddenActivations.map { .string($0) })),
            ("output_activation", .string(outputActivation)),
            ("loss", .string(loss)),
            ("optimizer", optimizer),
            ("initializer", .string(initializer)),
            ("batch_norm", .bool(batchNorm)),
            ("standardize", .bool(standardize)),
            ("standardize_targets", .bool(standardizeTargets)),
            ("batch_size", JSONValue(batchSize)),
            ("max_epochs", JSONValue(maxEpochs)),
            ("patience", patience.map { JSONValue($0) } ?? .null),
            ("epochs", JSONValue(epochs)),
            ("best_epoch", JSONValue(bestEpoch)),
            ("stopped_early", .bool(stoppedEarly)),
            ("train_loss", JSONValue(train.loss)),
            ("train_\(metric)", JSONValue(train.metric)),
        ]
        if let huberDelta { members.append(("huber_delta", JSONValue(huberDelta))) }
        if let validation {
            members += [("validation_loss", JSONValue(validation.loss)),
                        ("validation_\(metric)", JSONValue(validation.metric))]
        }
        if let test { members += [("test_loss", JSONValue(test.loss)), ("test_\(metric)", JSONValue(test.metric))] }
        var columns: [(String, JSONValue)] = [
            ("train_loss", .array(history.map { JSONValue($0.trainLoss) })),
            ("train_\(metric)", .array(history.map { JSONValue($0.trainMetric) })),
        ]
        if history.first?.validationLoss != nil {
            columns += [("validation_loss", .array(history.map { JSONValue($0.validationLoss ?? .nan) })),
                        ("validation_\(metric)", .array(history.map { JSONValue($0.validationMetric ?? .nan) }))]
        }
        // Present only when the run recorded them (``TrainingSettings/recordGradientNorms``).
        for layer in history.first?.weightGradientNorms.keys.sorted() ?? [] {
            columns.append((EpochRecord.gradientNormColumn(layer),
                            .array(history.map { JSONValue($0.weightGradientNorms[layer] ?? .nan) })))
        }
        members.append(("history", .object(columns)))
        return .object(members)
    }

    /// Reads a record ``json`` wrote; `nil` for a `training` member of another
    /// kind or with a member missing or of the wrong type.
    public init?(json: JSONValue) {
        guard json["method"]?.stringValue == Self.method,
              let dataset = json["dataset"]?.stringValue,
              let rows = json["rows"], let split = json["split"],
              let metricName = ["accuracy", "mae"].first(where: { json["train_\($0)"] != nil }) else { return nil }
        func int(_ value: JSONValue?) -> Int? { value?.intValue }
        func float(_ value: JSONValue?) -> Float? { value?.floatValue }
        func double(_ value: JSONValue?) -> Double? {
            guard case .number(let text)? = value else { return nil }
            return Double(text)
        }
        func bool(_ value: JSONValue?) -> Bool? {
            guard case .bool(let flag)? = value else { return nil }
            return flag
        }
        func floats(_ value: JSONValue?) -> [Float]? {
            guard case .array(let elements)? = value else { return nil }
            let values = elements.compactMap(\.floatValue)
            return values.count == elements.count ? values : nil
        }
        func measure(_ prefix: String) -> Measure? {
            guard let loss = float(json["\(prefix)_loss"]), let metric = float(json["\(prefix)_\(metricName)"])
            else { return nil }
            return Measure(loss: loss, metric: metric)
        }
        guard let trainRows = int(rows["train"]), let validationRows = int(rows["validation"]),
              let testRows = int(rows["test"]),
              let validationFraction = double(split["validation_fraction"]),
              let testFraction = double(split["test_fraction"]), let stratified = bool(split["stratified"]),
              case .number(let seedText)? = json["seed"], let seed = UInt64(seedText),
              case .array(let hidden)? = json["hidden"],
              case .array(let hiddenActivations)? = json["hidden_activations"],
              let outputActivation = json["output_activation"]?.stringValue,
              let loss = json["loss"]?.stringValue, let optimizer = json["optimizer"],
              let initializer = json["initializer"]?.stringValue,
              let batchNorm = bool(json["batch_norm"]), let standardize = bool(json["standardize"]),
              let batchSize = int(json["batch_size"]), let maxEpochs = int(json["max_epochs"]),
              let patience = json["patience"], let epochs = int(json["epochs"]),
              let bestEpoch = int(json["best_epoch"]), let stoppedEarly = bool(json["stopped_early"]),
              let train = measure("train"),
              let history = json["history"],
              let trainLosses = floats(history["train_loss"]),
              let trainMetrics = floats(history["train_\(metricName)"]) else { return nil }
        // Absent in records written before targets could be standardised.
        let standardizeTargets = bool(json["standardize_targets"]) ?? false
        let hiddenSizes = hidden.compactMap(\.intValue)
        let activationNames = hiddenActivations.compactMap(\.stringValue)
        guard hiddenSizes.count == hidden.count, activationNames.count == hiddenActivations.count,
              trainMetrics.count == trainLosses.count else { return nil }
        let validationLosses = floats(history["validation_loss"])
        let validationMetrics = floats(history["validation_\(metricName)"])
        guard validationLosses?.count ?? trainLosses.count == trainLosses.count,
              validationMetrics?.count ?? trainLosses.count == trainLosses.count else { return nil }
        var gradientNorms: [Int: [Float]] = [:]
        if case .object(let columns) = history {
            for (name, value) in columns where name.hasPrefix(EpochRecord.gradientNormColumnPrefix) {
                guard let layer = Int(name.dropFirst(EpochRecord.gradientNormColumnPrefix.count)),
                      let norms = floats(value), norms.count == trainLosses.count else { return nil }
                gradientNorms[layer] = norms
            }
        }
        self.init(dataset: dataset, rows: Rows(train: trainRows, validation: validationRows, test: testRows),
                  split: Split(validationFraction: validationFraction, testFraction: testFraction,
                               stratified: stratified),
                  seed: seed, hidden: hiddenSizes, hiddenActivations: activationNames,
                  outputActivation: outputActivation, loss: loss, optimizer: optimizer, initializer: initializer,
                  batchNorm: batchNorm, standardize: standardize, standardizeTargets: standardizeTargets, batchSize: batchSize, maxEpochs: maxEpochs,
                  patience: patience.intValue, epochs: epochs, bestEpoch: bestEpoch, stoppedEarly: stoppedEarly,
                  metricName: metricName, huberDelta: float(json["huber_delta"]), train: train,
                  validation: measure("validation"), test: measure("test"),
                  history: trainLosses.indices.map { k in
                      EpochRecord(epoch: k + 1, trainLoss: trainLosses[k], trainMetric: trainMetrics[k],
                                  validationLoss: validationLosses?[k], validationMetric: validationMetrics?[k],
                                  seconds: 0, weightGradientNorms: gradientNorms.mapValues { $0[k] })
                  })
    }
}
