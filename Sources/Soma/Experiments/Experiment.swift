/// The experiments that answer the course's open questions by measuring, each
/// seeded (same numbers on every run) and small enough to run in seconds in a
/// release build. ``run()`` trains and measures; ``ExperimentResult`` holds the tables,
/// figures and the sentences computed from the numbers.
public enum Experiment: String, CaseIterable, Sendable {
    case stepOutput = "step-output"
    case perceptron
    case activationGrid = "activation-grid"
    case lossChoice = "loss-choice"
    case softmaxHidden = "softmax-hidden"
    case deadReLU = "dead-relu"
    case vanishingGradients = "vanishing-gradients"
    case optimizers
    case batchNorm = "batch-norm"
    case initializers

    public var title: String {
        switch self {
        case .stepOutput: "1. A step function in the output layer"
        case .perceptron: "2. Can backpropagation train a perceptron?"
        case .activationGrid: "3. Different activations per layer"
        case .lossChoice: "4. How to choose the loss"
        case .softmaxHidden: "5. Softmax in a hidden layer"
        case .deadReLU: "6. Dead ReLU units"
        case .vanishingGradients: "Vanishing gradients"
        case .optimizers: "The five optimizers on one problem"
        case .batchNorm: "Batch normalisation on and off"
        case .initializers: "Xavier against He"
        }
    }

    public var question: String {
        switch self {
        case .stepOutput: "With step units, can the network still solve hard problems such as XOR?"
        case .perceptron: "Can backpropagation train a single perceptron, and which gates can it learn?"
        case .activationGrid: "Does it matter which activation each layer uses?"
        case .lossChoice: "Cross-entropy or MSE for classification; MAE or Huber or MSE for regression with outliers?"
        case .softmaxHidden: "What happens with softmax as a hidden layer's activation?"
        case .deadReLU: "\"ReLU keeps features and zero means worthless\": how many units die under a high learning rate?"
        case .vanishingGradients: "How does the gradient reaching each layer of a deep network depend on activation and initialisation?"
        case .optimizers: "How fast do SGD, Momentum, Nesterov, RMSprop and Adam bring the loss down?"
        case .batchNorm: "What does batch normalisation change in training?"
        case .initializers: "Does the initialisation have to match the activation?"
        }
    }

    public var setup: String {
        switch self {
        case .stepOutput:
            "XOR's four rows. The notes' hand-set gate network (NAND and OR into AND, step units); the same 2-2-1 shape "
                + "with step units from Xavier weights (seed 1); a 2-4-1 network with sigmoid hidden units and a step output, "
                + "and the same all sigmoid (seed 1). MSE, full-batch SGD, "
                + "learning rate 2, 3000 epochs."
        case .perceptron:
            "One unit, two inputs, Xavier weights (seed 1), full-batch SGD with learning rate 1 for 3000 epochs: "
                + "a step unit with MSE, and a sigmoid unit with binary cross-entropy (logistic regression), on each gate."
        case .activationGrid:
            "moons (400 rows) and spirals (600 rows, 3 classes), seed 1, 70/15/15 split, standardised. Two hidden layers "
                + "(16 wide on moons, 32 on spirals), Adam 0.01, batch 32, up to 150 epochs with early stopping "
                + "(patience 20). Output: softmax with cross-entropy, or sigmoid with MSE."
        case .lossChoice:
            "Classification: moons, one hidden ReLU layer of 16, SGD 0.02, 150 epochs, seed 1. Regression: "
                + "y = 2x + 1 plus uniform noise in ±0.1 on 200 points, every tenth target raised by 15; one linear "
                + "unit, Adam 0.05, 300 epochs, every row used for training. A sigmoid unit asked for the target 2."
        case .softmaxHidden:
            "moons and spirals as in experiment 3, two hidden layers of 32 with softmax or ReLU, Adam 0.01, 150 epochs "
                + "(patience 20). Gradient norms: ‖∂L/∂W‖ of each dense layer's weights over the whole training split."
        case .deadReLU:
            "spirals, one hidden layer of 64, plain SGD with learning rates 0.05, 1.5 and 4, batch 32, 60 epochs, seed 1. "
                + "A unit is dead when its pre-activation is ≤ 0 on every training row after training."
        case .vanishingGradients:
            "moons, ten hidden layers of 16, the network before training (seed 1): sigmoid with Xavier-uniform weights "
                + "against ReLU with He-uniform weights; then both trained with SGD 0.05 for 100 epochs, the trainer "
                + "recording every layer's gradient norm after each epoch (`soma train --record-gradient-norms`)."
        case .optimizers:
            "moons, two hidden ReLU layers of 16, 60 epochs, batch 32, seed 1, each optimizer at Soma's default "
                + "learning rate (SGD, Momentum, Nesterov 0.05; RMSprop, Adam 0.001)."
        case .batchNorm:
            "spirals, two hidden ReLU layers of 32, SGD 0.05, batch 32, 150 epochs, seed 1, with and without batch "
                + "normalisation after each hidden dense layer."
        case .initializers:
            "moons, five hidden layers of 32, ReLU or tanh, Xavier-uniform or He-uniform weights, SGD 0.05, 100 epochs, "
                + "seed 1."
        }
    }

    /// Runs the experiment (deterministic: the same numbers every time).
    public func run() -> ExperimentResult {
        switch self {
        case .stepOutput: Self.stepOutputResult()
        case .perceptron: Self.perceptronResult()
        case .activationGrid: Self.activationGridResult()
        case .lossChoice: Self.lossChoiceResult()
        case .softmaxHidden: Self.softmaxHiddenResult()
        case .deadReLU: Self.deadReLUResult()
        case .vanishingGradients: Self.vanishingGradientsResult()
        case .optimizers: Self.optimizersResult()
        case .batchNorm: Self.batchNormResult()
        case .initializers: Self.initializersResult()
        }
    }
}
