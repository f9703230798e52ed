import Testing
@testable import Soma

/// Runs `optimizer` on one tensor for the given gradients and returns the parameter after each step.
private func steps<O: Optimizer>(_ optimizer: O, start: [Float], gradients: [[Float]]) -> [[Float]] {
    var p = start
    var state = optimizer.makeState(count: p.count)
    var history: [[Float]] = []
    for (k, g) in gradients.enumerated() {
        optimizer.update(&p, gradient: g, state: &state, step: k + 1)
        history.append(p)
    }
    return history
}

private func expectClose(_ got: [[Float]], _ expected: [[Float]], tolerance: Float = 2e-6,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == expected.count, sourceLocation: sourceLocation)
    for (s, (g, e)) in zip(got, expected).enumerated() {
        for (k, (a, b)) in zip(g, e).enumerated() {
            #expect(abs(a - b) <= tolerance * max(1, abs(b)), "step \(s + 1) [\(k)]: \(a), expected \(b)",
                    sourceLocation: sourceLocation)
        }
    }
}

@Suite("Optimizers against hand-computed steps")
struct OptimizerTests {
    @Test("SGD: p -= lr·(g + wd·p)")
    func sgd() {
        // lr 0.1, wd 0.1, p = 1, g = 0.5:  g' = 0.5 + 0.1·1 = 0.6, p = 1 - 0.06 = 0.94;
        // g' = 0.5 + 0.094 = 0.594, p = 0.94 - 0.0594 = 0.8806.
        expectClose(steps(SGD(learningRate: 0.1, weightDecay: 0.1), start: [1], gradients: [[0.5], [0.5]]),
                    [[0.94], [0.8806]])
    }

    @Test("Momentum: v = μv + g, p -= lr·v")
    func momentum() {
        // lr 0.1, μ 0.9, p = 1, g = 0.5 every step:
        // 1: v = 0.5,                 p = 1 - 0.05 = 0.95
        // 2: v = 0.45 + 0.5 = 0.95,   p = 0.95 - 0.095 = 0.855
        // 3: v = 0.855 + 0.5 = 1.355, p = 0.855 - 0.1355 = 0.7195
        expectClose(steps(Momentum(learningRate: 0.1), start: [1], gradients: [[0.5], [0.5], [0.5]]),
                    [[0.95], [0.855], [0.7195]])
        // With wd 0.1: g' = 0.5 + 0.1·1 = 0.6, v = 0.6, p = 0.94;
        // g' = 0.5 + 0.094 = 0.594, v = 0.54 + 0.594 = 1.134, p = 0.94 - 0.1134 = 0.8266.
        expectClose(steps(Momentum(learningRate: 0.1, weightDecay: 0.1), start: [1], gradients: [[0.5], [0.5]]),
                    [[0.94], [0.8266]])
    }

    @Test("Nesterov: v = μv + g, p -= lr·(g + μv)")
    func nesterov() {
        // lr 0.1, μ 0.9, p = 1, g = 0.5 every step:
        // 1: v = 0.5,   p = 1 - 0.1·(0.5 + 0.45) = 0.905
        // 2: v = 0.95,  p = 0.905 - 0.1·(0.5 + 0.855) = 0.7695
        // 3: v = 1.355, p = 0.7695 - 0.1·(0.5 + 1.2195) = 0.59755
        expectClose(steps(Nesterov(learningRate: 0.1), start: [1], gradients: [[0.5], [0.5], [0.5]]),
                    [[0.905], [0.7695], [0.59755]])
    }

    @Test("RMSprop: s = ρs + (1-ρ)g², p -= lr·g / (sqrt(s) + ε)")
    func rmsprop() {
        // lr 0.01, ρ 0.9, ε 1e-7, p = 1, gradients 0.5, -1, 0.25:
        // 1: s = 0.1·0.25 = 0.025,            p = 1 - 0.01·0.5/0.1581139 = 0.9683772
        // 2: s = 0.0225 + 0.1·1 = 0.1225,     p = 0.9683772 + 0.01·1/0.35 = 0.9969487
        // 3: s = 0.11025 + 0.00625 = 0.1165,  p = 0.9969487 - 0.01·0.25/0.3413210 = 0.9896242
        expectClose(steps(RMSprop(learningRate: 0.01), start: [1], gradients: [[0.5], [-1], [0.25]]),
                    [[0.9683772], [0.9969487], [0.9896242]])
    }

