import Testing
@testable import Soma

/// Steps where ε is as large as the gradient's scale, so where ε sits in the
/// denominator (outside the square root, after bias correction) changes the
/// answer by a factor, not by a rounding.
@Suite("Optimizers where ε dominates")
struct OptimizerEpsilonTests {
    /// One step from p = 0 with gradient `g`.
    static func firstStep<O: Optimizer>(_ optimizer: O, gradient g: Float) -> Float {
        var p: [Float] = [0]
        var state = optimizer.makeState(count: 1)
        optimizer.update(&p, gradient: [g], state: &state, step: 1)
        return p[0]
    }

    static func expectClose(_ got: Float, _ expected: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(Double(got) / expected - 1) < 1e-5, "\(what): \(got), expected \(expected)",
                sourceLocation: sourceLocation)
    }

    @Test("RMSprop: p = -lr·g / (sqrt(s) + ε), s = (1-ρ)·g², ε outside the root")
    func rmsprop() {
        // s = 0.1·1e-6 = 1e-7, sqrt(s) = 3.1622777e-4; ε inside the root would give sqrt(1e-2 + 1e-7) ≈ 0.1.
        let expected = -0.1 * 1e-3 / ((0.1 * 1e-6).squareRoot() + 1e-2)
        Self.expectClose(Self.firstStep(RMSprop(learningRate: 0.1, rho: 0.9, epsilon: 1e-2), gradient: 1e-3),
                         expected, "RMSprop")
    }

    @Test("Adam: p = -lr·m̂ / (sqrt(v̂) + ε) with both moments bias-corrected")
    func adam() {
        // Step 1: m̂ = g, v̂ = g², so p = -lr·g / (|g| + ε). ε inside the root, or ε added
        // before the bias correction (the paper's ε̂ form), give 3× and 30× other answers.
        let expected = -0.1 * 1e-3 / (1e-3 + 0.1)
        Self.expectClose(Self.firstStep(Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.1),
                                        gradient: 1e-3), expected, "Adam step 1")
    }

    @Test("Adam step 2 with ε dominant: the correction uses the step number")
    func adamSecondStep() {
        let adam = Adam(learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 0.1)
        var p: [Float] = [0]
        var state = adam.makeState(count: 1)
        adam.update(&p, gradient: [1e-3], state: &state, step: 1)
        adam.update(&p, gradient: [1e-3], state: &state, step: 2)
        // A constant gradient keeps m̂ = g and v̂ = g² at every step.
        let step = 0.1 * 1e-3 / (1e-3 + 0.1)
        Self.expectClose(p[0], -2 * step, "Adam step 2")
    }
}
