/// A loss function. Reduction: the mean over every element of the batch
/// (`batchSize * outputs` values), as Keras and PyTorch do by default.
public enum Loss: String, Sendable, Codable, CaseIterable {
    /// Mean squared error: `mean((y - t)²)`.
    case mse

    /// The loss of `predictions` against `targets` (same length).
    public func value(predictions y: [Float], targets t: [Float]) -> Float {
        precondition(y.count == t.count, "predictions and targets differ in length")
        guard !y.isEmpty else { return 0 }
        switch self {
        case .mse:
            var sum: Float = 0
            for k in y.indices {
                let d = y[k] - t[k]
                sum += d * d
            }
            return sum / Float(y.count)
        }
    }

    /// `dLoss/dy` for every element.
    public func gradient(predictions y: [Float], targets t: [Float]) -> [Float] {
        precondition(y.count == t.count, "predictions and targets differ in length")
        let n = Float(max(y.count, 1))
        switch self {
        case .mse:
            return (0..<y.count).map { 2 * (y[$0] - t[$0]) / n }
        }
    }
}
