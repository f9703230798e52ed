import Soma

/// What `soma train` says about the data before training: the class counts, and
/// warnings about what usually means a mistake in a CSV.
enum DatasetReport {
    /// A class with fewer rows than this is probably a typo in the label column.
    static let fewRows = 3

    /// "classes: setosa 50, versicolor 50, virginica 50", or nil for regression.
    static func classCounts(_ data: Dataset) -> String? {
        guard case .classes(let indices, let names) = data.targets else { return nil }
        let counts = counts(indices, names.count)
        return "classes: " + zip(names, counts).map { "\($0) \($1)" }.joined(separator: ", ")
    }

    static func warnings(_ data: Dataset, isCSV: Bool) -> [String] {
        var warnings: [String] = []
        if isCSV {
            // The label may be a class name; feature names that are all numbers mean a data row.
            if data.featureNames.allSatisfy({ Float($0) != nil }) {
                warnings.append("the column names are numbers (\(data.featureNames.prefix(4).joined(separator: ","))): "
                                + "the file seems to have no header row, so its first data row is read as column names")
            }
        }
        if case .classes(let indices, let names) = data.targets {
            for (name, count) in zip(names, counts(indices, names.count)) where count < fewRows {
                warnings.append("class '\(name)' has only \(count) \(count == 1 ? "row" : "rows") "
                                + "(a mistyped label? regression needs --labels regression)")
            }
        }
        return warnings
    }

    private static func counts(_ indices: [Int], _ classes: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: classes)
        for index in indices { counts[index] += 1 }
        return counts
    }
}
