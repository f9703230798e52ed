#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Softmax followed by cross-entropy, as one graph node: the last node of a
/// classifier. Its backward pass is strikingly simple, `dx = (y - t) / rows`.
///
/// Forward, for each row of scores `x` with one-hot targets `t`:
/// `y = softmax(x)` (the largest score subtracted first so `exp` cannot
/// overflow), and the row's loss `-Σ t·log y`, computed as `Σ t·(lse - x)` with
/// `lse = log Σ exp x` — the same value, without taking the log of a rounded
/// probability. The batch loss is the mean over rows (``Loss/categoricalCrossEntropy``'s
/// reduction: summed over classes, averaged over rows), the average taken as
/// a product with `1 / rows`, the trainer's order of operations.
public struct SoftmaxWithLossNode: Sendable {
    /// The last forward pass's probabilities and targets.
    public private(set) var y = Matrix.zeros(rows: 0, cols: 0)
    public private(set) var t = Matrix.zeros(rows: 0, cols: 0)
    /// The last forward pass's loss.
    public private(set) var loss: Float = 0

    public init() {}

    /// The mean cross-entropy of `softmax(x)` against the one-hot rows of `t`.
    public mutating func forward(_ x: Matrix, _ t: Matrix) -> Float {
        precondition(x.rows == t.rows && x.cols == t.cols, "scores and targets differ in shape")
        precondition(t.values.allSatisfy { $0 == 0 || $0 == 1 }
                        && (0..<t.rows).allSatisfy { t.row($0).reduce(0, +) == 1 }, "targets must be one-hot rows")
        self.t = t
        y = x
        var total: Float = 0
        for r in 0..<x.rows {
            let scores = x.row(r)
            let m = scores.max()!
            var sum: Float = 0
            for c in 0..<x.cols { sum = sum + expf(scores[c] - m) }
            for c in 0..<x.cols { y[r, c] = expf(scores[c] - m) / sum }
            let lse = m + logf(sum)
            var rowLoss: Float = 0
            for c in 0..<x.cols where t[r, c] != 0 { rowLoss = rowLoss + t[r, c] * (lse - scores[c]) }
            total = total + rowLoss
        }
        loss = total * (1 / Float(x.rows))
        return loss
    }

    /// `dL/dx = (y - t) / rows` (times `dout`, 1 for the loss itself).
    public func backward(_ dout: Float = 1) -> Matrix {
        var dx = y
        let perRow = 1 / Float(y.rows)
        for k in dx.values.indices { dx.values[k] = (y.values[k] - t.values[k]) * perRow * dout }
        return dx
    }
}
