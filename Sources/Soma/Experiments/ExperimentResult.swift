/// What one experiment measured: its tables, its figures (each written as
/// `<name>-<figure>.svg`) and sentences computed from the numbers.
public struct ExperimentResult: Sendable {
    public var experiment: Experiment
    public var tables: [(caption: String, table: ExperimentTable)] = []
    public var figures: [(name: String, figure: Figure)] = []
    /// Sentences built from the measured values (never written by hand), so they stay true.
    public var findings: [String] = []

    public init(experiment: Experiment) { self.experiment = experiment }

    /// The file a figure is written to.
    public func fileName(of figure: String) -> String { "\(experiment.rawValue)-\(figure).svg" }

    /// The result for a terminal: title, question, tables, findings.
    public var text: String {
        var lines = ["\(experiment.title)", "Question: \(experiment.question)", "Setup: \(experiment.setup)", ""]
        for (caption, table) in tables { lines += [caption, table.text, ""] }
        lines += findings.map { "- \($0)" }
        return lines.joined(separator: "\n")
    }

    /// The result as a section of docs/experiments.md; figures linked under `figureDirectory`.
    public func markdown(figureDirectory: String) -> String {
        var lines = ["## \(experiment.title)", "", "`soma experiment \(experiment.rawValue)`", "",
                     "*Question:* \(experiment.question)", "", "*Setup:* \(experiment.setup)", ""]
        for (caption, table) in tables { lines += ["\(caption)", "", table.markdown, ""] }
        for (name, figure) in figures { lines += ["![\(figure.title)](\(figureDirectory)/\(fileName(of: name)))", ""] }
        lines += ["*What the numbers show:*", ""] + findings.map { "- \($0)" } + [""]
        return lines.joined(separator: "\n")
    }
}
