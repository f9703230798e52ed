import Foundation
import Testing
@testable import Soma

/// A model built in memory with one rule broken, and the error ``ModelFile/validate()`` must give.
struct ValidationCase: CustomTestStringConvertible, Sendable {
    let name: String
    let layers: [ModelLayer]
    var inputs: Int? = nil
    var outputs: Int? = nil
    let error: ModelFileError
    var testDescription: String { name }
}

private let identity = ActivationSpec(.identity)

private func dense(_ inputs: Int, _ outputs: Int, weights: Int? = nil, bias: Int? = nil,
                   value: Float = 1) -> ModelLayer {
    .dense(DenseLayerSpec(inputs: inputs, outputs: outputs,
                          weights: Array(repeating: value, count: weights ?? inputs * outputs),
                          bias: Array(repeating: 0, count: bias ?? outputs), activation: identity))
}

private func maxout(_ inputs: Int, _ outputs: Int, pieces: Int = 2, weights: Int? = nil, bias: Int? = nil,
                    value: Float = 1, biasValue: Float = 0) -> ModelLayer {
    .maxout(MaxoutLayerSpec(inputs: inputs, outputs: outputs, pieces: pieces,
                            weights: Array(repeating: value, count: weights ?? inputs * outputs * pieces),
                            bias: Array(repeating: biasValue, count: bias ?? outputs * pieces), activation: identity))
}

private func batchNorm(_ size: Int) -> ModelLayer {
    let ones = [Float](repeating: 1, count: size)
    return .batchNorm(BatchNormSpec(size: size, epsilon: 1e-3, gamma: ones, beta: ones, mean: ones, variance: ones,
                                    activation: identity))
}

/// Dense and maxout layers share one check of sizes, counts and chaining: the
/// same wrong shape must give the same words for both, and in the same order.
let validationCases: [ValidationCase] = [
    ValidationCase(name: "dense inputs 0", layers: [dense(0, 2)], inputs: 1,
                   error: ModelFileError(.value, at: "layers[0].inputs", "must be an integer >= 1, found 0")),
    ValidationCase(name: "maxout outputs 0", layers: [maxout(3, 0)], outputs: 1,
                   error: ModelFileError(.value, at: "layers[0].outputs", "must be an integer >= 1, found 0")),
    ValidationCase(name: "dense weights count", layers: [dense(3, 2, weights: 5)],
                   error: ModelFileError(.shape, at: "layers[0].weights", "expected 2 × 3 = 6 values, found 5")),
    ValidationCase(name: "maxout weights count (rows = outputs × pieces)", layers: [maxout(3, 2, weights: 6)],
                   error: ModelFileError(.shape, at: "layers[0].weights", "expected 4 × 3 = 12 values, found 6")),
    ValidationCase(name: "dense bias count", layers: [dense(3, 2, bias: 1)],
                   error: ModelFileError(.shape, at: "layers[0].bias", "expected 2 numbers, found 1")),
    ValidationCase(name: "maxout bias count (one per row)", layers: [maxout(3, 2, bias: 2)],
                   error: ModelFileError(.shape, at: "layers[0].bias", "expected 4 numbers, found 2")),
    ValidationCase(name: "maxout one piece", layers: [maxout(3, 2, pieces: 1)],
                   error: ModelFileError(.value, at: "layers[0].pieces", "must be an integer >= 2, found 1")),
    ValidationCase(name: "maxout pieces before weights", layers: [maxout(3, 2, pieces: 1, weights: 1)],
                   error: ModelFileError(.value, at: "layers[0].pieces", "must be an integer >= 2, found 1")),
    ValidationCase(name: "maxout rows beyond the largest size", layers: [maxout(1, 1_073_741_824, pieces: 2, weights: 0, bias: 0)],
                   error: ModelFileError(.value, at: "layers[0].pieces",
                                         "outputs × pieces = 1073741824 × 2 is larger than the format's largest size, 2147483647")),
    ValidationCase(name: "dense weights before chaining", layers: [dense(3, 2), dense(4, 2, weights: 1)],
                   error: ModelFileError(.shape, at: "layers[1].weights", "expected 2 × 4 = 8 values, found 1")),
    ValidationCase(name: "dense does not chain", layers: [dense(3, 2), dense(4, 2)],
                   error: ModelFileError(.shape, at: "layers[1]", "inputs is 4 but the previous layer gives 2")),
    ValidationCase(name: "maxout does not chain", layers: [dense(3, 2), maxout(4, 2)],
                   error: ModelFileError(.shape, at: "layers[1]", "inputs is 4 but the previous layer gives 2")),
    ValidationCase(name: "batchnorm does not chain", layers: [maxout(3, 2), batchNorm(3)],
                   error: ModelFileError(.shape, at: "layers[1]", "size is 3 but the previous layer gives 2")),
    ValidationCase(name: "first maxout differs from the model inputs", layers: [maxout(3, 2)], inputs: 4,
                   error: ModelFileError(.shape, at: "layers[0]", "inputs is 3 but the model's inputs is 4")),
    ValidationCase(name: "dense weight not finite", layers: [dense(3, 2, value: .nan)],
                   error: ModelFileError(.value, at: "layers[0].weights[0][0]", "must be finite, found nan")),
    ValidationCase(name: "maxout weight not finite", layers: [maxout(3, 2, value: .infinity)],
                   error: ModelFileError(.value, at: "layers[0].weights[0][0]", "must be finite, found inf")),
    ValidationCase(name: "maxout bias not finite", layers: [maxout(3, 2, biasValue: -.infinity)],
                   error: ModelFileError(.value, at: "layers[0].bias[0]", "must be finite, found -inf")),
]

