extension Dataset {
    /// The same rows with their feature columns in `names`' order, matched by
    /// name: a CSV whose columns are reordered gives the model what it was
    /// trained on. Throws, naming the columns, when the names differ.
    public func matchingColumns(_ names: [String], place: String) throws(DataError) -> Dataset {
        if names == featureNames { return self }
        let order = try ColumnMatch.order(of: names, in: featureNames, ignoring: [], place: place)
        var picked: [Float] = []
        picked.reserveCapacity(features.count)
        for row in 0..<count {
            let values = self.row(row)
            for column in order { picked.append(values[values.startIndex + column]) }
        }
        return Dataset(name: name, featureNames: names, features: picked, targets: targets, labelName: labelName)
    }
}

/// Matches a data header to the columns a model was trained on.
public enum ColumnMatch {
    /// For each of `wanted`, its index in `header`. Columns of `header` listed in
    /// `ignoring` (the label column) may be present and are skipped; any other
    /// column not in `wanted`, or any of `wanted` not in `header`, is refused.
    public static func order(of wanted: [String], in header: [String], ignoring: [String],
                             place: String) throws(DataError) -> [Int] {
        let missing = wanted.filter { !header.contains($0) }
        let extra = header.filter { !wanted.contains($0) && !ignoring.contains($0) }
        if !missing.isEmpty || !extra.isEmpty {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("not in the model: \(extra.joined(separator: ", "))") }
            throw DataError("\(place): the columns do not match the model's (\(parts.joined(separator: "; "))); "
                            + "the model takes \(wanted.joined(separator: ", "))")
        }
        return wanted.map { header.firstIndex(of: $0)! }
    }
}
