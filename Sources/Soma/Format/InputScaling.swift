/// Standardisation applied to every input before the first layer:
/// `x[i] = (x[i] - mean[i]) / std[i]`.
public struct InputScaling: Sendable, Equatable {
    /// One mean per input.
    public var mean: [Float]
    /// One standard deviation per input, each > 0.
    public var std: [Float]

    /// Creates a scaling from means and standard deviations.
    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }

    /// Applies the scaling exactly as the format specifies (a subtraction, then a division).
    public func apply(_ x: [Float]) -> [Float] {
        var out = x
        for i in out.indices {
            out[i] = (x[i] - mean[i]) / std[i]
        }
        return out
    }
}
