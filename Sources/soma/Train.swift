import ArgumentParser
import Foundation

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model and export it as a Soma model file.",
        discussion: """
            `soma train NAME` is `soma train data NAME`: a built-in data set or a CSV file \
            (see `soma train data --help` for every option and the defaults per data set).

            Examples:
              soma train iris --out iris.json                 multilayer perceptron, built-in data
              soma train prices.csv --label price --labels regression --out price.json
              soma train gate --gate and --out and.json       perceptron learning rule
              soma train xor --out xor.json                   XOR by backpropagation
            """,
        subcommands: [TrainData.self, TrainGate.self, TrainXOR.self],
        defaultSubcommand: TrainData.self)
}

/// Options every training command shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// Prints `line` unless --quiet, flushed at once (stdout into a pipe or file is
    /// otherwise block-buffered, and a log would fill only at the end).
    func say(_ line: @autoclosure () -> String) {
        if !quiet {
            print(line())
            fflush(nil)
        }
    }
}
