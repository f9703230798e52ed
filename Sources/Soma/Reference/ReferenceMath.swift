/// The reference kernels: every operation in the order `docs/model-format.md`
/// fixes, each rounded to binary32 before the next, fused multiply-adds only
/// where the format writes `fma` (`Float.addingProduct` is a correctly rounded
/// fma). `exp`, `expm1` and `tanh` are correctly rounded (``CorrectlyRounded``),
/// as the format defines them, so every conforming platform gets these bits.
///
/// ``ModelFile/predict(_:)`` (the parity path) runs on these alone. Training
/// shares ``activate(_:_:offset:count:)`` with them: its matrix products run
/// in the C training kernels (`soma_training_kernels.h`), which compute the
/// same fma chain per output, and batch norm's inference mode writes the same
/// fma inline; `KernelTests` and the parity tests check the bits agree.
public enum ReferenceMath {
    /// SELU's `ALPHA`: binary32 `0x3FD62D7D` (1.67326324235437728482 rounded).
    public static let seluAlpha = Float(bitPattern: 0x3FD6_2D7D)
    /// SELU's `LAMBDA`: binary32 `0x3F867D5F` (1.05070098735548049342 rounded).
    public static let seluLambda = Float(bitPattern: 0x3F86_7D5F)

    /// `e^x`, correctly rounded.
    @inline(__always) public static func exp(_ x: Float) -> Float { CorrectlyRounded.exp(x) }
    /// `e^x - 1`, correctly rounded.
    @inline(__always) public static func expm1(_ x: Float) -> Float { CorrectlyRounded.expm1(x) }
    /// `tanh(x)`, correctly rounded.
    @inline(__always) public static func tanh(_ x: Float) -> Float { CorrectlyRounded.tanh(x) }
    /// `1 / (1 + exp(-z))`.
    @inline(__always) public static func sigmoid(_ z: Float) -> Float { 1 / (1 + exp(-z)) }

    /// Dense pre-activation for one input vector `x` (at `x[xOffset...]`):
    /// `acc = bias[o]`, then `acc = fma(weights[o][i], x[i], acc)` for `i` in order.
    public static func dense(weights: [Float], bias: [Float], inputs: Int, outputs: Int,
                             x: [Float], xOffset: Int = 0, into z: inout [Float], zOffset: Int = 0) {
        weights.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { xs in
                z.withUnsafeMutableBufferPointer { zs in
                    for o in 0..<outputs {
                        var acc = bias[o]
                        let row = o * inputs
                        for i in 0..<inputs {
                            acc = acc.addingProduct(w[row + i], xs[xOffset + i])
                        }
                        zs[zOffset + o] = acc
                    }
                }
            }
        }
    }

    /// Maxout for one input vector: every piece's dense chain (row `o * pieces + p`),
    /// then per output `y = z[o*pieces]`, and for `p ≥ 1` `y = z[o*pieces + p]` only
    /// if it is greater (the first of equal pieces wins; `+0` and `-0` tie).
    public static func maxout(_ spec: MaxoutLayerSpec, x: [Float]) -> [Float] {
        var pieces = [Float](repeating: 0, count: spec.rows)
        dense(weights: spec.weights, bias: spec.bias, inputs: spec.inputs, outputs: spec.rows, x: x, into: &pieces)
        return (0..<spec.outputs).map { o in maximum(pieces, from: o * spec.pieces, count: spec.pieces).value }
    }

    /// The format's maximum over `count` pieces at `values[from...]`, and the
    /// winning piece: the first, replaced only by a strictly greater one.
    @inline(__always)
    public static func maximum(_ values: [Float], from start: Int, count: Int) -> (value: Float, piece: Int) {
        var best = values[start]
        var winner = 0
        for p in 1..<count where values[start + p] > best {
            best = values[start + p]
            winner = p
        }
        return (best, winner)
    }

    /// Batch-norm pre-activation for one vector:
    /// `scale = gamma / sqrt(variance + epsilon)`, `z = fma(x - mean, scale, beta)`.
    public static func batchNorm(_ spec: BatchNormSpec, x: [Float]) -> [Float] {
        var z = [Float](repeating: 0, count: spec.size)
        for k in 0..<spec.size {
            let scale = spec.gamma[k] / (spec.variance[k] + spec.epsilon).squareRoot()
            z[k] = spec.beta[k].addingProduct(x[k] - spec.mean[k], scale)
        }
        return z
    }

    /// Applies `activation` to one vector `z` in place (softmax acts on the whole vector).
    public static func activate(_ activation: ActivationSpec, _ z: inout [Float], offset: Int = 0, count: Int? = nil) {
        let n = count ?? (z.count - offset)
        let range = offset..<(offset + n)
        switch activation.kind {
        case .step:
            for k in range { z[k] = z[k] > 0 ? 1 : 0 }
        case .identity:
            break
        case .sigmoid:
            for k in range { z[k] = 1 / (1 + exp(-z[k])) }
        case .tanh:
            for k in range { z[k] = tanh(z[k]) }
        case .relu:
            for k in range { z[k] = z[k] > 0 ? z[k] : 0 }
        case .leakyReLU:
            let alpha = activation.alpha ?? 0.01
            for k in range { z[k] = z[k] > 0 ? z[k] : alpha * z[k] }
        case .prelu:
            let alphas = activation.alphas ?? []
            for k in range { z[k] = z[k] > 0 ? z[k] : alphas[k - offset] * z[k] }
        case .elu:
            let alpha = activation.alpha ?? 1
            for k in range { z[k] = z[k] > 0 ? z[k] : alpha * expm1(z[k]) }
        case .selu:
            for k in range { z[k] = z[k] > 0 ? seluLambda * z[k] : seluLambda * (seluAlpha * expm1(z[k])) }
        case .swish:
            let beta = activation.beta ?? 1
            for k in range { z[k] = z[k] * (1 / (1 + exp(-(beta * z[k])))) }
        case .softmax:
            guard n > 0 else { return }
            var m = z[offset]
            for k in (offset + 1)..<(offset + n) where z[k] > m { m = z[k] }
            for k in range { z[k] = exp(z[k] - m) }
            var s = z[offset]
            for k in (offset + 1)..<(offset + n) { s = s + z[k] }
            for k in range { z[k] = z[k] / s }
        }
    }
}
