import ArgumentParser
import SomaRuntime

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check models against their own self-test vectors, in the C runtime.",
        discussion: """
            Every model Soma exports carries a few inputs with the outputs (and each layer's \
            outputs) the Swift network computed for them. This recomputes them with the C runtime \
            on this machine and compares bits: it prints pass, or the first layer and value that \
            diverge with the difference in ULPs and absolute value, and exits non-zero on a \
            divergence. The same check is `build/soma-run --verify MODEL` and soma_verify_file() in C.
            """)

    @Argument(help: "Model files (JSON).")
    var models: [String]

    func validate() throws {
        if models.isEmpty { throw ValidationError("give at least one model file") }
    }

    func run() throws {
        var failed: [String] = []
        for path in models {
            let report = try at(path) { try RuntimeModel.verify(contentsOf: path) }
            print("\(path): \(report.message)")
            if !report.passed { failed.append(path) }
        }
        if !failed.isEmpty { throw CLIError("self-test failed: \(failed.joined(separator: ", "))") }
    }
}
