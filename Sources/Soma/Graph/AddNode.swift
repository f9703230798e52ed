/// An addition node of a computational graph: `out = x + y`.
///
/// Backward, it passes the upstream gradient to both inputs unchanged
/// (`∂(x+y)/∂x = ∂(x+y)/∂y = 1`), so it needs to remember nothing.
/// Scalars in `Double`, as the course's supermarket examples.
public struct AddNode: Sendable {
    public init() {}

    /// `x + y`.
    public func forward(_ x: Double, _ y: Double) -> Double {
        x + y
    }

    /// `(dout, dout)`: the gradients with respect to `x` and `y`.
    public func backward(_ dout: Double) -> (dx: Double, dy: Double) {
        (dout, dout)
    }
}
