/// A fully connected layer as stored in a model file.
///
/// Weights are flat and output-major: the weight from input `i` to output `o`
/// is `weights[o * inputs + i]` (row `o` of the file's `weights` array).
public struct DenseLayerSpec: Sendable, Equatable {
    /// Length of the input vector.
    public var inputs: Int
    /// Length of the output vector.
    public var outputs: Int
    /// `outputs * inputs` weights, row `o` (output `o`) after row `o - 1`.
    public var weights: [Float]
    /// `outputs` biases.
    public var bias: [Float]
    /// Applied to the pre-activation vector.
    public var activation: ActivationSpec

    /// Creates a dense layer; `weights` is flat output-major (`weights[o * inputs + i]`).
    public init(inputs: Int, outputs: Int, weights: [Float], bias: [Float], activation: ActivationSpec) {
        self.inputs = inputs
        self.outputs = outputs
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// Creates a dense layer from its rows: `rows[o][i]` is the weight from input `i` to output `o`.
    public init(rows: [[Float]], bias: [Float], activation: ActivationSpec) {
        self.init(inputs: rows.first?.count ?? 0, outputs: rows.count,
                  weights: rows.flatMap { $0 }, bias: bias, activation: activation)
    }

    /// The weight from input `i` to output `o`.
    public func weight(output o: Int, input i: Int) -> Float {
        weights[o * inputs + i]
    }
}
