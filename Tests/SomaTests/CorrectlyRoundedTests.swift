import Testing
@testable import Soma

/// Known correctly rounded values (computed with mpmath at 300 bits) and the
/// special inputs. Several are inputs that glibc 2.36's expf, expm1f or tanhf
/// round the wrong way, so a libm passthrough fails here. `make check-math`
/// proves every input; these pin the behaviour in `swift test`.
struct CorrectlyRoundedTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let function: String
        let x: Float
        let expected: Float
        var testDescription: String { "\(function)(\(x))" }
    }

    static func evaluate(_ function: String, _ x: Float) -> Float {
        switch function {
        case "exp": return CorrectlyRounded.exp(x)
        case "expm1": return CorrectlyRounded.expm1(x)
        default: return CorrectlyRounded.tanh(x)
        }
    }

    static let known: [Case] = [
        Case(function: "exp", x: 1, expected: 0x1.5bf0a8p+1),
        Case(function: "exp", x: -1, expected: 0x1.78b564p-2),
        Case(function: "exp", x: 10, expected: 0x1.5829dcp+14),
        Case(function: "exp", x: 0x1.0075e8p-7, expected: 0x1.0202eep+0),  // glibc 2.36: 0x1.0202f0p+0
        Case(function: "exp", x: -100, expected: 0x1.bp-145),  // subnormal
        Case(function: "exp", x: 0x1.62e42ep+6, expected: 0x1.ffff08p+127),  // the largest finite
        Case(function: "exp", x: 0x1.62e430p+6, expected: .infinity),  // the first to overflow
        Case(function: "exp", x: -0x1.9fe368p+6, expected: 0x1p-149),  // the last non-zero
        Case(function: "exp", x: -0x1.9fe36ap+6, expected: 0),  // the first below 2^-150
        Case(function: "expm1", x: -0x1.00b9e2p-7, expected: -0x1.ff7232p-8),  // glibc: -0x1.ff7234p-8
        Case(function: "expm1", x: 0x1p-20, expected: 0x1.000008p-20),
        Case(function: "expm1", x: -1, expected: -0x1.43a54ep-1),
        Case(function: "expm1", x: 5, expected: 0x1.26d38ap+7),
        Case(function: "expm1", x: -0x1.154244p+4, expected: -0x1.fffffep-1),
        Case(function: "expm1", x: -0x1.154246p+4, expected: -1),  // the first to round to -1
        Case(function: "tanh", x: 0x1p-7, expected: 0x1.fffd56p-8),  // glibc: 0x1.fffd54p-8
        Case(function: "tanh", x: 0x1.00056ap-7, expected: 0x1.000414p-7),  // glibc: 0x1.000416p-7
        Case(function: "tanh", x: 0.5, expected: 0x1.d9353ep-2),
        Case(function: "tanh", x: -3, expected: -0x1.fd77d2p-1),
        Case(function: "tanh", x: 0x1.205966p+3, expected: 0x1.fffffep-1),
        Case(function: "tanh", x: 0x1.205968p+3, expected: 1),  // the first to round to 1
        Case(function: "tanh", x: 0x1p-149, expected: 0x1p-149),
    ]

    @Test(arguments: known)
    func knownValue(_ c: Case) {
        let got = Self.evaluate(c.function, c.x)
        #expect(got.bitPattern == c.expected.bitPattern, "\(c.function)(\(c.x)) = \(got), want \(c.expected)")
    }

    @Test(arguments: ["exp", "expm1", "tanh"])
    func specials(_ function: String) {
        let f = { (x: Float) in Self.evaluate(function, x) }
        #expect(f(.nan).isNaN)
        #expect(f(-.nan).isNaN)
        switch function {
        case "exp":
            #expect(f(0).bitPattern == Float(1).bitPattern && f(-0.0).bitPattern == Float(1).bitPattern)
            #expect(f(.infinity) == .infinity && f(-.infinity).bitPattern == Float(0).bitPattern)
        case "expm1":
            #expect(f(0).bitPattern == Float(0).bitPattern && f(-0.0).bitPattern == Float(-0.0).bitPattern)
            #expect(f(.infinity) == .infinity && f(-.infinity) == -1)
            #expect(f(-.leastNonzeroMagnitude).bitPattern == (-Float.leastNonzeroMagnitude).bitPattern)
        default:
            #expect(f(0).bitPattern == Float(0).bitPattern && f(-0.0).bitPattern == Float(-0.0).bitPattern)
            #expect(f(.infinity) == 1 && f(-.infinity) == -1)
            #expect(f(-.leastNonzeroMagnitude).bitPattern == (-Float.leastNonzeroMagnitude).bitPattern)
        }
    }

    /// Odd symmetry is exact: tanh(−x) = −tanh(x) for every sampled x.
    @Test func tanhIsOdd() {
        var generator = SplitMix64(seed: 3)
        for _ in 0..<100_000 {
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7FFF_FFFF)
            guard !x.isNaN else { continue }
            #expect(CorrectlyRounded.tanh(-x).bitPattern == (-CorrectlyRounded.tanh(x)).bitPattern)
        }
    }
}