    @Test("Adam with bias correction, ε outside the square root")
    func adam() {
        // lr 0.1, β1 0.9, β2 0.999, ε 1e-8, p = 1, gradients 0.5, -1, 0.25:
        // 1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25;
        //    p = 1 - 0.1·0.5/(0.5 + 1e-8) = 0.9
        // 2: m = 0.045 - 0.1 = -0.055, v = 0.00024975 + 0.001 = 0.00124975;
        //    m̂ = -0.055/0.19 = -0.2894737, v̂ = 0.00124975/0.001999 = 0.6251876, sqrt = 0.7906881;
        //    p = 0.9 + 0.1·0.2894737/0.7906881 = 0.9366104
        // 3: m = -0.0495 + 0.025 = -0.0245, v = 0.0012485 + 0.0000625 = 0.0013110;
        //    m̂ = -0.0245/0.271 = -0.0904059, v̂ = 0.0013110/0.002997001 = 0.4374374, sqrt = 0.6613905;
        //    p = 0.9366104 + 0.1·0.0904059/0.6613905 = 0.9502794
        // (Float rounds 1 - 0.999 to 0.00099998713, which moves step 3 by 4e-7.)
        expectClose(steps(Adam(learningRate: 0.1), start: [1], gradients: [[0.5], [-1], [0.25]]),
                    [[0.9], [0.9366104], [0.9502794]])
        // Float(0.9) is 0.89999998, so 1 - β1² is 0.19 only to about 1e-7.
        #expect(abs(Adam.biasCorrection(0.9, step: 2) - 0.19) < 1e-6)
    }

    @Test("Adam with L2 weight decay adds wd·p to the gradient")
    func adamWeightDecay() {
        // p = 2, g = 0.5, wd 0.25: g' = 0.5 + 0.5 = 1; m̂ = 1, v̂ = 1; p = 2 - 0.1·1/(1 + 1e-8) = 1.9
        expectClose(steps(Adam(learningRate: 0.1, weightDecay: 0.25), start: [2], gradients: [[0.5]]), [[1.9]])
    }
}

@Suite("Reproducible training")
struct ReproducibilityTests {
    static func train<O: Optimizer>(_ optimizer: O, seed: UInt64) -> [UInt32] {
        var g = SplitMix64(seed: seed)
        var network = Network(layers: [
            Dense(inputSize: 5, outputSize: 7, activation: .relu, using: &g),
            Dense(inputSize: 7, outputSize: 6, activation: .tanh, using: &g),
            Dense(inputSize: 6, outputSize: 3, activation: .softmax, using: &g),
        ])
        var state = OptimizerState<O>()
        for _ in 0..<20 {
            let x = (0..<(8 * 5)).map { _ in 2 * g.unitFloat() - 1 }
            var t = [Float](repeating: 0, count: 8 * 3)
            for r in 0..<8 { t[r * 3 + Int(g.next() % 3)] = 1 }
            network.trainStep(inputs: x, targets: t, batchSize: 8, loss: .categoricalCrossEntropy,
                              optimizer: optimizer, state: &state)
        }
        return network.layers.flatMap { $0.parameters.flatMap { $0 } }.map(\.bitPattern)
    }

    static func bits(_ name: String, seed: UInt64) -> [UInt32] {
        switch name {
        case "sgd": return train(SGD(learningRate: 0.1, weightDecay: 0.01), seed: seed)
        case "momentum": return train(Momentum(learningRate: 0.05, weightDecay: 0.01), seed: seed)
        case "nesterov": return train(Nesterov(learningRate: 0.05), seed: seed)
        case "rmsprop": return train(RMSprop(learningRate: 0.01), seed: seed)
        default: return train(Adam(learningRate: 0.01, weightDecay: 0.001), seed: seed)
        }
    }

    @Test("same seed gives bit-identical weights; another seed does not",
          arguments: ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
    func sameSeedSameBits(_ optimizer: String) {
        let a = Self.bits(optimizer, seed: 5)
        #expect(a == Self.bits(optimizer, seed: 5))
        #expect(a != Self.bits(optimizer, seed: 6))
    }
}
