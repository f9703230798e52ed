import Testing
@testable import Soma

@Suite("Batch normalisation")
struct BatchNormTests {
    static func network(activation: ActivationSpec = .relu, seed: UInt64 = 3) -> Network {
        var g = SplitMix64(seed: seed)
        var bn = BatchNorm(size: 4, activation: activation)
        bn.gamma = [1.2, 0.7, -0.5, 1.0]
        bn.beta = [0.1, -0.3, 0.2, 0.5]
        return Network(layers: [
            Dense(inputSize: 3, outputSize: 4, activation: .identity, using: &g),
            bn,
            Dense(inputSize: 4, outputSize: 2, activation: .sigmoid, using: &g),
        ])
    }

    @Test("gradients in training mode (gamma, beta, and the Dense layer before it through dL/dx) match central differences")
    func gradientCheck() {
        var g = SplitMix64(seed: 13)
        let inputs = (0..<18).map { _ in 2 * g.unitFloat() - 1 }
        let targets = (0..<12).map { _ in g.unitFloat() }
        checkGradients(Self.network(activation: .tanh), inputs: inputs, targets: targets, batchSize: 6, loss: .mse,
                       h: 5e-3)
    }

    @Test("input gradient in training mode matches central differences")
    func inputGradient() {
        var bn = BatchNorm(size: 3, activation: .tanh)
        bn.gamma = [1.5, -0.8, 0.6]
        bn.beta = [0.2, 0.1, -0.4]
        let x: [Float] = [0.3, -0.7, 0.2, 1.1, 0.4, -0.9, -0.5, 0.8, 0.6, 0.05, -0.2, 1.4]
        let dy: [Float] = [0.5, -1.5, 0.3, 0.2, 0.9, -0.4, -0.7, 0.1, 0.6, 1.2, -0.3, 0.8]
        var layer = bn
        let (_, trace) = layer.forward(x, batchSize: 4, mode: .training)
        let (dx, _) = bn.backward(dy, trace: trace)
        let h: Float = 1e-3
        for j in x.indices {
            var xp = x, xm = x
            xp[j] += h
            xm[j] -= h
            var a = bn, b = bn
            let yp = a.forward(xp, batchSize: 4, mode: .training).output
            let ym = b.forward(xm, batchSize: 4, mode: .training).output
            let numeric = (0..<x.count).reduce(Float(0)) { $0 + (yp[$1] - ym[$1]) / (2 * h) * dy[$1] }
            #expect(abs(numeric - dx[j]) < 3e-3, "x[\(j)]: numeric \(numeric), backprop \(dx[j])")
        }
    }

    @Test("training mode normalises with the batch and updates running stats at rate 0.1 (unbiased variance)")
    func runningStatistics() {
        var bn = BatchNorm(size: 1)
        // Column 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5, unbiased 14/3.
        let (y, _) = bn.forward([1, 2, 3, 6], batchSize: 4, mode: .training)
        let inv = 1 / (Float(3.5) + 1e-5).squareRoot()
        expectSameBits(y, [-2 * inv, -1 * inv, 0, 3 * inv])
        #expect(bn.runningMean == [0.9 * 0 + 0.1 * 3])
        #expect(abs(bn.runningVariance[0] - (0.9 * 1 + 0.1 * 14 / 3)) < 1e-6)
        // Inference leaves the statistics alone.
        let before = bn
        _ = bn.forward([5, 7], batchSize: 2, mode: .inference)
        #expect(bn == before)
    }

    @Test("inference output equals the exported model's reference pass bit for bit")
    func exportParity() throws {
        var network = Self.network(activation: .relu)
        var g = SplitMix64(seed: 17)
        var state = OptimizerState<Adam>()
        for _ in 0..<30 {
            let x = (0..<(8 * 3)).map { _ in 2 * g.unitFloat() - 1 }
            let t = (0..<(8 * 2)).map { _ in g.unitFloat() }
            network.trainStep(inputs: x, targets: t, batchSize: 8, loss: .binaryCrossEntropy,
                              optimizer: Adam(learningRate: 0.01), state: &state)
        }
        let bn = network.layers[1] as! BatchNorm
        #expect(bn.runningMean != [0, 0, 0, 0])
        #expect(bn.gamma != [1.2, 0.7, -0.5, 1.0])
        let model = network.modelFile(name: "bn")
        guard case .batchNorm(let spec) = model.layers[1] else {
            Issue.record("layer 1 is not exported as batchnorm")
            return
        }
        #expect(spec == bn.spec)
        let reread = try ModelFile(jsonData: model.jsonData())
        for _ in 0..<100 {
            let x = (0..<3).map { _ in 4 * g.unitFloat() - 2 }
            expectSameBits(network.predict(x), try model.predict(x))
            expectSameBits(network.predict(x), try reread.predict(x))
        }
        let batch = (0..<(5 * 3)).map { _ in 4 * g.unitFloat() - 2 }
        let outputs = network.predict(batch: batch, batchSize: 5)
        for r in 0..<5 {
            expectSameBits(Array(outputs[(r * 2)..<(r * 2 + 2)]), try model.predict(Array(batch[(r * 3)..<(r * 3 + 3)])))
        }
    }
}

