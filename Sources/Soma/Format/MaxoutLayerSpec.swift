/// A maxout layer as stored in a model file (format version 3): each output is
/// the largest of `pieces` affine functions of the input, then the activation.
///
/// Piece `p` of output `o` is row `r = o * pieces + p` of the weights and the
/// bias: the pieces of one output are adjacent. Each row is a dense chain
/// (`acc = bias[r]`, then `acc = fma(weights[r][i], x[i], acc)` over `i` in
/// order); the maximum over the pieces is `y = z[o*pieces]`, then for `p ≥ 1`
/// `if z[o*pieces + p] > y { y = z[o*pieces + p] }` (the first of equal pieces
/// wins, which also decides `+0` against `-0`).
public struct MaxoutLayerSpec: Sendable, Equatable {
    /// The fewest pieces a maxout layer has (one piece would be a dense layer).
    public static let minimumPieces = 2

    /// Length of the input vector.
    public var inputs: Int
    /// Length of the output vector.
    public var outputs: Int
    /// Affine pieces per output, ≥ 2.
    public var pieces: Int
    /// `outputs * pieces * inputs` weights, row `o * pieces + p` after row `o * pieces + p - 1`.
    public var weights: [Float]
    /// `outputs * pieces` biases, in the same row order.
    public var bias: [Float]
    /// Applied to the maxima (the trainer writes `identity`).
    public var activation: ActivationSpec

    /// Creates a maxout layer; `weights` is flat, row `o * pieces + p` then input `i`.
    public init(inputs: Int, outputs: Int, pieces: Int, weights: [Float], bias: [Float], activation: ActivationSpec) {
        self.inputs = inputs
        self.outputs = outputs
        self.pieces = pieces
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// Rows of weights and biases: one per piece of every output.
    public var rows: Int { outputs * pieces }
}
