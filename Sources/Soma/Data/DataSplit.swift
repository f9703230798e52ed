/// A dataset cut into training, validation and test parts by a seed.
public struct DataSplit: Sendable {
    public var train: Dataset
    public var validation: Dataset
    public var test: Dataset

    /// Cuts `dataset` at random but reproducibly: the same seed gives the same parts.
    ///
    /// Classification data is stratified: each class is shuffled on its own and
    /// cut in the same proportions, so small classes reach every part. Within a
    /// part, rows keep the dataset's order; training shuffles them each epoch.
    public init(_ dataset: Dataset, validationFraction: Double, testFraction: Double, seed: UInt64) {
        precondition(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1,
                     "validation and test fractions must be >= 0 and leave rows for training")
        var generator = SplitMix64(seed: seed)
        var groups: [[Int]]
        if case .classes(let indices, let names) = dataset.targets {
            groups = Array(repeating: [], count: names.count)
            for (row, label) in indices.enumerated() { groups[label].append(row) }
        } else {
            groups = [Array(0..<dataset.count)]
        }
        var parts: ([Int], [Int], [Int]) = ([], [], [])
        for var group in groups {
            generator.shuffle(&group)
            let testCount = Int((Double(group.count) * testFraction).rounded())
            let validationCount = Int((Double(group.count) * validationFraction).rounded())
            parts.2 += group.prefix(testCount)
            parts.1 += group.dropFirst(testCount).prefix(validationCount)
            parts.0 += group.dropFirst(testCount + validationCount)
        }
        train = dataset.subset(parts.0.sorted())
        validation = dataset.subset(parts.1.sorted())
        test = dataset.subset(parts.2.sorted())
    }
}