@Suite("Networks end to end")
struct NetworkGradientTests {
    @Test("two hidden layers: back-propagation matches central differences")
    func twoHiddenLayers() {
        var g = SplitMix64(seed: 41)
        let network = Network(layers: [
            Dense(inputSize: 4, outputSize: 5, activation: .tanh, using: &g),
            Dense(inputSize: 5, outputSize: 6, activation: .elu(alpha: 1), using: &g),
            Dense(inputSize: 6, outputSize: 3, activation: .softmax, using: &g),
        ])
        let inputs = (0..<20).map { _ in 2 * g.unitFloat() - 1 }
        let targets: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0]
        checkGradients(network, inputs: inputs, targets: targets, batchSize: 5, loss: .categoricalCrossEntropy, h: 5e-3)
    }

    @Test("layer sizes that differ: the Dense weight layout survives training and export")
    func layout() throws {
        var g = SplitMix64(seed: 43)
        var network = Network(layers: [
            Dense(inputSize: 7, outputSize: 3, activation: .relu, using: &g),
            Dense(inputSize: 3, outputSize: 5, activation: .identity, using: &g),
        ])
        var state = OptimizerState<SGD>()
        for _ in 0..<5 {
            let x = (0..<(33 * 7)).map { _ in g.unitFloat() }
            let t = (0..<(33 * 5)).map { _ in g.unitFloat() }
            network.trainStep(inputs: x, targets: t, batchSize: 33, loss: .huber, optimizer: SGD(learningRate: 0.1),
                              state: &state, huberDelta: 0.5)
        }
        let model = network.modelFile(name: "layout")
        let x = (0..<7).map { _ in g.unitFloat() }
        expectSameBits(network.predict(x), try model.predict(x))
    }

    @Test("step cannot train: its derivative is 0, so gradients through it vanish and the loss stays put")
    func stepCannotTrain() {
        var g = SplitMix64(seed: 47)
        var single = Network(layers: [Dense(inputSize: 2, outputSize: 1, activation: .step, using: &g)])
        let x: [Float] = [0, 0, 0, 1, 1, 0, 1, 1]
        let t: [Float] = [0, 1, 1, 0]
        let (first, gradients) = single.lossAndGradients(inputs: x, targets: t, batchSize: 4, loss: .mse)
        #expect(gradients.flatMap { $0.flatMap { $0 } }.allSatisfy { $0 == 0 })
        var state = OptimizerState<SGD>()
        for _ in 0..<50 {
            let value = single.trainStep(inputs: x, targets: t, batchSize: 4, loss: .mse,
                                         optimizer: SGD(learningRate: 1), state: &state)
            #expect(value == first)
        }
        // Behind a step layer, the earlier layer gets no gradient at all.
        var hidden = Network(layers: [
            Dense(inputSize: 2, outputSize: 3, activation: .step, using: &g),
            Dense(inputSize: 3, outputSize: 1, activation: .sigmoid, using: &g),
        ])
        let (_, deep) = hidden.lossAndGradients(inputs: x, targets: t, batchSize: 4, loss: .mse)
        #expect(deep[0].flatMap { $0 }.allSatisfy { $0 == 0 })
    }

    @Test("every optimizer lowers the loss on a small problem",
          arguments: ["momentum", "nesterov", "rmsprop", "adam"])
    func optimizersLearn(_ name: String) {
        var g = SplitMix64(seed: 53)
        let base = Network(layers: [
            Dense(inputSize: 2, outputSize: 8, activation: .tanh, using: &g),
            Dense(inputSize: 8, outputSize: 1, activation: .sigmoid, using: &g),
        ])
        let x: [Float] = [0, 0, 0, 1, 1, 0, 1, 1]
        let t: [Float] = [0, 1, 1, 0]
        func run<O: Optimizer>(_ o: O) -> (Float, Float) {
            var n = base
            var s = OptimizerState<O>()
            let first = n.loss(inputs: x, targets: t, batchSize: 4, loss: .binaryCrossEntropy)
            for _ in 0..<300 { n.trainStep(inputs: x, targets: t, batchSize: 4, loss: .binaryCrossEntropy, optimizer: o, state: &s) }
            return (first, n.loss(inputs: x, targets: t, batchSize: 4, loss: .binaryCrossEntropy))
        }
        let (before, after) = switch name {
        case "momentum": run(Momentum(learningRate: 0.1))
        case "nesterov": run(Nesterov(learningRate: 0.1))
        case "rmsprop": run(RMSprop(learningRate: 0.01))
        default: run(Adam(learningRate: 0.02))
        }
        #expect(after < 0.5 * before, "\(name): \(before) → \(after)")
    }
}
