import Foundation

/// Measures a model's outputs against a data set: the rows to run, and the report.
///
/// The rows come from the data set the caller names, or the one the model's
/// `training.dataset` records. For the model's own data set, the held-out test
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
        let recorded = model.training?["dataset"]?.stringValue
        guard let name = dataset ?? recorded else {
            throw DataError("the model records no data set; give --dataset")
        }
        let builtin = BuiltinDataset(rawValue: name)
        let seed = model.training?["seed"].flatMap { UInt64($0.description) } ?? 1
        let data = try builtin?.load(seed: seed)
            ?? CSVDataset.load(URL(fileURLWithPath: name), label: label, kind: model.task == "regression" ? .regression : .classification)
        guard data.featureCount == model.inputs else {
            throw DataError("\(name): \(data.featureCount) features, the model takes \(model.inputs)")
        }
        let ownData = recorded == data.name || recorded == name
        let useTest = split == "test" || (split == "auto" && ownData)
        if useTest {
            guard ownData, let fractions = model.training?["split"],
                  let validation = fractions["validation_fraction"].flatMap({ Double($0.description) }),
                  let test = fractions["test_fraction"].flatMap({ Double($0.description) }), test > 0 else {
                throw DataError("the model records no test split of \(name); use --split all")
            }
            rows = DataSplit(data, validationFraction: validation, testFraction: test, seed: seed).test
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

    /// The report for `predictions` (row-major, the model's outputs per row).
    public func report(predictions: [Float]) throws -> String {
        let width = model.outputs
        switch rows.targets {
        case .classes(let truth, let names):
            let labels = model.labels ?? names
            let map = classMap ?? Array(names.indices)
            var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: names.count)
            var correct = 0
            for (row, trueClass) in truth.enumerated() {
                let predicted = predictedClass(predictions[row * width ..< (row + 1) * width])
                if predicted == map[trueClass] { correct += 1 }
                if predicted < labels.count { matrix[trueClass][predicted] += 1 }
            }
            let accuracy = truth.isEmpty ? 0 : Double(correct) / Double(truth.count)
            var lines = [String(format: "accuracy %.2f%% (%d of %d)", accuracy * 100, correct, truth.count),
                         "confusion matrix (rows: true class, columns: predicted)"]
            let cell = max(6, (labels + names).map(\.count).max()! + 1)
            func pad(_ text: String) -> String { String(repeating: " ", count: max(cell - text.count, 0)) + text }
            lines.append(pad("") + labels.map(pad).joined())
            for (index, name) in names.enumerated() {
                lines.append(pad(name) + matrix[index].map { pad("\($0)") }.joined())
            }
            return lines.joined(separator: "\n")
        case .values(let truth):
            var squared: Double = 0
            var absolute: Double = 0
            for (row, value) in truth.enumerated() {
                let difference = Double(predictions[row * width] - value)
                squared += difference * difference
                absolute += abs(difference)
            }
            let n = Double(max(truth.count, 1))
            return String(format: "mse %.6g\nmae %.6g", squared / n, absolute / n)
        }
    }
}
