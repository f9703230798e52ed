import ArgumentParser
import Foundation
import Soma
import SomaRuntime

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a model on a data set through the C runtime.",
        discussion: """
            Classification: accuracy and a confusion matrix (rows: true class, columns: predicted). \
            Regression: mean squared and mean absolute error. With --split test (the default when the \
            model records that it was trained on this data set) the model's own held-out test rows are \
            rebuilt from its recorded seed and fractions; --split all uses every row. A CSV's \
            columns are matched by name with the model's feature_names (any order); missing or \
            extra columns are refused, naming them.

            Examples:
              soma evaluate iris.json
              soma evaluate iris.json --dataset data/iris.csv --split all
            """)

    enum Split: String, ExpressibleByArgument { case auto, test, all }

    @Argument(help: "The model file (JSON).")
    var model: String

    @Option(help: "A built-in data set or a CSV file (default: the one the model records).")
    var dataset: String?

    @Option(help: "CSV: the label column (default: the last).")
    var label: String?

    @Option(help: "Rows to use: test (the model's held-out split), all, or auto.")
    var split: Split = .auto

    func run() throws {
        let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        let runtime = try at(model) { try RuntimeModel(contentsOf: model) }
        let evaluation = try at(model) {
            do {
                return try Evaluation(model: file, dataset: dataset, label: label, split: split.rawValue)
            } catch EvaluationError.noDataset {
                throw CLIError("\(model): \(EvaluationError.noDataset) (--dataset)")
            } catch let error as EvaluationError {
                throw CLIError("\(model): \(error) (--split all)")
            }
        }
        print("\(evaluation.datasetName): \(evaluation.rows.count) rows (\(evaluation.splitDescription))")
        var predictions: [Float] = []
        predictions.reserveCapacity(evaluation.rows.count * file.outputs)
        for row in 0..<evaluation.rows.count {
            predictions += try at("row \(row + 1)") { try runtime.predict(Array(evaluation.rows.row(row))) }
        }
        print(evaluation.report(predictions: predictions))
    }
}
