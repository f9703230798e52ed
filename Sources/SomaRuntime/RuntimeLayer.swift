/// One layer of a loaded model, as the runtime reports it.
public struct RuntimeLayer: Equatable, Sendable {
    public enum Kind: String, Sendable { case dense, batchNorm = "batchnorm", maxout }
    public let kind: Kind
    /// The activation's name as written in model files, e.g. `leaky_relu`.
    public let activation: String
    public let inputs: Int
    public let outputs: Int
    /// A maxout layer's affine pieces per output; 1 for the other kinds.
    public let pieces: Int

    public init(kind: Kind, activation: String, inputs: Int, outputs: Int, pieces: Int = 1) {
        self.kind = kind
        self.activation = activation
        self.inputs = inputs
        self.outputs = outputs
        self.pieces = pieces
    }
}
