/// Lesson 1: the perceptron. One unit, `y = 1 if w1·x1 + w2·x2 + b > 0 else 0`,
/// computes AND, NAND or OR depending only on its weights and bias (the
/// slides' values, ``Gate/handSet``), and the bias sets how easily it fires.
public struct PerceptronLesson: Sendable {
    /// Each gate with its perceptron and its outputs on ``Gate/truthTableInputs``.
    public let gates: [(gate: Gate, perceptron: Perceptron, outputs: [Float])]
    /// The bias example: one input of weight 1 and bias −0.1, fed ``biasInputs``.
    public let biasNeuron = Perceptron(weights: [1], bias: -0.1)
    public let biasInputs: [Float] = [0, 0.05, 0.1, 0.15, 0.2, 0.5]
    /// Its outputs: it fires only where the weighted sum exceeds 0.1.
    public let biasOutputs: [Float]

    public init() {
        gates = [Gate.and, .nand, .or].map { gate in
            let p = gate.handSet!
            return (gate, p, Gate.truthTableInputs.map { p.output($0) })
        }
        let (neuron, inputs) = (biasNeuron, biasInputs)
        biasOutputs = inputs.map { neuron.output([$0]) }
    }

    /// What `soma lesson perceptron` prints.
    public var lines: [String] {
        var out: [String] = []
        for (gate, p, outputs) in gates {
            out.append("\(gate.rawValue.uppercased()): (w1, w2, b) = (\(LessonText.number(p.weights[0])), "
                       + "\(LessonText.number(p.weights[1])), \(LessonText.number(p.bias)))")
            out.append("  x1 x2 | w·x + b | y")
            for (x, y) in zip(Gate.truthTableInputs, outputs) {
                let sum = String(format: "%7.1f", Double(p.preActivation(x)))
                out.append("   \(Int(x[0]))  \(Int(x[1])) | \(sum) | \(Int(y))")
            }
        }
        out.append("The bias: with b = -0.1 (weight 1) the neuron fires only when the weighted sum exceeds 0.1.")
        out.append("  w·x: " + LessonText.list(biasInputs.map { LessonText.number($0) }))
        out.append("  y:   " + LessonText.list(biasOutputs.map { String(Int($0)) }))
        return out
    }
}
