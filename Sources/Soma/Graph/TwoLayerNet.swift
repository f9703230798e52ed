/// The course's two-layer network built from graph nodes:
/// `Affine1 → ReLU (or Sigmoid) → Affine2 → SoftmaxWithLoss`.
///
/// ``gradient(_:_:)`` is backpropagation spelled out: forward through the
/// nodes in order, then `backward` through them in reverse, each node turning
/// the gradient of its output into the gradient of its input. The tests show
/// it computes the same bits as the trainer's ``Network`` of ``Dense`` layers
/// with ``Loss/categoricalCrossEntropy``.
public struct TwoLayerNet: Sendable {
    public var affine1: AffineNode
    public var hidden: any GraphLayer
    public var affine2: AffineNode
    public var lastLayer = SoftmaxWithLossNode()
    /// The hidden activation, `relu` or `sigmoid`.
    public let hiddenActivation: ActivationKind

    /// A network with the given weights (`W1`: inputs × hidden, `W2`: hidden × outputs).
    public init(W1: Matrix, b1: [Float], W2: Matrix, b2: [Float], hiddenActivation: ActivationKind = .relu) {
        precondition(W1.cols == W2.rows, "W1 gives \(W1.cols) values, W2 takes \(W2.rows)")
        affine1 = AffineNode(W: W1, b: b1)
        affine2 = AffineNode(W: W2, b: b2)
        switch hiddenActivation {
        case .relu: hidden = ReLUNode()
        case .sigmoid: hidden = SigmoidNode()
        default: preconditionFailure("the graph has ReLU and Sigmoid nodes, not \(hiddenActivation.rawValue)")
        }
        self.hiddenActivation = hiddenActivation
    }

    /// A network with weights drawn from `generator` as the trainer's ``Dense``
    /// would draw them (``Initializer/default(for:)``: He for ReLU, Xavier
    /// otherwise), and zero biases.
    public init(inputs: Int, hidden: Int, outputs: Int, hiddenActivation: ActivationKind = .relu,
                using generator: inout some RandomNumberGenerator) {
        func weights(_ rows: Int, _ cols: Int, _ activation: ActivationKind) -> Matrix {
            let values = Initializer.default(for: activation)
                .weights(count: rows * cols, fanIn: rows, fanOut: cols, using: &generator)
            return Matrix(rows: rows, cols: cols, values: values)
        }
        self.init(W1: weights(inputs, hidden, hiddenActivation), b1: [Float](repeating: 0, count: hidden),
                  W2: weights(hidden, outputs, .softmax), b2: [Float](repeating: 0, count: outputs),
                  hiddenActivation: hiddenActivation)
    }

    /// The scores (before softmax) for a batch.
    public mutating func predict(_ x: Matrix) -> Matrix {
        affine2.forward(hidden.forward(affine1.forward(x)))
    }

    /// The mean cross-entropy of the batch `x` against one-hot targets `t`.
    public mutating func loss(_ x: Matrix, _ t: Matrix) -> Float {
        lastLayer.forward(predict(x), t)
    }

    /// Forward, then backward through every node: the loss, every node's values
    /// and the parameter gradients.
    public mutating func gradient(_ x: Matrix, _ t: Matrix) -> GraphPass {
        // Forward, node by node.
        let a1 = affine1.forward(x)
        let h = hidden.forward(a1)
        let scores = affine2.forward(h)
        let loss = lastLayer.forward(scores, t)
        // Backward, in reverse order.
        let dScores = lastLayer.backward()
        let dHidden = affine2.backward(dScores)
        let dAffine1 = hidden.backward(dHidden)
        _ = affine1.backward(dAffine1)
        return GraphPass(affine1: a1, hidden: h, scores: scores, probabilities: lastLayer.y, loss: loss,
                         dScores: dScores, dHidden: dHidden, dAffine1: dAffine1,
                         dW1: affine1.dW, db1: affine1.db, dW2: affine2.dW, db2: affine2.db)
    }

    /// One step of gradient descent: every parameter moves by `-learningRate · gradient`.
    public mutating func descend(_ pass: GraphPass, learningRate: Float) {
        func step(_ p: inout [Float], _ g: [Float]) {
            for k in p.indices { p[k] = p[k] - learningRate * g[k] }
        }
        step(&affine1.W.values, pass.dW1.values)
        step(&affine1.b, pass.db1)
        step(&affine2.W.values, pass.dW2.values)
        step(&affine2.b, pass.db2)
    }
}
