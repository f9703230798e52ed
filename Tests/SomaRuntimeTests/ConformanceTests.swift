import Foundation
import Testing
import Soma
import SomaRuntime

/// One reader's verdict on one file: accepted, or refused with an error kind
/// (``ModelFileError/Kind``'s names, plus C's `capacity` and `memory`) and a message.
struct Verdict: Equatable, CustomStringConvertible {
    /// `nil` when the file is accepted.
    var kind: String?
    var message: String

    static let accepted = Verdict(kind: nil, message: "")

    var description: String { kind.map { "refused (\($0)): \(message)" } ?? "accepted" }
}

/// Every model file under Tests/ and models/, good and bad, through the three
/// readers of the format: the C loader (`soma_verify_file`: load, then the
/// self-test), the Swift reader (`ModelFile`, then ``ModelFile/verifySelfTest()``)
/// and the JSON Schema (`Tests/schema/verdicts.py`, the `jsonschema` package,
/// draft 2020-12). All three must give the same verdict and both readers the
/// same error kind at the same place, except for the differences listed in
/// ``ConformanceTests/ByDesign``. A new fixture is covered by adding the file.
@Suite("One format, three readers")
struct ConformanceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The folders of model files, relative to the repository root.
    static let folders = ["Tests/fixtures/good", "Tests/fixtures/bad", "Tests/schema/valid", "Tests/schema/invalid",
                          "models"]

    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { "\(folder)/\($0)" }
    }

    static let allFiles = folders.flatMap(files(in:))

    /// Differences between the readers that the format intends, each with its reason.
    enum ByDesign {
        /// The C runtime holds a model in storage sized at compile time
        /// (`SOMA_MAX_WIDTH`, `SOMA_MAX_LAYERS`, `SOMA_MAX_PARAMS`): a file over
        /// those limits is a valid model this build of the runtime cannot hold
        /// (`SOMA_E_CAPACITY`). The Swift reader and the schema have no such
        /// limits. C checks them while measuring the model, before it reads
        /// the arrays, so for such files the format's verdict is Swift's.
        static func isCapacity(c: Verdict) -> Bool { c.kind == "capacity" }

        /// JSON Schema judges one value at a time: it cannot compare an array's
        /// length with a size, chain layers, recompute a checksum or run a
        /// model. Both readers refuse such files; the schema accepts them.
        static let schemaBlindKinds: Set<String> = ["shape", "checksum", "self-test"]

        /// Single files the schema cannot judge, and why.
        static let schemaBlindFiles: [String: String] = [
            "deep_nesting.json": "JSON Schema cannot bound nesting depth (the format allows 32 levels)",
            "training_nested_33.json": "JSON Schema cannot bound nesting depth (the format allows 32 levels)",
            "packed_nan.json": "JSON Schema cannot decode base64: values inside a packed array are the readers' to check",
            "packed_infinity.json": "JSON Schema cannot decode base64: values inside a packed array are the readers' to check",
            "name_64_bytes_utf8.json": "JSON Schema counts characters, the format's name limit counts UTF-8 bytes",
        ]
    }

    /// The schema's verdicts on every file, from one run of Tests/schema/verdicts.py.
    static let schemaVerdicts: Result<[String: Verdict], SchemaRunError> = runSchema(allFiles)

    struct SchemaRunError: Error, CustomStringConvertible { var description: String }

    static func runSchema(_ files: [String]) -> Result<[String: Verdict], SchemaRunError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "Tests/schema/verdicts.py"] + files
        process.currentDirectoryURL = root
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return .failure(SchemaRunError(description: "cannot run python3: \(error)")) }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(SchemaRunError(description: "Tests/schema/verdicts.py failed (make deps installs jsonschema): \(stderr)"))
        }
        var verdicts: [String: Verdict] = [:]
        for (file, value) in object {
            verdicts[file] = (value as? String).map { Verdict(kind: "schema", message: $0) } ?? .accepted
        }
        return .success(verdicts)
    }

    static func cVerdict(_ path: String) -> Verdict {
        do {
            let report = try RuntimeModel.verify(contentsOf: path)
            return report.passed ? .accepted : Verdict(kind: "self-test", message: report.message)
        } catch {
            return Verdict(kind: kindName(error.status), message: error.message)
        }
    }

    static func swiftVerdict(_ path: String) -> (Verdict, place: String?) {
        do {
            let model = try ModelFile(contentsOf: URL(fileURLWithPath: path))
            try model.verifySelfTest()
            return (.accepted, nil)
        } catch {
            return (Verdict(kind: error.kind.rawValue, message: error.description), error.path)
        }
    }

    /// C's status as the name of the matching ``ModelFileError/Kind``.
    static func kindName(_ status: RuntimeStatus) -> String {
        switch status {
        case .selfTest: return ModelFileError.Kind.selfTest.rawValue
        default: return "\(status)"
        }
    }

    /// "line L, column C" of a syntax error's message, if it names one.
    static func line(_ message: String) -> Substring? {
        message.firstMatch(of: /line \d+, column \d+/).map { message[$0.range] }
    }

    @Test("every folder of model files exists and holds files", arguments: folders)
    func folderHasFiles(_ folder: String) {
        #expect(!Self.files(in: folder).isEmpty, "\(folder) is missing or holds no .json files")
    }

    @Test("every model file gets one verdict from C, Swift and the schema", arguments: allFiles)
    func sameVerdict(_ file: String) throws {
        let path = Self.root.appendingPathComponent(file).path
        let name = URL(fileURLWithPath: file).lastPathComponent
        let c = Self.cVerdict(path)
        let (swift, place) = Self.swiftVerdict(path)
        let schema = try Self.schemaVerdicts.get()[file] ?? Verdict(kind: "schema", message: "no verdict for \(file)")
        let show = "\(file)\n  C:      \(c)\n  Swift:  \(swift)\n  schema: \(schema)"

        // Both readers: the same verdict, the same kind, the same place.
        if ByDesign.isCapacity(c: c) {
            // C stopped at its capacity before reading the arrays; the format's verdict is Swift's.
            // A value the format itself refuses (a size over 2^31 - 1) is not a capacity matter.
            #expect(swift.kind != "value", "the format refuses this value; C must say so, not capacity\n\(show)")
        } else {
            #expect(c.kind == swift.kind, "the readers disagree\n\(show)")
        }
        if let place, !place.isEmpty, c.kind == swift.kind {
            #expect(c.message.hasPrefix(place + ":") || c.message.hasPrefix(place + " "),
                    "the readers name different places (Swift: \(place))\n\(show)")
        } else if swift.kind == "json", let line = Self.line(swift.message) {
            #expect(Self.line(c.message) == line, "the readers name different places in the text\n\(show)")
        }
        // The schema: the same verdict, unless it cannot see the rule.
        let readersRefuse = swift.kind != nil
        let schemaRefuses = schema.kind != nil
        if readersRefuse, !schemaRefuses,
           ByDesign.schemaBlindKinds.contains(swift.kind!) || ByDesign.schemaBlindFiles[name] != nil {
            return
        }
        #expect(readersRefuse == schemaRefuses, "the schema disagrees with the readers\n\(show)")
    }

    @Test("the by-design list names only files that exist")
    func byDesignFilesExist() {
        let names = Set(Self.allFiles.map { URL(fileURLWithPath: $0).lastPathComponent })
        for name in ByDesign.schemaBlindFiles.keys { #expect(names.contains(name), "\(name) is listed but missing") }
    }
}
