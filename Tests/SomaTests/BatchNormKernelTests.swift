import Testing
@testable import Soma

/// The batch-norm kernels against the scalar loops they replaced, written out
/// here feature by feature with the rows summed in order: any other order of
/// the sums (or a fused product) changes bits that this compares exactly.
@Suite("Batch-norm kernels")
struct BatchNormKernelTests {
    /// rows × features: one row, fewer and more features than a vector holds, vector tails.
    static let shapes: [(rows: Int, size: Int)] = [(1, 1), (2, 3), (3, 17), (5, 40), (9, 7), (32, 33), (31, 64)]

    /// Values of mixed sign and magnitude (2^-4 … 2^4) around an offset, so rounding depends on the order.
    static func values(_ count: Int, _ g: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in
            let scale = Float(1 << Int(g.next() % 9)) / 16
            return 0.3 + scale * (2 * g.unitFloat() - 1)
        }
    }

    static func layer(size: Int, _ g: inout SplitMix64) -> BatchNorm {
        var bn = BatchNorm(size: size, activation: .identity)
        bn.gamma = values(size, &g)
        bn.beta = values(size, &g)
        bn.runningMean = values(size, &g)
        bn.runningVariance = values(size, &g).map { $0 * $0 + 0.01 }
        return bn
    }

    /// Training forward, scalar, as BatchNorm computed it before the kernels.
    static func referenceForward(_ bn: inout BatchNorm, _ x: [Float], rows: Int)
        -> (z: [Float], xhat: [Float], invStd: [Float]) {
        let size = bn.size
        var z = [Float](repeating: 0, count: x.count), xhat = z, invStd = [Float](repeating: 0, count: size)
        let n = Float(rows)
        for k in 0..<size {
            var sum: Float = 0
            for b in 0..<rows { sum += x[b * size + k] }
            let mean = sum / n
            var squares: Float = 0
            for b in 0..<rows {
                let d = x[b * size + k] - mean
                squares += d * d
            }
            let variance = squares / n
            let inv = 1 / (variance + bn.epsilon).squareRoot()
            invStd[k] = inv
            for b in 0..<rows {
                let j = b * size + k
                xhat[j] = (x[j] - mean) * inv
                z[j] = bn.gamma[k] * xhat[j] + bn.beta[k]
            }
            let unbiased = rows > 1 ? squares / Float(rows - 1) : variance
            bn.runningMean[k] = (1 - bn.momentum) * bn.runningMean[k] + bn.momentum * mean
            bn.runningVariance[k] = (1 - bn.momentum) * bn.runningVariance[k] + bn.momentum * unbiased
        }
        return (z, xhat, invStd)
    }

    /// Training backward from dz, scalar.
    static func referenceBackward(_ bn: BatchNorm, dz: [Float], xhat: [Float], invStd: [Float], rows: Int)
        -> (dx: [Float], dGamma: [Float], dBeta: [Float]) {
        let size = bn.size
        var dGamma = [Float](repeating: 0, count: size), dBeta = dGamma, dx = [Float](repeating: 0, count: dz.count)
        let n = Float(rows)
        for k in 0..<size {
            var sumDxhat: Float = 0, sumDxhatXhat: Float = 0
            for b in 0..<rows {
                let j = b * size + k
                dGamma[k] += dz[j] * xhat[j]
                dBeta[k] += dz[j]
                let dxh = dz[j] * bn.gamma[k]
                sumDxhat += dxh
                sumDxhatXhat += dxh * xhat[j]
            }
            for b in 0..<rows {
                let j = b * size + k
                dx[j] = invStd[k] / n * (n * (dz[j] * bn.gamma[k]) - sumDxhat - xhat[j] * sumDxhatXhat)
            }
        }
        return (dx, dGamma, dBeta)
    }

    @Test("training forward and backward equal the scalar loops bit for bit, running statistics too",
          arguments: shapes)
    func training(_ shape: (rows: Int, size: Int)) {
        var g = SplitMix64(seed: UInt64(shape.rows * 100 + shape.size))
        var bn = Self.layer(size: shape.size, &g)
        let x = Self.values(shape.rows * shape.size, &g)
        let dz = Self.values(shape.rows * shape.size, &g)
        var reference = bn
        let expected = Self.referenceForward(&reference, x, rows: shape.rows)
        let (y, trace) = bn.forward(x, batchSize: shape.rows, mode: .training)
        expectSameBits(y, expected.z, "z")
        expectSameBits(trace.saved[2], expected.xhat, "x̂")
        expectSameBits(trace.saved[3], expected.invStd, "1/σ")
        expectSameBits(bn.runningMean, reference.runningMean, "running mean")
        expectSameBits(bn.runningVariance, reference.runningVariance, "running variance")

        let (dx, grads) = bn.backwardFromZ(dz, trace: trace, needsInputGradient: true)
        let want = Self.referenceBackward(bn, dz: dz, xhat: expected.xhat, invStd: expected.invStd, rows: shape.rows)
        expectSameBits(grads[0], want.dGamma, "dgamma")
        expectSameBits(grads[1], want.dBeta, "dbeta")
        expectSameBits(dx, want.dx, "dx")
    }

    @Test("inference forward (the format's fma) and backward equal the scalar loops bit for bit", arguments: shapes)
    func inference(_ shape: (rows: Int, size: Int)) {
        var g = SplitMix64(seed: UInt64(shape.rows * 100 + shape.size + 7))
        var bn = Self.layer(size: shape.size, &g)
        let before = bn
        let x = Self.values(shape.rows * shape.size, &g)
        let dz = Self.values(shape.rows * shape.size, &g)
        let (y, trace) = bn.forward(x, batchSize: shape.rows, mode: .inference)
        #expect(bn == before, "inference left the running statistics alone")
        let size = shape.size
        var z = [Float](repeating: 0, count: x.count), dx = z
        var dGamma = [Float](repeating: 0, count: size), dBeta = dGamma
        for k in 0..<size {
            let scale = bn.gamma[k] / (bn.runningVariance[k] + bn.epsilon).squareRoot()
            let inv = 1 / (bn.runningVariance[k] + bn.epsilon).squareRoot()
            for b in 0..<shape.rows {
                let j = b * size + k
                z[j] = bn.beta[k].addingProduct(x[j] - bn.runningMean[k], scale)
                dGamma[k] += dz[j] * (x[j] - bn.runningMean[k]) * inv
                dBeta[k] += dz[j]
                dx[j] = dz[j] * bn.gamma[k] * inv
            }
        }
        expectSameBits(y, z, "z")
        let (inputGradient, grads) = bn.backwardFromZ(dz, trace: trace, needsInputGradient: true)
        expectSameBits(grads[0], dGamma, "dgamma")
        expectSameBits(grads[1], dBeta, "dbeta")
        expectSameBits(inputGradient, dx, "dx")
    }
}
