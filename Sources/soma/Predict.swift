import ArgumentParser
import Foundation

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute a model's outputs for one input, or for CSV rows on stdin.",
        discussion: """
            `soma predict and.json 1 0` prints the output vector on one line, space-separated. \
            With --csv, each comma-separated input row read from stdin gives one comma-separated \
            output row. Values print with 9 significant digits (%.9g), enough to round-trip a Float32.
            """)

    @Argument(help: "The model file (JSON).")
    var model: String

    @Argument(parsing: .allUnrecognized, help: "The input values, e.g. `1 0` (negative numbers allowed).")
    var values: [String] = []

    @Flag(help: "Read comma-separated input rows from stdin; print one output row each.")
    var csv = false

    @Option(help: "Which implementation runs the model: c (the C runtime) or swift (the reference network).")
    var engine: Engine = .c

    func validate() throws {
        if csv && !values.isEmpty { throw ValidationError("give input values or --csv, not both") }
        if !csv && values.isEmpty { throw ValidationError("give the input values, or --csv to read rows from stdin") }
    }

    func run() throws {
        let loaded = try at(model) { try engine.load(model) }
        if csv {
            var lineNumber = 0
            while let line = readLine() {
                lineNumber += 1
                if line.allSatisfy(\.isWhitespace) { continue }
                let input = try parseRow(line.split(separator: ",", omittingEmptySubsequences: false).map(String.init),
                                         expected: loaded.inputs, place: "stdin line \(lineNumber)")
                let output = try at("stdin line \(lineNumber)") { try loaded.run(input) }
                print(output.map(formatted).joined(separator: ","))
            }
        } else {
            let input = try parseRow(values, expected: loaded.inputs, place: "input")
            print(try loaded.run(input).map(formatted).joined(separator: " "))
        }
    }

    private func parseRow(_ fields: [String], expected: Int, place: String) throws -> [Float] {
        guard fields.count == expected else {
            throw CLIError("\(place): \(fields.count) values, the model takes \(expected)")
        }
        return try fields.enumerated().map { index, field in
            guard let value = parseFloat(field) else {
                throw CLIError("\(place): value \(index + 1) '\(field)' is not a finite number")
            }
            return value
        }
    }
}
