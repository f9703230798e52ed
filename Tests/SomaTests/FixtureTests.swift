import Foundation
import Testing
@testable import Soma

/// The repository's shared model fixtures (also read by the C runtime's tests and the schema check).
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String) -> [String] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    /// The folders the parameterised tests below walk; each must exist and hold files.
    static let folders = ["fixtures/good", "fixtures/bad", "schema/valid", "schema/invalid"]

    /// Valid by the format, refused only for the C runtime's compile-time capacity
    /// (SOMA_MAX_LAYERS); this library has no such limit. (too_wide.json and
    /// too_many_params.json are also malformed, and refused here for that.)
    static let capacityOnly: Set<String> = ["too_many_layers.json"]

    static let good = files("fixtures/good") + files("schema/valid")
    static let bad = (files("fixtures/bad") + files("schema/invalid"))
        .filter { !capacityOnly.contains(URL(fileURLWithPath: $0).lastPathComponent) }
}

@Suite("Shared fixtures")
struct FixtureTests {
    @Test("every good fixture reads, verifies its self-test and round-trips bit for bit", arguments: Fixtures.good)
    func good(_ path: String) throws {
        let model = try ModelFile(contentsOf: Fixtures.root.appendingPathComponent(path))
        try model.verifySelfTest()
        let back = try ModelFile(jsonData: model.jsonData())
        for (a, b) in zip(model.layers, back.layers) { expectSameBits(a.parameterValues, b.parameterValues) }
    }

    @Test("every fixture folder exists and holds .json files", arguments: Fixtures.folders)
    func folderHasFiles(_ folder: String) {
        #expect(!Fixtures.files(folder).isEmpty, "Tests/\(folder) is missing or empty: its tests would pass with no cases")
    }

    /// The kind of each bad fixture is checked against the C runtime's status in
    /// SomaRuntimeTests' ConformanceTests; here: refused while reading the
    /// document (never an I/O error), with a place.
    @Test("every bad fixture is refused with a kind and a place", arguments: Fixtures.bad)
    func bad(_ path: String) {
        do {
            let model = try ModelFile(contentsOf: Fixtures.root.appendingPathComponent(path))
            // Self-test vectors are checked on request, as the C runtime's soma_verify does.
            try model.verifySelfTest()
            Issue.record("accepted \(path) (\(model.name))")
        } catch {
            #expect(error.kind != .io, "\(path): \(error)")
            let hasPlace = !error.path.isEmpty || error.message.contains(/line \d+, column \d+/)
                || error.message.hasPrefix("the document")
            #expect(hasPlace, "\(path): no path or line in \"\(error)\"")
        }
    }
}
