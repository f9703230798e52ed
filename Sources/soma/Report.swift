import ArgumentParser
import Foundation
import Soma
import SomaParity
import SomaRuntime

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML page about a model.",
        discussion: """
            The page shows the architecture with each layer's activation, the training curves the model \
            records, the confusion matrix on its recorded data set (Swift reference forward pass; the held-out \
            test rows when the model records its split), the decision regions for two inputs, and the \
            self-test and parity (Swift against C, bit for bit, on 1,000 seeded inputs, the 0/1 corners and the data set's rows) verdicts. \
            Everything is inline: the page fetches nothing (a short script only records where the figures are, for tests).

            Example:
              soma report models/moons.json --out moons.html
            """)

    @Argument(help: "The model file (JSON).")
    var model: String

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "file.html"))
    var out: String

    func run() throws {
        let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
        let data = try at(model) { try recordedData(of: file, named: nil) }
        let parity: String = {
            do {
                let runtime = try RuntimeModel(contentsOf: model)
                let inputs = ParityCheck.inputs(for: file, count: 1_000, seed: 1)
                let report = try ParityCheck.compare(reference: file, runtime: runtime, inputs: inputs, boundULP: 0)
                return report.withinBound
                    ? "passed: \(report.identical) of \(report.samples) inputs give identical output bits (0 ULP)"
                    : "failed: largest difference \(report.maxULP) ULP over \(report.samples) inputs"
            } catch {
                return "not run: \(error)"
            }
        }()
        let html = try at(model) { try ModelReport(model: file, data: data, parityVerdict: parity).html() }
        try at(out) { try AtomicFile.write(Data(html.utf8), to: URL(fileURLWithPath: out)) }
        print("wrote \(out)")
    }
}
