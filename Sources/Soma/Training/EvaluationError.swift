/// Why ``Evaluation`` cannot pick the rows to measure on.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No data set was named and the model's training record names none.
    case noDataset
    /// The held-out test split was asked for, but the model records no test split of this data set.
    case noTestSplit(dataset: String)

    public var description: String {
        switch self {
        case .noDataset: return "the model records no data set; name one to evaluate on"
        case .noTestSplit(let dataset): return "the model records no test split of \(dataset); evaluate on all rows"
        }
    }
}
