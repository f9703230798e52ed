import Foundation
import Soma
import SomaRuntime
import Testing

/// The committed data-set models, measured on their own held-out test rows
/// through the C runtime, as `soma evaluate` does.
struct EvaluationTests {
    static func throughC(_ name: String) throws -> Evaluation.Measures {
        let path = ModelParityTests.root.appendingPathComponent("models/\(name).json").path
        let file = try ModelFile(contentsOf: URL(fileURLWithPath: path))
        let runtime = try RuntimeModel(contentsOf: path)
        let evaluation = try Evaluation(model: file, dataset: nil, label: nil, split: "auto")
        let rows = evaluation.rows
        let predictions = try runtime.predictBatch(rows.features, rows: rows.count)
        return evaluation.measure(predictions: predictions)
    }

    @Test("held-out accuracy through the C runtime", arguments: [("digits", 0.96), ("iris", 0.9), ("moons", 0.9)])
    func accuracy(_ name: String, _ floor: Double) throws {
        let measures = try Self.throughC(name)
        #expect((measures.accuracy ?? 0) >= floor, "\(name): \(measures.accuracy ?? 0)")
    }

    @Test func digitsTestSplitIsTheOneTrainingHeldOut() throws {
        let measures = try Self.throughC("digits")
        // 15% of each digit's ~180 rows, rounded per class: 269 rows.
        #expect(measures.confusion.joined().reduce(0, +) == 269)
    }
}
