#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The sigmoid as a graph node: `out = 1 / (1 + exp(-x))` element by element.
///
/// Its derivative is `out · (1 - out)`, so backward needs only the output,
/// which the node keeps. `dx = dout · (out · (1 - out))`, rounded in that order
/// (the trainer's order; the notes' `dout · (1 - out) · out` is the same value
/// in exact arithmetic but may differ in the last bit).
public struct SigmoidNode: GraphLayer {
    /// The last forward pass's output.
    public private(set) var out = Matrix.zeros(rows: 0, cols: 0)

    public init() {}

    public mutating func forward(_ x: Matrix) -> Matrix {
        out = x
        for k in out.values.indices { out.values[k] = 1 / (1 + expf(-x.values[k])) }
        return out
    }

    public mutating func backward(_ dout: Matrix) -> Matrix {
        var dx = dout
        for k in dx.values.indices {
            let y = out.values[k]
            dx.values[k] = dout.values[k] * (y * (1 - y))
        }
        return dx
    }
}
