/// What a layer's forward pass keeps for its backward pass.
public struct LayerTrace: Sendable {
    /// The batch the layer received (`batchSize * inputSize`, row-major).
    public var input: [Float]
    /// Rows in the batch.
    public var batchSize: Int
    /// Layer-specific intermediates (for ``Dense``: the pre-activation and the output).
    public var saved: [[Float]]

    /// Creates a trace.
    public init(input: [Float], batchSize: Int, saved: [[Float]]) {
        self.input = input
        self.batchSize = batchSize
        self.saved = saved
    }
}
