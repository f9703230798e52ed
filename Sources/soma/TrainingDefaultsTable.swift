import Soma

/// The per-data-set defaults, one line each, for `soma train data --help`:
/// read from ``TrainingSettings/defaults(for:)`` so the help cannot drift.
enum TrainingDefaultsTable {
    static var text: String {
        var groups: [(names: [String], line: String)] = []
        for dataset in BuiltinDataset.allCases.map(Optional.some) + [nil] {
            let line = describe(TrainingSettings.defaults(for: dataset))
            let name = dataset?.rawValue ?? "CSV"
            if let index = groups.firstIndex(where: { $0.line == line }) {
                groups[index].names.append(name)
            } else {
                groups.append(([name], line))
            }
        }
        return groups.map { "  \($0.names.joined(separator: ", ")):\n" + wrapped($0.line, indent: "      ") }
            .joined(separator: "\n")
    }

    /// `text` in lines of at most 78 characters, each starting with `indent`
    /// (the help printer would otherwise wrap it without the indentation).
    static func wrapped(_ text: String, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 78 && line != indent {
                lines.append(line)
                line = indent
            }
            line += (line == indent ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    static func describe(_ s: TrainingSettings) -> String {
        let hidden = s.hidden.isEmpty ? "0" : s.hidden.map(String.init).joined(separator: ",")
        let activation = s.hiddenActivations.map(\.kind.rawValue).joined(separator: ",")
        // Flags and values together, so "--epochs 300" stays on one line.
        var parts = ["--hidden \(hidden)", "--activation \(activation)",
                     "--optimizer \(s.optimizer.kind.rawValue)", "--learning-rate \(s.optimizer.learningRate)",
                     "--epochs \(s.epochs)", "--batch-size \(s.batchSize)",
                     "--patience \(s.patience ?? 0)",
                     "--validation \(s.validationFraction)", "--test \(s.testFraction)"]
        if !s.standardize { parts.append("--no-standardize") }
        return parts.map { $0.replacingOccurrences(of: " ", with: "\u{00A0}") }.joined(separator: " ")
    }
}
