import Foundation

/// Measures a model's outputs against a data set: the rows to run, and the report.
///
/// The rows come from the data set the caller names, or the one the model's
/// ``TrainingRecord`` names. For the model's own data set, the held-out test
/// rows are rebuilt from the recorded seed and split fractions, exactly as
/// training made them.
public struct Evaluation {
    public let datasetName: String
    /// The raw (unstandardised) rows to run; the model applies its own scaling.
    public let rows: Dataset
    public let splitDescription: String
    private let model: ModelFile
    /// For classification: the model's output class of each data set class.
    private let classMap: [Int]?

    /// `split` is "test", "all" or "auto" (test when the model was trained on this data set).
    public init(model: ModelFile, dataset: String?, label: String?, split: String) throws {
        let record = model.training.flatMap { TrainingRecord(json: $0) }
        let recorded = record?.dataset
        guard let name = dataset ?? recorded else { throw EvaluationError.noDataset }
        let builtin = BuiltinDataset(rawValue: name)
        let seed = record?.seed ?? 1
        var data = try builtin?.load(seed: seed)
            ?? CSVDataset.load(path: name, label: label ?? model.labelColumn,
                               kind: model.task == "regression" ? .regression : .classification)
        if let names = model.featureNames {
            // Match columns by name: a reordered CSV must not be read in the wrong order.
            data = try data.matchingColumns(names, place: builtin == nil ? name : "data set \(name)")
        } else if data.featureCount != model.inputs {
            throw DataError("\(name): \(data.featureCount) features, the model takes \(model.inputs)")
        }
        let ownData = recorded == data.name || recorded == name
        let useTest = split == "test" || (split == "auto" && ownData)
        if useTest {
            guard ownData, let split = record?.split, split.testFraction > 0 else {
                throw EvaluationError.noTestSplit(dataset: name)
            }
            rows = DataSplit(data, validationFraction: split.validationFraction, testFraction: split.testFraction,
                             seed: seed).test
            splitDescription = "the model's held-out test split, seed \(seed)"
        } else {
            rows = data
            splitDescription = "all rows"
        }
        datasetName = data.name
        self.model = model
        if let names = data.classNames {
            guard let labels = model.labels else { throw DataError("the model has no class labels") }
            classMap = try names.map { className in
                guard let index = labels.firstIndex(of: className) else {
                    throw DataError("class '\(className)' of \(name) is not among the model's labels (\(labels.joined(separator: ", ")))")
                }
                return index
            }
        } else {
            classMap = nil
        }
    }

    /// What `predictions` (row-major, the model's outputs per row) score on the rows.
    public struct Measures: Equatable, Sendable {
        /// Classification: the share of rows whose predicted class is the true one.
        public var accuracy: Double?
        public var correct = 0
        /// Classification: `confusion[true class][predicted output class]`.
        public var confusion: [[Int]] = []
        /// Regression: mean squared and mean absolute error.
        public var mse: Double?
        public var mae: Double?
    }

    public func measure(predictions: [Float]) -> Measures {
        let width = model.outputs
        var measures = Measures()
        switch rows.targets {
        case .classes(let truth, let names):
            let map = classMap ?? Array(names.indices)
            let columns = model.labels?.count ?? names.count
            measures.confusion = [[Int]](repeating: [Int](repeating: 0, count: columns), count: names.count)
            for (row, trueClass) in truth.enumerated() {
                let predicted = predictedClass(predictions[row * width ..< (row + 1) * width])
                if predicted == map[trueClass] { measures.correct += 1 }
                if predicted < columns { measures.confusion[trueClass][predicted] += 1 }
            }
            measures.accuracy = truth.isEmpty ? 0 : Double(measures.correct) / Double(truth.count)
        case .values(let truth):
            var squared: Double = 0
            var absolute: Double = 0
            for (row, value) in truth.enumerated() {
                let difference = Double(predictions[row * width] - value)
                squared += difference * difference
                absolute += abs(difference)
            }
            let n = Double(max(truth.count, 1))
            measures.mse = squared / n
            measures.mae = absolute / n
        }
        return measures
    }

    /// The report for `predictions`: accuracy and confusion matrix, or MSE and MAE.
    public func report(predictions: [Float]) -> String {
        let measures = measure(predictions: predictions)
        guard let accuracy = measures.accuracy, let names = rows.classNames else {
            return String(format: "mse %.6g\nmae %.6g", measures.mse ?? .nan, measures.mae ?? .nan)
        }
        let labels = model.labels ?? names
        var lines = [String(format: "accuracy %.2f%% (%d of %d)", accuracy * 100, measures.correct, rows.count),
                     "confusion matrix (rows: true class, columns: predicted)"]
        let cell = max(6, (labels + names).map(\.count).max()! + 1)
        func pad(_ text: String) -> String { String(repeating: " ", count: max(cell - text.count, 0)) + text }
        lines.append(pad("") + labels.map(pad).joined())
        for (index, name) in names.enumerated() {
            lines.append(pad(name) + measures.confusion[index].map { pad("\($0)") }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
