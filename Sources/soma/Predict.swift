import ArgumentParser
import Foundation
import Soma

struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute a model's outputs for one input, or for CSV rows on stdin.",
        discussion: """
            `soma predict and.json 1 0` prints the output vector on one line, space-separated. \
            With --csv, each comma-separated input row read from stdin gives one comma-separated \
            output row. The first line may be a header (any field that is not a number makes it \
            one): when the model records its feature names, columns are then matched by name, \
            the label column is skipped, and other differences are refused, so a training CSV \
            can be piped in as it is. Values print with 9 significant digits (%.9g), enough to \
            round-trip a Float32.

            Examples:
              soma predict xor.json 1 0
              printf '0,0\\n1,1\\n' | soma predict xor.json --csv
              soma predict iris.json --csv < data/iris.csv
            """)

    @Argument(help: "The model file (JSON).")
    var model: String

    @Argument(parsing: .allUnrecognized, help: "The input values, e.g. `1 0` (negative numbers allowed).")
    var values: [String] = []

    @Flag(help: "Read comma-separated input rows from stdin (a header line is allowed); print one output row each.")
    var csv = false

    @Option(help: "Which implementation runs the model: c (the C runtime) or swift (the reference network).")
    var engine: Engine = .c

    func validate() throws {
        if csv && !values.isEmpty { throw ValidationError("give input values or --csv, not both") }
        if !csv && values.isEmpty { throw ValidationError("give the input values, or --csv to read rows from stdin") }
    }

    func run() throws {
        let loaded = try at(model) { try engine.load(model) }
        guard csv else {
            let input = try parseRow(values, expected: loaded.inputs, place: "input")
            print(try loaded.run(input).map(formatted).joined(separator: " "))
            return
        }
        let file = try? ModelFile(contentsOf: URL(fileURLWithPath: model))
        var columns: [Int]?  // from a header: which field feeds each input
        var lineNumber = 0
        var firstLine = true
        while let line = readLine() {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let place = "stdin line \(lineNumber)"
            var fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // The first line is a header when any field is not a number (and not empty).
            if firstLine, fields.contains(where: { !$0.isEmpty && Float($0) == nil }) {
                firstLine = false
                columns = try header(fields, model: file, expected: loaded.inputs, place: place)
                continue
            }
            firstLine = false
            if let columns {
                guard fields.count >= (columns.max() ?? 0) + 1 else {
                    throw CLIError("\(place): \(plural(fields.count, "value")), the header has more columns")
                }
                fields = columns.map { fields[$0] }
            }
            let input = try parseRow(fields, expected: loaded.inputs, place: place)
            let output = try at(place) { try loaded.run(input) }
            print(output.map(formatted).joined(separator: ","))
        }
    }

    /// The field index of each model input, from a header line.
    private func header(_ names: [String], model: ModelFile?, expected: Int, place: String) throws -> [Int] {
        guard let features = model?.featureNames else {
            guard names.count == expected else {
                throw CLIError("\(place): a header of \(plural(names.count, "column")), the model takes \(expected) "
                               + "inputs (it records no feature names to match them by)")
            }
            return Array(0..<expected)
        }
        do {
            return try ColumnMatch.order(of: features, in: names, ignoring: [model?.labelColumn].compactMap { $0 },
                                         place: place)
        } catch {
            throw CLIError(error.description)
        }
    }

    private func parseRow(_ fields: [String], expected: Int, place: String) throws -> [Float] {
        guard fields.count == expected else {
            throw CLIError("\(place): \(plural(fields.count, "value")), the model takes \(expected)")
        }
        return try fields.enumerated().map { index, field in
            try parseNumber(field, place: "\(place): value \(index + 1)")
        }
    }
}

/// "1 value", "3 values".
func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
