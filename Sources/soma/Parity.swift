import ArgumentParser
import Foundation
import Soma
import SomaParity
import SomaRuntime

struct Parity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run models through the Swift network and the C runtime and compare their bits.",
        discussion: """
            For each model: the 0/1 corner inputs (when it has at most 8 inputs), every row of \
            the built-in data set it records, and --samples seeded random inputs. Prints the samples, how many gave identical output bits, the \
            largest difference in ULPs and in absolute value, and how often the predicted class \
            agrees. Exits non-zero when a model goes past the bound (docs/model-format.md, \
            "Parity bound": 0 ULP on every conforming platform).
            """)

    @Argument(help: "Model files (JSON).")
    var models: [String]

    @Option(help: "Seeded random inputs per model.")
    var samples = 10_000

    @Option(help: "Seed of the random inputs.")
    var seed: UInt64 = 1

    @Option(help: "Largest allowed difference in ULPs (0: bit for bit).")
    var maxUlp: UInt64 = 0

    func validate() throws {
        if models.isEmpty { throw ValidationError("give at least one model file") }
        if samples < 0 { throw ValidationError("--samples must be 0 or more") }
    }

    func run() throws {
        var failed: [String] = []
        var printedHeader = false
        for path in models {
            let report = try at(path) {
                let reference = try ModelFile(contentsOf: URL(fileURLWithPath: path))
                let runtime = try RuntimeModel(contentsOf: path)
                let inputs = ParityCheck.inputs(for: reference, count: samples, seed: seed)
                return try ParityCheck.compare(
                    reference: reference, runtime: runtime, inputs: inputs, boundULP: maxUlp)
            }
            // The header comes with the first row: an error before it leaves no empty table.
            if !printedHeader { print(ParityTable.header); printedHeader = true }
            print(ParityTable.row(path: path, report))
            if !report.withinBound { failed.append(path) }
        }
        if !failed.isEmpty {
            throw CLIError("past the parity bound of \(maxUlp) ULP: \(failed.joined(separator: ", "))")
        }
    }
}

/// The columns `soma parity` prints.
enum ParityTable {
    static let header = pad("model", 28) + pad("samples", 9) + pad("identical", 11)
        + pad("max ULP", 9) + pad("max |diff|", 12) + pad("same class", 12) + "verdict"

    static func row(path: String, _ report: ParityReport) -> String {
        let name = (path as NSString).lastPathComponent
        return pad(name, 28) + pad("\(report.samples)", 9) + pad("\(report.identical)", 11)
            + pad("\(report.maxULP)", 9) + pad(String(format: "%.3g", Double(report.maxAbsolute)), 12)
            + pad("\(report.sameClass)", 12) + (report.withinBound ? "ok" : "PAST BOUND")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
