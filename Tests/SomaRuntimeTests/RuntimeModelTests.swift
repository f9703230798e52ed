import Foundation
import Testing
import SomaRuntime

/// The wrapper over the C runtime: loading, running, and errors carrying the C status.
struct RuntimeModelTests {
    static let andGate = """
        {"format": "soma-model", "version": 1, "name": "and", "inputs": 2, "outputs": 1,
         "layers": [{"type": "dense", "inputs": 2, "outputs": 1, "layout": "output-major",
                     "weights": [[0.5, 0.5]], "bias": [-0.7], "activation": {"name": "step"}}]}
        """

    @Test func andGateTruthTable() throws {
        let model = try RuntimeModel(json: Self.andGate)
        #expect(model.name == "and")
        #expect(model.inputCount == 2 && model.outputCount == 1)
        #expect(model.parameterCount == 3)
        let outputs = try [[0, 0], [0, 1], [1, 0], [1, 1]].map { try model.predict($0) }
        #expect(outputs == [[0], [0], [0], [1]])
        #expect(model.layers == [RuntimeLayer(kind: .dense, activation: "step", inputs: 2, outputs: 1)])
    }

    @Test func batchEqualsSingleRuns() throws {
        let model = try RuntimeModel(json: Self.andGate)
        let batch = try model.predictBatch([0, 0, 0, 1, 1, 0, 1, 1], rows: 4)
        #expect(batch == [0, 0, 0, 1])
    }

    @Test func wrongInputCountIsAnArgumentError() throws {
        let model = try RuntimeModel(json: Self.andGate)
        let error = #expect(throws: RuntimeError.self) { try model.predict([1, 0, 1]) }
        #expect(error?.status == .argument)
        #expect(error?.message == "input: 3 values, the model takes 2")
    }

    @Test(arguments: [
        ("{\"format\": \"soma-model\"", RuntimeStatus.json, "line 1"),
        (andGate.replacingOccurrences(of: "[-0.7]", with: "[\"x\"]"), .field, "layers[0].bias[0]"),
        (andGate.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 4"), .format, "version"),
        (andGate.replacingOccurrences(of: "\"outputs\": 1,", with: "\"outputs\": 1, \"output_scaling\": {\"mean\": [1], \"std\": [2]},"),
         .format, "output_scaling"),
        (andGate.replacingOccurrences(of: "\"step\"", with: "\"gelu\""), .unsupported, "gelu"),
    ])
    func malformedModelsThrowTheCStatus(json: String, status: RuntimeStatus, place: String) {
        let error = #expect(throws: RuntimeError.self) { try RuntimeModel(json: json) }
        #expect(error?.status == status)
        #expect(error?.message.contains(place) == true, "message: \(error?.message ?? "")")
    }

    @Test func missingFileIsAnIOError() {
        let error = #expect(throws: RuntimeError.self) {
            try RuntimeModel(contentsOf: "/nonexistent/soma/model.json")
        }
        #expect(error?.status == .io)
        // The runtime names the place inside the document; callers prefix the path.
        #expect(error?.message.contains("cannot open the file") == true, "message: \(error?.message ?? "")")
    }

    @Test func everyStatusHasASummary() {
        for status in RuntimeStatus.allCases {
            #expect(!status.summary.isEmpty)
        }
    }
}
