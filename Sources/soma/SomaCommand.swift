import ArgumentParser

@main
struct SomaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soma",
        abstract: "Train small neural networks in Swift, export them as JSON, run them in C.",
        discussion: """
            Models are JSON files in the Soma model format (docs/model-format.md). \
            `predict` and `inspect` use the C runtime unless told otherwise; `parity` \
            runs both implementations and compares their bits.
            """,
        version: "0.1.0",
        subcommands: [Train.self, Evaluate.self, Predict.self, Inspect.self, Verify.self, Parity.self,
                      Lesson.self, Plot.self, Experiment.self, Report.self])
}
