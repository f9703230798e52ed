import Foundation
import Soma
import SomaRuntime
import Testing

/// The wrapper over soma_verify_file and soma_requirements_file.
struct VerificationTests {
    static func path(_ relative: String) -> String {
        ModelParityTests.root.appendingPathComponent(relative).path
    }

    @Test("committed models pass their own self-test in C", arguments: ModelParityTests.models)
    func committedModelsPass(_ model: String) throws {
        let report = try RuntimeModel.verify(contentsOf: Self.path(model))
        #expect(report.passed)
        #expect(report.vectors == 4)
        #expect(report.maxULPs == 0)
        #expect(report.message.hasPrefix("self-test passed (4 vectors"))
    }

    @Test func aDivergenceIsReportedWithItsPlace() throws {
        let report = try RuntimeModel.verify(contentsOf: Self.path("Tests/fixtures/bad/selftest_mismatch.json"))
        #expect(!report.passed)
        #expect(report.maxULPs == 1)
        #expect(report.message.hasPrefix("self_test.layer_outputs[0][1][0]: expected 2.50000024 got 2.5 (1 ULP"))
    }

    @Test func aMalformedSelfTestThrows() {
        let error = #expect(throws: RuntimeError.self) {
            try RuntimeModel.verify(contentsOf: Self.path("Tests/fixtures/bad/selftest_input_length.json"))
        }
        #expect(error?.message.contains("self_test.inputs[") == true, "\(error?.message ?? "")")
    }

    @Test func requirementsAgreeWithTheLoadedModel() throws {
        let file = Self.path("models/digits.json")
        let needs = try RuntimeRequirements(contentsOf: file)
        let loaded = try RuntimeModel(contentsOf: file)
        #expect(needs.inputs == 64 && needs.outputs == 10 && needs.layers == 2 && needs.widest == 64)
        #expect(needs.parameters == loaded.parameterCount)
        #expect(needs.bytes == loaded.storageBytes)
        #expect(needs.exceeds == nil)
        // 64·32 + 32 + 32·10 + 10 weights and biases, plus 64 means and 64 stds.
        #expect(needs.parameters == 2_538)
    }

    @Test func requirementsNameTheLimitAModelExceeds() throws {
        let needs = try RuntimeRequirements(contentsOf: Self.path("Tests/fixtures/bad/too_wide.json"))
        #expect(needs.exceeds == "SOMA_MAX_WIDTH")
    }
}
