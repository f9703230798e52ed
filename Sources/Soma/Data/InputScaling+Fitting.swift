extension InputScaling {
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
        let mean = sum.map { Float($0 / n) }
        let std = zip(sum, squares).map { total, square in
            let variance = max(square / n - (total / n) * (total / n), 0)
            let deviation = Float(variance.squareRoot())
            return deviation > 1e-6 ? deviation : 1
        }
        self.init(mean: mean, std: std)
    }

    /// A copy of `data` with every feature scaled.
    public func apply(to data: Dataset) -> Dataset {
        var scaled = data
        scaled.features = apply(batch: data.features)
        return scaled
    }
}
