import Testing
@testable import Soma

@Suite("Training kernels")
struct KernelTests {
    @Test("Dense forward (C kernels, every block and tail path) equals the reference chain bit for bit",
          arguments: [(1, 5, 3), (37, 29, 51), (32, 64, 32), (4, 16, 10), (33, 7, 17),
                       // register blocks of 6 rows and their 4-, 2- and 1-row remainders, 16- and 32-column tiles
                       (48, 9, 23), (17, 12, 13), (64, 3, 6), (3, 40, 1)])
    func denseForward(_ shape: (rows: Int, inputs: Int, outputs: Int)) {
        var g = SplitMix64(seed: UInt64(shape.rows * 1000 + shape.inputs))
        var dense = Dense(inputSize: shape.inputs, outputSize: shape.outputs, activation: .identity, using: &g)
        dense.bias = dense.bias.map { _ in g.unitFloat() - 0.5 }
        let x = (0..<(shape.rows * shape.inputs)).map { _ in 2 * g.unitFloat() - 1 }
        let z = dense.preActivations(x, batchSize: shape.rows)
        var expected = [Float](repeating: 0, count: z.count)
        for b in 0..<shape.rows {
            ReferenceMath.dense(weights: dense.weights, bias: dense.bias, inputs: shape.inputs, outputs: shape.outputs,
                                x: x, xOffset: b * shape.inputs, into: &expected, zOffset: b * shape.outputs)
        }
        expectSameBits(z, expected)
    }

    @Test("transpose: 8 × 8 register blocks and their edges move every value to its place",
          arguments: [(1, 1), (8, 8), (7, 9), (16, 24), (32, 784), (13, 5), (9, 17)])
    func transpose(_ shape: (rows: Int, cols: Int)) {
        let (rows, cols) = shape
        let src = (0..<(rows * cols)).map { Float($0) }
        let dst = Kernels.array(count: rows * cols) { d in
            src.withUnsafeBufferPointer { Kernels.transpose(rows: rows, cols: cols, $0.baseAddress!, into: d) }
        }
        var expected = [Float](repeating: 0, count: rows * cols)
        for i in 0..<rows { for j in 0..<cols { expected[j * rows + i] = src[i * cols + j] } }
        expectSameBits(dst, expected)
    }

    @Test("Dense backward: dW = dzᵀ·x, db = Σ dz, dx = dz·W, each summed in order (product, then sum)",
          arguments: [(19, 23, 34), (32, 70, 13), (5, 33, 47), (1, 16, 1)])
    func denseBackward(_ shape: (rows: Int, inputs: Int, outputs: Int)) {
        let (rows, i, o) = shape
        var g = SplitMix64(seed: 77)
        var dense = Dense(inputSize: i, outputSize: o, activation: .identity, using: &g)
        let x = (0..<(rows * i)).map { _ in 2 * g.unitFloat() - 1 }
        let dy = (0..<(rows * o)).map { _ in 2 * g.unitFloat() - 1 }
        let (_, trace) = dense.forward(x, batchSize: rows, mode: .training)
        let (dx, grads) = dense.backward(dy, trace: trace)
        var dW = [Float](repeating: 0, count: o * i), dB = [Float](repeating: 0, count: o)
        var dX = [Float](repeating: 0, count: rows * i)
        for oo in 0..<o {
            for ii in 0..<i {
                var acc: Float = 0
                for b in 0..<rows { acc = acc + dy[b * o + oo] * x[b * i + ii] }
                dW[oo * i + ii] = acc
            }
            var s: Float = 0
            for b in 0..<rows { s = s + dy[b * o + oo] }
            dB[oo] = s
        }
        for b in 0..<rows {
            for ii in 0..<i {
                var acc: Float = 0
                for oo in 0..<o { acc = acc + dy[b * o + oo] * dense.weights[oo * i + ii] }
                dX[b * i + ii] = acc
            }
        }
        expectSameBits(grads[0], dW, "dW")
        expectSameBits(grads[1], dB, "db")
        expectSameBits(dx, dX, "dx")
        #expect(dense.backward(dy, trace: trace, needsInputGradient: false).inputGradient.isEmpty)
    }
}
