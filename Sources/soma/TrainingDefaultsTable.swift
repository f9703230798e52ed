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
        return groups.map { "  \($0.names.joined(separator: ", ")): \($0.line)" }.joined(separator: "\n")
    }

    static func describe(_ s: TrainingSettings) -> String {
        let hidden = s.hidden.isEmpty ? "0" : s.hidden.map(String.init).joined(separator: ",")
        let activation = s.hiddenActivations.map(\.kind.rawValue).joined(separator: ",")
        var parts = ["--hidden \(hidden)", "--activation \(activation)",
                     "--optimizer \(s.optimizer.kind.rawValue)", "--learning-rate \(s.optimizer.learningRate)",
                     "--epochs \(s.epochs)", "--batch-size \(s.batchSize)",
                     "--patience \(s.patience ?? 0)",
                     "--validation \(s.validationFraction)", "--test \(s.testFraction)"]
        if !s.standardize { parts.append("--no-standardize") }
        return parts.joined(separator: " ")
    }
}
