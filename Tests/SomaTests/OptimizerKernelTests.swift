import Testing
@testable import Soma

/// The vectorised optimizer steps against the documented formulas written out
/// as scalar Swift (one rounding per operation, in the order written), bit for
/// bit, on a tensor whose length leaves vector tails, over enough steps that
/// Adam's first bias correction reaches exactly 1 (step 165 with beta1 0.9).
@Suite("Optimizer kernels")
struct OptimizerKernelTests {
    static let count = 37
    static let steps = 200

    static func gradients(step: Int) -> [Float] {
        var g = SplitMix64(seed: UInt64(step))
        return (0..<count).map { _ in (2 * g.unitFloat() - 1) * Float(1 << Int(g.next() % 6)) / 8 }
    }

    static var start: [Float] {
        var g = SplitMix64(seed: 99)
        return (0..<count).map { _ in 2 * g.unitFloat() - 1 }
    }

    /// The parameter bits after `steps` updates by `optimizer`.
    static func run<O: Optimizer>(_ optimizer: O) -> [Float] {
        var p = start
        var state = optimizer.makeState(count: count)
        for t in 1...steps { optimizer.update(&p, gradient: gradients(step: t), state: &state, step: t) }
        return p
    }

    @Test("Adam equals its scalar formula bit for bit, before and after its first correction rounds to 1")
    func adam() {
        let o = Adam(learningRate: 0.01, weightDecay: 0.001)
        #expect(Adam.biasCorrection(o.beta1, step: 164) != 1 && Adam.biasCorrection(o.beta1, step: 165) == 1)
        var p = Self.start, m = [Float](repeating: 0, count: Self.count), v = m
        for t in 1...Self.steps {
            let g = Self.gradients(step: t)
            let c1 = Adam.biasCorrection(o.beta1, step: t), c2 = Adam.biasCorrection(o.beta2, step: t)
            for k in p.indices {
                let gk = g[k] + o.weightDecay * p[k]
                m[k] = o.beta1 * m[k] + (1 - o.beta1) * gk
                v[k] = o.beta2 * v[k] + (1 - o.beta2) * (gk * gk)
                let mhat = m[k] / c1, vhat = v[k] / c2
                p[k] = p[k] - o.learningRate * mhat / (vhat.squareRoot() + o.epsilon)
            }
        }
        expectSameBits(Self.run(o), p)
    }

    @Test("RMSprop equals its scalar formula bit for bit")
    func rmsprop() {
        let o = RMSprop(learningRate: 0.01, weightDecay: 0.001)
        var p = Self.start, s = [Float](repeating: 0, count: Self.count)
        for t in 1...Self.steps {
            let g = Self.gradients(step: t)
            for k in p.indices {
                let gk = g[k] + o.weightDecay * p[k]
                s[k] = o.rho * s[k] + (1 - o.rho) * (gk * gk)
                p[k] = p[k] - o.learningRate * gk / (s[k].squareRoot() + o.epsilon)
            }
        }
        expectSameBits(Self.run(o), p)
    }

    @Test("Momentum and Nesterov equal their scalar formulas bit for bit", arguments: [false, true])
    func momentum(_ nesterov: Bool) {
        let (lr, mu, wd): (Float, Float, Float) = (0.05, 0.9, 0.001)
        var p = Self.start, v = [Float](repeating: 0, count: Self.count)
        for t in 1...Self.steps {
            let g = Self.gradients(step: t)
            for k in p.indices {
                let gk = g[k] + wd * p[k]
                v[k] = mu * v[k] + gk
                p[k] = p[k] - lr * (nesterov ? gk + mu * v[k] : v[k])
            }
        }
        let got = nesterov ? Self.run(Nesterov(learningRate: lr, momentum: mu, weightDecay: wd))
                           : Self.run(Momentum(learningRate: lr, momentum: mu, weightDecay: wd))
        expectSameBits(got, p)
    }
}
