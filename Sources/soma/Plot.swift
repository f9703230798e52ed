import ArgumentParser
import Foundation
import Soma

struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw activations, training histories, gradient norms, decision regions and weights as SVG.",
        discussion: """
            Every plot is an SVG file written by Soma itself: the same input gives the same bytes.

            Examples:
              soma plot activations --out activations.svg
              soma plot history models/moons.history.csv --out moons-history.svg
              soma train moons --record-gradient-norms --out moons.json
              soma plot gradients moons.history.csv --out moons-gradients.svg
              soma plot boundary models/moons.json --out moons-boundary.svg
              soma plot weights models/digits.json --out digits-weights.svg
            """,
        subcommands: [Activations.self, History.self, Gradients.self, Boundary.self, Weights.self])

    struct Output: ParsableArguments {
        @Option(help: ArgumentHelp("The SVG file to write.", valueName: "file.svg"))
        var out: String

        func write(_ figure: Figure) throws {
            try at(out) { try AtomicFile.write(Data(figure.svg.utf8), to: URL(fileURLWithPath: out)) }
            print("wrote \(out)")
        }
    }

    struct Activations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every activation and its derivative, one panel each (softmax: the first of softmax([z, 0]); maxout: one unit, max(z, -0.5z + 1)).")
        @OptionGroup var output: Output
        func run() throws { try output.write(ActivationsPlot.figure()) }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Loss and accuracy (or MAE) per epoch, training and validation, from NAME.history.csv.")
        @Argument(help: "The history CSV `soma train` writes beside the model.")
        var csv: String
        @OptionGroup var output: Output
        func run() throws {
            let (history, name) = try readHistory(csv)
            try output.write(try history.figure(title: "Training history of \(name)"))
        }
    }

    struct Gradients: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-layer weight-gradient norms over training (log scale), from NAME.history.csv.",
            discussion: """
                The history must have been recorded with `soma train … --record-gradient-norms`: its \
                weight_grad_norm_layer<i> columns hold, after each epoch, the L2 norm of the gradient of \
                the mean training loss over the whole training split with respect to layers[i]'s weights.
                """)
        @Argument(help: "The history CSV `soma train --record-gradient-norms` writes beside the model.")
        var csv: String
        @OptionGroup var output: Output
        func run() throws {
            let (history, name) = try readHistory(csv)
            try output.write(try GradientNormsPlot.figure(history, title: "Gradient norms of \(name), layer by layer",
                                                          source: csv))
        }
    }

    struct Boundary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The decision regions of a two-input classifier, with its data set's rows on top.",
            discussion: """
                The data drawn is the built-in set the model records (gates, xor, moons, circles, spirals), \
                rebuilt from its recorded seed, or the one --dataset names; all its rows are drawn.
                """)
        @Argument(help: "The model file (JSON).")
        var model: String
        @Option(help: "A two-feature built-in data set to draw (default: the one the model records, if any).")
        var dataset: String?
        @OptionGroup var output: Output
        func run() throws {
            let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
            let data = try at(model) { try recordedData(of: file, named: dataset) }
            let plot = try at(model) { try BoundaryPlot(model: file, data: data) }
            try output.write(try at(model) { try plot.figure() })
        }
    }

    struct Weights: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Per-layer histograms of a model's dense weights.")
        @Argument(help: "The model file (JSON).")
        var model: String
        @OptionGroup var output: Output
        func run() throws {
            let file = try at(model) { try ModelFile(contentsOf: URL(fileURLWithPath: model)) }
            try output.write(try at(model) { try WeightsPlot.figure(file) })
        }
    }
}

/// A history CSV and the run's name (the file's name without `.history.csv`).
private func readHistory(_ csv: String) throws -> (history: TrainingHistory, name: String) {
    let history = try TrainingHistory(contentsOf: URL(fileURLWithPath: csv))
    return (history, URL(fileURLWithPath: csv).lastPathComponent.replacingOccurrences(of: ".history.csv", with: ""))
}

/// The built-in data set `name` names, or the one the model records (by its
/// `training.dataset`, or by its own name for the gates), rebuilt from the
/// recorded seed; nil when there is none.
func recordedData(of model: ModelFile, named name: String?) throws -> Dataset? {
    if let name {
        guard let builtin = BuiltinDataset(rawValue: name) else {
            throw CLIError("--dataset \(name): not a built-in data set (\(BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return try builtin.load(seed: model.training?["seed"].flatMap { UInt64($0.description) } ?? 1)
    }
    let recorded = model.training?["dataset"]?.stringValue ?? model.name
    guard let builtin = BuiltinDataset(rawValue: recorded) else { return nil }
    return try builtin.load(seed: model.training?["seed"].flatMap { UInt64($0.description) } ?? 1)
}
