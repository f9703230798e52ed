import Foundation
import Soma
import Testing
@testable import SomaExportC

@Suite("The generated header")
struct GeneratedHeaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/good")

    /// A fixture and its widest vector, counted by hand from the file.
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let name: String
        let widest: Int
        var testDescription: String { "\(file): widest \(widest)" }
    }

    @Test("NAME_SCRATCH_FLOATS is two of the model's widest vector, through SOMA_SCRATCH_FLOATS",
          arguments: [
              Case(file: "xor.json", name: "xor", widest: 2),                   // 2 -> 2 -> 1
              Case(file: "layout_3_2_4.json", name: "layout", widest: 4),       // 3 -> 2 -> 4
              // 2 -> maxout 3 outputs × 3 pieces -> 1: the 9 rows are never held side by side.
              Case(file: "maxout_2_3x3_1.json", name: "maxout", widest: 3),
          ])
    func scratch(_ example: Case) throws {
        let model = try ModelFile(contentsOf: Self.fixtures.appendingPathComponent(example.file))
        let generated = try GeneratedC(model: model, name: example.name)
        let upper = example.name.uppercased()
        #expect(generated.header.contains("#define \(upper)_SCRATCH_FLOATS SOMA_SCRATCH_FLOATS(\(example.widest))\n"))
        #expect(generated.header.contains("soma_run_with_scratch(&\(example.name)_model"))
    }
}