@Suite("Model file validation")
struct ModelFileValidationTests {
    @Test("an in-memory model with one rule broken is refused with its place and words", arguments: validationCases)
    func refused(_ c: ValidationCase) {
        let model = ModelFile(name: "t", inputs: c.inputs, outputs: c.outputs, layers: c.layers)
        #expect(throws: c.error) { try model.validate() }
    }

    @Test("the cases' layers are valid once the broken rule is put right")
    func validBaseline() throws {
        try ModelFile(name: "t", layers: [dense(3, 2), maxout(2, 3, pieces: 3), batchNorm(3)]).validate()
    }
}

/// A valid version-3 maxout model (2 → 2, two pieces: four rows); cases replace one piece of it.
private let maxoutDocument = """
{"format": "soma-model", "version": 3, "name": "m", "inputs": 2, "outputs": 2,
 "layers": [
  {"type": "maxout", "inputs": 2, "outputs": 2, "pieces": 2, "layout": "output-major",
   "weights": [[1, 0], [0, 1], [-1, 0], [0, -1]], "bias": [0, 0, 0, 0], "activation": {"name": "identity"}}
 ]}
"""

private func maxoutReading(_ name: String, _ replace: String, _ with: String, _ message: String,
                           _ kind: ModelFileError.Kind) -> MalformedCase {
    precondition(maxoutDocument.contains(replace), "case \(name): \(replace) not in the document")
    return MalformedCase(name: name, json: maxoutDocument.replacingOccurrences(of: replace, with: with),
                         message: message, kind: kind)
}

/// The reader takes dense and maxout layers through one path: the maxout
/// counterparts of the dense cases in ModelFileReaderErrorTests, word for word.
let maxoutReadingCases: [MalformedCase] = [
    maxoutReading("pieces missing", "\"pieces\": 2, ", "", "layers[0].pieces: missing", .field),
    maxoutReading("one piece", "\"pieces\": 2", "\"pieces\": 1", "layers[0].pieces: must be an integer >= 2, found 1", .value),
    maxoutReading("pieces before layout", "\"pieces\": 2, \"layout\": \"output-major\"",
                  "\"pieces\": 1, \"layout\": \"input-major\"", "layers[0].pieces: must be an integer >= 2, found 1", .value),
    maxoutReading("input-major layout", "\"output-major\"", "\"input-major\"",
                  "layers[0].layout: expected \"output-major\", found \"input-major\"", .unsupported),
    maxoutReading("a row short of outputs × pieces", "[[1, 0], [0, 1], [-1, 0], [0, -1]]", "[[1, 0], [0, 1], [-1, 0]]",
                  "layers[0].weights: expected 4 rows, found 3", .shape),
    maxoutReading("row shorter than the inputs", "[0, 1], [-1, 0]", "[0], [-1, 0]",
                  "layers[0].weights[1]: expected 2 numbers, found 1", .shape),
    maxoutReading("one bias per output, not per row", "\"bias\": [0, 0, 0, 0]", "\"bias\": [0, 0]",
                  "layers[0].bias: expected 4 numbers, found 2", .shape),
    maxoutReading("size zero", "\"inputs\": 2, \"outputs\": 2, \"pieces\"", "\"inputs\": 0, \"outputs\": 2, \"pieces\"",
                  "layers[0].inputs: must be an integer >= 1, found 0", .value),
]

@Suite("Model file reading, maxout")
struct MaxoutReadingTests {
    @Test("the maxout document reads, four rows of two")
    func reads() throws {
        let model = try ModelFile(jsonData: Data(maxoutDocument.utf8))
        guard case .maxout(let m) = model.layers[0] else { Issue.record("not maxout"); return }
        #expect(m.pieces == 2 && m.rows == 4 && m.weights == [1, 0, 0, 1, -1, 0, 0, -1] && m.bias.count == 4)
    }

    @Test("a malformed maxout layer is refused with the dense layer's words", arguments: maxoutReadingCases)
    func refused(_ c: MalformedCase) {
        do {
            let model = try ModelFile(jsonData: Data(c.json.utf8))
            Issue.record("accepted: \(model.name)")
        } catch {
            #expect(error.description.contains(c.message), "got: \(error.description)")
            #expect(error.kind == c.kind, "got: \(error.description)")
        }
    }
}
