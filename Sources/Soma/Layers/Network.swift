/// A feed-forward network: layers applied in order, optionally after input scaling.
///
/// Training: ``trainStep(inputs:targets:batchSize:loss:optimizer:state:)`` runs a
/// forward pass in `.training` mode, back-propagates the loss and lets the
/// optimizer update every parameter tensor. Inference: ``predict(_:)``.
/// ``modelFile(name:training:labels:task:)`` exports it; the exported file's
/// reference pass (``ModelFile/predict(_:)``) gives the same bits as ``predict(_:)``.
public struct Network: Sendable {
    /// The layers, applied in order.
    public var layers: [any Layer]
    /// Standardisation of the raw inputs, applied before the first layer (also in training).
    public var inputScaling: InputScaling?

    /// A network of `layers`.
    public init(layers: [any Layer], inputScaling: InputScaling? = nil) {
        precondition(!layers.isEmpty, "a network needs at least one layer")
        for k in 1..<layers.count {
            precondition(layers[k].inputSize == layers[k - 1].outputSize,
                         "layer \(k) takes \(layers[k].inputSize) values but layer \(k - 1) gives \(layers[k - 1].outputSize)")
        }
        self.layers = layers
        self.inputScaling = inputScaling
    }

    /// Values per input row.
    public var inputSize: Int { layers[0].inputSize }
    /// Values per output row.
    public var outputSize: Int { layers[layers.count - 1].outputSize }

    /// Trainable values in all layers.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.parameters.reduce(0) { $0 + $1.count } }
    }

    func scaled(_ input: [Float], batchSize: Int) -> [Float] {
        inputScaling?.apply(batch: input) ?? input
    }

    /// Runs a batch (`batchSize` rows, row-major) through every layer.
    /// In `.training` mode layers may update running statistics.
    public mutating func forward(_ input: [Float], batchSize: Int, mode: Mode) -> (output: [Float], traces: [LayerTrace]) {
        var x = scaled(input, batchSize: batchSize)
        var traces: [LayerTrace] = []
        traces.reserveCapacity(layers.count)
        for k in layers.indices {
            let (y, trace) = layers[k].forward(x, batchSize: batchSize, mode: mode)
            traces.append(trace)
            x = y
        }
        return (x, traces)
    }

    /// The outputs for a batch of `batchSize` rows, in inference mode.
    public func predict(batch input: [Float], batchSize: Int) -> [Float] {
        var copy = self
        return copy.forward(input, batchSize: batchSize, mode: .inference).output
    }

    /// The outputs for one input vector, in inference mode.
    public func predict(_ input: [Float]) -> [Float] {
        predict(batch: input, batchSize: 1)
    }

    /// The loss on a batch, computed in `mode` without changing the network.
    /// Fused losses (BCE, CCE) are computed from the last layer's
    /// pre-activations; see ``Loss`` for the reduction.
    public func loss(inputs: [Float], targets: [Float], batchSize: Int, loss: Loss, mode: Mode = .inference,
                     huberDelta: Float = 1) -> Float {
        var copy = self
        let (y, traces) = copy.forward(inputs, batchSize: batchSize, mode: mode)
        let last = layers[layers.count - 1]
        if loss.isFused {
            checkOutputActivation(for: loss)
            return loss.value(logits: last.preActivation(in: traces[traces.count - 1])!, targets: targets,
                              width: outputSize, huberDelta: huberDelta)
        }
        return loss.value(predictions: y, targets: targets, width: outputSize, huberDelta: huberDelta)
    }

    /// Stops with a message unless the last layer's activation fits `loss`
    /// (``Loss/requiredOutputActivation``): BCE needs sigmoid, CCE softmax.
    func checkOutputActivation(for loss: Loss) {
        guard let required = loss.requiredOutputActivation else { return }
        let activation = layers[layers.count - 1].outputActivation?.kind
        precondition(activation == required,
                     "\(loss.rawValue) needs a \(required.rawValue) output layer, but the last layer's activation is "
                        + "\(activation?.rawValue ?? "none")")
    }

    /// The loss on a batch and its gradient with respect to every parameter
    /// tensor (`gradients[layer][tensor]`, shaped like ``Layer/parameters``).
    /// Runs in `.training` mode, so layers with running statistics update them.
    ///
    /// - Precondition: the last layer's activation fits `loss` (sigmoid for
    ///   BCE, softmax for CCE; check beforehand with ``Loss/check(outputActivation:)``).
    public mutating func lossAndGradients(inputs: [Float], targets: [Float], batchSize: Int, loss: Loss,
                                          huberDelta: Float = 1) -> (loss: Float, gradients: [[[Float]]]) {
        checkOutputActivation(for: loss)
        precondition(targets.count == batchSize * outputSize, "expected \(batchSize) rows of \(outputSize) targets")
        let (y, traces) = forward(inputs, batchSize: batchSize, mode: .training)
        let lastIndex = layers.count - 1
        let z = loss.isFused ? layers[lastIndex].preActivation(in: traces[lastIndex])! : y
        let (value, g0) = loss.valueAndGradient(outputs: y, logits: z, targets: targets, width: outputSize,
                                               huberDelta: huberDelta)
        var g = g0
        var gradients = [[[Float]]](repeating: [], count: layers.count)
        for k in layers.indices.reversed() {
            if k == lastIndex && loss.isFused {
                let (dx, dp) = layers[k].backward(preActivationGradient: g, trace: traces[k], needsInputGradient: k > 0)!
                gradients[k] = dp
                g = dx
            } else {
                let (dx, dp) = layers[k].backward(g, trace: traces[k], needsInputGradient: k > 0)
                gradients[k] = dp
                g = dx
            }
        }
        return (value, gradients)
    }

    /// Applies one optimizer step to every parameter tensor, in place.
    public mutating func apply<O: Optimizer>(gradients: [[[Float]]], optimizer: O, state: inout OptimizerState<O>) {
        if state.slots.isEmpty {
            state.slots = layers.map { layer in layer.parameters.map { optimizer.makeState(count: $0.count) } }
        }
        state.step += 1
        let step = state.step
        for k in layers.indices {
            layers[k].updateParameters { t, tensor in
                optimizer.update(&tensor, gradient: gradients[k][t], state: &state.slots[k][t], step: step)
            }
        }
    }

    /// One training step on a batch: forward, backward, update. Returns the
    /// batch's loss before the update (see ``Loss`` for its reduction;
    /// `huberDelta` is the ``Loss/huber`` threshold).
    ///
    /// - Precondition: the last layer's activation fits `loss` (sigmoid for
    ///   BCE, softmax for CCE).
    @discardableResult
    public mutating func trainStep<O: Optimizer>(inputs: [Float], targets: [Float], batchSize: Int, loss: Loss,
                                                 optimizer: O, state: inout OptimizerState<O>,
                                                 huberDelta: Float = 1) -> Float {
        let (value, gradients) = lossAndGradients(inputs: inputs, targets: targets, batchSize: batchSize, loss: loss,
                                                  huberDelta: huberDelta)
        apply(gradients: gradients, optimizer: optimizer, state: &state)
        return value
    }

    /// The network as a model file (format v1).
    public func modelFile(name: String, training: JSONValue? = nil, labels: [String]? = nil,
                          task: String? = nil) -> ModelFile {
        var specs: [ModelLayer] = []
        for layer in layers { layer.export(into: &specs) }
        return ModelFile(name: name, inputs: inputSize, outputs: outputSize, layers: specs, inputScaling: inputScaling,
                         labels: labels, task: task, training: training)
    }
}
