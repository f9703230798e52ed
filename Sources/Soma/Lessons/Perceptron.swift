/// Rosenblatt's perceptron: a weighted sum and a threshold, trained with the
/// perceptron learning rule.
///
/// ``output(_:)`` computes the weighted sum exactly as a model file's dense
/// layer does (`acc = bias`, then `acc = fma(w[i], x[i], acc)` in input order)
/// and fires (1) iff `acc > 0`, so the perceptron and its exported one-layer
/// `step` model (``modelFile(name:training:)``) agree on every input.
public struct Perceptron: Sendable, Equatable {
    /// One weight per input.
    public var weights: [Float]
    /// The bias (the negated threshold).
    public var bias: Float

    /// A perceptron with the given weights and bias.
    public init(weights: [Float], bias: Float) {
        self.weights = weights
        self.bias = bias
    }

    /// A perceptron with `inputs` weights and a bias drawn uniformly from
    /// `[-scale, scale)` (weights first, in order, then the bias), 24 random bits each.
    public init(inputs: Int, scale: Float = 0.5, using generator: inout some RandomNumberGenerator) {
        var values: [Float] = []
        for _ in 0...inputs {
            values.append(scale * (2 * generator.unitFloat() - 1))
        }
        self.init(weights: Array(values.prefix(inputs)), bias: values[inputs])
    }

    /// `bias + Σ w[i]·x[i]`, accumulated with fused multiply-adds in input order (the format's dense order).
    public func preActivation(_ x: [Float]) -> Float {
        precondition(x.count == weights.count, "expected \(weights.count) inputs, got \(x.count)")
        var acc = bias
        for i in weights.indices {
            acc = acc.addingProduct(weights[i], x[i])
        }
        return acc
    }

    /// 1 if the weighted sum is > 0, else 0.
    public func output(_ x: [Float]) -> Float {
        preActivation(x) > 0 ? 1 : 0
    }

    /// The perceptron learning rule. Each epoch visits the samples in order; on a
    /// wrong output `y` for target `t` it moves `w[i] += learningRate * (t - y) * x[i]`
    /// and `bias += learningRate * (t - y)`.
    ///
    /// - Returns: the number of wrong outputs in each epoch run. Training stops
    ///   after the first epoch without errors (its 0 is the last count), or after `epochs`.
    @discardableResult
    public mutating func train(samples: [[Float]], targets: [Float], epochs: Int, learningRate: Float) -> [Int] {
        precondition(samples.count == targets.count, "one target per sample")
        var history: [Int] = []
        for _ in 0..<epochs {
            var errors = 0
            for (x, t) in zip(samples, targets) {
                let error = t - output(x)
                if error != 0 {
                    errors += 1
                    for i in weights.indices {
                        weights[i] += learningRate * error * x[i]
                    }
                    bias += learningRate * error
                }
            }
            history.append(errors)
            if errors == 0 { break }
        }
        return history
    }

    /// A one-layer model: a dense layer (`weights.count` inputs, one output) with a `step` activation.
    public func modelFile(name: String, training: JSONValue? = nil) -> ModelFile {
        ModelFile(name: name, layers: [.dense(denseSpec)], labels: ["0", "1"], task: "classification",
                  training: training)
    }

    /// The perceptron as a dense layer spec with one output and a `step` activation.
    public var denseSpec: DenseLayerSpec {
        DenseLayerSpec(inputs: weights.count, outputs: 1, weights: weights, bias: [bias], activation: .step)
    }
}
