import Testing
@testable import Soma

/// ReLU's one-pass forward and backward give the bits of the per-row reference
/// (``ReferenceMath/activate(_:_:offset:count:)``) and of `dy · derivative`,
/// signed zeros, infinities and NaN included.
@Suite("ReLU in one pass")
struct ReLUPassTests {
    static let special: [Float] = [0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude,
                                   -.leastNonzeroMagnitude, 3.5, -2.25]

    @Test("forward and backward equal the per-row reference bit for bit", arguments: [1, 3, 11])
    func matchesReference(_ width: Int) {
        var g = SplitMix64(seed: UInt64(width))
        let rows = 7
        let z = (0..<(rows * width)).map { j in j < Self.special.count ? Self.special[j] : 2 * g.unitFloat() - 1 }
        let dy = (0..<(rows * width)).map { j in j % 3 == 0 ? -(g.unitFloat() + 0.5) : g.unitFloat() - 0.5 }
        let relu = ActivationSpec.relu
        var expectedY = z
        for b in 0..<rows { ReferenceMath.activate(relu, &expectedY, offset: b * width, count: width) }
        let y = relu.forward(z, width: width)
        expectSameBits(y, expectedY, "y")
        let expectedDz = (0..<z.count).map { j in dy[j] * relu.derivative(z: z[j], y: y[j], column: j % width) }
        let (dz, dAlpha) = relu.backward(z: z, y: y, outputGradient: dy, width: width)
        expectSameBits(dz, expectedDz, "dz")
        #expect(dAlpha == nil)
    }
}
