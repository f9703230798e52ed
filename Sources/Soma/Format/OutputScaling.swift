/// The inverse of the target standardisation, applied to every output after the
/// last layer's activation: `y[k] = fma(y[k], std[k], mean[k])` (one fused
/// multiply-add, one rounding), so a regression model answers in the units of
/// the data it was trained on. Format version 2's `output_scaling` member.
public struct OutputScaling: Sendable, Equatable {
    /// One mean per output (the training targets' mean).
    public var mean: [Float]
    /// One standard deviation per output, each > 0.
    public var std: [Float]

    /// Creates a scaling from means and standard deviations.
    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }

    /// Applies the scaling to one output vector, as the format specifies.
    public func apply(_ y: [Float]) -> [Float] {
        var out = y
        for k in out.indices {
            out[k] = mean[k].addingProduct(y[k], std[k])
        }
        return out
    }

    /// Applies the scaling to a batch, row-major, `mean.count` values per row.
    public func apply(batch y: [Float]) -> [Float] {
        var out = y
        let width = mean.count
        for index in out.indices {
            out[index] = mean[index % width].addingProduct(y[index], std[index % width])
        }
        return out
    }
}
