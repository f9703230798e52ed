extension ModelFile {
    /// FNV-1a, 64-bit, over the little-endian bytes of every parameter as
    /// binary32, in the format's order: input scaling mean and std; then per
    /// layer its parameters (``ModelLayer/parameterValues``); then output
    /// scaling mean and std.
    public static func fnv1a64(_ values: [Float], continuing hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var h = hash
        for value in values {
            var bits = value.bitPattern
            for _ in 0..<4 {
                h ^= UInt64(bits & 0xFF)
                h = h &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        return h
    }

    /// The checksum of the parameters this model holds, as written in files:
    /// `"fnv1a64:"` and 16 lowercase hex digits.
    public var computedChecksum: String {
        var h = Self.fnv1a64([])
        if let scaling = inputScaling {
            h = Self.fnv1a64(scaling.mean, continuing: h)
            h = Self.fnv1a64(scaling.std, continuing: h)
        }
        for layer in layers {
            h = Self.fnv1a64(layer.parameterValues, continuing: h)
        }
        if let scaling = outputScaling {
            h = Self.fnv1a64(scaling.mean, continuing: h)
            h = Self.fnv1a64(scaling.std, continuing: h)
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// True if `text` has the checksum form: `"fnv1a64:"` then 16 lowercase hex digits.
    static func isWellFormedChecksum(_ text: String) -> Bool {
        let prefix = "fnv1a64:"
        guard text.hasPrefix(prefix) else { return false }
        let digits = text.utf8.dropFirst(prefix.utf8.count)
        return digits.count == 16 && digits.allSatisfy {
            ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f"))
        }
    }
}
