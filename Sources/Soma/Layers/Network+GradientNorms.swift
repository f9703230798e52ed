extension Network {
    /// The L2 norm of the loss gradient with respect to each layer's weight
    /// matrix (``Layer/weightsIndex``; biases and batch norm's γ, β apart), over
    /// the whole batch given, keyed by layer index — the index in the model
    /// file's `layers`, since every layer exports one. Squares are summed in
    /// Double in parameter order.
    ///
    /// Runs ``lossAndGradients(inputs:targets:batchSize:loss:huberDelta:)`` on a
    /// copy, so batch norm's running statistics and the weights stay as they are.
    public func weightGradientNorms(inputs: [Float], targets: [Float], batchSize: Int, loss: Loss,
                                    huberDelta: Float = 1) -> [Int: Double] {
        var copy = self
        let (_, gradients) = copy.lossAndGradients(inputs: inputs, targets: targets, batchSize: batchSize, loss: loss,
                                                   huberDelta: huberDelta)
        var norms: [Int: Double] = [:]
        for (index, layer) in layers.enumerated() {
            guard let tensor = layer.weightsIndex else { continue }
            norms[index] = gradients[index][tensor].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        }
        return norms
    }
}
