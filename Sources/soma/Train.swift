import ArgumentParser

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a model and export it as a Soma model file.",
        subcommands: [TrainData.self, TrainGate.self, TrainXOR.self],
        defaultSubcommand: TrainData.self)
}

/// Options every training command shares.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Where to write the model file (written atomically).")
    var out: String

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    /// Prints `line` unless --quiet.
    func say(_ line: @autoclosure () -> String) {
        if !quiet { print(line()) }
    }
}
