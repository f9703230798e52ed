/// The affine layer as a graph node: `out = x · W + b` for a batch `x`
/// (rows are samples), `W` being `inputs × outputs` as in the course notes.
///
/// Backward, from `dout` (`rows × outputs`):
/// - `dx = dout · Wᵀ`  (each input's gradient gathers what it fed to every output),
/// - `dW = xᵀ · dout`  (each weight's gradient is its input times its output's gradient, summed over the batch),
/// - `db = Σ_rows dout` (the bias is added to every row, so its gradients add up).
///
/// The arithmetic follows the trainer's ``Dense`` exactly, so both give the same
/// bits: forward starts each output at its bias and adds `x·w` with one rounding
/// (a fused multiply-add), inputs in order, as the model format fixes; backward
/// products round, then add, in order from 0 (``Matrix/dot(_:)``). The trainer
/// stores the same weights transposed (output-major).
public struct AffineNode: GraphLayer {
    /// The weights, `inputs × outputs`.
    public var W: Matrix
    /// The biases, one per output.
    public var b: [Float]
    /// The last forward pass's input.
    public private(set) var x = Matrix.zeros(rows: 0, cols: 0)
    /// The gradients of the last backward pass.
    public private(set) var dW: Matrix
    public private(set) var db: [Float]

    /// An affine layer with weights `W` (`inputs × outputs`) and biases `b`.
    public init(W: Matrix, b: [Float]) {
        precondition(b.count == W.cols, "expected \(W.cols) biases, got \(b.count)")
        self.W = W
        self.b = b
        self.dW = .zeros(rows: W.rows, cols: W.cols)
        self.db = [Float](repeating: 0, count: W.cols)
    }

    public mutating func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == W.rows, "expected \(W.rows) inputs per row, got \(x.cols)")
        self.x = x
        var out = Matrix.zeros(rows: x.rows, cols: W.cols)
        for r in 0..<x.rows {
            for o in 0..<W.cols {
                var sum = b[o]
                for i in 0..<W.rows { sum = sum.addingProduct(x[r, i], W[i, o]) }
                out[r, o] = sum
            }
        }
        return out
    }

    public mutating func backward(_ dout: Matrix) -> Matrix {
        dW = x.transposed.dot(dout)
        db = dout.columnSums
        return dout.dot(W.transposed)
    }
}
