import Testing
@testable import Soma

/// Central differences against back-propagation: `(L(p + h) - L(p - h)) / 2h`, in Double
/// where the network allows (the loss itself is Float, so h is kept largish).
func checkGradients(_ network: Network, inputs: [Float], targets: [Float], batchSize: Int, loss: Loss,
                    h: Float = 1e-2, tolerance: Float = 2e-2,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    var net = network
    let (_, gradients) = net.lossAndGradients(inputs: inputs, targets: targets, batchSize: batchSize, loss: loss)
    for l in network.layers.indices {
        for t in network.layers[l].parameters.indices {
            for k in network.layers[l].parameters[t].indices {
                var plus = network
                var minus = network
                plus.layers[l].parameters[t][k] += h
                minus.layers[l].parameters[t][k] -= h
                let numeric = (plus.loss(inputs: inputs, targets: targets, batchSize: batchSize, loss: loss, mode: .training)
                    - minus.loss(inputs: inputs, targets: targets, batchSize: batchSize, loss: loss, mode: .training)) / (2 * h)
                let analytic = gradients[l][t][k]
                let scale = max(1, abs(numeric), abs(analytic))
                #expect(abs(numeric - analytic) <= tolerance * scale * 0.1 + 1e-4,
                        "layer \(l) tensor \(t) [\(k)]: numeric \(numeric), backprop \(analytic)",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

@Suite("Gradient checks")
struct GradientCheckTests {
    @Test("Dense + sigmoid + MSE, 3 → 4 → 2, batch of 5")
    func denseSigmoidMSE() {
        var g = SplitMix64(seed: 4)
        let network = Network(layers: [
            Dense(inputSize: 3, outputSize: 4, activation: .sigmoid, using: &g),
            Dense(inputSize: 4, outputSize: 2, activation: .sigmoid, using: &g),
        ])
        var network2 = network
        for l in network2.layers.indices {
            network2.layers[l].parameters[1] = network2.layers[l].parameters[1].map { _ in g.unitFloat() - 0.5 }
        }
        let inputs = (0..<15).map { _ in 2 * g.unitFloat() - 1 }
        let targets = (0..<10).map { _ in g.unitFloat() }
        checkGradients(network2, inputs: inputs, targets: targets, batchSize: 5, loss: .mse)
    }

    @Test("input gradient of a Dense layer matches central differences")
    func inputGradient() {
        var g = SplitMix64(seed: 8)
        var dense = Dense(inputSize: 3, outputSize: 2, activation: .tanh, using: &g)
        let x: [Float] = [0.3, -0.7, 0.2]
        let dy: [Float] = [0.5, -1.5]
        let (_, trace) = dense.forward(x, batchSize: 1, mode: .training)
        let (dx, _) = dense.backward(dy, trace: trace)
        for i in 0..<3 {
            var xp = x, xm = x
            xp[i] += 1e-2
            xm[i] -= 1e-2
            let yp = dense.forward(xp, batchSize: 1, mode: .inference).output
            let ym = dense.forward(xm, batchSize: 1, mode: .inference).output
            let numeric = zip(zip(yp, ym), dy).reduce(Float(0)) { $0 + ($1.0.0 - $1.0.1) / 2e-2 * $1.1 }
            #expect(abs(numeric - dx[i]) < 2e-3, "input \(i): numeric \(numeric), backprop \(dx[i])")
        }
    }
}

@Suite("Activation derivatives")
struct ActivationDerivativeTests {
    /// Every activation (step's derivative is 0 away from its kink, as the differences say).
    static let activations = ActivationKind.allCases.map { ActivationSpec.example($0, width: 3) }

    @Test("backward matches central differences of forward", arguments: activations)
    func derivative(_ a: ActivationSpec) {
        let z: [Float] = [-1.3, 0.4, 2.1, 0.7, -0.2, -2.5]  // two rows of three, away from kinks at 0
        let dy: [Float] = [0.3, -0.8, 0.5, 1.1, 0.2, -0.4]
        let y = a.forward(z, width: 3)
        let (dz, dAlpha) = a.backward(z: z, y: y, outputGradient: dy, width: 3)
        let h: Float = 1e-3
        for j in z.indices {
            var zp = z, zm = z
            zp[j] += h
            zm[j] -= h
            let yp = a.forward(zp, width: 3), ym = a.forward(zm, width: 3)
            let numeric = (0..<z.count).reduce(Float(0)) { $0 + (yp[$1] - ym[$1]) / (2 * h) * dy[$1] }
            #expect(abs(numeric - dz[j]) < 2e-3, "z[\(j)]: numeric \(numeric), backprop \(dz[j])")
        }
        if a.kind == .prelu {
            for k in 0..<3 {
                var ap = a, am = a
                ap.alphas![k] += h
                am.alphas![k] -= h
                let yp = ap.forward(z, width: 3), ym = am.forward(z, width: 3)
                let numeric = (0..<z.count).reduce(Float(0)) { $0 + (yp[$1] - ym[$1]) / (2 * h) * dy[$1] }
                #expect(abs(numeric - dAlpha![k]) < 2e-3, "alpha[\(k)]: numeric \(numeric), backprop \(dAlpha![k])")
            }
        }
    }

    @Test("a PReLU network's alphas are trained parameters with correct gradients")
    func preluNetwork() {
        var g = SplitMix64(seed: 21)
        let network = Network(layers: [
            Dense(inputSize: 3, outputSize: 4, activation: .prelu(alphas: [0.1, 0.2, 0.3, 0.4]), using: &g),
            Dense(inputSize: 4, outputSize: 2, activation: .softmax, using: &g),
        ])
        #expect(network.layers[0].parameters.count == 3)
        let inputs = (0..<12).map { _ in 2 * g.unitFloat() - 1 }
        let targets: [Float] = [1, 0, 0, 1, 1, 0, 0, 1]
        checkGradients(network, inputs: inputs, targets: targets, batchSize: 4, loss: .mse)
    }
}
