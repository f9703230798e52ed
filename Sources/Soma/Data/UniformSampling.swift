import Foundation

/// Sampling helpers on any seeded generator, written out here rather than taken
/// from the standard library so the same seed gives the same numbers on every
/// Swift version (the library's algorithms for `random(in:)` may change).
extension RandomNumberGenerator {
    /// A uniform integer in `0 ..< bound` (Lemire's multiply-high; bias below 2⁻⁶⁴·bound).
    public mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform Float in [0, 1) with 24 random bits.
    public mutating func unitFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal sample (Box–Muller, one of the pair), computed in Double.
    public mutating func standardNormal() -> Float {
        let u1 = (Double(next() >> 11) + 1) * 0x1p-53  // (0, 1]: log stays finite
        let u2 = Double(next() >> 11) * 0x1p-53
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// Shuffles `array` in place (Fisher–Yates).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for last in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(last, index(below: last + 1))
        }
    }
}
