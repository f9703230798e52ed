/// Everything one forward and backward pass of a ``TwoLayerNet`` computed,
/// node by node, for a learner to look at: values on the way forward, gradients
/// on the way back.
public struct GraphPass: Sendable {
    /// `x · W1 + b1`, the first affine node's output.
    public var affine1: Matrix
    /// The hidden activation's output.
    public var hidden: Matrix
    /// `hidden · W2 + b2`, the scores.
    public var scores: Matrix
    /// `softmax(scores)`.
    public var probabilities: Matrix
    /// The mean cross-entropy.
    public var loss: Float
    /// `dL/dscores = (y - t) / rows`.
    public var dScores: Matrix
    /// `dL/dhidden`, from the second affine node.
    public var dHidden: Matrix
    /// `dL/daffine1`, from the hidden activation node.
    public var dAffine1: Matrix
    /// Parameter gradients, shaped as the parameters.
    public var dW1: Matrix
    public var db1: [Float]
    public var dW2: Matrix
    public var db2: [Float]
}
