/// Per-feature standardisation, fitted on training data: `x' = (x - mean) / std`.
///
/// The model file stores it as `input_scaling`, and the C runtime applies it with
/// the same two binary32 operations, so a deployed model sees inputs exactly as
/// in training.
public struct Standardization: Sendable, Equatable {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "mean and std differ in length")
        self.mean = mean
        self.std = std
    }

    /// Fits mean and population standard deviation per column (summed in Double).
    /// A constant column gets std 1, so it maps to 0 rather than dividing by zero.
    public init(fitting data: Dataset) {
        let columns = data.featureCount
        var sum = [Double](repeating: 0, count: columns)
        var squares = [Double](repeating: 0, count: columns)
        for row in 0..<data.count {
            for (column, value) in data.row(row).enumerated() {
                sum[column] += Double(value)
                squares[column] += Double(value) * Double(value)
            }
        }
        let n = Double(max(data.count, 1))
        mean = sum.map { Float($0 / n) }
        std = zip(sum, squares).map { total, square in
            let variance = max(square / n - (total / n) * (total / n), 0)
            let deviation = Float(variance.squareRoot())
            return deviation > 1e-6 ? deviation : 1
        }
    }

    /// Applies the scaling to one value of column `column`, in the spec's order.
    @inline(__always)
    public func apply(_ value: Float, column: Int) -> Float {
        (value - mean[column]) / std[column]
    }

    /// A copy of `data` with every feature standardised.
    public func apply(to data: Dataset) -> Dataset {
        var scaled = data
        let columns = data.featureCount
        for index in scaled.features.indices {
            scaled.features[index] = apply(scaled.features[index], column: index % columns)
        }
        return scaled
    }
}
