/// A trainable layer: a value type with parameters, a forward pass over a
/// batch and a backward pass that returns gradients.
///
/// Batches are flat row-major `[Float]` buffers: row `b`, column `j` is
/// `buffer[b * width + j]`. Parameters are a list of flat tensors in a fixed
/// order each layer documents (``Dense``: weights output-major, then bias).
public protocol Layer: Sendable {
    /// Values per input row.
    var inputSize: Int { get }
    /// Values per output row.
    var outputSize: Int { get }
    /// The trainable tensors, in the layer's documented order.
    var parameters: [[Float]] { get set }

    /// Computes the outputs for a batch. `mutating` so that a layer with running
    /// statistics (batch norm) can update them in `.training` mode; in
    /// `.inference` no layer changes.
    mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], trace: LayerTrace)

    /// Given the loss gradient with respect to this layer's outputs, returns the
    /// gradient with respect to its inputs and to each of its ``parameters``
    /// (same order and shapes), summed over the batch.
    func backward(_ outputGradient: [Float], trace: LayerTrace) -> (inputGradient: [Float], parameterGradients: [[Float]])

    /// Appends the layer's model-file form to `layers`.
    func export(into layers: inout [ModelLayer])
}
