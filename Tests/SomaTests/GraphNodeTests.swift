import Testing
@testable import Soma

/// Each graph node on numbers small enough to check by hand.
@Suite("Graph nodes")
struct GraphNodeTests {
    @Test("Affine: out = x·W + b; dx = dout·Wᵀ, dW = xᵀ·dout, db = Σ rows dout")
    func affine() {
        var node = AffineNode(W: Matrix([[1, 2, 3], [4, 5, 6]]), b: [0.5, 0.5, 0.5])
        #expect(node.forward(Matrix([[1, 2], [0, 1]])) == Matrix([[9.5, 12.5, 15.5], [4.5, 5.5, 6.5]]))
        let dx = node.backward(Matrix([[1, 0, -1], [2, 1, 0]]))
        #expect(dx == Matrix([[-2, -2], [4, 13]]))
        #expect(node.dW == Matrix([[1, 0, -1], [4, 1, -2]]))
        #expect(node.db == [3, 1, -1])
    }

    @Test("ReLU: passes positives forward and their gradients back, stops the rest")
    func relu() {
        var node = ReLUNode()
        #expect(node.forward(Matrix([[1, -0.5], [0, 3]])) == Matrix([[1, 0], [0, 3]]))
        #expect(node.backward(Matrix([[7, 7], [7, 7]])) == Matrix([[7, 0], [0, 7]]))
    }

    @Test("Sigmoid: 0.5 at 0, slope out·(1 - out) = 0.25 there")
    func sigmoid() {
        var node = SigmoidNode()
        #expect(node.forward(Matrix([[0]])) == Matrix([[0.5]]))
        #expect(node.backward(Matrix([[2]])) == Matrix([[0.5]]))
    }

    @Test("SoftmaxWithLoss: equal scores give log 2 and dx = (y - t) / rows")
    func softmaxWithLoss() {
        var node = SoftmaxWithLossNode()
        let loss = node.forward(Matrix([[0, 0], [3, 3]]), Matrix([[1, 0], [0, 1]]))
        #expect(abs(loss - 0.693147181) < 1e-7)
        #expect(node.y == Matrix([[0.5, 0.5], [0.5, 0.5]]))
        #expect(node.backward() == Matrix([[-0.25, 0.25], [0.25, -0.25]]))
    }

    @Test("Matrix: dot, transpose and column sums on a 2×3")
    func matrix() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(m.dot(m.transposed) == Matrix([[14, 32], [32, 77]]))
        #expect(m.columnSums == [5, 7, 9])
    }
}
