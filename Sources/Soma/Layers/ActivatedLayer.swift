/// A layer that computes pre-activations `z` by a transform of its own (a dense
/// product, a batch normalisation) and then applies its ``activation``.
///
/// The layer supplies the transform's backward pass, ``backwardFromZ(_:trace:needsInputGradient:)``;
/// this extension supplies the rest of ``Layer``'s backward side once for all such
/// layers: through the activation's derivative, or (for a fused loss) straight from
/// `dL/dz`. A forward pass must keep `z` in `trace.saved[0]` and the outputs in
/// `trace.saved[1]`.
public protocol ActivatedLayer: Layer {
    /// The activation applied after the transform.
    var activation: ActivationSpec { get }

    /// Gradients of the transform alone, from `dL/dz`: with respect to the inputs
    /// (empty allowed when `needsInputGradient` is false) and to the transform's
    /// parameters (an activation's own parameters, prelu's α, come after them).
    func backwardFromZ(_ dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]])
}

extension ActivatedLayer {
    public func backward(_ outputGradient: [Float], trace: LayerTrace)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        backward(outputGradient, trace: trace, needsInputGradient: true)
    }

    public func backward(_ outputGradient: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]]) {
        let (dz, dAlpha) = activation.backward(z: trace.saved[0], y: trace.saved[1], outputGradient: outputGradient,
                                               width: outputSize)
        var result = backwardFromZ(dz, trace: trace, needsInputGradient: needsInputGradient)
        if let dAlpha { result.parameterGradients.append(dAlpha) }
        return result
    }

    public var outputActivation: ActivationSpec? { activation }

    public func preActivation(in trace: LayerTrace) -> [Float]? { trace.saved[0] }

    public func backward(preActivationGradient dz: [Float], trace: LayerTrace, needsInputGradient: Bool)
        -> (inputGradient: [Float], parameterGradients: [[Float]])? {
        var result = backwardFromZ(dz, trace: trace, needsInputGradient: needsInputGradient)
        // A fused loss bypasses the activation, so a prelu's alphas get no gradient from it.
        if activation.kind == .prelu { result.parameterGradients.append([Float](repeating: 0, count: outputSize)) }
        return result
    }
}
