/// What dense and maxout layers have in common: rows of weights over the input,
/// one bias per row. A dense layer has one row per output; a maxout layer
/// `pieces` per output. The reader and the checks of sizes, counts and
/// finiteness go through this view, so the two kinds take one path (as in the C loader).
struct AffineRows {
    /// Length of the input vector: the length of each row.
    let inputs: Int
    /// Length of the output vector.
    let outputs: Int
    /// Affine pieces per output; nil for a dense layer (which has no `pieces` member).
    let pieces: Int?
    /// The weights, flat, row after row.
    let weights: [Float]
    /// One bias per row.
    let bias: [Float]

    init(inputs: Int, outputs: Int, pieces: Int?, weights: [Float], bias: [Float]) {
        (self.inputs, self.outputs, self.pieces, self.weights, self.bias) = (inputs, outputs, pieces, weights, bias)
    }

    init(_ d: DenseLayerSpec) {
        (inputs, outputs, pieces, weights, bias) = (d.inputs, d.outputs, nil, d.weights, d.bias)
    }

    init(_ m: MaxoutLayerSpec) {
        (inputs, outputs, pieces, weights, bias) = (m.inputs, m.outputs, m.pieces, m.weights, m.bias)
    }

    /// Rows of weights and biases. Only read after `outputs × pieces` is known to fit.
    var count: Int { outputs * (pieces ?? 1) }
}
