/// SplitMix64 (Steele, Lea and Flood, 2014; Vigna's public-domain reference
/// code): the seeded generator behind every random choice in Soma — initial
/// weights, shuffles, data splits, generated data sets.
///
/// The same seed gives the same sequence on every platform and Swift version,
/// so a training run is reproducible from its recorded seed. State is one
/// `UInt64`; each call adds the golden-ratio increment `0x9E3779B97F4A7C15` and
/// returns the mixed state. Every seed, including 0, is fine. Not for cryptography.
///
/// Pass it on as `inout some RandomNumberGenerator`; there is no global generator.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The current state; the next output is a function of it alone.
    public private(set) var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
