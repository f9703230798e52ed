import Foundation
import Testing
@testable import Soma

/// The graph-built two-layer network against the trainer's `Network` of `Dense`
/// layers with categorical cross-entropy: same weights, same batch.
///
/// Bound: none — every value must have the same bits. The graph's nodes do the
/// trainer's operations in the trainer's order (forward: bias, then one fma per
/// input; backward: product-then-sum from 0 in batch/output order; the mean
/// over rows as a product with `1/rows`; sigmoid's `dout·(y·(1-y))`), so any
/// difference is a bug in one of them, not rounding.
@Suite("Graph = trainer")
struct GraphTrainerEquivalenceTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let hidden: ActivationKind
        let batch: Int
        var testDescription: String { "\(hidden.rawValue), batch of \(batch)" }
    }

    static let cases = [ActivationKind.relu, .sigmoid].flatMap { a in [1, 3, 4].map { Case(hidden: a, batch: $0) } }

    /// A 3 → 5 → 4 network (sizes all differ, so a transposed layout cannot pass),
    /// random biases, a batch of inputs in [-1, 1) and one-hot targets.
    struct Fixture {
        var graph: TwoLayerNet
        var trainer: Network
        var x: Matrix
        var t: Matrix

        init(_ c: Case, seed: UInt64 = 14) {
            var g = SplitMix64(seed: seed)
            func random(_ count: Int) -> [Float] { (0..<count).map { _ in 2 * g.unitFloat() - 1 } }
            let w1 = Matrix(rows: 3, cols: 5, values: random(15)), b1 = random(5)
            let w2 = Matrix(rows: 5, cols: 4, values: random(20)), b2 = random(4)
            graph = TwoLayerNet(W1: w1, b1: b1, W2: w2, b2: b2, hiddenActivation: c.hidden)
            // The trainer keeps weights output-major: the graph's W transposed.
            trainer = Network(layers: [
                Dense(inputSize: 3, outputSize: 5, weights: w1.transposed.values, bias: b1,
                      activation: ActivationSpec(kind: c.hidden)),
                Dense(inputSize: 5, outputSize: 4, weights: w2.transposed.values, bias: b2, activation: .softmax),
            ])
            x = Matrix(rows: c.batch, cols: 3, values: random(3 * c.batch))
            var targets = Matrix.zeros(rows: c.batch, cols: 4)
            for r in 0..<c.batch { targets[r, Int(g.next() % 4)] = 1 }
            t = targets
        }
    }

    @Test("loss, probabilities and every gradient have the trainer's bits", arguments: cases)
    func sameGradients(_ c: Case) {
        var f = Fixture(c)
        let pass = f.graph.gradient(f.x, f.t)
        let (loss, gradients) = f.trainer.lossAndGradients(inputs: f.x.values, targets: f.t.values, batchSize: c.batch,
                                                            loss: .categoricalCrossEntropy)
        expectSameBits([pass.loss], [loss], "loss")
        expectSameBits(pass.probabilities.values, f.trainer.predict(batch: f.x.values, batchSize: c.batch),
                       "probabilities")
        expectSameBits(pass.dW1.transposed.values, gradients[0][0], "dW1")
        expectSameBits(pass.db1, gradients[0][1], "db1")
        expectSameBits(pass.dW2.transposed.values, gradients[1][0], "dW2")
        expectSameBits(pass.db2, gradients[1][1], "db2")
    }

    @Test("one SGD step leaves the trainer's weights, bit for bit", arguments: cases)
    func sameStep(_ c: Case) {
        var f = Fixture(c)
        let pass = f.graph.gradient(f.x, f.t)
        f.graph.descend(pass, learningRate: 0.1)
        var state = OptimizerState<SGD>()
        f.trainer.trainStep(inputs: f.x.values, targets: f.t.values, batchSize: c.batch,
                            loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 0.1), state: &state)
        expectSameBits(f.graph.affine1.W.transposed.values, f.trainer.layers[0].parameters[0], "W1")
        expectSameBits(f.graph.affine1.b, f.trainer.layers[0].parameters[1], "b1")
        expectSameBits(f.graph.affine2.W.transposed.values, f.trainer.layers[1].parameters[0], "W2")
        expectSameBits(f.graph.affine2.b, f.trainer.layers[1].parameters[1], "b2")
    }

    /// Central differences of the loss computed in Double (h = 1e-6): the
    /// Float gradients differ from them by Float rounding (≈1e-7 here) plus the
    /// truncation error (≈h²), far inside 1e-5; a wrong gradient is off by ≫ 1e-3.
    @Test("both agree with central differences", arguments: cases)
    func centralDifferences(_ c: Case) {
        var f = Fixture(c)
        let pass = f.graph.gradient(f.x, f.t)
        #expect(pass.affine1.values.allSatisfy { abs($0) > 1e-3 }, "a pre-activation sits on ReLU's kink")
        let params = [f.graph.affine1.W.values, f.graph.affine1.b, f.graph.affine2.W.values, f.graph.affine2.b]
            .map { $0.map(Double.init) }
        let analytic = [pass.dW1.values, pass.db1, pass.dW2.values, pass.db2]
        let h = 1e-6
        for p in params.indices {
            for k in params[p].indices {
                var plus = params, minus = params
                plus[p][k] += h
                minus[p][k] -= h
                let numeric = (referenceLoss(plus, f, c.hidden) - referenceLoss(minus, f, c.hidden)) / (2 * h)
                #expect(abs(numeric - Double(analytic[p][k])) <= 1e-5,
                        "parameter \(p)[\(k)]: central difference \(numeric), backprop \(analytic[p][k])")
            }
        }
    }

    /// The loss in Double from scratch: affine, activation, affine, softmax,
    /// cross-entropy summed over classes and averaged over rows (``Loss``'s convention).
    func referenceLoss(_ params: [[Double]], _ f: Fixture, _ hidden: ActivationKind) -> Double {
        let (w1, b1, w2, b2) = (params[0], params[1], params[2], params[3])
        var total = 0.0
        for r in 0..<f.x.rows {
            let h = (0..<5).map { o -> Double in
                let a = (0..<3).reduce(b1[o]) { $0 + Double(f.x[r, $1]) * w1[$1 * 5 + o] }
                return hidden == .relu ? max(a, 0) : 1 / (1 + Foundation.exp(-a))
            }
            let s = (0..<4).map { o in (0..<5).reduce(b2[o]) { $0 + h[$1] * w2[$1 * 4 + o] } }
            let lse = Foundation.log(s.map { Foundation.exp($0) }.reduce(0, +))
            for o in 0..<4 { total += Double(f.t[r, o]) * (lse - s[o]) }
        }
        return total / Double(f.x.rows)
    }

    @Test("forward values of the nodes match the trainer's layers")
    func nodeValues() {
        var f = Fixture(Case(hidden: .relu, batch: 4))
        let pass = f.graph.gradient(f.x, f.t)
        let (_, traces) = f.trainer.forward(f.x.values, batchSize: 4, mode: .training)
        expectSameBits(pass.affine1.values, traces[0].saved[0], "affine1 = Dense 1's z")
        expectSameBits(pass.hidden.values, traces[0].saved[1], "ReLU = Dense 1's y")
        expectSameBits(pass.scores.values, traces[1].saved[0], "affine2 = Dense 2's z")
    }
}
