import ArgumentParser
import Foundation

@main
struct SomaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soma",
        abstract: "Train small neural networks in Swift, export them as JSON, run them in C.",
        discussion: """
            Models are JSON files in the Soma model format (docs/model-format.md). \
            `predict`, `evaluate` and `verify` use the C runtime unless told otherwise; \
            `parity` runs both implementations and compares their bits; `export-c` writes a \
            model as C source for the runtime's core alone (no JSON, no heap, no files). \
            docs/embedding.md shows the three ways to use a model elsewhere.

            Examples:
              soma train gate --gate and --out and.json     the perceptron learning rule
              soma train xor --out xor.json                 XOR by backpropagation
              soma train iris --out iris.json               a built-in data set, good defaults
              soma train diabetes --out diabetes.json       regression (targets standardised)
              soma evaluate iris.json                       accuracy and confusion matrix
              soma predict xor.json 1 0                     one input through the C runtime
              soma inspect iris.json                        layers, parameters, training summary
              soma parity models/*.json                     Swift vs C, bit for bit
              soma export-c xor.json --name xor --out gen/  the model as const C data
            """,
        version: "0.1.0",
        subcommands: [Train.self, Evaluate.self, Predict.self, Inspect.self, Verify.self, Parity.self,
                      Lesson.self, Plot.self, Experiment.self, Report.self, Import.self, ExportONNX.self,
                      ExportC.self])

    /// A mistyped command gets a suggestion before parsing.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, let message = CommandSuggestion.unknownCommandMessage(first) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(64)
        }
        main(arguments)
    }
}
