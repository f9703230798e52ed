import Foundation
import Soma
import SomaParity
import SomaRuntime
import Testing

/// Every committed model, and every good fixture, through the Swift reference
/// network and the C runtime: identical Float32 bits on the truth-table corners
/// and on 1,000 seeded random inputs each (docs/model-format.md, "Parity bound").
struct ModelParityTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func jsonFiles(in folder: String) -> [String] {
        let directory = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    static let models = jsonFiles(in: "models")
    static let fixtures = jsonFiles(in: "Tests/fixtures/good")

    @Test func theGoodFixturesFolderHoldsModels() {
        #expect(!Self.fixtures.isEmpty, "Tests/fixtures/good is missing or empty: the parity test would pass with no cases")
    }

    @Test func theFiveCourseModelsAreCommitted() {
        for name in ["and", "or", "nand", "xor-gates", "xor-mlp"] {
            #expect(Self.models.contains("models/\(name).json"), "models/\(name).json is missing")
        }
    }

    @Test("Swift and C give identical bits", arguments: models + fixtures)
    func identicalBits(_ path: String) throws {
        let url = Self.root.appendingPathComponent(path)
        let reference = try ModelFile(contentsOf: url)
        let runtime = try RuntimeModel(contentsOf: url.path)
        let inputs = ParityCheck.inputs(for: reference, count: 1_000, seed: 7)
        #expect(inputs.count >= 1_000)
        let report = try ParityCheck.compare(reference: reference, runtime: runtime, inputs: inputs)
        #expect(report.samples == inputs.count)
        #expect(report.identical == report.samples,
                "\(path): first difference \(String(describing: report.firstDifference))")
        #expect(report.maxULP == 0)
        #expect(report.sameClass == report.samples)
    }

    @Test("gate models give their truth tables through the C runtime", arguments: [
        ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1]), ("nand", [1, 1, 1, 0]),
        ("xor-gates", [0, 1, 1, 0]), ("xor-mlp", [0, 1, 1, 0]),
    ] as [(String, [Int])])
    func truthTables(_ name: String, _ expected: [Int]) throws {
        let runtime = try RuntimeModel(contentsOf: Self.root.appendingPathComponent("models/\(name).json").path)
        let classes = try Gate.truthTableInputs.map { predictedClass(try runtime.predict($0)) }
        #expect(classes == expected)
    }

    @Test func ulpDistanceCountsRepresentableFloats() {
        #expect(ModelFile.ulpDistance(1, 1) == 0)
        #expect(ModelFile.ulpDistance(1, Float(1).nextUp) == 1)
        #expect(ModelFile.ulpDistance(0, -0.0) == 0)
        #expect(ModelFile.ulpDistance(Float.leastNonzeroMagnitude, -Float.leastNonzeroMagnitude) == 2)
        #expect(ModelFile.ulpDistance(1, 2) == 1 << 23)
    }
}
