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

    /// Where the weight matrix sits in ``parameters``, or nil for a layer
    /// without one (batch norm). Training records this tensor's gradient norm
    /// per layer when asked (``TrainingSettings/recordGradientNorms``).
    var weightsIndex: Int? { get }

    /// Computes the outputs for a batch. `mutating` so that a layer with running
    /// statistics (batch norm) can update them in `.training` mode; in
    /// `.inference` no layer changes.
    mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], trace: LayerTrace)

    /// Given the loss gradient with respect to this layer's outputs, returns the
    /// gradient with respect to its inputs and to each of its ``parameters``
    /// (same order and shapes), summed over the batch.
    func backward(_ outputGradient: [Float], trace: LayerTrace) -> (inputGradient: [Float], parameterGradients: [[Float]])

    /// As ``backward(_:trace:)``; when `needsInputGradient` is false (the first
    /// layer) the layer may skip that product and return an empty input gradient.
    func backward(_ outputGradient: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]])

    /// The activation the layer applies last, if it has one (``Dense``,
    /// ``BatchNorm``). Fused losses (BCE, CCE) check it on the output layer.
    var outputActivation: ActivationSpec? { get }

    /// The pre-activations `z` a forward pass kept in `trace` (nil if the layer
    /// has no activation). Fused losses compute their value from them.
    func preActivation(in trace: LayerTrace) -> [Float]?

    /// Back-propagates from the gradient with respect to the pre-activations
    /// `z`, skipping the activation's derivative (a fused loss supplies
    /// `dL/dz` directly). Nil if the layer has no activation.
    func backward(preActivationGradient: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]])?

    /// Calls `update(t, &tensor)` for each parameter tensor `t`, in place (no
    /// copy of the tensor), so optimizers can update large weights cheaply.
    mutating func updateParameters(_ update: (Int, inout [Float]) -> Void)

    /// Appends the layer's model-file form to `layers`.
    func export(into layers: inout [ModelLayer])
}

extension Layer {
    public func backward(_ outputGradient: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        backward(outputGradient, trace: trace)
    }

    public var outputActivation: ActivationSpec? { nil }

    public var weightsIndex: Int? { nil }

    public func preActivation(in trace: LayerTrace) -> [Float]? { nil }

    public func backward(preActivationGradient: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]])? { nil }

    public mutating func updateParameters(_ update: (Int, inout [Float]) -> Void) {
        var tensors = parameters
        for t in tensors.indices { update(t, &tensors[t]) }
        parameters = tensors
    }
}
