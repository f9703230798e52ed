import ArgumentParser
import Foundation
import Soma

extension Soma.Experiment: ExpressibleByArgument {}

struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a seeded experiment that answers one of the course's questions by measuring.",
        discussion: """
            Prints the experiment's tables and what they show, and writes its plots (SVG) to --out. \
            `all` runs every experiment; with --markdown it also writes the document (make experiments \
            regenerates docs/experiments.md this way). Without a name, lists the experiments.

            Examples:
              soma experiment                              # the list
              soma experiment perceptron --out plots       # AND, OR, NAND learnt; XOR never
              soma experiment all --out docs/experiments --markdown docs/experiments.md
            """)

    @Argument(help: "The experiment, or `all`.")
    var name: String?

    @Option(help: ArgumentHelp("Where to write the plots.", valueName: "directory"))
    var out: String = "."

    @Option(help: ArgumentHelp("With `all`: also write the Markdown document here.", valueName: "file.md"))
    var markdown: String?

    func validate() throws {
        if let name, name != "all", Soma.Experiment(rawValue: name) == nil {
            throw ValidationError("unknown experiment '\(name)'; one of: all, "
                                  + Soma.Experiment.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if markdown != nil && name != "all" { throw ValidationError("--markdown goes with `all`") }
    }

    func run() throws {
        guard let name else {
            for experiment in Soma.Experiment.allCases {
                print("\(experiment.rawValue.padding(toLength: 21, withPad: " ", startingAt: 0))\(experiment.title)")
            }
            print("Run one with: soma experiment NAME --out DIR")
            return
        }
        let experiments = name == "all" ? Soma.Experiment.allCases : [Soma.Experiment(rawValue: name)!]
        let directory = URL(fileURLWithPath: out)
        try at(out) { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
        var results: [ExperimentResult] = []
        for experiment in experiments {
            let result = experiment.run()
            print(result.text)
            for (figureName, figure) in result.figures {
                let file = directory.appendingPathComponent(result.fileName(of: figureName))
                try at(file.path) { try AtomicFile.write(Data(figure.svg.utf8), to: file) }
                print("wrote \(file.path)")
            }
            print("")
            results.append(result)
        }
        if let markdown {
            // Links relative to the document's folder.
            let documentFolder = URL(fileURLWithPath: markdown).deletingLastPathComponent().standardizedFileURL.path
            let figures = directory.standardizedFileURL.path
            let relative = figures.hasPrefix(documentFolder + "/") ? String(figures.dropFirst(documentFolder.count + 1)) : figures
            let text = ExperimentsDocument.markdown(results, figureDirectory: relative)
            try at(markdown) { try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: markdown)) }
            print("wrote \(markdown)")
        }
    }
}
