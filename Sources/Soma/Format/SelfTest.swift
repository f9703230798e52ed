/// Reference inputs and the outputs the exporting implementation computed for them
/// (the file's `self_test` member).
public struct SelfTest: Sendable, Equatable {
    /// Input vectors, before input scaling.
    public var inputs: [[Float]]
    /// `outputs[k]` is the model's output for `inputs[k]`.
    public var outputs: [[Float]]
    /// `layerOutputs[k][l]` is layer `l`'s output (after its activation) for `inputs[k]`; optional.
    public var layerOutputs: [[[Float]]]?

    /// Creates a self-test.
    public init(inputs: [[Float]], outputs: [[Float]], layerOutputs: [[[Float]]]? = nil) {
        self.inputs = inputs
        self.outputs = outputs
        self.layerOutputs = layerOutputs
    }
}
