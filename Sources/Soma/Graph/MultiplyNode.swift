/// A multiplication node of a computational graph: `out = x · y`.
///
/// Backward, the node hands each input the upstream gradient times the *other*
/// input (`∂(x·y)/∂x = y`), so it swaps its inputs: this is why it keeps them.
/// Scalars in `Double`, as the course's supermarket examples.
public struct MultiplyNode: Sendable {
    /// The inputs of the last ``forward(_:_:)``, kept for ``backward(_:)``.
    public private(set) var x = 0.0
    public private(set) var y = 0.0

    public init() {}

    /// `x · y`, remembering both inputs.
    public mutating func forward(_ x: Double, _ y: Double) -> Double {
        self.x = x
        self.y = y
        return x * y
    }

    /// `(dout · y, dout · x)`: the gradients with respect to `x` and `y`.
    public func backward(_ dout: Double) -> (dx: Double, dy: Double) {
        (dout * y, dout * x)
    }
}
