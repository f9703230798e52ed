/// Lesson 5: one training step of a small network, node by node: forward
/// values, the loss, each node's gradients on the way back, and the weights
/// after one step of gradient descent. The network is a ``TwoLayerNet``, which
/// the tests show computes the trainer's bits.
public struct MLPLesson: Sendable {
    public static let seed: UInt64 = 1
    public static let learningRate: Float = 0.5
    /// XOR's four rows, and their classes one-hot (class 1 where XOR is 1).
    public let x = Matrix(Gate.truthTableInputs)
    public let t = Matrix(Gate.xorGates.truthTable.map { $0 == 1 ? [0, 1] : [1, 0] })
    /// The 2 → 3 → 2 network before the step, weights from `SplitMix64(seed: 1)`.
    public let before: TwoLayerNet
    /// Everything the step's forward and backward passes computed.
    public let pass: GraphPass
    /// The network after `W ← W − learningRate · dW` for every parameter.
    public let after: TwoLayerNet
    /// The loss on the same batch after the step.
    public let lossAfter: Float

    public init() {
        var generator = SplitMix64(seed: Self.seed)
        before = TwoLayerNet(inputs: 2, hidden: 3, outputs: 2, hiddenActivation: .relu, using: &generator)
        var net = before
        pass = net.gradient(x, t)
        net.descend(pass, learningRate: Self.learningRate)
        after = net
        lossAfter = net.loss(x, t)
    }

    /// What `soma lesson mlp` prints.
    public var lines: [String] {
        let m = { (name: String, value: Matrix) in LessonText.matrix(name, value) }, list = { (v: [Float]) in LessonText.list(v.map { LessonText.fixed($0) }) }
        var out = [
            "A 2 → 3 → 2 network: Affine1 → ReLU → Affine2 → SoftmaxWithLoss. Weights from SplitMix64(seed: 1)",
            "(He for the ReLU layer, Xavier for the output), zero biases. The batch: XOR's four rows, classes one-hot.",
        ]
        out += m("W1 (inputs × hidden)", before.affine1.W) + ["b1 " + list(before.affine1.b)]
        out += m("W2 (hidden × outputs)", before.affine2.W) + ["b2 " + list(before.affine2.b)]
        out += ["", "Forward"] + m("x", x)
        out += m("Affine1: x·W1 + b1", pass.affine1) + m("ReLU: max(0, ·)", pass.hidden)
        out += m("Affine2: scores = h·W2 + b2", pass.scores) + m("Softmax: y", pass.probabilities) + m("t", t)
        out += ["loss = mean over rows of -Σ t·log y = \(LessonText.number(pass.loss))"]
        out += ["", "Backward"] + m("SoftmaxWithLoss: dscores = (y - t) / 4", pass.dScores)
        out += m("Affine2: dW2 = hᵀ·dscores", pass.dW2) + ["         db2 = Σ rows dscores " + list(pass.db2)]
        out += m("         dh = dscores·W2ᵀ", pass.dHidden)
        out += m("ReLU: da1 = dh where Affine1 > 0, else 0", pass.dAffine1)
        out += m("Affine1: dW1 = xᵀ·da1", pass.dW1) + ["         db1 = Σ rows da1 " + list(pass.db1)]
        out += ["", "Update: W ← W - \(LessonText.number(Self.learningRate)) · dW"]
        out += m("W1", after.affine1.W) + ["b1 " + list(after.affine1.b)]
        out += m("W2", after.affine2.W) + ["b2 " + list(after.affine2.b)]
        out += ["loss before \(LessonText.number(pass.loss)), after one step \(LessonText.number(lossAfter))"]
        return out
    }
}
