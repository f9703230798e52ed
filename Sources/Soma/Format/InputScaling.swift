/// Standardisation applied to every input before the first layer (the file's
/// `input_scaling`): `x[i] = (x[i] - mean[i]) / std[i]`, a binary32 subtraction
/// and then a binary32 division, exactly as the C runtime applies it.
///
/// Training fits one on the training rows (``init(fitting:)``) and scales the
/// data set with it; the exported model carries the same values, so a deployed
/// model sees its inputs exactly as in training.
public struct InputScaling: Sendable, Equatable {
    /// One mean per input.
    public var mean: [Float]
    /// One standard deviation per input, each > 0.
    public var std: [Float]

    /// Creates a scaling from means and standard deviations of equal length.
    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "mean and std differ in length")
        self.mean = mean
        self.std = std
    }

    /// Scales one value of input `column`, in the format's order.
    @inline(__always)
    public func apply(_ value: Float, column: Int) -> Float {
        (value - mean[column]) / std[column]
    }

    /// Scales one input vector.
    public func apply(_ x: [Float]) -> [Float] {
        apply(batch: x)
    }

    /// Scales a row-major batch of input vectors (`mean.count` values each).
    public func apply(batch x: [Float]) -> [Float] {
        let width = mean.count
        var out = x
        for k in out.indices {
            out[k] = apply(x[k], column: k % width)
        }
        return out
    }
}
