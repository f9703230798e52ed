/// What dense and maxout layers have in common: rows of weights over the input,
/// one bias per row. A dense layer has one row per output; a maxout layer
/// `pieces` per output. The checks of sizes, counts and finiteness read this
/// view, so the two kinds are checked by one path (as the C loader reads them).
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

    init(_ d: DenseLayerSpec) {
        (inputs, outputs, pieces, weights, bias) = (d.inputs, d.outputs, nil, d.weights, d.bias)
    }

    init(_ m: MaxoutLayerSpec) {
        (inputs, outputs, pieces, weights, bias) = (m.inputs, m.outputs, m.pieces, m.weights, m.bias)
    }

    /// Rows of weights and biases. Only read after `outputs × pieces` is known to fit.
    var count: Int { outputs * (pieces ?? 1) }
}
