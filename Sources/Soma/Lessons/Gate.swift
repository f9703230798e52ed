/// The logic gates of the perceptron lesson, and XOR built from them.
///
/// `and`, `or` and `nand` are each one perceptron; XOR is not linearly
/// separable, so `xor-gates` is the two-layer network `AND(NAND(a, b), OR(a, b))`.
public enum Gate: String, CaseIterable, Sendable, Codable {
    case and
    case or
    case nand
    /// XOR as two layers of step units: layer 1 = [NAND; OR], layer 2 = AND.
    case xorGates = "xor-gates"

    /// The four inputs of a two-input truth table, in order: (0,0), (0,1), (1,0), (1,1).
    public static let truthTableInputs: [[Float]] = [[0, 0], [0, 1], [1, 0], [1, 1]]

    /// The gate's outputs for ``truthTableInputs``.
    public var truthTable: [Float] {
        switch self {
        case .and: return [0, 0, 0, 1]
        case .or: return [0, 1, 1, 1]
        case .nand: return [1, 1, 1, 0]
        case .xorGates: return [0, 1, 1, 0]
        }
    }

    /// The textbook weights: AND w=(0.5, 0.5) b=-0.7; OR w=(0.5, 0.5) b=-0.2;
    /// NAND w=(-0.5, -0.5) b=0.7. `nil` for `xor-gates`, which is two layers.
    public var handSet: Perceptron? {
        switch self {
        case .and: return Perceptron(weights: [0.5, 0.5], bias: -0.7)
        case .or: return Perceptron(weights: [0.5, 0.5], bias: -0.2)
        case .nand: return Perceptron(weights: [-0.5, -0.5], bias: 0.7)
        case .xorGates: return nil
        }
    }

    /// The model built from the hand-set weights (for `xor-gates`, from the hand-set NAND, OR and AND).
    public func handSetModel() -> ModelFile {
        let metadata: JSONValue = .object([("method", .string("hand-set"))])
        switch self {
        case .xorGates:
            return Self.xorModel(nand: Gate.nand.handSet!, or: Gate.or.handSet!, and: Gate.and.handSet!,
                                 training: .object([("method", .string("hand-set")), ("gates", .string("hand-set"))]))
        default:
            return handSet!.modelFile(name: rawValue, training: metadata)
        }
    }

    /// Trains a perceptron on `targets` over ``truthTableInputs`` with the perceptron
    /// rule, starting from weights drawn from `generator` (``Perceptron/init(inputs:scale:using:)``).
    public static func trainPerceptron(targets: [Float], epochs: Int, learningRate: Float,
                                       using generator: inout some RandomNumberGenerator)
        -> (perceptron: Perceptron, errorsPerEpoch: [Int]) {
        var perceptron = Perceptron(inputs: 2, using: &generator)
        let history = perceptron.train(samples: truthTableInputs, targets: targets, epochs: epochs,
                                       learningRate: learningRate)
        return (perceptron, history)
    }

    /// Trains the gate from its truth table and returns the model, with
    /// `training` metadata (method, seed, epochs run, learning rate, errors per
    /// epoch, whether it converged). Initial weights come from
    /// `SplitMix64(seed: seed)`; for `xor-gates` one generator initialises NAND,
    /// OR and AND in that order, each trained on its own truth table.
    public func trainedModel(seed: UInt64, epochs: Int = 100, learningRate: Float = 0.1) -> ModelFile {
        var generator = SplitMix64(seed: seed)
        let common: [(String, JSONValue)] = [
            ("method", .string("perceptron-rule")),
            ("seed", JSONValue(seed)),
            ("learning_rate", JSONValue(learningRate)),
            ("max_epochs", JSONValue(epochs)),
            ("initial_weights", .string("uniform [-0.5, 0.5) from SplitMix64(seed)")),
        ]
        func record(_ history: [Int]) -> [(String, JSONValue)] {
            [("epochs", JSONValue(history.count)),
             ("errors_per_epoch", .array(history.map { JSONValue($0) })),
             ("converged", .bool(history.last == 0))]
        }
        switch self {
        case .xorGates:
            var parts: [Perceptron] = []
            var members = common + [("gates", .string("trained"))]
            for gate in [Gate.nand, .or, .and] {
                let (p, history) = Self.trainPerceptron(targets: gate.truthTable, epochs: epochs,
                                                        learningRate: learningRate, using: &generator)
                parts.append(p)
                members.append((gate.rawValue, .object(record(history))))
            }
            return Self.xorModel(nand: parts[0], or: parts[1], and: parts[2], training: .object(members))
                .selfTested(Self.truthTableInputs)
        default:
            let (p, history) = Self.trainPerceptron(targets: truthTable, epochs: epochs,
                                                    learningRate: learningRate, using: &generator)
            return p.modelFile(name: rawValue, training: .object(common + record(history)))
                .selfTested(Self.truthTableInputs)
        }
    }

    /// XOR from gates: layer 1 has rows [NAND; OR], layer 2 is AND of their outputs; all `step`.
    public static func xorModel(nand: Perceptron, or: Perceptron, and: Perceptron, training: JSONValue? = nil) -> ModelFile {
        let hidden = DenseLayerSpec(rows: [nand.weights, or.weights], bias: [nand.bias, or.bias], activation: .step)
        return ModelFile(name: Gate.xorGates.rawValue, layers: [.dense(hidden), .dense(and.denseSpec)],
                         labels: ["0", "1"], task: "classification", training: training)
    }
}
