import Testing
@testable import Soma

/// Each initializer's spread, measured on 40,000 seeded draws for a layer whose
/// fans differ by a factor of four, so a halved variance or the wrong fan shows.
@Suite("Initializer spread")
struct InitializerSpreadTests {
    static let fanIn = 50
    static let fanOut = 200

    /// The variance each rule promises, in Double.
    static func promisedVariance(_ initializer: Initializer) -> Double {
        let (fi, fo) = (Double(fanIn), Double(fanOut))
        switch initializer {
        case .xavierUniform, .xavierNormal: return 2 / (fi + fo)
        case .heUniform, .heNormal: return 2 / fi
        case .zeros: return 0
        case .constant: return 0
        }
    }

    static let random: [Initializer] = [.xavierUniform, .xavierNormal, .heUniform, .heNormal]

    @Test("mean 0 and the promised variance within 3%", arguments: random)
    func variance(_ initializer: Initializer) {
        var generator = SplitMix64(seed: 7)
        let w = initializer.weights(count: 40_000, fanIn: Self.fanIn, fanOut: Self.fanOut, using: &generator)
        let n = Double(w.count)
        let mean = w.reduce(0) { $0 + Double($1) } / n
        let variance = w.reduce(0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / (n - 1)
        let promised = Self.promisedVariance(initializer)
        #expect(abs(mean) < 0.03 * promised.squareRoot(), "\(initializer.name): mean \(mean)")
        #expect(abs(variance / promised - 1) < 0.03,
                "\(initializer.name): variance \(variance), promised \(promised) (ratio \(variance / promised))")
    }

    @Test("uniform draws stay inside ±sqrt(3·variance) and reach near its edge",
          arguments: [Initializer.xavierUniform, .heUniform])
    func uniformLimit(_ initializer: Initializer) {
        var generator = SplitMix64(seed: 8)
        let w = initializer.weights(count: 40_000, fanIn: Self.fanIn, fanOut: Self.fanOut, using: &generator)
        let limit = Float((3 * Self.promisedVariance(initializer)).squareRoot())
        let largest = w.map(abs).max()!
        #expect(largest <= limit * (1 + 1e-6), "\(initializer.name): |w| up to \(largest), limit \(limit)")
        #expect(largest > limit * 0.999, "\(initializer.name): |w| only up to \(largest), limit \(limit)")
    }

    @Test("normal draws have normal tails: about 4.55% beyond two standard deviations",
          arguments: [Initializer.xavierNormal, .heNormal])
    func normalTails(_ initializer: Initializer) {
        var generator = SplitMix64(seed: 9)
        let w = initializer.weights(count: 40_000, fanIn: Self.fanIn, fanOut: Self.fanOut, using: &generator)
        let sd = Self.promisedVariance(initializer).squareRoot()
        let share = Double(w.filter { abs(Double($0)) > 2 * sd }.count) / Double(w.count)
        #expect(abs(share - 0.0455) < 0.006, "\(initializer.name): \(share) beyond 2σ")
    }

    @Test("zeros and constant fill every weight")
    func fixedValues() {
        var generator = SplitMix64(seed: 1)
        #expect(Initializer.zeros.weights(count: 6, fanIn: 2, fanOut: 3, using: &generator) == [Float](repeating: 0, count: 6))
        #expect(Initializer.constant(0.5).weights(count: 4, fanIn: 2, fanOut: 2, using: &generator)
                == [Float](repeating: 0.5, count: 4))
    }
}
