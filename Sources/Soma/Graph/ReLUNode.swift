/// ReLU as a graph node: `out = max(0, x)` element by element.
///
/// Backward, the gradient flows through where the input was positive and
/// stops where it was not (`∂out/∂x` is 1 or 0), so the node keeps that mask.
public struct ReLUNode: GraphLayer {
    /// `true` where the last forward pass's input was > 0.
    public private(set) var mask: [Bool] = []

    public init() {}

    public mutating func forward(_ x: Matrix) -> Matrix {
        mask = x.values.map { $0 > 0 }
        var out = x
        for k in out.values.indices where !mask[k] { out.values[k] = 0 }
        return out
    }

    public mutating func backward(_ dout: Matrix) -> Matrix {
        var dx = dout
        for k in dx.values.indices where !mask[k] { dx.values[k] = 0 }
        return dx
    }
}
