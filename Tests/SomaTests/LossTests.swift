import Testing
@testable import Soma

@Suite("Losses")
struct LossTests {
    // Two rows of three outputs, away from every kink (|y - t| ≠ 0, 1; t·y ≠ 1).
    static let y: [Float] = [0.3, -1.7, 0.9, 2.2, -0.4, 0.05]
    static let regressionTargets: [Float] = [0.1, -0.2, 2.5, 1.0, 0.3, -0.6]
    static let signTargets: [Float] = [1, -1, 1, -1, 1, -1]
    static let oneHot: [Float] = [0, 0, 1, 1, 0, 0]
    static let probabilities: [Float] = [0.2, 0.9, 0.5, 0.0, 1.0, 0.3]

    static func targets(for loss: Loss) -> [Float] {
        switch loss {
        case .hinge: return signTargets
        case .categoricalCrossEntropy: return oneHot
        case .binaryCrossEntropy: return probabilities
        default: return regressionTargets
        }
    }

    /// The value training sees: from the logits for the fused losses, from the outputs otherwise.
    static func value(_ loss: Loss, _ x: [Float], _ t: [Float]) -> Float {
        loss.value(logits: x, targets: t, width: 3, huberDelta: 0.5)
    }

    @Test("gradient matches central differences (w.r.t. outputs, or logits for BCE/CCE)", arguments: Loss.allCases)
    func gradient(_ loss: Loss) {
        let t = Self.targets(for: loss)
        let x = Self.y
        var activated = x
        if loss == .binaryCrossEntropy { activated = ActivationSpec.sigmoid.forward(x, width: 3) }
        if loss == .categoricalCrossEntropy { activated = ActivationSpec.softmax.forward(x, width: 3) }
        let (value, g) = loss.valueAndGradient(outputs: activated, logits: x, targets: t, width: 3, huberDelta: 0.5)
        #expect(value == Self.value(loss, x, t))
        let h: Float = 1e-3
        for k in x.indices {
            var xp = x, xm = x
            xp[k] += h
            xm[k] -= h
            let numeric = (Self.value(loss, xp, t) - Self.value(loss, xm, t)) / (2 * h)
            #expect(abs(numeric - g[k]) < 1e-3, "\(loss.rawValue) [\(k)]: numeric \(numeric), analytic \(g[k])")
        }
    }

    @Test("reduction: mean over rows; mean over outputs, except a sum over classes for CCE")
    func reduction() {
        // MSE: ((0.5)² + (1)²) / 2 elements over one row of two.
        #expect(Loss.mse.value(predictions: [1, 2], targets: [0.5, 1]) == 0.625)
        // MAE over 2 rows × 2: (1 + 2 + 0 + 1) / 4 = 1.
        #expect(Loss.mae.value(predictions: [1, 2, 3, 4], targets: [0, 0, 3, 5], width: 2) == 1)
        // Huber δ = 1: d = 0.5 → 0.125; d = 3 → 1·(3 - 0.5) = 2.5; mean 1.3125.
        #expect(Loss.huber.value(predictions: [0.5, 3], targets: [0, 0]) == 1.3125)
        // Hinge: max(0, 1 - 1·0.25) = 0.75, max(0, 1 - (-1)·(-2)) = 0; mean 0.375.
        #expect(Loss.hinge.value(predictions: [0.25, -2], targets: [1, -1]) == 0.375)
        // CCE with equal logits over 4 classes: each row costs log 4; the mean over 2 rows is log 4.
        let cce = Loss.categoricalCrossEntropy.value(logits: [0, 0, 0, 0, 5, 5, 5, 5], targets: [1, 0, 0, 0, 0, 0, 1, 0],
                                                     width: 4)
        #expect(abs(cce - 1.3862944) < 1e-6)
        // BCE at z = 0 is log 2 whatever the target.
        #expect(abs(Loss.binaryCrossEntropy.value(logits: [0, 0], targets: [0, 1], width: 1) - 0.6931472) < 1e-6)
    }

    @Test("fused losses stay finite for huge logits")
    func stable() {
        let bce = Loss.binaryCrossEntropy.value(logits: [100, -100], targets: [0, 1], width: 1)
        #expect(abs(bce - 100) < 1e-3)
        let cce = Loss.categoricalCrossEntropy.value(logits: [1000, 0, -1000], targets: [0, 0, 1], width: 3)
        #expect(cce == 2000)
    }

    @Test("output activation must fit the loss")
    func outputActivation() throws {
        #expect(throws: LossError(loss: .binaryCrossEntropy, outputActivation: .softmax)) {
            try Loss.binaryCrossEntropy.check(outputActivation: .softmax)
        }
        #expect(throws: LossError.self) { try Loss.categoricalCrossEntropy.check(outputActivation: .sigmoid) }
        try Loss.categoricalCrossEntropy.check(outputActivation: .softmax)
        try Loss.mse.check(outputActivation: .softmax)
        #expect(Loss.binaryCrossEntropy.rawValue == "binary_cross_entropy")
        #expect(Loss.categoricalCrossEntropy.rawValue == "categorical_cross_entropy")
    }

    static let networkCases: [(Loss, ActivationSpec)] = [
        (.mse, .sigmoid), (.mae, .identity), (.huber, .identity), (.binaryCrossEntropy, .sigmoid),
        (.categoricalCrossEntropy, .softmax), (.hinge, .tanh),
    ]

    @Test("back-propagation through a network matches central differences, every loss",
          arguments: networkCases.map { "\($0.0.rawValue)+\($0.1.kind.rawValue)" })
    func network(_ name: String) {
        let (loss, output) = Self.networkCases.first { "\($0.0.rawValue)+\($0.1.kind.rawValue)" == name }!
        var g = SplitMix64(seed: 31)
        let network = Network(layers: [
            Dense(inputSize: 3, outputSize: 4, activation: .tanh, using: &g),
            Dense(inputSize: 4, outputSize: 3, activation: output, using: &g),
        ])
        let inputs = (0..<12).map { _ in 2 * g.unitFloat() - 1 }
        var targets: [Float]
        switch loss {
        case .categoricalCrossEntropy: targets = [1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1]
        case .binaryCrossEntropy: targets = (0..<12).map { _ in g.unitFloat() }
        case .hinge: targets = (0..<12).map { _ in g.next() % 2 == 0 ? 1 : -1 }
        default: targets = (0..<12).map { _ in 4 * g.unitFloat() - 2 }
        }
        checkGradients(network, inputs: inputs, targets: targets, batchSize: 4, loss: loss, h: 5e-3)
    }
}
