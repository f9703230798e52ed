/// A table of examples: numeric features (one row per example) and a target per row.
///
/// Features live in one flat row-major buffer (`features[row * featureCount + column]`)
/// so that training reads them without per-row allocation.
public struct Dataset: Sendable {
    /// What is predicted: a class out of `names`, or a number.
    public enum Targets: Sendable, Equatable {
        /// Class index per row, into `names` (the labels a model file records).
        case classes([Int], names: [String])
        /// One real value per row (regression).
        case values([Float])
    }

    /// Where the data came from ("iris", "moons", a file name).
    public var name: String
    /// One name per feature column.
    public var featureNames: [String]
    /// The column the targets came from, when the data has one (a CSV's label column).
    public var labelName: String?
    /// Row-major features, `count * featureCount` values.
    public var features: [Float]
    /// The targets, one per row.
    public var targets: Targets

    public init(name: String, featureNames: [String], features: [Float], targets: Targets, labelName: String? = nil) {
        precondition(!featureNames.isEmpty, "a dataset needs at least one feature")
        precondition(features.count % featureNames.count == 0, "features do not fill whole rows")
        self.name = name
        self.featureNames = featureNames
        self.labelName = labelName
        self.features = features
        self.targets = targets
        precondition(targetCount == count, "\(targetCount) targets for \(count) rows")
    }

    /// Number of feature columns.
    public var featureCount: Int { featureNames.count }
    /// Number of rows.
    public var count: Int { features.count / featureCount }

    /// The class names for classification, nil for regression.
    public var classNames: [String]? {
        if case .classes(_, let names) = targets { return names }
        return nil
    }

    /// Features of one row.
    public func row(_ index: Int) -> ArraySlice<Float> {
        features[index * featureCount ..< (index + 1) * featureCount]
    }

    /// A new dataset holding the given rows, in the given order.
    public func subset(_ rows: [Int]) -> Dataset {
        var picked: [Float] = []
        picked.reserveCapacity(rows.count * featureCount)
        for index in rows { picked.append(contentsOf: row(index)) }
        let newTargets: Targets
        switch targets {
        case .classes(let indices, let names): newTargets = .classes(rows.map { indices[$0] }, names: names)
        case .values(let values): newTargets = .values(rows.map { values[$0] })
        }
        return Dataset(name: name, featureNames: featureNames, features: picked, targets: newTargets, labelName: labelName)
    }

    private var targetCount: Int {
        switch targets {
        case .classes(let indices, _): return indices.count
        case .values(let values): return values.count
        }
    }
}
