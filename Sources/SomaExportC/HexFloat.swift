/// C99 hexadecimal floating literals (`0x1.8p-1f`): the exact binary32 value,
/// with no decimal rounding for the compiler to disagree about.
public enum HexFloat {
    /// The literal for a finite `value`, with the `f` suffix: `0x1.8p-1f`,
    /// `-0x1p+0f`, `0x0p+0f`, subnormals as `0x0.000002p-126f`.
    public static func literal(_ value: Float) -> String {
        precondition(value.isFinite, "model values are finite (the reader checks)")
        let sign = value.sign == .minus ? "-" : ""
        let fraction = value.significandBitPattern  // 23 bits
        if value.isZero { return "\(sign)0x0p+0f" }
        // 23 fraction bits, shifted to 24 = six hex digits; trailing zeros dropped.
        var digits = String(fraction << 1, radix: 16)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        let point = digits.isEmpty ? "" : "." + digits
        if value.isSubnormal { return "\(sign)0x0\(point)p-126f" }
        let exponent = Int(value.exponentBitPattern) - 127
        return "\(sign)0x1\(point)p\(exponent < 0 ? "-" : "+")\(abs(exponent))f"
    }
}
